import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiredTokenError } from '../../functions/core/errors.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import { confirmSignup, confirmThrottle, decideSignup } from '../../functions/core/signup.ts';
import { dueAt, nextItem, type Subscriber } from '../../functions/core/subscriber.ts';
import { courseContext as ctx } from '../support/pacing-driver.ts';

const input = { email: 'p@example.com', name: 'Pat', timezone: 'UTC', locale: 'en-GB' };
const fresh = { id: 'sub1', nonce: 'n1' };
const t0 = new Date('2026-06-10T10:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

function confirmed(state: Subscriber, nonce: string, now: Date): Subscriber {
  const decision = confirmSignup(state, nonce, now, ctx);
  if (decision.kind !== 'confirmed') throw new Error(`expected ${nonce} to confirm`);
  return decision.result.state;
}

/** What a signup must never change on a known subscriber before its link is used. */
function visible(s: Subscriber) {
  const { name, timezone, locale, status, consent, agenda, courseId, pace } = s;
  return { name, timezone, locale, status, consent, agenda, courseId, pace };
}

describe('signing up', () => {
  it('creates a pending subscriber with one open request and its consent record', () => {
    const { state, request } = decideSignup(null, input, 'json', t0, fresh, 'relationships');

    expect(request).toEqual({
      nonce: 'n1',
      at: t0.toISOString(),
      source: 'json',
      name: 'Pat',
      timezone: 'UTC',
      locale: 'en-GB',
    });
    expect(state).toMatchObject({
      id: 'sub1',
      status: 'pending',
      name: 'Pat',
      locale: 'en-GB',
      sendHour: 9,
      signupRequests: [request],
      consent: { source: 'json', signedUpAt: t0.toISOString(), confirmedAt: null },
    });
    expect(dueAt(state)).toBeNull();
  });

  it('throttles confirmations, and a throttled signup returns the very same record', () => {
    let state = decideSignup(null, input, 'form', t0, fresh, 'relationships').state;
    let mails = 1;
    for (let minute = 1; minute < 24 * 60; minute++) {
      const decision = decideSignup(
        state,
        input,
        'form',
        new Date(t0.getTime() + minute * 60_000),
        { id: 'x', nonce: `m${minute}` },
        'relationships',
      );
      if (decision.request) mails++;
      else expect(decision.state).toBe(state);
      state = decision.state;
    }
    // A rolling day: within any 24 hours, at most `perDay` confirmation emails.
    expect(mails).toBe(confirmThrottle.perDay);
    expect(state.signupRequests).toHaveLength(confirmThrottle.perDay);
  });

  it('leaves an active subscriber untouched', () => {
    const pending = decideSignup(null, input, 'form', t0, fresh, 'relationships').state;
    const active = confirmed(pending, 'n1', t0);

    const again = decideSignup(active, { ...input, name: 'Mallory' }, 'form', hours(1), fresh, 'x');

    expect(again).toEqual({ state: active, request: null });
  });

  it('changes nothing a stranger could see on an unsubscribed address until its link is used', () => {
    const active = confirmed(
      decideSignup(null, input, 'form', t0, fresh, 'relationships').state,
      'n1',
      t0,
    );
    const gone = pace(active, { type: 'unsubscribed' }, hours(1), ctx).state;

    const back = decideSignup(
      gone,
      { ...input, name: 'Mallory', timezone: 'Asia/Tokyo', locale: 'ja-JP' },
      'form',
      hours(24),
      { id: 'x', nonce: 'n2' },
      'relationships',
    );

    expect(back.request).toMatchObject({
      nonce: 'n2',
      name: 'Mallory',
      timezone: 'Asia/Tokyo',
      locale: 'ja-JP',
    });
    expect(visible(back.state)).toEqual(visible(gone));
    expect(back.state.locale).toBe('en-GB');
    const restarted = confirmed(back.state, 'n2', hours(25));
    expect(restarted).toMatchObject({
      status: 'active',
      name: 'Mallory',
      timezone: 'Asia/Tokyo',
      locale: 'ja-JP',
      signupRequests: [],
      consent: { signedUpAt: hours(24).toISOString(), confirmedAt: hours(25).toISOString() },
    });
    expect(restarted.consent.history).toHaveLength(1);
    expect(nextItem(restarted)?.sendKey).toBe('r2-lesson-1');
  });

  it('applies the details of the signup whose link is used, and kills the other links', () => {
    const first = decideSignup(null, input, 'form', t0, fresh, 'relationships').state;
    const second = decideSignup(
      first,
      { ...input, name: 'Someone Else', timezone: 'Europe/Paris', locale: 'fr-FR' },
      'json',
      hours(1),
      { id: 'x', nonce: 'n2' },
      'relationships',
    ).state;

    expect(visible(second)).toEqual(visible(first));
    const byFirstLink = confirmed(second, 'n1', hours(2));
    expect(byFirstLink).toMatchObject({
      name: 'Pat',
      timezone: 'UTC',
      locale: 'en-GB',
      consent: { source: 'form' },
    });
    const bySecondLink = confirmed(second, 'n2', hours(2));
    expect(bySecondLink).toMatchObject({
      name: 'Someone Else',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
    });
    expect(confirmSignup(byFirstLink, 'n2', hours(3), ctx)).toEqual({ kind: 'already' });
    const leftAgain = pace(byFirstLink, { type: 'unsubscribed' }, hours(3), ctx).state;
    expect(() => confirmSignup(leftAgain, 'n2', hours(4), ctx)).toThrow(ExpiredTokenError);
  });

  it('keeps the locale through a confirmation stored before locales existed', () => {
    const pending = decideSignup(null, input, 'form', t0, fresh, 'relationships').state;
    // A request stored before locales existed carries none: the subscriber's own stays.
    const { locale: _, ...older } = pending.signupRequests[0]!;
    const restored = { ...pending, locale: 'de-DE', signupRequests: [older] };

    expect(confirmed(restored, 'n1', t0).locale).toBe('de-DE');
  });

  it('refuses a link whose nonce no open signup carries', () => {
    const state = decideSignup(null, input, 'form', t0, fresh, 'relationships').state;

    expect(() => confirmSignup(state, 'forged', t0, ctx)).toThrow(ExpiredTokenError);
  });

  it('never changes what a known subscriber shows, whatever signups come', () => {
    const statuses = ['pending', 'unsubscribed', 'active', 'paused', 'suppressed'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.array(
          fc.record({
            minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
            name: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
            timezone: fc.constantFrom('UTC', 'Asia/Tokyo', 'America/New_York'),
            locale: fc.constantFrom('en-US', 'de-DE', 'fr-FR'),
          }),
          { maxLength: 12 },
        ),
        (status, signups) => {
          const base = { ...decideSignup(null, input, 'form', t0, fresh, 'relationships').state };
          const known: Subscriber = { ...base, status, version: 3 };
          let state = known;
          for (const [i, s] of signups.entries()) {
            state = decideSignup(
              state,
              { email: input.email, name: s.name, timezone: s.timezone, locale: s.locale },
              'form',
              new Date(t0.getTime() + s.minutes * 60_000),
              { id: 'other', nonce: `x${i}` },
              'relationships',
            ).state;
          }
          expect(visible(state)).toEqual(visible(known));
          expect(state.id).toBe(known.id);
        },
      ),
    );
  });
});
