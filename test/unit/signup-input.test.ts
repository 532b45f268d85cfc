import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/core/errors.ts';
import { parseCourseField } from '../../functions/core/signup.ts';
import { parseSignup } from '../../functions/core/subscriber.ts';

function fieldOf(raw: Record<string, unknown>): string | undefined {
  try {
    parseSignup(raw, 'UTC');
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
}

describe('parseSignup', () => {
  it('normalizes the address, tidies the name and falls back to the default zone and locale', () => {
    expect(
      parseSignup({ email: '  Ada@Example.COM ', name: '  Ada   King ' }, 'Europe/Paris'),
    ).toEqual({
      email: 'ada@example.com',
      name: 'Ada King',
      timezone: 'Europe/Paris',
      locale: 'en-US',
    });
    // Line breaks fold into spaces: a name is one line wherever it is shown.
    expect(parseSignup({ email: 'a@b.co', name: 'Eve\r\nBcc: x@y.z' }, 'UTC').name).toBe(
      'Eve Bcc: x@y.z',
    );
    expect(parseSignup({ email: 'a@b.co', name: '', timezone: '', locale: '' }, 'UTC')).toEqual({
      email: 'a@b.co',
      name: null,
      timezone: 'UTC',
      locale: 'en-US',
    });
    expect(parseSignup({ email: 'a@b.co' }, 'UTC', 'en-GB').locale).toBe('en-GB');
  });

  it('takes the locale the form carries, normalized', () => {
    const locale = (value: string) => parseSignup({ email: 'a@b.co', locale: value }, 'UTC').locale;
    expect(locale('de-DE')).toBe('de-DE');
    expect(locale(' fr-fr ')).toBe('fr-FR');
    expect(locale('pt_BR')).toBe('pt-BR');
    expect(locale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(locale('en-GB-u-ca-buddhist')).toBe('en-GB');
  });

  it('names the field at fault', () => {
    expect(fieldOf({})).toBe('email');
    expect(fieldOf({ email: 'no-at-sign' })).toBe('email');
    expect(fieldOf({ email: 'a@localhost' })).toBe('email');
    expect(fieldOf({ email: 'a..b@example.com' })).toBe('email');
    expect(fieldOf({ email: '"x"@example.com' })).toBe('email');
    expect(fieldOf({ email: `${'a'.repeat(65)}@example.com` })).toBe('email');
    expect(fieldOf({ email: `a@${'b'.repeat(250)}.com` })).toBe('email');
    expect(fieldOf({ email: ['a@b.co'] })).toBe('email');
    expect(fieldOf({ email: 'a@b.co', name: 'x'.repeat(81) })).toBe('name');
    expect(fieldOf({ email: 'a@b.co', name: 'Eve\u0007' })).toBe('name');
    expect(fieldOf({ email: 'a@b.co', name: 'Eve\u202egnp.exe' })).toBe('name');
    expect(fieldOf({ email: 'a@b.co', timezone: 'Not/AZone' })).toBe('timezone');
    expect(fieldOf({ email: 'a@b.co', timezone: 'x'.repeat(65) })).toBe('timezone');
    expect(fieldOf({ email: 'a@b.co', timezone: 12 })).toBe('timezone');
    expect(fieldOf({ email: 'a@b.co', locale: 'not a tag' })).toBe('locale');
    expect(fieldOf({ email: 'a@b.co', locale: 'qaa' })).toBe('locale');
    expect(fieldOf({ email: 'a@b.co', locale: `en-${'a'.repeat(40)}` })).toBe('locale');
    expect(fieldOf({ email: 'a@b.co', locale: ['en-GB'] })).toBe('locale');
  });
});

describe('parseCourseField', () => {
  const offered = ['relationships', 'keep-it-going'];

  it('takes a course the deployment runs, or the default when none is named', () => {
    expect(parseCourseField({ course: 'keep-it-going' }, offered, 'relationships')).toBe(
      'keep-it-going',
    );
    expect(parseCourseField({ course: ' keep-it-going ' }, offered, 'relationships')).toBe(
      'keep-it-going',
    );
    expect(parseCourseField({}, offered, 'relationships')).toBe('relationships');
    expect(parseCourseField({ course: '' }, offered, 'relationships')).toBe('relationships');
    expect(parseCourseField({ course: '  ' }, offered, 'relationships')).toBe('relationships');
  });

  it('refuses any other course with a ValidationError naming the field', () => {
    for (const course of ['cooking', 'Relationships', ['keep-it-going'], 7]) {
      expect(() => parseCourseField({ course }, offered, 'relationships')).toThrow(
        expect.objectContaining({ name: 'ValidationError', field: 'course' }),
      );
    }
    expect(() => parseCourseField({ course: 'cooking' }, offered, 'relationships')).toThrow(
      'course: must be one of the courses we run: relationships, keep-it-going',
    );
  });
});
