/** Where a subscriber lives, as far as their calendar goes. */
export interface Place {
  /** BCP 47 locale, e.g. 'de-DE'; its region hints the country. */
  locale: string;
  /** IANA time zone; its countries decide among the hints. */
  timezone: string;
}

/**
 * The public holidays the coach keeps course mail off. The pacing asks it
 * about local dates (`YYYY-MM-DD`); the table behind it is an adapter's.
 */
export interface HolidayCalendar {
  isHoliday(localDate: string, place: Place): boolean;
}

/** A calendar with no holidays: for tests, and for places nobody knows. */
export const noHolidays: HolidayCalendar = { isHoliday: () => false };
