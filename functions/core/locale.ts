/**
 * A subscriber's locale: a BCP 47 language tag (`en-GB`, `de-DE`, `pt-BR`)
 * that decides how dates and times are written for them (see pacing-text.ts).
 * The runtime's `Intl` is the only judge of which tags exist.
 */

/** The locale when neither the signup nor the settings (`DEFAULT_LOCALE`) name one. */
export const defaultLocale = 'en-US';

/**
 * The longest tag accepted. RFC 5646 (section 4.4.1) asks for at least 35
 * characters; the cap keeps hostile input away from ICU.
 */
export const maxLocaleLength = 35;

/**
 * The canonical form of a language tag that `Intl` formats dates for, or null
 * when it is not one (malformed, over-long, or a language Intl does not know).
 * Case is canonicalized (`en-gb` is `en-GB`), an underscore read as a hyphen
 * (`de_DE`), and extensions dropped (`-u-ca-buddhist`, `-x-…`): they would
 * change the calendar or the clock behind the subscriber's back.
 */
export function normalizeLocale(tag: unknown): string | null {
  if (typeof tag !== 'string') return null;
  const trimmed = tag.trim().replace(/_/g, '-');
  if (!trimmed || trimmed.length > maxLocaleLength) return null;
  try {
    const { baseName } = new Intl.Locale(trimmed);
    return Intl.DateTimeFormat.supportedLocalesOf([baseName]).length > 0 ? baseName : null;
  } catch {
    return null;
  }
}
