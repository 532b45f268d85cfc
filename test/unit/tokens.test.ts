import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiredTokenError, InvalidTokenError } from '../../functions/core/errors.ts';
import { replyToken } from '../../functions/core/inbound.ts';
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
  });

  it('accepts a reply address whose case a mail server changed, through replyToken', () => {
    // Prepare
    const token = signToken([current], 'reply', {
      subscriberId: 'abcdefghij234567',
      expiresAt: null,
      data: 's2',
    });
    const shouted = `REPLY+${token.toUpperCase()}@REPLY.EXAMPLE.COM`;

    // Act
    const fromMail = replyToken([shouted], 'reply.example.com');

    // Assess
    expect(fromMail).toBe(token);
    expect(verifyToken([current], 'reply', fromMail!, now)).toEqual({
      subscriberId: 'abcdefghij234567',
      expiresAt: null,
      data: 's2',
    });
    expect(() => verifyToken([current], 'reply', token.toUpperCase(), now)).toThrow(
      InvalidTokenError,
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

  it('refuses every single-character change, case changes included', () => {
    // Prepare
    const token = signToken([current], 'manage', claims);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._+ ';
    const forgeries: string[] = [];
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c !== token[i]) forgeries.push(token.slice(0, i) + c + token.slice(i + 1));
      }
      forgeries.push(token.slice(0, i) + token.slice(i + 1));
    }

    // Act
    const accepted = forgeries.filter((forged) => {
      try {
        verifyToken([current], 'manage', forged, now);
        return true;
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        return false;
      }
    });

    // Assess
    expect(verifyToken([current], 'manage', token, now)).toEqual(claims);
    expect(forgeries.length).toBeGreaterThan(token.length * 60);
    expect(accepted).toEqual([]);
  });

  it('refuses the token with its last character uppercased or changed to any other base32 character', () => {
    // Prepare
    const token = signToken([current], 'unsubscribe', { ...claims, expiresAt: null });
    const head = token.slice(0, -1);
    const last = token.at(-1)!;
    const variants = [
      head + last.toUpperCase(),
      ...[...'abcdefghijklmnopqrstuvwxyz234567'].filter((c) => c !== last).map((c) => head + c),
    ];

    // Act
    const accepted = variants.filter((v) => {
      try {
        verifyToken([current], 'unsubscribe', v, now);
        return true;
      } catch {
        return false;
      }
    });

    // Assess
    expect(variants).toHaveLength(32);
    expect(accepted).toEqual([]);
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
