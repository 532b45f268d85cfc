/**
 * Time-zone math for deciding when an email may go out in a subscriber's local time.
 *
 * Everything here is a pure function of its arguments: callers pass the instant ("now" comes
 * from the clock port), so pacing stays deterministic and testable. The only zone database is
 * the one behind `Intl.DateTimeFormat`, so results follow the runtime's ICU tzdata.
 */

const DAY_MS = 86_400_000;

/** No IANA name comes close to this; the cap keeps hostile input away from ICU. */
const MAX_TIME_ZONE_LENGTH = 64;

/**
 * Bounded because zone names come from subscribers and Intl accepts case variants
 * ("europe/berlin", "EUROPE/BERLIN", ...), so a key per distinct input could otherwise grow
 * without limit in a long-lived process.
 */
const FORMATTER_CACHE_LIMIT = 512;

/**
 * Pinning calendar and numbering system keeps the parts parseable as Gregorian ASCII digits
 * whatever the host's default locale is.
 */
const FORMAT_LOCALE = 'en-US-u-ca-gregory-nu-latn';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar date as shown on a wall calendar in some zone; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock reading in some zone, to the minute; month is 1-12, hour is 0-23. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

/** Local hours during which sending is allowed: `startHour` inclusive, `endHour` exclusive. */
export interface SendWindow {
  startHour: number;
  endHour: number;
}

/**
 * Daytime hours so nobody is emailed at night. Frozen because it is shared by every caller
 * that relies on the default.
 */
export const defaultSendWindow: SendWindow = Object.freeze({ startHour: 7, endHour: 21 });

/**
 * The formatter cached under `key`, made by `create` on a miss (nothing is
 * cached when it throws). Shared by every formatter the core keeps, so one
 * bound covers them all; keys start with what the formatter is for.
 */
export function cachedFormatter(
  key: string,
  create: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  const cached = formatters.get(key);
  if (cached) return cached;
  const created = create();
  if (formatters.size >= FORMATTER_CACHE_LIMIT) {
    const oldest = formatters.keys().next();
    if (!oldest.done) formatters.delete(oldest.value);
  }
  formatters.set(key, created);
  return created;
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  return cachedFormatter(`wall|${tz}`, () => {
    if (typeof tz !== 'string' || tz.length === 0 || tz.length > MAX_TIME_ZONE_LENGTH) {
      throw new RangeError(`Invalid time zone: ${String(tz).slice(0, MAX_TIME_ZONE_LENGTH)}`);
    }
    // `hourCycle: 'h23'` rather than `hour12: false`: on Node 20 the latter resolves to h24 for
    // en-US and prints midnight as "24". `era` is needed because years before 1 CE would
    // otherwise be indistinguishable from positive ones.
    return new Intl.DateTimeFormat(FORMAT_LOCALE, {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  });
}

/**
 * The instant whose UTC fields equal the given wall fields. Used as a zone-free number line
 * for wall times, so wall arithmetic and offsets are plain subtraction.
 */
function wallMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  // setUTCFullYear, because Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

interface WallFields extends LocalDateTime {
  second: number;
}

function wallFieldsAt(ms: number, tz: string): WallFields {
  const fields: WallFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const part of formatterFor(tz).formatToParts(ms)) {
    switch (part.type) {
      case 'era':
        beforeCommonEra = part.value === 'BC' || part.value === 'B';
        break;
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        fields[part.type] = Number(part.value);
        break;
      default:
        break;
    }
  }
  // Astronomical numbering (1 BC is year 0) so it matches Date's proleptic calendar.
  if (beforeCommonEra) fields.year = 1 - fields.year;
  // Belt and braces against the h24 quirk: "24" there means 00 of the same calendar day.
  if (fields.hour === 24) fields.hour = 0;
  return fields;
}

/** Offset from UTC (ms, east positive) in effect at the instant `ms`. */
function offsetAt(ms: number, tz: string): number {
  const f = wallFieldsAt(ms, tz);
  // Intl drops milliseconds, so compare against the instant truncated to the whole second.
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return wallMs(f.year, f.month, f.day, f.hour, f.minute, f.second) - wholeSecond;
}

function requireInstant(instant: Date, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

function requireIntegerIn(value: number, min: number, max: number, name: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function requireLocalDate(local: LocalDate): void {
  // Date would silently roll 2026-02-30 into March; an impossible date here is a caller bug.
  if (!Number.isInteger(local.year)) throw new RangeError(`year must be an integer`);
  requireIntegerIn(local.month, 1, 12, 'month');
  requireIntegerIn(local.day, 1, daysInMonth(local.year, local.month), 'day');
}

function requireLocalDateTime(local: LocalDateTime): void {
  requireLocalDate(local);
  requireIntegerIn(local.hour, 0, 23, 'hour');
  requireIntegerIn(local.minute, 0, 59, 'minute');
}

/**
 * The instant at which the wall clock in `tz` shows `local`. With `pick`, chooses between the
 * two instants of a repeated (fall-back) wall time; a skipped wall time resolves the same
 * either way.
 */
function resolveLocal(local: LocalDateTime, tz: string, pick: 'earlier' | 'later'): number {
  const wall = wallMs(local.year, local.month, local.day, local.hour, local.minute);
  if (Number.isNaN(wall)) throw new RangeError('local time out of range');
  // The offsets a day either side bracket any transition that could affect this wall time,
  // since offsets span less than a day and tzdata never has two transitions within two days.
  const offsetBefore = offsetAt(wall - DAY_MS, tz);
  const offsetAfter = offsetAt(wall + DAY_MS, tz);
  const matches = [wall - offsetBefore, wall - offsetAfter].filter(
    (candidate) => offsetAt(candidate, tz) === wall - candidate,
  );
  if (matches.length === 0) {
    // Skipped wall time. Reading it with the offset that applied before the jump lands exactly
    // the gap length later on the new clock (02:30 EST-reading -> 03:30 EDT), the same as
    // Temporal's "compatible" disambiguation and cron-like schedulers.
    return wall - offsetBefore;
  }
  return pick === 'earlier' ? Math.min(...matches) : Math.max(...matches);
}

/**
 * Whether `tz` names a time zone that this runtime's `Intl` accepts (IANA names and their
 * links, e.g. `Europe/Berlin`, `America/New_York`, `UTC`). Empty and over-long (> 64 chars)
 * strings are rejected without consulting Intl.
 */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall-clock reading in `tz` at `instant`, to the minute, plus the weekday
 * (0 = Sunday ... 6 = Saturday).
 *
 * @throws RangeError for an invalid Date or time zone.
 */
export function toLocal(instant: Date, tz: string): LocalDateTime & { weekday: number } {
  const f = wallFieldsAt(requireInstant(instant, 'instant'), tz);
  // Derived from the date rather than Intl's weekday text, which would be one more
  // locale-dependent string to parse.
  const weekday = new Date(wallMs(f.year, f.month, f.day)).getUTCDay();
  return { year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, weekday };
}

/**
 * The UTC instant at which the wall clock in `tz` shows `local` (seconds zero).
 *
 * - Wall time skipped by a forward transition (DST gap): shifted forward by the gap length,
 *   e.g. 02:30 on US spring-forward day resolves to 03:30 EDT, and 02:15 on Lord Howe's
 *   spring-forward day (a 30-minute gap) to 02:45.
 * - Wall time repeated by a backward transition (overlap): the earlier of the two instants.
 *
 * @throws RangeError for an impossible local date/time or an invalid time zone.
 */
export function fromLocal(local: LocalDateTime, tz: string): Date {
  requireLocalDateTime(local);
  return new Date(resolveLocal(local, tz, 'earlier'));
}

/**
 * Calendar arithmetic on a local date: `days` later (or earlier when negative), rolling over
 * months and years and honouring leap years. Zone-free: a calendar day is a calendar day.
 *
 * @throws RangeError for an impossible date or a non-integer `days`.
 */
export function addLocalDays(local: LocalDate, days: number): LocalDate {
  requireLocalDate(local);
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const shifted = new Date(wallMs(local.year, local.month, local.day) + days * DAY_MS);
  if (Number.isNaN(shifted.getTime())) throw new RangeError('date out of range');
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/**
 * The earliest instant at or after `after` at which the wall clock in `tz` shows
 * `sendHour`:00 on a local date at least `minDays` calendar days after `after`'s local date.
 *
 * `minDays` counts local calendar dates, not 24-hour periods: with `minDays = 1`, 23:30 today
 * is followed by `sendHour` tomorrow. On a day where `sendHour`:00 is skipped by a DST gap the
 * time is shifted forward as in {@link fromLocal}. On a day where it occurs twice, the second
 * occurrence still counts when `after` falls between the two.
 *
 * @param sendHour local hour, an integer 0-23
 * @param minDays non-negative integer
 * @throws RangeError for invalid arguments or time zone.
 */
export function nextSendAt(after: Date, tz: string, sendHour: number, minDays = 0): Date {
  const afterMs = requireInstant(after, 'after');
  requireIntegerIn(sendHour, 0, 23, 'sendHour');
  requireIntegerIn(minDays, 0, Number.MAX_SAFE_INTEGER, 'minDays');
  let date = addLocalDays(toLocal(after, tz), minDays);
  // The first candidate date can only be too early by the time of day, so the next date
  // always works; the extra iterations only cover day-long transitions such as Samoa's in 2011.
  for (let attempt = 0; attempt < 4; attempt++) {
    const local: LocalDateTime = { ...date, hour: sendHour, minute: 0 };
    for (const pick of ['earlier', 'later'] as const) {
      const candidate = resolveLocal(local, tz, pick);
      if (candidate >= afterMs) return new Date(candidate);
    }
    date = addLocalDays(date, 1);
  }
  throw new RangeError(`no ${sendHour}:00 found after ${after.toISOString()} in ${tz}`);
}

/**
 * Whether the local hour in `tz` at `instant` falls inside `window`. A window whose
 * `startHour` is greater than its `endHour` wraps past midnight (22-6 means 22:00-05:59); equal
 * hours make an empty window.
 *
 * @throws RangeError for an invalid instant, time zone or window.
 */
export function inSendWindow(
  instant: Date,
  tz: string,
  window: SendWindow = defaultSendWindow,
): boolean {
  requireIntegerIn(window.startHour, 0, 23, 'startHour');
  requireIntegerIn(window.endHour, 0, 24, 'endHour');
  const { hour } = toLocal(instant, tz);
  if (window.startHour <= window.endHour) {
    return hour >= window.startHour && hour < window.endHour;
  }
  return hour >= window.startHour || hour < window.endHour;
}
