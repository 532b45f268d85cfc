import { inflateRawSync } from 'node:zlib';
import type { HolidayCalendar, Place } from '../core/calendar.ts';
import { packedHolidays } from '../generated/holidays.ts';

interface HolidayTable {
  /** Country -> year -> "MMDD,MMDD,..." of national public holidays. */
  holidays: Record<string, Record<string, string>>;
  /** IANA zone -> its countries, the main one first, space separated. */
  zones: Record<string, string>;
}

let table: HolidayTable | undefined;

/** Unpacked on first use: a function that never paces pays nothing for it. */
function loaded(): HolidayTable {
  table ??= JSON.parse(inflateRawSync(Buffer.from(packedHolidays, 'base64')).toString('utf8'));
  return table as HolidayTable;
}

/**
 * The country whose holidays apply: the time zone says where the person
 * lives (Europe/Berlin is Germany, Denmark, Norway, Sweden...), and the
 * locale's region picks among those countries (sv-SE in Europe/Berlin is
 * Sweden); without a match, the zone's main country. Zones of no country
 * (UTC, Etc/...) leave the locale's region, when it has holidays.
 */
export function countryOf(place: Place): string | null {
  const { holidays, zones } = loaded();
  const region = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Z]{2})\b/.exec(place.locale)?.[1] ?? null;
  const countries = zones[place.timezone]?.split(' ') ?? [];
  if (region && countries.includes(region)) return region;
  const main = countries[0];
  if (main && holidays[main]) return main;
  return region && holidays[region] ? region : null;
}

/**
 * National public holidays from date-holidays, packed at build time
 * (scripts/build-holidays.ts) for last year to five years ahead. A date
 * outside those years counts as no holiday: the course only loses a day off.
 */
export const builtInHolidays: HolidayCalendar = {
  isHoliday(localDate, place) {
    const country = countryOf(place);
    if (!country) return false;
    const days = loaded().holidays[country]?.[localDate.slice(0, 4)];
    return !!days && days.split(',').includes(localDate.slice(5, 10).replace('-', ''));
  },
};
