import { describe, expect, it } from 'vitest';
import { builtInHolidays, countryOf } from '../../functions/adapters/holiday-calendar.ts';
import { holidayYears } from '../../functions/generated/holidays.ts';
import { holidayTable } from '../../scripts/build-holidays.ts';

describe('the public holidays the coach keeps mail off', () => {
  it('finds the country from the time zone, and the locale picks among its countries', () => {
    expect(countryOf({ locale: 'de-DE', timezone: 'Europe/Berlin' })).toBe('DE');
    expect(countryOf({ locale: 'sv-SE', timezone: 'Europe/Berlin' })).toBe('SE');
    expect(countryOf({ locale: 'en-US', timezone: 'Europe/Berlin' })).toBe('DE');
    expect(countryOf({ locale: 'en-GB', timezone: 'America/New_York' })).toBe('US');
    expect(countryOf({ locale: 'fr-FR', timezone: 'UTC' })).toBe('FR');
    expect(countryOf({ locale: 'en', timezone: 'UTC' })).toBeNull();
  });

  it('knows Christmas, Easter Monday and Thanksgiving where they are holidays', () => {
    const year = holidayYears.from + 1;
    const uk = { locale: 'en-GB', timezone: 'Europe/London' };
    const us = { locale: 'en-US', timezone: 'America/Chicago' };

    expect(builtInHolidays.isHoliday(`${year}-12-25`, uk)).toBe(true);
    expect(builtInHolidays.isHoliday(`${year}-12-25`, us)).toBe(true);
    expect(builtInHolidays.isHoliday(`${year}-07-04`, uk)).toBe(false);
    expect(builtInHolidays.isHoliday(`${year}-12-23`, uk)).toBe(false);
    expect(
      builtInHolidays.isHoliday('2026-04-06', { locale: 'de-DE', timezone: 'Europe/Berlin' }),
    ).toBe(true);
    expect(builtInHolidays.isHoliday('2026-11-26', us)).toBe(true);
  });

  it('packs only national public holidays, none regional or observance', () => {
    const table = holidayTable(2026, 2026);

    expect(table.holidays.DE?.['2026']?.split(',')).toEqual([
      '0101',
      '0403',
      '0406',
      '0501',
      '0514',
      '0525',
      '1003',
      '1225',
      '1226',
    ]);
    expect(table.zones['Asia/Tokyo']).toMatch(/^JP\b/);
  });
});
