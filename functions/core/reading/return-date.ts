/**
 * The day an out-of-office sender is back, for auto-reply.ts: the reply's language, its
 * dates read in the subscriber's locale, and the absence rules of absence.ts.
 */
import { untilOf } from './absence.ts';
import { type Today, todayIn } from './calendar.ts';
import { findDates } from './dates.ts';
import { detectLanguage } from './language.ts';
import { readDoc } from './text.ts';

/** Beyond this, a date whose year the note did not state is more likely a stale note read forward. */
const MAX_INFERRED_DAYS_AHEAD = 200;
const MAX_DAYS_AHEAD = 366;

/** See `findReturnDate` in auto-reply.ts. Never throws. */
export function returnDate(
  text: string,
  now: Date,
  timezone: string,
  locale?: string,
): string | null {
  let today: Today;
  try {
    today = todayIn(now, timezone);
  } catch {
    return null;
  }
  const source = typeof text === 'string' ? text : '';
  if (!source.trim()) return null;
  const lang = detectLanguage(source, locale);
  const doc = readDoc(source);
  const dates = findDates(doc, today, lang, locale ?? (lang === 'en' ? 'en-US' : lang));
  return untilOf(doc, dates, today, {
    maxAhead: MAX_DAYS_AHEAD,
    maxInferredAhead: MAX_INFERRED_DAYS_AHEAD,
    ranges: true,
  });
}
