/**
 * Month and weekday names in the five languages (folded), and the shape of a date found by
 * the patterns of date-extras.ts and date-bounds.ts.
 */

/** What a pattern found: the day it names read forward, and how it was written. */
export interface ExtraDate {
  start: number;
  end: number;
  text: string;
  /** Day number, read forward from today. */
  day: number;
  /** The day of the month alone ("the 14th"), which reads backwards in a past sentence. */
  dayOfMonthOnly: boolean;
  /** Day and month without a year ("14.12."). */
  noYear: boolean;
  yearStated: boolean;
  /** The end of a month or the new year: a bound for a pause, not a date to follow up. */
  bound: boolean;
  /** The last day of a list or range of days ("7 and 8 October"), when there is one. */
  endDay?: number;
}

/**
 * A day named without a year and not by its day of the month alone (a weekday with its
 * date, a month's end, the new year): most patterns find dates of this shape.
 */
export function yearlessDate(start: number, text: string, day: number, bound: boolean): ExtraDate {
  return {
    start,
    end: start + text.length,
    text,
    day,
    dayOfMonthOnly: false,
    noYear: true,
    yearStated: false,
    bound,
  };
}

export const monthNames: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janvier', 'enero', 'januari', 'janner'],
  ['february', 'feb', 'februar', 'fevrier', 'febrero', 'februari'],
  ['march', 'mar', 'marz', 'mars', 'marzo', 'maart'],
  ['april', 'apr', 'avril', 'abril'],
  ['may', 'mai', 'mayo', 'mei'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'julio'],
  ['august', 'aug', 'aout', 'agosto', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'],
  ['october', 'oct', 'oktober', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'decembre', 'diciembre'],
];

/** Month number (1-12) of a folded month name in any of the five languages. */
export function monthOf(word: string): number | null {
  const index = monthNames.findIndex((names) => names.includes(word));
  return index === -1 ? null : index + 1;
}

export const monthAlternation = monthNames.flat().join('|');

export const weekdayNames: readonly (readonly string[])[] = [
  ['sunday', 'sun', 'sonntag', 'dimanche', 'domingo', 'zondag'],
  ['monday', 'mon', 'montag', 'lundi', 'lunes', 'maandag'],
  ['tuesday', 'tue', 'tues', 'dienstag', 'mardi', 'martes', 'dinsdag'],
  ['wednesday', 'wed', 'mittwoch', 'mercredi', 'miercoles', 'woensdag'],
  ['thursday', 'thu', 'thur', 'thurs', 'donnerstag', 'jeudi', 'jueves', 'donderdag'],
  ['friday', 'fri', 'freitag', 'vendredi', 'viernes', 'vrijdag'],
  ['saturday', 'sat', 'samstag', 'samedi', 'sabado', 'zaterdag'],
];

/** Weekday (0 = Sunday) of a folded weekday name in any of the five languages. */
export function weekdayOf(word: string): number | null {
  const index = weekdayNames.findIndex((names) => names.includes(word));
  return index === -1 ? null : index;
}

export const weekdayAlternation = weekdayNames.flat().join('|');
