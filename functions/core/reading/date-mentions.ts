/**
 * Date mentions for callers outside the reader (the old `findDateMentions` contract):
 * every date a text names that is today or later, and whether an out-of-office date is
 * believable as a return.
 */
import { dayOfIso, isoOfDay, type Today, todayIn } from './calendar.ts';
import { findDates } from './dates.ts';
import { languageOfLocale } from './language.ts';
import { readDoc } from './text.ts';
import type { LocatedDate } from './types.ts';

/**
 * Every date the text mentions that is today or later in `timezone`, in order of appearance.
 * Past sentences read backwards, so their days drop out. Never throws: an invalid zone or
 * unreadable text gives an empty list. Input beyond 4,000 characters is ignored.
 */
export function findDateMentions(
  text: string,
  now: Date,
  timezone: string,
  locale?: string,
): LocatedDate[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  let today: Today;
  try {
    today = todayIn(now, timezone);
  } catch {
    return [];
  }
  const doc = readDoc(text);
  const lang = languageOfLocale(locale) ?? 'en';
  return findDates(doc, today, lang, locale)
    .filter((d) => d.day >= today.day && (d.precise || d.monthOnly || d.bound))
    .map((d) => ({
      text: d.text.replace(/[\s,;:.!?]+$/u, ''),
      date: d.iso,
      index: d.start,
      endDate: d.endDay === null ? null : isoOfDay(d.endDay),
      yearStated: d.yearStated,
    }));
}

/** Beyond this, a date whose year the text did not state is more likely a past date read forward. */
const MAX_INFERRED_DAYS_AHEAD = 200;
/** Beyond this, no "back on" or "pause until" date is taken at face value. */
export const MAX_DAYS_AHEAD = 366;

/**
 * Whether a date in an automatic reply is believable as the day its sender is back: at most a
 * year ahead, and at most 200 days ahead when the year was inferred (out-of-office notes are
 * often stale).
 */
export function isPlausibleResumeDate(mention: LocatedDate, now: Date, timezone: string): boolean {
  let today: Today;
  try {
    today = todayIn(now, timezone);
  } catch {
    return false;
  }
  const ahead = dayOfIso(mention.date) - today.day;
  return ahead >= 0 && ahead <= (mention.yearStated ? MAX_DAYS_AHEAD : MAX_INFERRED_DAYS_AHEAD);
}
