import { ValidationError } from './errors.ts';
import type { PacingContext, PacingEvent, PacingResult } from './pacing/index.ts';
import { addLocalDays, isValidTimeZone, toLocal } from './send-window.ts';
import { startCourse } from './signup.ts';
import { limits, type Pace, paces, parseLocaleField, type Subscriber } from './subscriber.ts';

/** Send hours a subscriber may choose: every send then lands inside the 07:00-21:00 window. */
export const sendHourRange = { min: 7, max: 20 } as const;

/** The furthest ahead a pause may be set, in days. */
export const maxPauseDays = 365;

/** A preferences change, as the pacing takes it. */
export type PreferencesEvent = Extract<PacingEvent, { type: 'preferences' }>;

function text(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(name, 'must be text');
  return value.trim();
}

/**
 * Reads the preferences form. Every field is optional (absent means unchanged);
 * a present one must be valid: pace one of the three, sendHour a whole hour in
 * {@link sendHourRange}, timezone an IANA name, skipWeekends yes or no, locale
 * a language tag `Intl` knows (stored normalized: `en-gb` becomes `en-GB`).
 */
export function parsePreferences(fields: Record<string, unknown>): PreferencesEvent {
  const event: PreferencesEvent = { type: 'preferences' };
  const pace = text(fields, 'pace');
  if (pace !== undefined) {
    if (!paces.includes(pace as Pace)) {
      throw new ValidationError('pace', 'must be gentle, normal or intense');
    }
    event.pace = pace as Pace;
  }
  const hour = text(fields, 'sendHour');
  if (hour !== undefined) {
    const value = /^\d{1,2}$/.test(hour) ? Number(hour) : Number.NaN;
    if (!(value >= sendHourRange.min && value <= sendHourRange.max)) {
      throw new ValidationError(
        'sendHour',
        `must be a whole hour from ${sendHourRange.min} to ${sendHourRange.max}`,
      );
    }
    event.sendHour = value;
  }
  const timezone = text(fields, 'timezone');
  if (timezone !== undefined) {
    if (timezone.length > limits.timezone || !isValidTimeZone(timezone)) {
      throw new ValidationError('timezone', 'is not a known IANA time zone');
    }
    event.timezone = timezone;
  }
  const weekends = fields.skipWeekends;
  if (weekends !== undefined && weekends !== '') {
    if (weekends === 'yes' || weekends === true) event.skipWeekends = true;
    else if (weekends === 'no' || weekends === false) event.skipWeekends = false;
    else throw new ValidationError('skipWeekends', 'must be yes or no');
  }
  const locale = parseLocaleField(fields);
  if (locale !== undefined) event.locale = locale;
  return event;
}

/** `YYYY-MM-DD` of a local date. */
export function isoDate(date: { year: number; month: number; day: number }): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  try {
    // Impossible dates (2026-02-30) throw rather than roll over.
    addLocalDays({ year, month, day }, 0);
    return true;
  } catch {
    return false;
  }
}

/** The first and last dates a pause may end on, in the subscriber's zone. */
export function pauseRange(now: Date, timezone: string): { min: string; max: string } {
  const today = toLocal(now, timezone);
  return {
    min: isoDate(addLocalDays(today, 1)),
    max: isoDate(addLocalDays(today, maxPauseDays)),
  };
}

/**
 * Reads the pause form: `until` empty means "until I resume"; otherwise a real
 * local date from tomorrow to a year ahead in the subscriber's zone.
 */
export function parsePause(
  fields: Record<string, unknown>,
  now: Date,
  timezone: string,
): Extract<PacingEvent, { type: 'pause' }> {
  const until = text(fields, 'until');
  if (until === undefined) return { type: 'pause', until: null };
  if (!isRealDate(until)) throw new ValidationError('until', 'must be a date like 2026-03-14');
  const range = pauseRange(now, timezone);
  if (until < range.min) throw new ValidationError('until', 'must be after today');
  if (until > range.max) throw new ValidationError('until', 'must be within a year');
  return { type: 'pause', until };
}

/**
 * Restarts an unsubscribed course from the subscriber's own signed manage link.
 * No new confirmation email: the link was mailed to the address, so using it
 * proves control of the mailbox, which is all a confirmation would prove. The
 * consent is recorded as a new one (source `manage-link`), the old one kept in
 * its history. Any other status is returned unchanged.
 */
export function resubscribe(state: Subscriber, now: Date, ctx: PacingContext): PacingResult {
  if (state.status !== 'unsubscribed') return { state, emails: [] };
  const signup = { at: now.toISOString(), source: 'manage-link' as const };
  const { name, timezone, locale } = state;
  return startCourse(state, { ...signup, name, timezone, locale }, now, ctx);
}
