import { ValidationError } from './errors.ts';
import { isValidTimeZone } from './send-window.ts';

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed';

/** The one thing due next for a subscriber. */
export interface NextEmail {
  emailId: string;
  /** ISO instant it is due. */
  dueAt: string;
  /** Unique per subscriber and send; the ledger claims it so it goes out at most once. */
  sendKey: string;
}

/** Consent trail: when and how the subscriber signed up, confirmed and left. */
export interface Consent {
  signedUpAt: string;
  source: SignupSource;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

/** A subscriber profile, as the core reasons about it. */
export interface Subscriber {
  id: string;
  email: string;
  name: string | null;
  timezone: string;
  /** Local hour (0-23) emails go out at. */
  sendHour: number;
  courseId: string;
  status: SubscriberStatus;
  createdAt: string;
  consent: Consent;
  /** Single-use nonce bound into the current confirm link, cleared once used. */
  confirmNonce: string | null;
  /** Recent confirmation sends (ISO), for throttling repeated signups. */
  confirmSends: string[];
  /** Counts course starts, so a resubscribe gets fresh send keys. */
  run: number;
  /** Index into the course sequence of the next course email. */
  position: number;
  next: NextEmail | null;
  /** Optimistic-concurrency version, bumped on every save. */
  version: number;
}

export type SignupSource = 'form' | 'json';

/** A validated signup request. */
export interface SignupInput {
  email: string;
  name: string | null;
  timezone: string;
}

export const limits = { email: 254, name: 80, timezone: 64 } as const;

// Pragmatic address check: one @, a dotted domain, no spaces or angle brackets or quotes.
const emailPattern =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** Lowercases and trims an address; the whole address is compared case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function field(raw: Record<string, unknown>, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(name, 'must be text');
  return value;
}

/**
 * Validates a signup form or JSON body. Unknown time zones and over-long
 * fields are rejected by name; a missing time zone falls back to the default.
 */
export function parseSignup(raw: Record<string, unknown>, defaultTimezone: string): SignupInput {
  const email = normalizeEmail(field(raw, 'email') ?? '');
  if (!email) throw new ValidationError('email', 'is required');
  if (email.length > limits.email) {
    throw new ValidationError('email', `must be at most ${limits.email} characters`);
  }
  const local = email.split('@')[0] ?? '';
  if (!emailPattern.test(email) || local.length > 64 || /\.\.|^\.|\.@/.test(email)) {
    throw new ValidationError('email', 'is not a valid email address');
  }
  const name = (field(raw, 'name') ?? '').trim().replace(/\s+/g, ' ');
  if (name.length > limits.name) {
    throw new ValidationError('name', `must be at most ${limits.name} characters`);
  }
  if (/[\p{Cc}\p{Cf}]/u.test(name)) throw new ValidationError('name', 'has control characters');
  const timezone = (field(raw, 'timezone') ?? '').trim() || defaultTimezone;
  if (timezone.length > limits.timezone || !isValidTimeZone(timezone)) {
    throw new ValidationError('timezone', 'is not a known IANA time zone');
  }
  return { email, name: name || null, timezone };
}

/** The name used in greetings: the first word of the name, or a neutral fallback. */
export function firstName(subscriber: Pick<Subscriber, 'name'>): string {
  return subscriber.name?.split(' ')[0] || 'there';
}
