import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from './errors.ts';
import { base32, type SigningKey } from './tokens.ts';

function mac(key: SigningKey, manageToken: string, action: string): string {
  return base32(
    createHmac('sha256', key.secret)
      .update(`form|${manageToken}|${action}`)
      .digest()
      .subarray(0, 16),
  );
}

/**
 * The hidden-field token of one manage form: an HMAC over the page's manage
 * token and the form's action, so a token lifted from one form cannot post
 * another, and nobody without the emailed link can make one. Carries its key
 * id so key rotation keeps open pages working.
 */
export function formToken(
  keys: readonly SigningKey[],
  manageToken: string,
  action: string,
): string {
  const key = keys[0];
  if (!key) throw new Error('no signing key');
  return `${key.id}-${mac(key, manageToken, action)}`;
}

/** Checks a form token in constant time; throws ForbiddenError for a missing or wrong one. */
export function verifyFormToken(
  keys: readonly SigningKey[],
  manageToken: string,
  action: string,
  given: unknown,
): void {
  const [kid, value] = typeof given === 'string' && given.length <= 64 ? given.split('-') : [];
  const key = keys.find((k) => k.id === kid);
  const actual = Buffer.from(value ?? '');
  const expected = Buffer.from(key ? mac(key, manageToken, action) : '');
  if (!key || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new ForbiddenError(
      'this form has expired or did not come from your page; reload it and try again',
    );
  }
}

/**
 * The cross-site check on top of the form token: a browser names the page that
 * posted in `Origin` (or, failing that, `Referer`). When either is present it
 * must be our own origin; `Origin: null` (sandboxed or privacy-stripped) counts
 * as foreign. When both are absent the form token alone decides.
 */
export function checkSameOrigin(
  headers: Record<string, string | undefined>,
  ownOrigin: string,
): void {
  const origin = headers.origin;
  if (origin !== undefined) {
    if (origin !== ownOrigin) throw new ForbiddenError('this form was sent from another site');
    return;
  }
  const referer = headers.referer;
  if (referer === undefined) return;
  let from: string | null = null;
  try {
    from = new URL(referer).origin;
  } catch {
    // An unparsable Referer is treated like a foreign one.
  }
  if (from !== ownOrigin) throw new ForbiddenError('this form was sent from another site');
}
