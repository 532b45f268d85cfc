import { normalizeLocale } from '../../core/locale.ts';

/** One language range of an `Accept-Language` header and its weight (0-1). */
export interface LanguageRange {
  range: string;
  q: number;
}

/** Ranges read from one header at most: enough for any browser, bounded for hostile ones. */
const maxRanges = 32;

// RFC 9110 section 12.4.2: "q=" then 0 to 1 with at most three decimals; "Q=" is the same.
const weightPattern = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;
// RFC 4647 section 2.1: a basic language range, or "*".
const rangePattern = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;

/**
 * The language ranges of an `Accept-Language` header (RFC 9110 section
 * 12.5.4), most wanted first; equal weights keep the header's order. A range
 * weighted 0 means "not this one" and is left out, as is a malformed range or
 * one whose weight is malformed. Other parameters are ignored.
 */
export function parseAcceptLanguage(header: string | undefined): LanguageRange[] {
  if (!header) return [];
  const ranges: LanguageRange[] = [];
  for (const entry of header.split(',').slice(0, maxRanges)) {
    const [range = '', ...params] = entry.split(';').map((part) => part.trim());
    if (!rangePattern.test(range)) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      if (!/^q\s*=/i.test(param)) continue;
      const weight = weightPattern.exec(param.replace(/\s+/g, ''));
      if (weight) q = Number(weight[1]);
      else valid = false;
    }
    if (valid && q > 0) ranges.push({ range, q });
  }
  // Array sort is stable, so equal weights stay in header order.
  return ranges.sort((a, b) => b.q - a.q);
}

/**
 * The most wanted language of an `Accept-Language` header that `Intl` can
 * write dates for, normalized (`de-de` is `de-DE`), or null when it names
 * none ("*" names none: it says any language will do).
 */
export function localeFromAcceptLanguage(header: string | undefined): string | null {
  for (const { range } of parseAcceptLanguage(header)) {
    if (range === '*') continue;
    const locale = normalizeLocale(range);
    if (locale) return locale;
  }
  return null;
}

/**
 * A signup's fields with its locale settled at the edge: the form's own
 * `locale` (the browser's language, filled in by the page's script) when
 * `Intl` knows it, else the best of `Accept-Language`, else none, so the
 * default applies. The locale is a hint the person never typed, so a strange
 * one falls back rather than refuse the signup.
 */
export function withSignupLocale(
  fields: Record<string, unknown>,
  acceptLanguage: string | undefined,
): Record<string, unknown> {
  const { locale: given, ...rest } = fields;
  const locale = normalizeLocale(given) ?? localeFromAcceptLanguage(acceptLanguage);
  return locale ? { ...rest, locale } : rest;
}
