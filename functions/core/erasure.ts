import { createHmac } from 'node:crypto';
import { normalizeEmail } from './subscriber.ts';
import { base32, type SigningKey } from './tokens.ts';

/**
 * What remains of a subscriber who deleted everything: a keyed hash of the
 * address and when it happened, nothing readable. It proves, for an audit or a
 * complaint, that the address unsubscribed and was erased at that time, when
 * someone presents the address. It blocks nothing: the email lookup is gone, so
 * a later signup is a fresh start with double opt-in, and no send or SES event
 * can reach the address through it.
 */
export interface SuppressionRecord {
  /** Key id of the signing key the hash was made with (keys rotate). */
  kid: string;
  /** HMAC-SHA256 of the normalized address, lowercase base32. */
  hash: string;
  reason: 'erased';
  erasedAt: string;
  /** When the subscriber had unsubscribed, if before erasing. */
  unsubscribedAt: string | null;
}

/**
 * The keyed hash of an address with the current signing key. Keyed, so that
 * the hash cannot be reversed by hashing a list of guessed addresses without
 * the secret.
 */
export function addressHash(
  keys: readonly SigningKey[],
  email: string,
): { kid: string; hash: string } {
  const key = keys[0];
  if (!key) throw new Error('no signing key');
  return { kid: key.id, hash: hashWith(key, email) };
}

/** The address's hash under every key, for looking a suppression up after a key rotation. */
export function addressHashes(
  keys: readonly SigningKey[],
  email: string,
): { kid: string; hash: string }[] {
  return keys.map((key) => ({ kid: key.id, hash: hashWith(key, email) }));
}

function hashWith(key: SigningKey, email: string): string {
  return base32(
    createHmac('sha256', key.secret)
      .update(`suppress|${normalizeEmail(email)}`)
      .digest(),
  );
}

/** Every stored raw message referenced by a subscriber's records, once each. */
export function rawKeysOf(records: readonly { rawKey: string | null }[]): string[] {
  return [...new Set(records.map((r) => r.rawKey).filter((k): k is string => !!k))];
}
