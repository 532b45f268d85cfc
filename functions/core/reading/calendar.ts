/**
 * Calendar arithmetic for the reader: local calendar dates as YYYY-MM-DD strings and as day
 * numbers (days since 1970-01-01), the zone's "today" and offset. Pure; time and zone come in.
 */
import { toLocal } from '../send-window.ts';

/** A local calendar date. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a calendar date. */
export function dayNumber(date: Ymd): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(d.getTime() / DAY_MS);
}

/** The calendar date of a day number. */
export function fromDayNumber(day: number): Ymd {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of the week, 0 = Sunday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isoOf(date: Ymd): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function isoOfDay(day: number): string {
  return isoOf(fromDayNumber(day));
}

export function dayOfIso(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  return dayNumber({ year: year ?? 1970, month: month ?? 1, day: day ?? 1 });
}

/** Whether a year/month/day triple is a real date in a sane range. */
export function validYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Adds calendar months, clamping the day ("31 January + 1 month" is 28/29 February). */
export function addMonths(day: number, months: number): number {
  const d = fromDayNumber(day);
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return dayNumber({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** The reader's view of "now": today in the zone, the zone's offset and the start of today. */
export interface Today {
  day: number;
  date: Ymd;
  iso: string;
  /** Minutes east of UTC at `now`. */
  offsetMinutes: number;
  /** The instant local today began (dates are read relative to it). */
  startOfDay: Date;
}

/** Today in `timezone` at `now`; throws on an invalid zone. */
export function todayIn(now: Date, timezone: string): Today {
  const local = toLocal(now, timezone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const nowToMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  const date = { year: local.year, month: local.month, day: local.day };
  return {
    day: dayNumber(date),
    date,
    iso: isoOf(date),
    offsetMinutes: Math.round((wall - nowToMinute) / 60_000),
    startOfDay: new Date(nowToMinute - (local.hour * 60 + local.minute) * 60_000),
  };
}

/**
 * The next day on or after `from` (or strictly after, with `strict`) whose day of the month is
 * `dom`, optionally on a weekday.
 */
export function nextDayOfMonth(
  from: number,
  dom: number,
  weekday = -1,
  strict = false,
): number | null {
  for (let day = from + (strict ? 1 : 0), n = 0; n < 430; day++, n++) {
    const d = fromDayNumber(day);
    if (d.day === dom && (weekday < 0 || weekdayOfDay(day) === weekday)) return day;
  }
  return null;
}

/** The latest day strictly before `from` whose day of the month is `dom`. */
export function previousDayOfMonth(from: number, dom: number): number | null {
  for (let day = from - 1, n = 0; n < 430; day--, n++) {
    if (fromDayNumber(day).day === dom) return day;
  }
  return null;
}

/** The last day of the month `day` falls in. */
export function endOfMonth(day: number): number {
  const d = fromDayNumber(day);
  return dayNumber({ year: d.year, month: d.month, day: daysInMonth(d.year, d.month) });
}
