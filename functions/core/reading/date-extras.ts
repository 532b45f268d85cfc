/**
 * Dates chrono's locale parsers leave alone: a day of the month with no month ("the 14th",
 * "le 21", "el día 21", "op de 21e", "am 21."), German and Dutch "14.12." with its trailing
 * dot, the end of a month ("month end", "Ende Oktober", "fin octobre", "finales de octubre",
 * "eind oktober"), the new year, lists and ranges of days before a month ("7. und 8. Oktober",
 * "del 3 al 5 de junio") and the day after tomorrow ("pasado mañana", "après-demain"), which
 * chrono reads as tomorrow. Each is found on folded text, with offsets.
 */
import {
  addMonths,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  nextDayOfMonth,
  type Today,
  validYmd,
} from './calendar.ts';
import { monthEnds, monthsAlone } from './date-bounds.ts';
import {
  type ExtraDate,
  monthAlternation,
  monthOf,
  weekdayAlternation,
  weekdayOf,
  yearlessDate,
} from './date-words.ts';

export type { ExtraDate };
export { monthOf, weekdayOf };

import type { Language } from './types.ts';

/** Words after "the 3rd" that make it an ordinal of something else ("the 2nd floor"). */
const notADay =
  /^\s*(?:time|times|floor|step|lesson|place|grade|year|anniversary|birthday|person|one|attempt|week|weeks|month|round|edition|row|street|st|avenue|century|draft|version|try|item|point|option|level|stage|quarter|child|kid|of\s+\p{L})\b/u;

const dayOfMonthPatterns: Record<Language, RegExp> = {
  en: new RegExp(
    `\\b(?:(${weekdayAlternation})\\.?,?\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b`,
    'gu',
  ),
  fr: new RegExp(
    `\\b(?:(${weekdayAlternation})\\s+)?(?:le|au|du)\\s+(1er|\\d{1,2})\\b(?!\\s*(?:${monthAlternation}|h\\b|heures?|[:/.,]\\d|%|€|\\d))`,
    'gu',
  ),
  es: new RegExp(
    `\\b(?:(${weekdayAlternation})\\s+)?el\\s+(?:dia\\s+)?(\\d{1,2})\\b(?!\\s*(?:de\\s+(?:${monthAlternation})|h\\b|horas?|[:/.,]\\d|%|€|\\d))`,
    'gu',
  ),
  nl: new RegExp(`\\b(?:(${weekdayAlternation})\\s+)?de\\s+(\\d{1,2})(?:e|ste|de)\\b`, 'gu'),
  de: new RegExp(
    `\\b(?:(${weekdayAlternation}),?\\s+)?(?:am|den|zum)\\s+(\\d{1,2})\\.(?!\\s*(?:\\d|${monthAlternation}))`,
    'gu',
  ),
};

function dayOfMonth(folded: string, lang: Language, today: Today, out: ExtraDate[]): void {
  const pattern = dayOfMonthPatterns[lang];
  pattern.lastIndex = 0;
  for (const match of folded.matchAll(pattern)) {
    const dom = match[2] === '1er' ? 1 : Number(match[2]);
    if (!(dom >= 1 && dom <= 31)) continue;
    const end = match.index + match[0].length;
    if (lang === 'en' && notADay.test(folded.slice(end, end + 30))) continue;
    const weekday = match[1] ? (weekdayOf(match[1]) ?? -1) : -1;
    const day = nextDayOfMonth(today.day, dom, weekday) ?? nextDayOfMonth(today.day, dom);
    if (day === null) continue;
    // "jusqu'au 22", "reporté au 22": the day alone, so "jusqu'au" stays the word before it.
    const start = /^(?:au|du)\s/u.test(match[0]) ? end - (match[2] ?? '').length : match.index;
    out.push({
      start,
      end,
      text: match[0],
      day,
      dayOfMonthOnly: weekday < 0,
      noYear: true,
      yearStated: false,
      bound: false,
    });
  }
}

const weekdayDay = new RegExp(
  `\\b(${weekdayAlternation})\\.?,?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th|e|er)?\\.?(?!\\s*(?:[:/.]\\d|h\\b|${monthAlternation}|de\\s+(?:${monthAlternation})))(?!\\d)`,
  'gu',
);

/** "el lunes 27", "lundi 27", "Monday 27th": the next such day on that weekday. */
function weekdayDays(folded: string, today: Today, out: ExtraDate[]): void {
  for (const match of folded.matchAll(weekdayDay)) {
    const dom = Number(match[2]);
    const weekday = weekdayOf(match[1] ?? '') ?? -1;
    if (!(dom >= 1 && dom <= 31) || weekday < 0) continue;
    const day = nextDayOfMonth(today.day, dom, weekday);
    if (day === null) continue;
    out.push(yearlessDate(match.index, match[0], day, false));
  }
}

/** "9-12" and "9-12-2026" in German, French, Spanish and Dutch: day first. */
function dashedDates(folded: string, today: Today, out: ExtraDate[]): void {
  for (const match of folded.matchAll(/(?<![\d./-])(\d{1,2})-(\d{1,2})(?:-(\d{4}))?(?![\d/-])/gu)) {
    const dom = Number(match[1]);
    const month = Number(match[2]);
    let year = match[3] ? Number(match[3]) : today.date.year;
    // "9-20 maart" or "März 9-12" is a range of days, which chrono reads.
    const wordBefore =
      /(\p{L}+)\s*$/u.exec(folded.slice(Math.max(0, match.index - 12), match.index))?.[1] ?? '';
    if (!validYmd(year, month, dom) || monthOf(wordBefore) !== null) continue;
    let day = dayNumber({ year, month, day: dom });
    if (!match[3] && day < today.day) {
      year += 1;
      day = dayNumber({ year, month, day: Math.min(dom, daysInMonth(year, month)) });
    }
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      day,
      dayOfMonthOnly: false,
      noYear: !match[3],
      yearStated: Boolean(match[3]),
      bound: false,
    });
  }
}

/** "14.12." or "14.12.2026": always day first; "vom 22. bis 24.9." is a range from its first day. */
function dottedDates(folded: string, today: Today, out: ExtraDate[]): void {
  for (const match of folded.matchAll(
    /(?<![\d.])(?:(\d{1,2})\.?\s*(?:-|–|bis|und|&|au|tot)\s*(?:zum\s+)?)?(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?(?![\d])/gu,
  )) {
    const last = Number(match[2]);
    const from = match[1] ? Number(match[1]) : last;
    const month = Number(match[3]);
    let year = match[4] ? Number(match[4]) : today.date.year;
    if (match[4] && year < 100) year += 2000;
    if (from > last || !validYmd(year, month, last)) continue;
    if (!match[4] && dayNumber({ year, month, day: last }) < today.day) year += 1;
    if (!validYmd(year, month, last)) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      day: dayNumber({ year, month, day: from }),
      ...(match[1] ? { endDay: dayNumber({ year, month, day: last }) } : {}),
      dayOfMonthOnly: false,
      noYear: !match[4],
      yearStated: Boolean(match[4]),
      bound: false,
    });
  }
}

/** "7. und 8. Oktober", "15 and 16 October", "del 3 al 5 de junio": the first day of the days. */
const dayList = new RegExp(
  `(?<![\\d./:-])(\\d{1,2})(?:st|nd|rd|th|er|e|\\.)?((?:\\s*(?:,|/|and|und|et|y|en|&|-|–|to|through|bis|au|al|tot)\\s*(?:the\\s+|le\\s+|el\\s+|den\\s+|zum\\s+)?\\d{1,2}(?:st|nd|rd|th|er|e|\\.)?)+)\\s+(?:de\\s+|of\\s+)?(${monthAlternation})(?![\\p{L}])(?:,?\\s+(?:de\\s+)?(\\d{4}))?`,
  'gu',
);

function dayLists(folded: string, today: Today, out: ExtraDate[]): void {
  for (const match of folded.matchAll(dayList)) {
    const month = monthOf(match[3] ?? '');
    const first = Number(match[1]);
    const last = Number(/(\d{1,2})\D*$/u.exec(match[2] ?? '')?.[1] ?? first);
    if (month === null || last < first) continue;
    let year = match[4] ? Number(match[4]) : today.date.year;
    if (!validYmd(year, month, first) || !validYmd(year, month, last)) continue;
    if (!match[4] && dayNumber({ year, month, day: first }) < today.day) year += 1;
    if (!validYmd(year, month, last)) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      day: dayNumber({ year, month, day: first }),
      endDay: dayNumber({ year, month, day: last }),
      dayOfMonthOnly: false,
      noYear: !match[4],
      yearStated: Boolean(match[4]),
      bound: false,
    });
  }
}

/** The day after tomorrow and the day before yesterday, which chrono reads as tomorrow or not at all. */
const relativeDays: readonly [RegExp, number][] = [
  // Texting spellings of tomorrow, which chrono does not know.
  [/\b(?:tmrw|tmw|tmrow|tmoro|2moro|2morrow|2morow)\b/gu, 1],
  [
    /\b(?:the\s+)?day\s+after\s+tomorrow\b|\bubermorgen\b|\bapres[-\s]demain\b|\bpasado\s+manana\b|\bovermorgen\b/gu,
    2,
  ],
  [
    /\b(?:the\s+)?day\s+before\s+yesterday\b|\bvorgestern\b|\bavant[-\s]hier\b|\banteayer\b|\bantier\b|\beergisteren\b/gu,
    -2,
  ],
];

function relative(folded: string, today: Today, out: ExtraDate[]): void {
  for (const [pattern, offset] of relativeDays) {
    for (const match of folded.matchAll(pattern)) {
      out.push({
        start: match.index,
        end: match.index + match[0].length,
        text: match[0],
        day: today.day + offset,
        dayOfMonthOnly: false,
        noYear: false,
        yearStated: false,
        bound: false,
      });
    }
  }
}

/** Every extra date in `folded` (the folded reply, same offsets as the reply). */
export function extraDates(folded: string, lang: Language, today: Today): ExtraDate[] {
  const out: ExtraDate[] = [];
  dayOfMonth(folded, lang, today, out);
  if (lang !== 'en') dayOfMonth(folded, 'en', today, out);
  dottedDates(folded, today, out);
  if (lang !== 'en') dashedDates(folded, today, out);
  weekdayDays(folded, today, out);
  dayLists(folded, today, out);
  relative(folded, today, out);
  monthEnds(folded, today, out);
  monthsAlone(folded, today, out);
  // A date inside a longer one ("le 12" in "du 12 au 14 mars") is part of it.
  return out.filter(
    (d, i) =>
      !out.some(
        (o, j) =>
          j !== i &&
          o.end - o.start > d.end - d.start &&
          ((o.start <= d.start && o.end >= d.end) ||
            (o.endDay !== undefined && o.start < d.end && d.start < o.end)),
      ),
  );
}

/** The latest day before today on that weekday (a week ago when it is today's weekday). */
export function previousWeekday(today: Today, weekday: number): number {
  const current = (((today.day + 4) % 7) + 7) % 7;
  const back = (current - weekday + 7) % 7 || 7;
  return today.day - back;
}

/** The latest day before today with this month and day of month. */
export function previousMonthDay(today: Today, day: number): number {
  const d = fromDayNumber(day);
  const thisYear = dayNumber({
    year: today.date.year,
    month: d.month,
    day: Math.min(d.day, daysInMonth(today.date.year, d.month)),
  });
  return thisYear < today.day ? thisYear : addMonths(thisYear, -12);
}
