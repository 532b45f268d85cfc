import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../functions/app/confirm.ts';
import { ConfigError, loadConfig } from '../../functions/config.ts';
import { normalizeLocale } from '../../functions/core/locale.ts';
import { localDay, localText } from '../../functions/core/pacing-text.ts';
import { formatLocal, formatShortDate } from '../../functions/core/progress.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import {
  localeFromAcceptLanguage,
  parseAcceptLanguage,
  withSignupLocale,
} from '../../functions/handlers/http/accept-language.ts';
import { createWebHandler } from '../../functions/handlers/web-handler.ts';
import { relationshipsRules } from '../../templates/relationships/rules.ts';
import { memoryDeps } from '../support/memory-deps.ts';

describe('a locale', () => {
  it('is normalized to the canonical tag Intl knows, without extensions', () => {
    expect(normalizeLocale('en-GB')).toBe('en-GB');
    expect(normalizeLocale('en-gb')).toBe('en-GB');
    expect(normalizeLocale(' DE-de ')).toBe('de-DE');
    expect(normalizeLocale('pt_BR')).toBe('pt-BR');
    expect(normalizeLocale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLocale('es-419')).toBe('es-419');
    expect(normalizeLocale('fr')).toBe('fr');
    expect(normalizeLocale('th-TH-u-ca-buddhist-nu-thai')).toBe('th-TH');
    expect(normalizeLocale('en-US-x-private')).toBe('en-US');
  });

  it('is refused when malformed, over-long, unknown to Intl or not text', () => {
    for (const bad of ['', '   ', 'english', 'en GB', 'x-private', 'qaa', 'und', 'i-klingon']) {
      expect(normalizeLocale(bad), bad).toBeNull();
    }
    // Well formed, but longer than 35 characters.
    expect(normalizeLocale(`en-${'abcdefgh-'.repeat(4)}x`)).toBeNull();
    expect(normalizeLocale(42)).toBeNull();
    expect(normalizeLocale(null)).toBeNull();
    expect(normalizeLocale(['en-GB'])).toBeNull();
  });

  it('never throws, and a normalized tag normalizes to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (tag) => {
        const locale = normalizeLocale(tag);
        if (locale !== null) {
          expect(locale.length).toBeLessThanOrEqual(35);
          expect(normalizeLocale(locale)).toBe(locale);
        }
      }),
    );
  });
});

describe('DEFAULT_LOCALE', () => {
  const env = {
    TABLE_NAME: 't',
    FROM_ADDRESS: 'coach@example.com',
    OPERATOR_EMAIL: 'operator@example.com',
    REPLY_DOMAIN: 'reply.example.com',
    BASE_URL: 'https://coach.example.com',
    POSTAL_ADDRESS: '1 Example Street',
    TOKEN_KEYS: `k1:${'s'.repeat(32)}`,
  };

  it('is en-US unless set, and stored normalized', () => {
    expect(loadConfig(env).DEFAULT_LOCALE).toBe('en-US');
    expect(loadConfig({ ...env, DEFAULT_LOCALE: 'en-gb' }).DEFAULT_LOCALE).toBe('en-GB');
  });

  it('stops the process naming it when Intl does not know it', () => {
    expect(() => loadConfig({ ...env, DEFAULT_LOCALE: 'Klingon!' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, DEFAULT_LOCALE: 'Klingon!' })).toThrow(/DEFAULT_LOCALE/);
  });
});

describe('Accept-Language', () => {
  it('orders ranges by weight, keeping the header order for equal weights', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual([
      { range: 'fr-CH', q: 1 },
      { range: 'fr', q: 0.9 },
      { range: 'en', q: 0.8 },
      { range: 'de', q: 0.7 },
      { range: '*', q: 0.5 },
    ]);
    expect(parseAcceptLanguage('en;q=0.5,de-DE;q=0.8,nl')).toEqual([
      { range: 'nl', q: 1 },
      { range: 'de-DE', q: 0.8 },
      { range: 'en', q: 0.5 },
    ]);
    expect(parseAcceptLanguage('da, en-gb;q=0.8, en;q=0.8').map((r) => r.range)).toEqual([
      'da',
      'en-gb',
      'en',
    ]);
  });

  it('reads weights as RFC 9110 writes them, and drops q=0 and malformed ranges', () => {
    expect(parseAcceptLanguage('de;Q=0.7, fr ; q = 0.6, es;q=1.000, it;q=0.')).toEqual([
      { range: 'es', q: 1 },
      { range: 'de', q: 0.7 },
      { range: 'fr', q: 0.6 },
    ]);
    // Not acceptable at all, weights out of range or too precise, broken ranges.
    for (const header of [
      'de;q=0',
      'de;q=0.000',
      'de;q=1.5',
      'de;q=2',
      'de;q=0.1234',
      'de;q=-1',
      'de;q=abc',
      'de;q=',
      'de_DE',
      'de DE',
      '<script>',
      ';q=1',
      ',,,',
      '',
    ]) {
      expect(parseAcceptLanguage(header), header).toEqual([]);
    }
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    // Other parameters are ignored; the weight still counts.
    expect(parseAcceptLanguage('de;level=1;q=0.4')).toEqual([{ range: 'de', q: 0.4 }]);
  });

  it('reads at most 32 ranges from one header', () => {
    const header = Array.from({ length: 100 }, () => 'en').join(',');
    expect(parseAcceptLanguage(header)).toHaveLength(32);
  });

  it('gives the most wanted language Intl knows, normalized', () => {
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9')).toBe('de-DE');
    expect(localeFromAcceptLanguage('en-gb;q=0.8, fr-fr')).toBe('fr-FR');
    expect(localeFromAcceptLanguage('pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('pt-BR');
    // Unknown languages and the wildcard are skipped for the next one Intl knows.
    expect(localeFromAcceptLanguage('qaa, *, i-klingon;q=0.9, nl-NL;q=0.5')).toBe('nl-NL');
    expect(localeFromAcceptLanguage('es-ES;q=0, en;q=0.1')).toBe('en');
    expect(localeFromAcceptLanguage('*')).toBeNull();
    expect(localeFromAcceptLanguage('qaa')).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });

  it('never throws on any header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        const locale = localeFromAcceptLanguage(header);
        if (locale !== null) expect(normalizeLocale(locale)).toBe(locale);
      }),
    );
  });
});

describe('the signup locale at the edge', () => {
  it('prefers the page’s field, then Accept-Language, then leaves the default to apply', () => {
    const fields = { email: 'a@b.co' };
    expect(withSignupLocale({ ...fields, locale: 'en-gb' }, 'de-DE')).toEqual({
      ...fields,
      locale: 'en-GB',
    });
    expect(withSignupLocale(fields, 'de-DE,de;q=0.9')).toEqual({ ...fields, locale: 'de-DE' });
    expect(withSignupLocale({ ...fields, locale: '' }, 'fr')).toEqual({ ...fields, locale: 'fr' });
    expect(withSignupLocale(fields, undefined)).toEqual(fields);
    expect(withSignupLocale(fields, '*')).toEqual(fields);
  });

  it('falls back rather than refuse a signup over a locale nobody typed', () => {
    const fields = { email: 'a@b.co' };
    expect(withSignupLocale({ ...fields, locale: 'gibberish!' }, 'nl-NL')).toEqual({
      ...fields,
      locale: 'nl-NL',
    });
    expect(withSignupLocale({ ...fields, locale: ['x'] }, undefined)).toEqual(fields);
  });

  it('is taken from Accept-Language by the web handler, and applied on confirmation', async () => {
    const { deps, stores, mailer } = memoryDeps();
    const web = createWebHandler(deps);
    const post = (body: string, headers: Record<string, string>) =>
      web({
        rawPath: '/subscribe',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        requestContext: { http: { method: 'POST' } },
        body,
      });
    const confirmed = async (email: string) => {
      const mail = mailer.sent.filter((m) => m.to === email).at(-1)!;
      await confirm(deps, /\/confirm\?t=([a-z0-9-]+)/.exec(mail.text)![1]!);
      const id = (await stores.subscribers.findIdByEmail(email))!;
      return (await stores.subscribers.get(id))!;
    };

    const answers = await Promise.all([
      post('email=de%40example.com&locale=', { 'accept-language': 'de-DE,de;q=0.9' }),
      post('email=gb%40example.com&locale=en-GB', { 'accept-language': 'de-DE,de;q=0.9' }),
      post('email=none%40example.com', { 'accept-language': '*' }),
    ]);

    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect((await confirmed('de@example.com')).locale).toBe('de-DE');
    expect((await confirmed('gb@example.com')).locale).toBe('en-GB');
    expect((await confirmed('none@example.com')).locale).toBe('en-US');
  });
});

describe('dates in the reader’s locale', () => {
  // Thursday 3 December 2026, 08:05 UTC: a day below 13, so the order shows.
  const at = new Date('2026-12-03T08:05:00Z');
  const reader = (locale: string, timezone = 'Europe/Berlin') => ({ timezone, locale });

  it('writes English words in the locale’s day-month order', () => {
    expect(localDay(at, reader('en-US'))).toBe('Thursday, December 3');
    expect(localDay(at, reader('en-GB'))).toBe('Thursday 3 December');
    for (const locale of ['de-DE', 'fr-FR', 'es-ES', 'nl-NL', 'pt-BR', 'it-IT', 'fa-IR']) {
      expect(localDay(at, reader(locale)), locale).toBe('Thursday 3 December');
    }
    for (const locale of ['ja-JP', 'zh-CN', 'ko-KR', 'hu-HU']) {
      expect(localDay(at, reader(locale)), locale).toBe('Thursday, December 3');
    }
  });

  it('keeps the locale’s clock: 24 hours in its own form, or 12 hours in English', () => {
    const time = (locale: string) => localText(at, reader(locale), 'time');
    expect(time('en-GB')).toBe('09:05');
    expect(time('de-DE')).toBe('09:05');
    expect(time('fr-FR')).toBe('09:05');
    expect(time('fi-FI')).toBe('09.05');
    expect(time('en-US')).toBe('9:05 AM');
    expect(time('ko-KR')).toBe('9:05 AM');
    expect(time('ar-EG')).toBe('9:05 AM');
    expect(localText(new Date('2026-12-03T20:05:00Z'), reader('en-US'), 'time')).toBe('9:05 PM');
  });

  it('writes list dates in the locale’s own numbers, Gregorian and in Latin digits', () => {
    const short = (locale: string) => formatShortDate(at, reader(locale));
    expect(short('en-US')).toBe('12/3/2026');
    expect(short('en-GB')).toBe('03/12/2026');
    expect(short('de-DE')).toBe('3.12.2026');
    expect(short('fr-FR')).toBe('03/12/2026');
    expect(short('nl-NL')).toBe('3-12-2026');
    expect(short('pt-BR')).toBe('03/12/2026');
    expect(short('ja-JP')).toBe('2026/12/3');
    expect(short('fa-IR')).toBe('2026/12/3');
    expect(short('ar-EG')).toBe('3/12/2026');
    expect(short('th-TH')).toMatch(/2026$/);
  });

  it('names months in English inside English sentences', () => {
    const empty = {
      meetings: [],
      people: [],
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
    } as unknown as Subscriber;
    const secondWeek = new Date(at.getTime() + 7 * 86_400_000);
    expect(localText(at, reader('fr-FR'), 'month')).toBe('December');
    expect(relationshipsRules.vars(empty, 'check-in', secondWeek).tallyText).toMatch(
      /^No meetings logged for December yet\./,
    );
  });

  it('puts day and time together in the reader’s zone', () => {
    expect(formatLocal(at, reader('en-GB', 'Asia/Tokyo'))).toBe('Thursday 3 December at 17:05');
    expect(formatLocal(at, reader('en-US', 'America/New_York'))).toBe(
      'Thursday, December 3 at 3:05 AM',
    );
    expect(formatLocal(at, reader('de-DE', 'America/Los_Angeles'))).toBe(
      'Thursday 3 December at 00:05',
    );
  });

  it('reads an unknown stored tag as the default rather than fail an email', () => {
    expect(localDay(at, reader('not a tag'))).toBe('Thursday, December 3');
  });
});
