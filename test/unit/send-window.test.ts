import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  defaultSendWindow,
  fromLocal,
  inSendWindow,
  isValidTimeZone,
  type LocalDate,
  type LocalDateTime,
  nextSendAt,
  toLocal,
} from '../../functions/core/send-window.ts';

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const at = (iso: string): Date => new Date(iso);

/** Varied on purpose: DST north and south, midnight transitions, :30/:45 offsets, date line. */
const zones = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Santiago',
  'America/Sao_Paulo',
  'Europe/Berlin',
  'Europe/London',
  'Africa/Cairo',
  'Asia/Tehran',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Apia',
] as const;

// Independent helpers for the oracles below: they only use toLocal and Date.UTC.

/** Wall time as a zone-free number (ms) so walls can be compared and subtracted. */
const wallOf = (l: LocalDateTime): number => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
const epochDay = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day) / DAY;
const wallFromMs = (ms: number): LocalDateTime => {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
};
const wallAt = (ms: number, tz: string): number => wallOf(toLocal(new Date(ms), tz));
const offsetAt = (ms: number, tz: string): number =>
  wallAt(ms, tz) - Math.floor(ms / MINUTE) * MINUTE;

/**
 * Every instant at which `tz` shows `local`, by brute force. Since 2000 every zone in the list
 * has offsets that are whole quarter hours within -12h..+14h, so these candidates cover them all.
 */
function instantsShowing(local: LocalDateTime, tz: string): number[] {
  const wall = wallOf(local);
  const found: number[] = [];
  for (let offset = -12 * HOUR; offset <= 14 * HOUR; offset += QUARTER_HOUR) {
    const candidate = wall - offset;
    if (wallAt(candidate, tz) === wall) found.push(candidate);
  }
  return found.sort((a, b) => a - b);
}

const localDateTimeArb = fc
  .record({
    year: fc.integer({ min: 2000, max: 2040 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .map((l) => ({
    ...l,
    day: Math.min(l.day, new Date(Date.UTC(l.year, l.month, 0)).getUTCDate()),
  }));

describe('isValidTimeZone', () => {
  it.each([
    'Europe/Berlin',
    'America/New_York',
    'UTC',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Kiritimati',
  ])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each([
    '',
    ' ',
    'Not/AZone',
    'Europe/Berlin ',
    'Europe/Berlin\u0000',
    '+05:00',
    'x'.repeat(65),
    `Europe/${'x'.repeat(10_000)}`,
  ])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });

  it('makes the other functions throw RangeError for a rejected zone', () => {
    expect(() => toLocal(at('2026-01-01T00:00Z'), 'Not/AZone')).toThrow(RangeError);
    expect(() => fromLocal({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, '')).toThrow(
      RangeError,
    );
    expect(() => nextSendAt(at('2026-01-01T00:00Z'), 'x'.repeat(65), 9)).toThrow(RangeError);
  });
});

describe('toLocal', () => {
  it.each([
    // [instant, zone, expected local, weekday]
    ['2026-01-15T12:00:00Z', 'Europe/Berlin', [2026, 1, 15, 13, 0], 4],
    ['2026-07-15T12:00:00Z', 'Europe/Berlin', [2026, 7, 15, 14, 0], 3],
    ['2026-03-08T06:59:00Z', 'America/New_York', [2026, 3, 8, 1, 59], 0],
    ['2026-03-08T07:00:00Z', 'America/New_York', [2026, 3, 8, 3, 0], 0],
    ['2026-11-01T05:30:00Z', 'America/New_York', [2026, 11, 1, 1, 30], 0],
    ['2026-11-01T06:30:00Z', 'America/New_York', [2026, 11, 1, 1, 30], 0],
    ['2026-01-15T00:00:00Z', 'Australia/Sydney', [2026, 1, 15, 11, 0], 4],
    ['2026-07-15T00:00:00Z', 'Australia/Sydney', [2026, 7, 15, 10, 0], 3],
    ['2026-01-15T00:00:00Z', 'Australia/Lord_Howe', [2026, 1, 15, 11, 0], 4],
    ['2026-07-15T00:00:00Z', 'Australia/Lord_Howe', [2026, 7, 15, 10, 30], 3],
    ['2026-01-01T00:00:00Z', 'Asia/Kathmandu', [2026, 1, 1, 5, 45], 4],
    ['2026-01-01T10:00:00Z', 'Pacific/Kiritimati', [2026, 1, 2, 0, 0], 5],
    ['2026-01-01T10:00:00Z', 'Pacific/Pago_Pago', [2025, 12, 31, 23, 0], 3],
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', [2027, 1, 1, 0, 30], 5],
    ['2028-02-29T12:00:00Z', 'UTC', [2028, 2, 29, 12, 0], 2],
  ] as const)('%s in %s', (iso, tz, [year, month, day, hour, minute], weekday) => {
    expect(toLocal(at(iso), tz)).toEqual({ year, month, day, hour, minute, weekday });
  });

  it('shows midnight as hour 0, never 24', () => {
    expect(toLocal(at('2026-01-01T00:05:00Z'), 'UTC')).toMatchObject({ day: 1, hour: 0 });
    expect(toLocal(at('2026-01-01T23:00:00Z'), 'Europe/Berlin')).toMatchObject({
      day: 2,
      hour: 0,
    });
  });

  it('truncates seconds and milliseconds rather than rounding', () => {
    expect(toLocal(at('2026-01-01T10:59:59.999Z'), 'UTC')).toMatchObject({ hour: 10, minute: 59 });
    expect(toLocal(at('1969-12-31T23:59:59.500Z'), 'UTC')).toMatchObject({
      year: 1969,
      minute: 59,
    });
  });

  it('rejects an invalid Date', () => {
    expect(() => toLocal(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });

  it('agrees with Date for UTC across a wide range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), (ms) => {
        const d = new Date(ms);
        expect(toLocal(d, 'UTC')).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          weekday: d.getUTCDay(),
        });
      }),
    );
  });
});

describe('fromLocal', () => {
  const l = (year: number, month: number, day: number, hour: number, minute = 0) => ({
    year,
    month,
    day,
    hour,
    minute,
  });

  it.each([
    // US spring forward 2026-03-08: 02:00-02:59 EST does not exist.
    ['America/New_York', l(2026, 3, 8, 1, 59), '2026-03-08T06:59:00.000Z'],
    ['America/New_York', l(2026, 3, 8, 2, 0), '2026-03-08T07:00:00.000Z'],
    ['America/New_York', l(2026, 3, 8, 2, 30), '2026-03-08T07:30:00.000Z'],
    ['America/New_York', l(2026, 3, 8, 3, 0), '2026-03-08T07:00:00.000Z'],
    ['America/New_York', l(2026, 3, 8, 9, 0), '2026-03-08T13:00:00.000Z'],
    // US fall back 2026-11-01: 01:00-01:59 happens twice; the EDT one wins.
    ['America/New_York', l(2026, 11, 1, 0, 59), '2026-11-01T04:59:00.000Z'],
    ['America/New_York', l(2026, 11, 1, 1, 30), '2026-11-01T05:30:00.000Z'],
    ['America/New_York', l(2026, 11, 1, 2, 0), '2026-11-01T07:00:00.000Z'],
    // EU spring forward 2026-03-29 and fall back 2026-10-25.
    ['Europe/Berlin', l(2026, 3, 29, 2, 30), '2026-03-29T01:30:00.000Z'],
    ['Europe/Berlin', l(2026, 3, 29, 9, 0), '2026-03-29T07:00:00.000Z'],
    ['Europe/Berlin', l(2026, 10, 25, 2, 30), '2026-10-25T00:30:00.000Z'],
    ['Europe/Berlin', l(2026, 10, 25, 3, 0), '2026-10-25T02:00:00.000Z'],
    // Southern hemisphere: Sydney falls back 2026-04-05 03:00, springs forward 2026-10-04 02:00.
    ['Australia/Sydney', l(2026, 4, 5, 2, 30), '2026-04-04T15:30:00.000Z'],
    ['Australia/Sydney', l(2026, 10, 4, 2, 30), '2026-10-03T16:30:00.000Z'],
    // Lord Howe moves only 30 minutes: 02:00 -> 01:30 in April, 02:00 -> 02:30 in October.
    ['Australia/Lord_Howe', l(2026, 4, 5, 1, 45), '2026-04-04T14:45:00.000Z'],
    ['Australia/Lord_Howe', l(2026, 10, 4, 2, 15), '2026-10-03T15:45:00.000Z'],
    ['Australia/Lord_Howe', l(2026, 10, 4, 2, 30), '2026-10-03T15:30:00.000Z'],
    // Chatham +12:45/+13:45, transitions at 02:45 and 03:45 local.
    ['Pacific/Chatham', l(2026, 9, 27, 3, 0), '2026-09-26T14:15:00.000Z'],
    // Santiago springs forward at midnight: 00:30 becomes 01:30.
    ['America/Santiago', l(2026, 9, 6, 0, 30), '2026-09-06T04:30:00.000Z'],
    ['Asia/Kathmandu', l(2026, 6, 1, 9, 0), '2026-06-01T03:15:00.000Z'],
    ['Pacific/Kiritimati', l(2026, 1, 1, 0, 0), '2025-12-31T10:00:00.000Z'],
    ['Pacific/Pago_Pago', l(2025, 12, 31, 23, 0), '2026-01-01T10:00:00.000Z'],
    ['Europe/Berlin', l(2028, 2, 29, 9, 0), '2028-02-29T08:00:00.000Z'],
    ['Europe/Berlin', l(2027, 1, 1, 0, 30), '2026-12-31T23:30:00.000Z'],
    // Samoa skipped 2011-12-30 entirely (-10 -> +14): a 24-hour gap.
    ['Pacific/Apia', l(2011, 12, 30, 9, 0), '2011-12-30T19:00:00.000Z'],
    ['Pacific/Apia', l(2011, 12, 31, 9, 0), '2011-12-30T19:00:00.000Z'],
  ] as const)('%s %j', (tz, local, expected) => {
    expect(fromLocal(local, tz).toISOString()).toBe(expected);
  });

  it('shows the gap-shifted wall time after a gap', () => {
    expect(
      toLocal(fromLocal(l(2026, 3, 8, 2, 30), 'America/New_York'), 'America/New_York'),
    ).toEqual({ ...l(2026, 3, 8, 3, 30), weekday: 0 });
    expect(
      toLocal(fromLocal(l(2026, 10, 4, 2, 15), 'Australia/Lord_Howe'), 'Australia/Lord_Howe'),
    ).toMatchObject(l(2026, 10, 4, 2, 45));
  });

  it.each([
    l(2026, 2, 29, 9),
    l(2026, 4, 31, 9),
    l(2026, 13, 1, 9),
    l(2026, 0, 1, 9),
    l(2026, 1, 1, 24),
    l(2026, 1, 1, -1),
    l(2026, 1, 1, 9, 60),
    l(2026, 1, 1, 9.5),
    l(2026.5, 1, 1, 9),
  ])('rejects impossible local time %j', (local) => {
    expect(() => fromLocal(local, 'UTC')).toThrow(RangeError);
  });

  it('round-trips through toLocal, and picks the earliest instant, for random wall times', () => {
    fc.assert(
      fc.property(localDateTimeArb, fc.constantFrom(...zones), (local, tz) => {
        const result = fromLocal(local, tz).getTime();
        const showing = instantsShowing(local, tz);
        if (showing.length > 0) {
          expect(toLocal(new Date(result), tz)).toMatchObject(local);
          expect(result).toBe(showing[0]);
        } else {
          // In a gap: shifted forward by exactly the gap length.
          const offsetBefore = offsetAt(wallOf(local) - 26 * HOUR, tz);
          expect(result).toBe(wallOf(local) - offsetBefore);
          expect(wallAt(result, tz)).toBeGreaterThan(wallOf(local));
        }
      }),
      { numRuns: 300 },
    );
  });

  // Uniform random wall times almost never land in a gap or overlap, so aim at known ones.
  const transitions = [
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
    ['Australia/Sydney', '2026-04-04T16:00:00Z'],
    ['Australia/Sydney', '2026-10-03T16:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
    ['Pacific/Chatham', '2026-09-26T14:00:00Z'],
    ['America/Santiago', '2026-09-06T04:00:00Z'],
    ['Pacific/Apia', '2011-12-30T10:00:00Z'],
  ] as const;

  it.each(transitions)('has a real transition in %s at %s', (tz, iso) => {
    const t = Date.parse(iso);
    expect(offsetAt(t, tz)).not.toBe(offsetAt(t - MINUTE, tz));
  });

  it('handles every wall time within 3 hours of a transition (gap shift, overlap earlier)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -180, max: 180 }),
        ([tz, iso], minutes) => {
          const t = Date.parse(iso);
          // Walls read on the pre-transition clock, so they sweep through any gap or overlap.
          const local = wallFromMs(t + offsetAt(t - MINUTE, tz) + minutes * MINUTE);
          const result = fromLocal(local, tz).getTime();
          const showing = instantsShowing(local, tz);
          if (showing.length > 0) {
            expect(result).toBe(showing[0]);
          } else {
            const gap = offsetAt(t, tz) - offsetAt(t - MINUTE, tz);
            expect(gap).toBeGreaterThan(0);
            expect(wallAt(result, tz)).toBe(wallOf(local) + gap);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('addLocalDays', () => {
  it.each([
    [[2028, 2, 28], 1, [2028, 2, 29]],
    [[2028, 2, 29], 1, [2028, 3, 1]],
    [[2028, 3, 1], -1, [2028, 2, 29]],
    [[2026, 2, 28], 1, [2026, 3, 1]],
    [[2100, 2, 28], 1, [2100, 3, 1]],
    [[2000, 2, 28], 1, [2000, 2, 29]],
    [[2026, 12, 31], 1, [2027, 1, 1]],
    [[2027, 1, 1], -1, [2026, 12, 31]],
    [[2026, 1, 31], 30, [2026, 3, 2]],
    [[2027, 3, 1], 366, [2028, 3, 1]],
    [[2026, 6, 15], 0, [2026, 6, 15]],
    [[1999, 12, 31], 10_000, [2027, 5, 18]],
  ] as const)('%j + %d = %j', ([year, month, day], days, [ey, em, ed]) => {
    expect(addLocalDays({ year, month, day }, days)).toEqual({ year: ey, month: em, day: ed });
  });

  it('returns only the date fields', () => {
    const local = { year: 2026, month: 1, day: 1, hour: 9, minute: 0 };
    expect(Object.keys(addLocalDays(local, 1)).sort()).toEqual(['day', 'month', 'year']);
  });

  it('rejects impossible dates and fractional days', () => {
    expect(() => addLocalDays({ year: 2026, month: 2, day: 29 }, 1)).toThrow(RangeError);
    expect(() => addLocalDays({ year: 2026, month: 1, day: 1 }, 1.5)).toThrow(RangeError);
    expect(() => addLocalDays({ year: 2026, month: 1, day: 1 }, Number.NaN)).toThrow(RangeError);
  });

  it('moves by exactly the number of days and is undone by its negation', () => {
    fc.assert(
      fc.property(localDateTimeArb, fc.integer({ min: -20_000, max: 20_000 }), (local, days) => {
        const moved = addLocalDays(local, days);
        expect(epochDay(moved) - epochDay(local)).toBe(days);
        expect(addLocalDays(moved, -days)).toEqual({
          year: local.year,
          month: local.month,
          day: local.day,
        });
      }),
    );
  });
});

describe('nextSendAt', () => {
  it.each([
    // [after, zone, sendHour, minDays, expected]
    ['2026-01-15T06:00:00.000Z', 'Europe/Berlin', 9, 0, '2026-01-15T08:00:00.000Z'],
    ['2026-01-15T08:00:00.000Z', 'Europe/Berlin', 9, 0, '2026-01-15T08:00:00.000Z'],
    ['2026-01-15T08:00:00.001Z', 'Europe/Berlin', 9, 0, '2026-01-16T08:00:00.000Z'],
    ['2026-01-15T06:00:00.000Z', 'Europe/Berlin', 9, 1, '2026-01-16T08:00:00.000Z'],
    ['2026-01-15T06:00:00.000Z', 'Europe/Berlin', 9, 3, '2026-01-18T08:00:00.000Z'],
    // minDays counts local dates: 23:30 on the 15th -> 09:00 on the 16th, 9.5 hours later.
    ['2026-01-15T22:30:00.000Z', 'Europe/Berlin', 9, 1, '2026-01-16T08:00:00.000Z'],
    // ...and the local date, not the UTC date, is what counts (00:30 local is the 16th).
    ['2026-01-15T23:30:00.000Z', 'Europe/Berlin', 9, 1, '2026-01-17T08:00:00.000Z'],
    // US DST start: the day is 23 hours long; 02:00 is skipped and shifted to 03:00 EDT.
    ['2026-03-07T15:00:00.000Z', 'America/New_York', 9, 0, '2026-03-08T13:00:00.000Z'],
    ['2026-03-08T05:00:00.000Z', 'America/New_York', 2, 0, '2026-03-08T07:00:00.000Z'],
    ['2026-03-08T07:00:00.001Z', 'America/New_York', 2, 0, '2026-03-09T06:00:00.000Z'],
    // US DST end: 09:00 EST; 01:00 occurs twice and the first one wins...
    ['2026-10-31T14:00:00.000Z', 'America/New_York', 9, 0, '2026-11-01T14:00:00.000Z'],
    ['2026-11-01T04:00:00.000Z', 'America/New_York', 1, 0, '2026-11-01T05:00:00.000Z'],
    // ...unless `after` is already past it, when the repeated 01:00 EST still counts.
    ['2026-11-01T05:10:00.000Z', 'America/New_York', 1, 0, '2026-11-01T06:00:00.000Z'],
    ['2026-11-01T06:00:00.001Z', 'America/New_York', 1, 0, '2026-11-02T06:00:00.000Z'],
    // EU DST start and end.
    ['2026-03-28T09:00:00.000Z', 'Europe/Berlin', 9, 0, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29T00:00:00.000Z', 'Europe/Berlin', 2, 0, '2026-03-29T01:00:00.000Z'],
    ['2026-10-24T09:00:00.000Z', 'Europe/Berlin', 9, 0, '2026-10-25T08:00:00.000Z'],
    // Sydney: DST start (+11) and end (+10).
    ['2026-10-03T00:00:00.000Z', 'Australia/Sydney', 9, 0, '2026-10-03T22:00:00.000Z'],
    ['2026-04-04T00:00:00.000Z', 'Australia/Sydney', 9, 0, '2026-04-04T23:00:00.000Z'],
    // Lord Howe 30-minute gap: 02:00 is shifted to 02:30 (+11).
    ['2026-10-03T13:00:00.000Z', 'Australia/Lord_Howe', 2, 0, '2026-10-03T15:30:00.000Z'],
    ['2026-07-01T00:00:00.000Z', 'Australia/Lord_Howe', 9, 0, '2026-07-01T22:30:00.000Z'],
    // Santiago's midnight gap: 00:00 is shifted to 01:00 (-03).
    ['2026-09-05T12:00:00.000Z', 'America/Santiago', 0, 0, '2026-09-06T04:00:00.000Z'],
    ['2026-06-01T00:00:00.000Z', 'Asia/Kathmandu', 9, 0, '2026-06-01T03:15:00.000Z'],
    ['2026-06-01T03:15:00.001Z', 'Asia/Kathmandu', 9, 0, '2026-06-02T03:15:00.000Z'],
    // Date line: 23:00 on Jan 1 in Kiritimati (+14); 23:00 on Dec 31 in Pago Pago (-11).
    ['2026-01-01T09:00:00.000Z', 'Pacific/Kiritimati', 9, 0, '2026-01-01T19:00:00.000Z'],
    ['2026-01-01T10:00:00.000Z', 'Pacific/Pago_Pago', 9, 0, '2026-01-01T20:00:00.000Z'],
    ['2026-01-01T10:00:00.000Z', 'Pacific/Pago_Pago', 9, 1, '2026-01-01T20:00:00.000Z'],
    ['2026-01-01T10:00:00.000Z', 'Pacific/Pago_Pago', 9, 2, '2026-01-02T20:00:00.000Z'],
    // Leap day and year rollover.
    ['2028-02-28T12:00:00.000Z', 'UTC', 9, 1, '2028-02-29T09:00:00.000Z'],
    ['2028-02-28T12:00:00.000Z', 'UTC', 9, 2, '2028-03-01T09:00:00.000Z'],
    ['2026-12-31T20:00:00.000Z', 'America/New_York', 9, 1, '2027-01-01T14:00:00.000Z'],
    ['2026-12-31T23:30:00.000Z', 'Europe/Berlin', 9, 0, '2027-01-01T08:00:00.000Z'],
    // Samoa's missing 2011-12-30: its 09:00 is shifted 24 hours to 09:00 on the 31st.
    ['2011-12-29T20:00:00.000Z', 'Pacific/Apia', 9, 0, '2011-12-30T19:00:00.000Z'],
  ] as const)('after %s in %s at %d:00 +%d days', (after, tz, sendHour, minDays, expected) => {
    expect(nextSendAt(at(after), tz, sendHour, minDays).toISOString()).toBe(expected);
  });

  it('defaults minDays to 0', () => {
    expect(nextSendAt(at('2026-01-15T06:00:00Z'), 'UTC', 9).toISOString()).toBe(
      '2026-01-15T09:00:00.000Z',
    );
  });

  it.each([
    [24, 0],
    [-1, 0],
    [7.5, 0],
    [Number.NaN, 0],
    [9, -1],
    [9, 1.5],
  ])('rejects sendHour %d / minDays %d', (sendHour, minDays) => {
    expect(() => nextSendAt(at('2026-01-15T06:00:00Z'), 'UTC', sendHour, minDays)).toThrow(
      RangeError,
    );
  });

  it('rejects an invalid Date', () => {
    expect(() => nextSendAt(new Date('nope'), 'UTC', 9)).toThrow(RangeError);
  });

  it('is the earliest qualifying send time for random instants, zones and hours', () => {
    let gapCases = 0;
    fc.assert(
      fc.property(
        fc.date({
          min: at('2000-01-01T00:00:00Z'),
          max: at('2040-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.integer({ min: 7, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        (after, tz, sendHour, minDays) => {
          const result = nextSendAt(after, tz, sendHour, minDays);
          const shown = toLocal(result, tz);
          const minDate = addLocalDays(toLocal(after, tz), minDays);

          expect(result.getTime()).toBeGreaterThanOrEqual(after.getTime());
          expect(epochDay(shown)).toBeGreaterThanOrEqual(epochDay(minDate));

          const requested = { ...shown, hour: sendHour, minute: 0 };
          if (shown.hour !== sendHour || shown.minute !== 0) {
            // Only a DST gap may move the wall time, and only forward, to the end of the gap.
            gapCases++;
            expect(instantsShowing(requested, tz)).toEqual([]);
            expect(result.getTime()).toBe(fromLocal(requested, tz).getTime());
            expect(wallOf(shown)).toBeGreaterThan(wallOf(requested));
          }

          // Earliest: nothing on an earlier qualifying date, nor earlier on this date, works.
          const sameDay = instantsShowing(requested, tz);
          for (const instant of sameDay) {
            expect(instant >= after.getTime() && instant < result.getTime()).toBe(false);
          }
          let previous = addLocalDays(shown, -1);
          // A day-long gap (Samoa 2011) maps the skipped date onto the same instant.
          while (
            fromLocal({ ...previous, hour: sendHour, minute: 0 }, tz).getTime() === result.getTime()
          ) {
            previous = addLocalDays(previous, -1);
          }
          if (epochDay(previous) >= epochDay(minDate)) {
            const earlier = { ...previous, hour: sendHour, minute: 0 };
            expect(fromLocal(earlier, tz).getTime()).toBeLessThan(after.getTime());
            for (const instant of instantsShowing(earlier, tz)) {
              expect(instant).toBeLessThan(after.getTime());
            }
          }

          // Brute-force oracle: walk quarter hours (every zone here keeps quarter-hour offsets)
          // from a start that cannot skip the answer, to the first sendHour:00 that qualifies.
          const stepFrom = Math.max(after.getTime(), after.getTime() + (minDays - 2) * DAY);
          let t = Math.ceil(stepFrom / QUARTER_HOUR) * QUARTER_HOUR;
          for (;;) {
            if (t >= after.getTime()) {
              const l = toLocal(new Date(t), tz);
              if (l.hour === sendHour && l.minute === 0 && epochDay(l) >= epochDay(minDate)) break;
            }
            t += QUARTER_HOUR;
          }
          if (t !== result.getTime()) {
            // The only way to beat the oracle is a gap-shifted time, which it cannot see.
            expect(shown.hour !== sendHour || shown.minute !== 0).toBe(true);
            expect(result.getTime()).toBeLessThan(t);
          }
        },
      ),
      { numRuns: 300 },
    );
    // None of these zones skips a daytime hour since 2000 except Samoa's whole day.
    expect(gapCases).toBe(0);
  });
});

describe('inSendWindow', () => {
  it('is 07:00-20:59 local by default', () => {
    expect(defaultSendWindow).toEqual({ startHour: 7, endHour: 21 });
    expect(inSendWindow(at('2026-01-15T05:59:59Z'), 'Europe/Berlin')).toBe(false);
    expect(inSendWindow(at('2026-01-15T06:00:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inSendWindow(at('2026-01-15T19:59:59Z'), 'Europe/Berlin')).toBe(true);
    expect(inSendWindow(at('2026-01-15T20:00:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('follows DST: 11:30Z is 06:30 EST the day before spring forward, 07:30 EDT on it', () => {
    expect(inSendWindow(at('2026-03-07T11:30:00Z'), 'America/New_York')).toBe(false);
    expect(inSendWindow(at('2026-03-08T11:30:00Z'), 'America/New_York')).toBe(true);
    expect(inSendWindow(at('2026-10-24T05:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inSendWindow(at('2026-10-25T05:30:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('uses the quarter-hour offset in Kathmandu', () => {
    expect(inSendWindow(at('2026-01-15T01:14:00Z'), 'Asia/Kathmandu')).toBe(false);
    expect(inSendWindow(at('2026-01-15T01:15:00Z'), 'Asia/Kathmandu')).toBe(true);
  });

  it('handles windows that wrap midnight and empty windows', () => {
    const night = { startHour: 22, endHour: 6 };
    expect(inSendWindow(at('2026-01-15T23:00:00Z'), 'UTC', night)).toBe(true);
    expect(inSendWindow(at('2026-01-15T05:59:00Z'), 'UTC', night)).toBe(true);
    expect(inSendWindow(at('2026-01-15T06:00:00Z'), 'UTC', night)).toBe(false);
    expect(inSendWindow(at('2026-01-15T12:00:00Z'), 'UTC', night)).toBe(false);
    expect(inSendWindow(at('2026-01-15T12:00:00Z'), 'UTC', { startHour: 9, endHour: 9 })).toBe(
      false,
    );
    expect(inSendWindow(at('2026-01-15T23:59:00Z'), 'UTC', { startHour: 0, endHour: 24 })).toBe(
      true,
    );
  });

  it('rejects invalid windows', () => {
    expect(() =>
      inSendWindow(at('2026-01-15T12:00Z'), 'UTC', { startHour: 24, endHour: 24 }),
    ).toThrow(RangeError);
    expect(() =>
      inSendWindow(at('2026-01-15T12:00Z'), 'UTC', { startHour: 7.5, endHour: 21 }),
    ).toThrow(RangeError);
    expect(() =>
      inSendWindow(at('2026-01-15T12:00Z'), 'UTC', { startHour: 7, endHour: 25 }),
    ).toThrow(RangeError);
  });

  it('agrees with toLocal for every zone and instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: at('2000-01-01T00:00:00Z'),
          max: at('2040-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (instant, tz) => {
          const { hour } = toLocal(instant, tz);
          expect(inSendWindow(instant, tz)).toBe(hour >= 7 && hour < 21);
        },
      ),
    );
  });
});
