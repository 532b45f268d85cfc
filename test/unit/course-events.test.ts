import { describe, expect, it } from 'vitest';
import { changeEvents, isoWeek } from '../../functions/core/course-events.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import { confirmSignup, decideSignup } from '../../functions/core/signup.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { courseContext as ctx } from '../support/pacing-driver.ts';

const t0 = new Date('2026-03-02T10:00:00Z');
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);

function signedUp(): Subscriber {
  return decideSignup(
    null,
    { email: 'e@example.com', name: null, timezone: 'UTC' },
    'form',
    t0,
    { id: 'evaaaaaaaaaaaaaa', nonce: 'n' },
    'relationships',
  ).state;
}

function confirmed(): Subscriber {
  const decision = confirmSignup(signedUp(), 'n', t0, ctx);
  if (decision.kind !== 'confirmed') throw new Error('not confirmed');
  return decision.result.state;
}

describe('what a change stands for', () => {
  it('names the ISO week, with the year of its Thursday', () => {
    expect(isoWeek(new Date('2026-03-02T10:00:00Z'))).toBe('2026-W10');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
  });

  it('a new record is a signup, and its confirmation starts the cohort', () => {
    const pending = signedUp();
    const active = confirmed();

    expect(changeEvents(null, pending, t0).map((e) => e.type)).toEqual(['signed-up', 'status']);
    expect(changeEvents(pending, active, t0)).toEqual([
      { at: t0.toISOString(), courseId: 'relationships', cohort: '2026-W10', type: 'confirmed' },
      {
        at: t0.toISOString(),
        courseId: 'relationships',
        cohort: '2026-W10',
        type: 'status',
        from: 'pending',
        to: 'active',
      },
    ]);
  });

  it('leaving says how and at which step', () => {
    const active = confirmed();
    const gone = pace(active, { type: 'unsubscribed' }, day(1), ctx).state;
    const bounced = pace(
      active,
      { type: 'mail-event', kind: 'permanent-bounce' },
      day(1),
      ctx,
    ).state;
    const complained = pace(active, { type: 'mail-event', kind: 'complaint' }, day(1), ctx).state;

    expect(changeEvents(active, gone, day(1))).toMatchObject([
      { type: 'left', reason: 'unsubscribed' },
      { type: 'status', from: 'active', to: 'unsubscribed' },
    ]);
    expect(changeEvents(active, bounced, day(1))).toMatchObject([
      { type: 'left', reason: 'bounced' },
      { type: 'status', from: 'active', to: 'suppressed' },
    ]);
    expect(changeEvents(active, complained, day(1))).toMatchObject([
      { type: 'left', reason: 'complained' },
      { type: 'status', from: 'active', to: 'suppressed' },
    ]);
  });

  it('counts people met, the days to the first meeting, and reaching the monthly target', () => {
    const active = confirmed();
    const once = { ...active, meetings: [{ at: day(5).toISOString(), names: ['Sam'] }] };
    const twice = {
      ...once,
      meetings: [...once.meetings, { at: day(6).toISOString(), names: ['Priya'] }],
    };

    expect(changeEvents(active, once, day(5))).toMatchObject([
      { type: 'met', count: 1, firstAfterDays: 5, reachedMonthlyTarget: false },
    ]);
    expect(changeEvents(once, twice, day(6))).toMatchObject([
      { type: 'met', count: 1, firstAfterDays: null, reachedMonthlyTarget: true },
    ]);
    expect(changeEvents(twice, { ...twice, pace: 'gentle' }, day(7))).toEqual([]);
  });
});
