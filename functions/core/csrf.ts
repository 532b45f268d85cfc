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

/**
 * Checks a form token in constant time; throws ForbiddenError for a missing or
 * wrong one. Only the exact `kid-mac` a page was given passes: no extra fields.
 */
export function verifyFormToken(
  keys: readonly SigningKey[],
  manageToken: string,
  action: string,
  given: unknown,
): void {
  const fields = typeof given === 'string' && given.length <= 64 ? given.split('-') : [];
  const [kid, value] = fields.length === 2 ? fields : [];
  const key = keys.find((k) => k.id === kid);
  const actual = Buffer.from(value ?? '');
  const expected = Buffer.from(key ? mac(key, manageToken, action) : '');
  if (!key || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new ForbiddenError(
      'this form has expired or did not come from your page; reload it and try again',
    );
  }
}

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins the site's own pages post from. For a loopback base URL (only
 * the local stack has one) that is every loopback name on the same scheme and
 * port, so pages opened at `http://127.0.0.1:3000` work while the base URL says
 * `http://localhost:3000`. Any other base URL is its one origin.
 */
export function allowedOrigins(baseUrl: string): string[] {
  const base = new URL(baseUrl);
  if (!loopbackHosts.includes(base.hostname)) return [base.origin];
  const port = base.port ? `:${base.port}` : '';
  return loopbackHosts.map((host) => `${base.protocol}//${host}${port}`);
}

/**
 * The cross-site check on top of the form token: a browser names the page that
 * posted in `Origin` (or, failing that, `Referer`). When either is present it
 * must be one of our own origins (see {@link allowedOrigins}); `Origin: null`
 * (sandboxed or privacy-stripped) counts as foreign. When both are absent the
 * form token alone decides.
 */
export function checkSameOrigin(
  headers: Record<string, string | undefined>,
  ownOrigins: readonly string[],
): void {
  const origin = headers.origin;
  if (origin !== undefined) {
    if (!ownOrigins.includes(origin)) {
      throw new ForbiddenError('this form was sent from another site');
    }
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
  if (from === null || !ownOrigins.includes(from)) {
    throw new ForbiddenError('this form was sent from another site');
  }
}
