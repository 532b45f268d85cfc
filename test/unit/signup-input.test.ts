import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/core/errors.ts';
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
  it('normalizes the address, tidies the name and falls back to the default zone', () => {
    expect(
      parseSignup({ email: '  Ada@Example.COM ', name: '  Ada   King ' }, 'Europe/Paris'),
    ).toEqual({
      email: 'ada@example.com',
      name: 'Ada King',
      timezone: 'Europe/Paris',
    });
    // Line breaks fold into spaces: a name is one line wherever it is shown.
    expect(parseSignup({ email: 'a@b.co', name: 'Eve\r\nBcc: x@y.z' }, 'UTC').name).toBe(
      'Eve Bcc: x@y.z',
    );
    expect(parseSignup({ email: 'a@b.co', name: '', timezone: '' }, 'UTC')).toEqual({
      email: 'a@b.co',
      name: null,
      timezone: 'UTC',
    });
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
  });
});
