import { createHmac, timingSafeEqual } from 'node:crypto';
import { ExpiredTokenError, InvalidTokenError } from './errors.ts';

/** What a token may be used for; part of the MAC input so one kind never passes as another. */
export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe' | 'reply';

/** A signing key; the first key of a list signs, every key verifies (rotation). */
export interface SigningKey {
  id: string;
  secret: string;
}

/** What a verified token says. */
export interface TokenClaims {
  subscriberId: string;
  /** Expiry, or null for tokens that never expire (unsubscribe, reply). */
  expiresAt: Date | null;
  /** Extra bound value, e.g. the single-use nonce of a confirm link. */
  data: string;
}

const part = /^[a-z0-9]*$/;
const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lowercase RFC 4648 base32 without padding: safe in URLs and in mail local parts of any case. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

function mac(key: SigningKey, purpose: TokenPurpose, body: string): string {
  // 128 bits of HMAC-SHA256 keep reply addresses under the 64-char local-part limit.
  return base32(
    createHmac('sha256', key.secret).update(`${purpose}|${body}`).digest().subarray(0, 16),
  );
}

/**
 * Signs a token: `kid-subscriber-expiry-data-mac`, lowercase alphanumerics and hyphens
 * only, so it survives URLs, case-folding mail servers and the dot rules of mail local parts.
 */
export function signToken(
  keys: readonly SigningKey[],
  purpose: TokenPurpose,
  claims: TokenClaims,
): string {
  const key = keys[0];
  if (!key) throw new Error('no signing key');
  if (!part.test(claims.subscriberId) || !claims.subscriberId || !part.test(claims.data)) {
    throw new Error('token fields must be lowercase alphanumerics');
  }
  const exp = claims.expiresAt ? Math.floor(claims.expiresAt.getTime() / 1000).toString(36) : '0';
  const body = [key.id, claims.subscriberId, exp, claims.data].join('-');
  return `${body}-${mac(key, purpose, body)}`;
}

/**
 * Verifies a token for one purpose, comparing MACs in constant time. Only the
 * exact string a signer produces passes: lowercase, five fields, the MAC as
 * signed. Where a channel may change case (mail local parts), the caller
 * lowercases at that edge (see `replyToken`). Throws InvalidTokenError for
 * anything forged or malformed and ExpiredTokenError for a genuine token past
 * its expiry.
 */
export function verifyToken(
  keys: readonly SigningKey[],
  purpose: TokenPurpose,
  token: string,
  now: Date,
): TokenClaims {
  const fields = token.length <= 200 ? token.split('-') : [];
  if (fields.length !== 5 || !fields.every((f) => part.test(f))) {
    throw new InvalidTokenError('malformed link');
  }
  const [kid, subscriberId, exp, data, given] = fields as [string, string, string, string, string];
  const key = keys.find((k) => k.id === kid);
  if (!key || !subscriberId) throw new InvalidTokenError('unknown signing key');
  const expected = Buffer.from(mac(key, purpose, [kid, subscriberId, exp, data].join('-')));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new InvalidTokenError('link signature does not match');
  }
  const expiresAt = exp === '0' ? null : new Date(Number.parseInt(exp, 36) * 1000);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new ExpiredTokenError('this link has expired');
  }
  return { subscriberId, expiresAt, data };
}
