import type { CompiledCourse } from './course.ts';
import { defaultSendWindow, inSendWindow, nextSendAt, type SendWindow } from './send-window.ts';
import type { NextEmail, SignupInput, SignupSource, Subscriber } from './subscriber.ts';

/** What can happen to a subscriber's course. */
export type PacingEvent =
  | { type: 'confirmed' }
  /** The scheduler found the subscriber's next email due. */
  | { type: 'due' }
  | { type: 'unsubscribed' };

/** An email the pacing decided to send now. */
export interface PlannedEmail {
  emailId: string;
  sendKey: string;
}

/** The pacing's answer: the new state and what to send. */
export interface PacingResult {
  state: Subscriber;
  emails: PlannedEmail[];
}

/** Course facts the pacing needs, kept apart from content. */
export interface PacingContext {
  course: Pick<CompiledCourse, 'sequence'>;
  window?: SendWindow;
}

/** The default local send hour when a subscriber has not chosen one. */
export const defaultSendHour = 9;

function scheduled(
  state: Subscriber,
  position: number,
  dueAt: Date,
  ctx: PacingContext,
): NextEmail | null {
  const entry = ctx.course.sequence[position];
  if (!entry) return null;
  return {
    emailId: entry.emailId,
    dueAt: dueAt.toISOString(),
    sendKey: `r${state.run}-${entry.emailId}`,
  };
}

/** The earliest moment at or after `now` that is inside the subscriber's send window. */
function soonestAllowed(state: Subscriber, now: Date, window: SendWindow): Date {
  return inSendWindow(now, state.timezone, window)
    ? now
    : nextSendAt(now, state.timezone, state.sendHour);
}

/**
 * The heart of the coach: given a subscriber, an event and the current time,
 * returns the subscriber's next state and the emails to send now. Pure: the
 * caller persists the state and sends the emails.
 */
export function pace(
  state: Subscriber,
  event: PacingEvent,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  const window = ctx.window ?? defaultSendWindow;
  switch (event.type) {
    case 'confirmed': {
      if (state.status !== 'pending') return { state, emails: [] };
      const started = { ...state, status: 'active' as const, run: state.run + 1, position: 0 };
      // Lesson 1 follows the confirmation at once, unless that would be at night.
      const next = scheduled(started, 0, soonestAllowed(started, now, window), ctx);
      return {
        state: {
          ...started,
          confirmNonce: null,
          next,
          consent: { ...state.consent, confirmedAt: now.toISOString(), unsubscribedAt: null },
        },
        emails: [],
      };
    }
    case 'unsubscribed': {
      if (state.status === 'unsubscribed') return { state, emails: [] };
      return {
        state: {
          ...state,
          status: 'unsubscribed',
          next: null,
          confirmNonce: null,
          consent: { ...state.consent, unsubscribedAt: now.toISOString() },
        },
        emails: [],
      };
    }
    case 'due': {
      const next = state.next;
      if (state.status !== 'active' || !next || Date.parse(next.dueAt) > now.getTime()) {
        return { state, emails: [] };
      }
      if (!inSendWindow(now, state.timezone, window)) {
        // Late (say, after an outage) and now night-time there: wait for the morning.
        const dueAt = nextSendAt(now, state.timezone, state.sendHour).toISOString();
        return { state: { ...state, next: { ...next, dueAt } }, emails: [] };
      }
      const position = state.position + 1;
      const gapDays = ctx.course.sequence[position]?.gapDays ?? 0;
      const following = scheduled(
        state,
        position,
        nextSendAt(now, state.timezone, state.sendHour, gapDays),
        ctx,
      );
      return {
        state: { ...state, position, next: following },
        emails: [{ emailId: next.emailId, sendKey: next.sendKey }],
      };
    }
  }
}

/** Repeated signups get at most one confirmation per interval and a few per day. */
export const confirmThrottle = { minIntervalMs: 10 * 60_000, perDay: 3 } as const;

/** Outcome of a signup for an address: the state to store and whether to mail a confirmation. */
export interface SignupDecision {
  state: Subscriber;
  sendConfirm: boolean;
}

/** Fresh values the caller generates (randomness is not the core's business). */
export interface SignupFresh {
  id: string;
  nonce: string;
}

/**
 * Decides what a signup does, for a new or known address. The HTTP answer is the
 * same in every case; only what is stored and mailed differs.
 */
export function decideSignup(
  existing: Subscriber | null,
  input: SignupInput,
  source: SignupSource,
  now: Date,
  fresh: SignupFresh,
  courseId: string,
): SignupDecision {
  const nowIso = now.toISOString();
  if (existing?.status === 'active') return { state: existing, sendConfirm: false };
  const base: Subscriber = existing ?? {
    id: fresh.id,
    email: input.email,
    name: input.name,
    timezone: input.timezone,
    sendHour: defaultSendHour,
    courseId,
    status: 'pending',
    createdAt: nowIso,
    consent: { signedUpAt: nowIso, source, confirmedAt: null, unsubscribedAt: null },
    confirmNonce: null,
    confirmSends: [],
    run: 0,
    position: 0,
    next: null,
    version: 0,
  };
  const recent = base.confirmSends.filter((at) => now.getTime() - Date.parse(at) < 24 * 3_600_000);
  const last = recent.at(-1);
  const allowed =
    recent.length < confirmThrottle.perDay &&
    (!last || now.getTime() - Date.parse(last) >= confirmThrottle.minIntervalMs);
  const rejoining = existing?.status === 'unsubscribed';
  const state: Subscriber = {
    ...base,
    // A returning address may update its details; a pending one keeps its first ones
    // so a stranger cannot rewrite them before the owner confirms.
    ...(rejoining ? { name: input.name, timezone: input.timezone } : {}),
    status: 'pending',
    consent: rejoining
      ? {
          signedUpAt: nowIso,
          source,
          confirmedAt: null,
          unsubscribedAt: base.consent.unsubscribedAt,
        }
      : base.consent,
    // Keep an outstanding nonce so an earlier, still valid link keeps working.
    confirmNonce: base.confirmNonce ?? fresh.nonce,
    confirmSends: allowed ? [...recent, nowIso] : recent,
  };
  return { state, sendConfirm: allowed };
}
