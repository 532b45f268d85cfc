import { defaultLocale } from './locale.ts';
import { cachedFormatter, toLocal } from './send-window.ts';
import type { Meeting, Pace, Subscriber } from './subscriber.ts';

/** Longest piece of subscriber text quoted back in an email. */
export const quoteLimit = 200;

/** Shortens subscriber text for quoting, on a word boundary. */
export function clip(text: string, limit = quoteLimit): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > limit / 2 ? space : limit)}…`;
}

/** "Sam", "Sam and Priya", "Sam, Priya and Jordan". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Whom a date is written for: the zone it is read in and the locale it is written in. */
export type Reader = Pick<Subscriber, 'timezone' | 'locale'>;

/**
 * How the coach writes dates and times. The sentences around them are English
 * (the course copy is), so any word in a date is English too, while the order
 * and the clock follow the reader's locale:
 *
 * - `day`, "Thursday 3 December" (en-GB, de-DE, fr-FR...) or "Thursday,
 *   December 3" (en-US, ja-JP...): English names in the locale's day-month
 *   order. An English locale (en-IN, en-CA...) is used as it is.
 * - `time`, the locale's clock: "09:00" (de-DE, en-GB), "09.00" (fi-FI),
 *   "09 h 00" (fr-CA); a 12-hour locale reads "9:00 AM" (its own English
 *   when it is one, en-CA "9:00 a.m.").
 * - `shortDate`, all numbers, in the locale's own form: "03/12/2026" (en-GB),
 *   "3.12.2026" (de-DE), "12/3/2026" (en-US), "2026/12/3" (ja-JP). For lists.
 * - `month`, "December": a name in a sentence, always English.
 *
 * Every formatter pins the Gregorian calendar and Latin digits, whatever the
 * locale's own (fa-IR would count years from 622 in Persian digits).
 */
export type LocalStyle = 'day' | 'time' | 'shortDate' | 'month';

const gregorianLatin = { calendar: 'gregory', numberingSystem: 'latn' } as const;

/** What a locale decides about writing dates: who writes the words, the order, the clock. */
function conventionsOf(locale: string) {
  let own: Intl.Locale;
  try {
    own = new Intl.Locale(locale, gregorianLatin);
  } catch {
    // Stored tags are normalized; anything else reads as the default.
    own = new Intl.Locale(defaultLocale, gregorianLatin);
  }
  const tag = own.toString();
  const parts = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' })
    .formatToParts(0)
    .map((p) => p.type);
  const { hourCycle } = new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions();
  const english = own.language === 'en';
  const dayFirst = parts.indexOf('day') < parts.indexOf('month');
  const inEnglish = (fallback: string) =>
    english ? tag : new Intl.Locale(fallback, gregorianLatin).toString();
  return {
    tag,
    wordsLocale: inEnglish(dayFirst ? 'en-GB' : 'en-US'),
    twelveHour: hourCycle === 'h11' || hourCycle === 'h12',
    twelveHourLocale: inEnglish('en-US'),
  };
}

function createFormatter(style: LocalStyle, locale: string, timeZone: string) {
  const c = conventionsOf(locale);
  switch (style) {
    case 'day':
      return new Intl.DateTimeFormat(c.wordsLocale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone,
      });
    case 'time':
      return c.twelveHour
        ? new Intl.DateTimeFormat(c.twelveHourLocale, {
            hour: 'numeric',
            minute: '2-digit',
            hourCycle: 'h12',
            timeZone,
          })
        : new Intl.DateTimeFormat(c.tag, {
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone,
          });
    case 'shortDate':
      return new Intl.DateTimeFormat(c.tag, {
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        timeZone,
      });
    case 'month':
      return new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { month: 'long', timeZone });
  }
}

/**
 * `instant` as the reader reads it in their zone and locale, in one of the
 * {@link LocalStyle}s. Direction marks are dropped (the text around is
 * left-to-right English) and a narrow no-break space is an ordinary one.
 */
export function localText(instant: Date, reader: Reader, style: LocalStyle): string {
  const { timezone, locale } = reader;
  return cachedFormatter(`text|${style}|${locale}|${timezone}`, () =>
    createFormatter(style, locale, timezone),
  )
    .format(instant)
    .replace(/[\u200e\u200f\u061c]/g, '')
    .replace(/\u202f/g, ' ');
}

/** A date as the reader reads it: "Thursday 3 December" (en-GB), "Thursday, December 3" (en-US). */
export function localDay(instant: Date, reader: Reader): string {
  return localText(instant, reader, 'day');
}

/** Meetings logged in the subscriber's current local month. */
export function meetingsThisMonth(meetings: readonly Meeting[], now: Date, timezone: string) {
  const here = toLocal(now, timezone);
  const names = meetings
    .filter((m) => {
      const at = toLocal(new Date(m.at), timezone);
      return at.year === here.year && at.month === here.month;
    })
    .flatMap((m) => m.names);
  return { count: names.length, names };
}

/** How the pace reads in a confirmation. */
export function paceText(pace: Pace): string {
  return {
    gentle: 'Your pace is now gentle: a little more time between emails.',
    normal: 'Your pace is now normal.',
    intense: 'Your pace is now intense: emails come closer together.',
  }[pace];
}
