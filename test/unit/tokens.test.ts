import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiredTokenError, InvalidTokenError } from '../../functions/core/errors.ts';
import { base32, signToken, verifyToken } from '../../functions/core/tokens.ts';

const current = { id: 'k2', secret: 'b'.repeat(40) };
const previous = { id: 'k1', secret: 'a'.repeat(40) };
const now = new Date('2026-11-25T12:00:00Z');
const claims = {
  subscriberId: 'abcdefghij234567',
  expiresAt: new Date('2026-12-01T00:00:00Z'),
  data: 'nonce1',
};

describe('tokens', () => {
  it('round-trips claims for the purpose they were signed for', () => {
    const token = signToken([current], 'manage', claims);
    expect(verifyToken([current], 'manage', token, now)).toEqual(claims);
  });

  it('is lowercase alphanumerics and hyphens, and a reply address fits a mail local part', () => {
    const token = signToken([current], 'reply', {
      subscriberId: 'abcdefghij234567',
      expiresAt: null,
      data: '',
    });
    expect(token).toMatch(/^[a-z0-9-]+$/);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(64);
    // Mail servers may upper-case local parts; verification ignores case.
    expect(verifyToken([current], 'reply', token.toUpperCase(), now).subscriberId).toBe(
      'abcdefghij234567',
    );
  });

  it('refuses a token signed for another purpose', () => {
    const token = signToken([current], 'manage', claims);
    expect(() => verifyToken([current], 'unsubscribe', token, now)).toThrow(InvalidTokenError);
  });

  it('refuses any single-character change', () => {
    const token = signToken([current], 'unsubscribe', { ...claims, expiresAt: null });
    fc.assert(
      fc.property(
        fc.nat(token.length - 1),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-.'),
        (i, c) => {
          fc.pre(token[i] !== c);
          const forged = token.slice(0, i) + c + token.slice(i + 1);
          expect(() => verifyToken([current], 'unsubscribe', forged, now)).toThrow(
            InvalidTokenError,
          );
        },
      ),
    );
  });

  it('verifies with an older key after rotation and refuses unknown keys', () => {
    const old = signToken([previous], 'manage', claims);
    expect(verifyToken([current, previous], 'manage', old, now).data).toBe('nonce1');
    expect(() => verifyToken([current], 'manage', old, now)).toThrow(InvalidTokenError);
  });

  it('expires at the expiry and never for tokens without one', () => {
    const token = signToken([current], 'confirm', claims);
    expect(() => verifyToken([current], 'confirm', token, claims.expiresAt)).toThrow(
      ExpiredTokenError,
    );
    const forever = signToken([current], 'unsubscribe', { ...claims, expiresAt: null });
    expect(
      verifyToken([current], 'unsubscribe', forever, new Date('2099-01-01T00:00:00Z')).expiresAt,
    ).toBeNull();
  });

  it('refuses malformed input without throwing anything else', () => {
    for (const junk of [
      '',
      'x',
      'a-b-c-d',
      'k2-abc-0--',
      '<script>',
      'k2-AB_C-0--x',
      'a'.repeat(500),
    ]) {
      expect(() => verifyToken([current], 'manage', junk, now)).toThrow(InvalidTokenError);
    }
  });

  it('encodes base32 as RFC 4648 does, in lowercase', () => {
    expect(base32(Buffer.from('foobar'))).toBe('mzxw6ytboi');
    expect(base32(Buffer.from('f'))).toBe('my');
  });
});
