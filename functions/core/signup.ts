import { ExpiredTokenError, ValidationError } from './errors.ts';
import { defaultLocale } from './locale.ts';
import { defaultSendHour, type PacingContext, type PacingResult, pace } from './pacing/index.ts';
import {
  type Consent,
  pastConsents,
  type SignupInput,
  type SignupRequest,
  type SignupSource,
  type Subscriber,
  subscriberDefaults,
} from './subscriber.ts';

/** A throttle for mails anyone can trigger for an address: at most one per interval, a few a day. */
export interface SendThrottle {
  minIntervalMs: number;
  perDay: number;
}

/** Repeated signups get at most one confirmation per interval and a few per day. */
export const confirmThrottle: SendThrottle = { minIntervalMs: 10 * 60_000, perDay: 3 };

/** Confirmation links still open at once; an older one stops working when a newer one is mailed. */
export const openSignupRequests = 3;

/**
 * Whether another triggered mail may go out now, and the recent sends to keep
 * (the last day's, plus now when allowed). Fresh manage links use the same
 * limits as confirmations.
 */
export function throttleSend(
  sends: readonly string[],
  now: Date,
  rule: SendThrottle = confirmThrottle,
): { allowed: boolean; sends: string[] } {
  const recent = sends.filter((at) => now.getTime() - Date.parse(at) < 24 * 3_600_000);
  const last = recent.at(-1);
  const allowed =
    recent.length < rule.perDay &&
    (!last || now.getTime() - Date.parse(last) >= rule.minIntervalMs);
  return { allowed, sends: allowed ? [...recent, now.toISOString()] : recent };
}

/**
 * Reads the optional `course` field of a signup form or JSON body: one of
 * `offered` (the courses the deployment runs), or `fallback` (its default
 * course) when the field is absent or empty. Throws ValidationError naming
 * `course` for anything else.
 */
export function parseCourseField(
  raw: Record<string, unknown>,
  offered: readonly string[],
  fallback: string,
): string {
  const value = raw.course;
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string') throw new ValidationError('course', 'must be text');
  const id = value.trim();
  if (!id) return fallback;
  if (!offered.includes(id)) {
    throw new ValidationError('course', `must be one of the courses we run: ${offered.join(', ')}`);
  }
  return id;
}

/** Outcome of a signup for an address: the state to store and whether to mail a confirmation. */
export interface SignupDecision {
  state: Subscriber;
  /** The request whose confirmation email to send, or null for none. */
  request: SignupRequest | null;
}

/** Fresh values the caller generates (randomness is not the core's business). */
export interface SignupFresh {
  id: string;
  nonce: string;
}

/**
 * Decides what a signup does, for a new or known address. The HTTP answer is the
 * same in every case; only what is stored and mailed differs.
 *
 * A signup proves nothing about who owns the mailbox, so for a known address it
 * changes nothing anyone can see: the name, time zone, locale, status and
 * consent stay as they are until the emailed link is used. What it says is kept with the
 * confirmation it mails (a {@link SignupRequest}), and only that link applies
 * it. A signup the throttle refuses returns `existing` itself, unchanged, so a
 * burst of signups for one address (a double click) writes once and mails once.
 */
export function decideSignup(
  existing: Subscriber | null,
  input: SignupInput,
  source: SignupSource,
  now: Date,
  fresh: SignupFresh,
  courseId: string,
): SignupDecision {
  // Only a pending address or one that left may be (re)confirmed; everyone else keeps their state.
  if (existing && existing.status !== 'pending' && existing.status !== 'unsubscribed') {
    return { state: existing, request: null };
  }
  const { allowed, sends } = throttleSend(existing?.confirmSends ?? [], now);
  if (existing && !allowed) return { state: existing, request: null };
  const nowIso = now.toISOString();
  const request: SignupRequest = {
    nonce: fresh.nonce,
    at: nowIso,
    source,
    name: input.name,
    timezone: input.timezone,
    ...(input.locale ? { locale: input.locale } : {}),
  };
  const base: Subscriber = existing ?? {
    ...subscriberDefaults(),
    id: fresh.id,
    email: input.email,
    // A new address has nothing to protect; the record starts with what the form said.
    name: input.name,
    timezone: input.timezone,
    locale: input.locale ?? defaultLocale,
    sendHour: defaultSendHour,
    courseId,
    status: 'pending',
    createdAt: nowIso,
    consent: { signedUpAt: nowIso, source, confirmedAt: null, unsubscribedAt: null },
    confirmSends: [],
    run: 0,
    position: 0,
    version: 0,
  };
  return {
    state: {
      ...base,
      signupRequests: [...base.signupRequests, request].slice(-openSignupRequests),
      confirmSends: sends,
    },
    request,
  };
}

/** Whether a confirm link was already used: the subscriber is active (or further on) already. */
export type ConfirmDecision = { kind: 'already' } | { kind: 'confirmed'; result: PacingResult };

/**
 * Confirms the signup whose link carries `nonce`: the details that signup gave
 * (name, time zone, locale, how it came) take effect now, the consent is
 * recorded, and the course starts at lesson 1. An address that had left restarts, its
 * earlier consent kept in the history. Every other open link dies with it.
 * Throws ExpiredTokenError when the link was already used or replaced.
 */
export function confirmSignup(
  state: Subscriber,
  nonce: string,
  now: Date,
  ctx: PacingContext,
): ConfirmDecision {
  if (state.status === 'active') return { kind: 'already' };
  const request = state.signupRequests.find((r) => r.nonce === nonce);
  if (!request || (state.status !== 'pending' && state.status !== 'unsubscribed')) {
    throw new ExpiredTokenError('this confirmation link was already used or replaced');
  }
  return { kind: 'confirmed', result: startCourse(state, request, now, ctx) };
}

/**
 * Starts (or restarts) the course of a pending or unsubscribed subscriber on a
 * signup the mailbox owner has confirmed: its details take effect, its consent
 * is recorded (an earlier one kept in the history), and lesson 1 is scheduled.
 */
export function startCourse(
  state: Subscriber,
  signup: Omit<SignupRequest, 'nonce'>,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  const earlier =
    state.status === 'unsubscribed' ? pastConsents(state.consent) : state.consent.history;
  const consent: Consent = {
    signedUpAt: signup.at,
    source: signup.source,
    confirmedAt: null,
    unsubscribedAt: state.consent.unsubscribedAt,
    ...(earlier ? { history: earlier } : {}),
  };
  const pending: Subscriber = {
    ...state,
    name: signup.name,
    timezone: signup.timezone,
    locale: signup.locale ?? state.locale,
    status: 'pending',
    consent,
    signupRequests: [],
  };
  return pace(pending, { type: 'confirmed' }, now, ctx);
}
