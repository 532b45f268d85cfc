import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmThrottle,
  decideSignup,
  type PacingContext,
  pace,
} from '../../functions/core/pacing.ts';
import { inSendWindow, toLocal } from '../../functions/core/send-window.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';

const ctx: PacingContext = {
  course: {
    sequence: [
      { emailId: 'lesson-1', step: 1, gapDays: 0 },
      { emailId: 'lesson-2', step: 2, gapDays: 3 },
      { emailId: 'lesson-3', step: 3, gapDays: 4 },
      { emailId: 'lesson-4', step: 4, gapDays: 4 },
      { emailId: 'closing', step: null, gapDays: 5 },
    ],
  },
};

function pending(timezone: string, at: Date): Subscriber {
  return decideSignup(
    null,
    { email: 'p@example.com', name: 'Pat', timezone },
    'form',
    at,
    { id: 'sub1', nonce: 'n1' },
    'relationships',
  ).state;
}

/** Drives a subscriber through the course the way the tick does: each due time, one `due` event. */
function runCourse(start: Subscriber, confirmedAt: Date) {
  let state = pace(start, { type: 'confirmed' }, confirmedAt, ctx).state;
  const sent: { emailId: string; at: Date }[] = [];
  for (let i = 0; i < 20 && state.next; i++) {
    const at = new Date(state.next.dueAt);
    const result = pace(state, { type: 'due' }, at, ctx);
    sent.push(...result.emails.map((e) => ({ emailId: e.emailId, at })));
    state = result.state;
  }
  return { state, sent };
}

describe('pace', () => {
  it('starts at once after a daytime confirm, then follows the schedule at 09:00 local', () => {
    const confirmedAt = new Date('2026-03-02T15:30:00Z'); // 10:30 in New York
    const { sent, state } = runCourse(pending('America/New_York', confirmedAt), confirmedAt);
    expect(sent.map((s) => s.emailId)).toEqual([
      'lesson-1',
      'lesson-2',
      'lesson-3',
      'lesson-4',
      'closing',
    ]);
    expect(sent[0]!.at).toEqual(confirmedAt);
    // Lessons 2-4 and closing straddle the 2026-03-08 DST change and stay at 09:00 local.
    expect(sent.slice(1).map((s) => s.at.toISOString())).toEqual([
      '2026-03-05T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-13T13:00:00.000Z',
      '2026-03-18T13:00:00.000Z',
    ]);
    expect(state.next).toBeNull();
    expect(state.status).toBe('active');
  });

  it('waits for the morning after a night-time confirm', () => {
    const confirmedAt = new Date('2026-06-10T22:30:00Z'); // 00:30 in Berlin
    const { sent } = runCourse(pending('Europe/Berlin', confirmedAt), confirmedAt);
    expect(sent[0]).toEqual({ emailId: 'lesson-1', at: new Date('2026-06-11T07:00:00Z') });
  });

  it('reschedules a late due email that would land at night instead of sending it', () => {
    const confirmedAt = new Date('2026-06-10T10:00:00Z');
    const state = pace(
      pending('Europe/Berlin', confirmedAt),
      { type: 'confirmed' },
      confirmedAt,
      ctx,
    ).state;
    const night = new Date('2026-06-10T23:30:00Z'); // 01:30 in Berlin, the tick was down all day
    const result = pace(state, { type: 'due' }, night, ctx);
    expect(result.emails).toEqual([]);
    expect(result.state.next?.dueAt).toBe('2026-06-11T07:00:00.000Z');
  });

  it('sends nothing after unsubscribing, whatever events follow', () => {
    const at = new Date('2026-06-10T10:00:00Z');
    let state = pace(pending('UTC', at), { type: 'confirmed' }, at, ctx).state;
    state = pace(state, { type: 'unsubscribed' }, at, ctx).state;
    expect(state.next).toBeNull();
    expect(state.consent.unsubscribedAt).toBe(at.toISOString());
    for (let day = 0; day < 30; day++) {
      const later = new Date(at.getTime() + day * 86_400_000);
      expect(pace(state, { type: 'due' }, later, ctx).emails).toEqual([]);
      expect(pace(state, { type: 'confirmed' }, later, ctx).state.status).toBe('unsubscribed');
    }
  });

  it('does nothing for a due event before the due time', () => {
    const at = new Date('2026-06-10T10:00:00Z');
    const state = runCourse(pending('UTC', at), at).state;
    expect(pace(state, { type: 'due' }, at, ctx).state).toBe(state);
  });

  it('sends every course email once, in order, inside the send window, for any zone and confirm time', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/Berlin',
      'Asia/Kathmandu',
      'Australia/Sydney',
      'Pacific/Kiritimati',
      'America/Santiago',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, confirmedAt) => {
          const { sent } = runCourse(pending(zone, confirmedAt), confirmedAt);
          expect(sent.map((s) => s.emailId)).toEqual([
            'lesson-1',
            'lesson-2',
            'lesson-3',
            'lesson-4',
            'closing',
          ]);
          for (const [i, s] of sent.entries()) {
            expect(inSendWindow(s.at, zone)).toBe(true);
            if (i > 0) {
              expect(s.at.getTime()).toBeGreaterThan(sent[i - 1]!.at.getTime());
              expect(toLocal(s.at, zone).hour).toBe(9);
            }
          }
          expect(sent[0]!.at.getTime()).toBeGreaterThanOrEqual(confirmedAt.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decideSignup', () => {
  const input = { email: 'p@example.com', name: 'Pat', timezone: 'UTC' };
  const fresh = { id: 'sub1', nonce: 'n1' };
  const t0 = new Date('2026-06-10T10:00:00Z');

  it('creates a pending subscriber with a confirm nonce and the consent record', () => {
    const { state, sendConfirm } = decideSignup(null, input, 'json', t0, fresh, 'relationships');
    expect(sendConfirm).toBe(true);
    expect(state).toMatchObject({
      id: 'sub1',
      status: 'pending',
      confirmNonce: 'n1',
      sendHour: 9,
      consent: { source: 'json', signedUpAt: t0.toISOString() },
    });
  });

  it('throttles confirmations: one per interval, a few per day', () => {
    let state = decideSignup(null, input, 'form', t0, fresh, 'relationships').state;
    let mails = 1;
    for (let minute = 1; minute < 24 * 60; minute++) {
      const decision = decideSignup(
        state,
        input,
        'form',
        new Date(t0.getTime() + minute * 60_000),
        { id: 'x', nonce: 'y' },
        'relationships',
      );
      state = decision.state;
      if (decision.sendConfirm) mails++;
      expect(state.confirmNonce).toBe('n1');
    }
    // A rolling day: within any 24 hours, at most `perDay` confirmation emails.
    expect(mails).toBe(confirmThrottle.perDay);
  });

  it('leaves an active subscriber untouched and re-opts-in an unsubscribed one', () => {
    const active = pace(
      decideSignup(null, input, 'form', t0, fresh, 'relationships').state,
      { type: 'confirmed' },
      t0,
      ctx,
    ).state;
    expect(decideSignup(active, input, 'form', t0, fresh, 'relationships')).toEqual({
      state: active,
      sendConfirm: false,
    });
    const gone = pace(active, { type: 'unsubscribed' }, t0, ctx).state;
    const back = decideSignup(
      gone,
      { ...input, timezone: 'Asia/Tokyo' },
      'form',
      new Date(t0.getTime() + 86_400_000),
      { id: 'x', nonce: 'n2' },
      'relationships',
    );
    expect(back.sendConfirm).toBe(true);
    expect(back.state).toMatchObject({
      id: 'sub1',
      status: 'pending',
      confirmNonce: 'n2',
      timezone: 'Asia/Tokyo',
    });
    // A new course run gets fresh send keys, so the ledger does not block the restarted course.
    const restarted = pace(back.state, { type: 'confirmed' }, t0, ctx).state;
    expect(restarted.next?.sendKey).toBe('r2-lesson-1');
  });
});
