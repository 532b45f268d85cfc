import { understandReply } from '../../functions/core/reading/index.ts';
import type { Understanding } from '../../functions/core/reading/types.ts';

/** Where a reply in each of the reader's languages is written from, in the reading tests. */
export const europeanZones: Record<string, string> = {
  en: 'Europe/London',
  de: 'Europe/Berlin',
  fr: 'Europe/Paris',
  es: 'Europe/Madrid',
  nl: 'Europe/Amsterdam',
};

/**
 * A reader for tests: `read(text, locale, step)` reads `text` as written at
 * `now` by someone in the zone of the locale's language.
 */
export function readInEurope(now: Date, defaultStep: number | null = null) {
  return (text: string, locale: string, step: number | null = defaultStep): Understanding =>
    understandReply(text, {
      step,
      now,
      timezone: europeanZones[locale.slice(0, 2)] ?? 'Europe/London',
      locale,
    });
}
