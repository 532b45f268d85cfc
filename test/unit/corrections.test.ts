import { describe, expect, it } from 'vitest';
import { loggedOf } from '../../functions/core/check-in-logged.ts';
import { applyCorrection, parseCorrection } from '../../functions/core/corrections.ts';
import { ValidationError } from '../../functions/core/errors.ts';
import type { ReplyFacts } from '../../functions/core/pacing/index.ts';
import type { CheckIn } from '../../functions/core/records.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { courseContext, facts, PacingDriver, pendingSubscriber } from '../support/pacing-driver.ts';

// Monday 2 March 2026, 10:00 UTC: lesson 1 goes at once, later mail at 09:00 UTC.
const t0 = new Date('2026-03-02T10:00:00Z');

/** A subscriber who confirmed at t0 and has lesson 1. */
function started(): PacingDriver {
  return new PacingDriver(pendingSubscriber('UTC', t0), t0).apply({ type: 'confirmed' }).advance(0);
}

/** An hour on, a reply read as `partial`: applied by the pacing and logged as a check-in. */
function reply(
  d: PacingDriver,
  partial: Partial<ReplyFacts>,
  step: number | null = 2,
  id = 'c1',
): CheckIn {
  d.advance(1);
  const understood = facts(partial);
  d.apply({ type: 'reply', step, facts: understood });
  return {
    subscriberId: d.state.id,
    id,
    at: d.now.toISOString(),
    step,
    text: 'the reply, as written',
    understood: { ...understood },
    rawKey: null,
  };
}

/** Applies a correction form to the driver's subscriber, now. */
function correct(d: PacingDriver, checkIn: CheckIn, fields: Record<string, string>) {
  const correction = parseCorrection({ checkIn: checkIn.id, ...fields });
  return applyCorrection(d.state, checkIn, correction, d.now, courseContext);
}

const followUps = (d: { state: Subscriber }) =>
  d.state.agenda.filter((i) => i.kind === 'follow-up');

describe('correcting a person the reader named', () => {
  it('renames a misread name on the list, keeps the original reading and logs the correction', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { people: ["I'Ll", 'Jess'] });

    // Act
    const result = correct(d, checkIn, { field: 'people', op: 'rename', name: "i'll", to: 'Tom' });

    // Assess
    expect(result.state.people.map((p) => p.name)).toEqual(['Tom', 'Jess']);
    expect(result.checkIn.understood).toEqual(checkIn.understood);
    expect(result.checkIn.corrections).toEqual([
      { at: d.now.toISOString(), field: 'people', from: "I'Ll", to: 'Tom' },
    ]);
    expect(loggedOf(result.checkIn).people).toEqual(['Tom', 'Jess']);
  });

  it('merges a rename into the person of that name already on the list', () => {
    // Prepare
    const d = started();
    reply(d, { people: ['Tom'] }, 2, 'c0');
    d.advance(24);
    const checkIn = reply(d, { met: ['Tomm'], people: ['Tomm'] }, null);

    // Act
    const result = correct(d, checkIn, { field: 'met', op: 'rename', name: 'Tomm', to: 'Tom' });

    // Assess
    expect(result.state.people).toHaveLength(1);
    expect(result.state.people[0]).toMatchObject({ name: 'Tom', met: true });
    expect(result.state.meetings.at(-1)?.names).toEqual(['Tom']);
    expect(result.record).toMatchObject({ field: 'met', from: 'Tomm', to: 'Tom' });
  });

  it('takes "not a person" off the list, out of the tally and out of the follow-up', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, {
      people: ['Saw', 'Ben'],
      met: ['Saw'],
      plans: [
        { text: 'coffee with Saw and Ben on Friday', people: ['Saw', 'Ben'], date: '2026-03-06' },
      ],
    });
    expect(followUps(d)[0]).toMatchObject({ vars: { followUpAbout: 'ben & saw' } });

    // Act
    const result = correct(d, checkIn, { field: 'people', op: 'remove', name: 'Saw' });

    // Assess
    expect(result.state.people.map((p) => p.name)).toEqual(['Ben']);
    expect(result.state.meetings).toEqual([]);
    expect(result.state.plans.map((p) => p.names)).toEqual([['Ben']]);
    expect(followUps(result)).toHaveLength(1);
    expect(followUps(result)[0]?.vars).toMatchObject({
      followUpAbout: 'ben',
      followUpRef: '2026-03-06|ben',
      followUpText: 'How did it go with Ben? Reply with a line or two.',
    });
    expect(loggedOf(result.checkIn)).toMatchObject({ people: ['Ben'], met: [] });
  });

  it('drops a plan whose only person was not a person, and keeps a plan that named nobody', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, {
      people: ['Saw'],
      plans: [
        { text: 'Saw them on Monday', people: ['Saw'], date: null },
        { text: 'a meetup on the 12th', people: [], date: '2026-03-12' },
      ],
    });

    // Act
    const result = correct(d, checkIn, { field: 'people', op: 'remove', name: 'Saw' });

    // Assess
    expect(result.state.plans).toEqual([
      expect.objectContaining({ names: [], date: '2026-03-12' }),
    ]);
    expect(loggedOf(result.checkIn).plans).toEqual([
      { index: 1, text: 'a meetup on the 12th', people: [], date: '2026-03-12' },
    ]);
  });

  it('keeps on the list someone another reply named, when this reply misread them', () => {
    // Prepare
    const d = started();
    reply(d, { people: ['Will'] }, 2, 'c0');
    d.advance(24);
    const checkIn = reply(d, { people: ['Will'] }, null);

    // Act
    const result = correct(d, checkIn, { field: 'people', op: 'remove', name: 'Will' });

    // Assess
    expect(result.state.people.map((p) => p.name)).toEqual(['Will']);
    expect(result.record).toMatchObject({ field: 'people', from: 'Will', to: null });
  });
});

describe('correcting who was met', () => {
  it('takes the meeting out of the tally and the met flag with it, keeping the person', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { people: ['Ben'], met: ['Ben'] });
    expect(d.state.meetings).toHaveLength(1);

    // Act
    const result = correct(d, checkIn, { field: 'met', op: 'remove', name: 'Ben' });

    // Assess
    expect(result.state.meetings).toEqual([]);
    expect(result.state.people).toEqual([
      expect.objectContaining({ name: 'Ben', met: false, lastContactAt: null }),
    ]);
    expect(loggedOf(result.checkIn)).toMatchObject({ people: ['Ben'], met: [] });
  });

  it('leaves a meeting another reply logged, and the met flag it set', () => {
    // Prepare
    const d = started();
    reply(d, { people: ['Ben'], met: ['Ben'] }, 2, 'c0');
    const first = d.state.meetings[0]?.at;
    d.advance(24 * 2);
    const checkIn = reply(d, { people: ['Ben'], met: ['Ben'] }, null);

    // Act
    const result = correct(d, checkIn, { field: 'met', op: 'remove', name: 'Ben' });

    // Assess
    expect(result.state.meetings.map((m) => m.at)).toEqual([first]);
    expect(result.state.people[0]).toMatchObject({ met: true, lastContactAt: first });
  });
});

describe('correcting plans and events', () => {
  const plan = { text: 'coffee with Sam on Friday', people: ['Sam'], date: '2026-03-06' };

  it('removes a plan and drops its follow-up, never to be asked', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { people: ['Sam'], plans: [plan] });
    expect(followUps(d)).toHaveLength(1);

    // Act
    const result = correct(d, checkIn, { field: 'plan', op: 'remove', index: '0' });

    // Assess
    expect(result.state.plans).toEqual([]);
    expect(followUps(result)).toEqual([]);
    expect(result.state.followUpsDone).toContain('2026-03-06|sam');
    expect(result.record).toMatchObject({ field: 'plan', index: 0, to: null });
    expect(loggedOf(result.checkIn).plans).toEqual([]);
  });

  it('moves a plan to another day, and its follow-up to the morning after it', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { people: ['Sam'], plans: [plan] });

    // Act
    const result = correct(d, checkIn, {
      field: 'plan',
      op: 'date',
      index: '0',
      date: '2026-03-10',
    });

    // Assess
    expect(result.state.plans[0]).toMatchObject({ names: ['Sam'], date: '2026-03-10' });
    expect(followUps(result)).toEqual([
      expect.objectContaining({
        dueAt: '2026-03-11T09:00:00.000Z',
        vars: expect.objectContaining({ followUpRef: '2026-03-10|sam' }),
      }),
    ]);
    expect(result.record).toMatchObject({
      field: 'plan-date',
      index: 0,
      from: '2026-03-06',
      to: '2026-03-10',
    });
    expect(loggedOf(result.checkIn).plans[0]?.date).toBe('2026-03-10');
  });

  it('asks about a plan once it has a date, and never about a day already past', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { people: ['Sam'], plans: [{ ...plan, date: null }] });
    expect(followUps(d)).toEqual([]);

    // Act
    const dated = correct(d, checkIn, {
      field: 'plan',
      op: 'date',
      index: '0',
      date: '2026-03-12',
    });
    const past = correct(d, checkIn, { field: 'plan', op: 'date', index: '0', date: '2026-02-27' });

    // Assess
    expect(followUps(dated)).toEqual([
      expect.objectContaining({ dueAt: '2026-03-13T09:00:00.000Z' }),
    ]);
    expect(followUps(past)).toEqual([]);
    expect(past.state.plans[0]?.date).toBe('2026-02-27');
  });

  it('removes an event or moves it, with the "how was it?" question', () => {
    // Prepare
    const d = started();
    const event = { name: 'the design meetup', date: '2026-03-20' };
    const checkIn = reply(d, { event }, 3);
    expect(followUps(d)).toHaveLength(1);

    // Act
    const removed = correct(d, checkIn, { field: 'event', op: 'remove' });
    const moved = correct(d, checkIn, { field: 'event', op: 'date', date: '2026-03-25' });

    // Assess
    expect(removed.state.plans).toEqual([]);
    expect(followUps(removed)).toEqual([]);
    expect(removed.record).toMatchObject({ field: 'event', from: 'the design meetup', to: null });
    expect(moved.state.plans[0]).toMatchObject({ event: 'the design meetup', date: '2026-03-25' });
    expect(followUps(moved)).toEqual([
      expect.objectContaining({ dueAt: '2026-03-26T09:00:00.000Z' }),
    ]);
    expect(moved.record).toMatchObject({ field: 'event-date', from: '2026-03-20' });
  });
});

describe('correcting the why and the offer', () => {
  it('edits and removes what lesson 1’s reply set', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { why: 'to move into product', offer: 'code reviews' }, 1);
    expect(d.state.why).toBe('to move into product');

    // Act
    const edited = correct(d, checkIn, {
      field: 'why',
      op: 'edit',
      text: '  to move  into design ',
    });
    const removed = correct(d, checkIn, { field: 'offer', op: 'remove' });

    // Assess
    expect(edited.state.why).toBe('to move into design');
    expect(edited.record).toMatchObject({ field: 'why', from: 'to move into product' });
    expect(removed.state.offer).toBeNull();
    expect(loggedOf(removed.checkIn).offer).toBeNull();
  });

  it('records the correction but keeps a why a later reply set', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { why: 'first reason' }, 1, 'c0');
    reply(d, { why: 'the real reason' }, 1, 'c1');

    // Act
    const result = correct(d, checkIn, { field: 'why', op: 'remove' });

    // Assess
    expect(result.state).toBe(d.state);
    expect(result.record).toMatchObject({ field: 'why', from: 'first reason', to: null });
  });
});

describe('correcting a misread command', () => {
  it('undoes a pause that was not meant: the course resumes, with the "resumed" note', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { command: 'pause', until: '2026-04-01' });
    expect(d.state.status).toBe('paused');

    // Act
    const result = correct(d, checkIn, { field: 'command', op: 'remove' });

    // Assess
    expect(result.state).toMatchObject({ status: 'active', pausedUntil: null });
    expect(result.state.agenda.map((i) => i.emailId)).toContain('resumed');
    expect(result.record).toMatchObject({ field: 'command', from: 'pause', to: null });
    expect(loggedOf(result.checkIn)).toMatchObject({ command: null, until: null });
  });

  it('moves the end of the pause to the day the person meant', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { command: 'pause', until: '2026-05-02' });

    // Act
    const meant = correct(d, checkIn, { field: 'command', op: 'date', date: '2026-03-05' });

    // Assess
    expect(meant.state).toMatchObject({
      status: 'paused',
      pausedUntil: '2026-03-05T09:00:00.000Z',
    });
    expect(meant.record).toMatchObject({
      field: 'pause-end',
      from: '2026-05-02',
      to: '2026-03-05',
    });
  });

  it('leaves a pause set since on the manage page alone', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { command: 'pause', until: '2026-04-01' });
    d.apply({ type: 'pause', until: '2026-03-20' });

    // Act
    const result = correct(d, checkIn, { field: 'command', op: 'remove' });

    // Assess
    expect(result.state).toBe(d.state);
    expect(result.record).not.toBeNull();
  });

  it('says where to go for a command it cannot undo', () => {
    const d = started();
    const checkIn = reply(d, { command: 'faster' });
    expect(() => correct(d, checkIn, { field: 'command', op: 'remove' })).toThrow(
      /Change your pace under Preferences/,
    );
  });
});

describe('applying a correction twice', () => {
  it('changes nothing the second time: a second press adds no record', () => {
    // Prepare
    const d = started();
    const checkIn = reply(d, { people: ['Ben'], met: ['Ben'] });
    const first = correct(d, checkIn, { field: 'met', op: 'remove', name: 'Ben' });
    d.state = first.state;

    // Act
    const again = correct(d, first.checkIn, { field: 'met', op: 'remove', name: 'Ben' });

    // Assess
    expect(again.state).toBe(first.state);
    expect(again.checkIn).toBe(first.checkIn);
    expect(again.record).toBeNull();
  });

  it('completes the check-in after a failure, without touching the subscriber again', () => {
    // Prepare: the subscriber was corrected, the check-in write did not happen.
    const d = started();
    const checkIn = reply(d, {
      people: ['Sam'],
      plans: [{ text: 'coffee with Sam', people: ['Sam'], date: '2026-03-06' }],
    });
    d.state = correct(d, checkIn, {
      field: 'plan',
      op: 'date',
      index: '0',
      date: '2026-03-10',
    }).state;

    // Act
    const retry = correct(d, checkIn, {
      field: 'plan',
      op: 'date',
      index: '0',
      date: '2026-03-10',
    });

    // Assess
    expect(retry.state).toBe(d.state);
    expect(retry.checkIn.corrections).toHaveLength(1);
  });

  it('refuses an item no longer logged, in a whole sentence', () => {
    const d = started();
    const checkIn = reply(d, { people: ['Ben'] });
    const error = (() => {
      try {
        correct(d, checkIn, { field: 'people', op: 'remove', name: 'Priya' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      field: 'item',
      reason: '“Priya” is no longer logged for this reply',
    });
  });
});

describe('the correction form', () => {
  it.each([
    [{ field: 'people', op: 'remove', name: 'Sam' }, 'checkIn', 'is missing'],
    [
      { checkIn: '../x', field: 'people', op: 'remove' },
      'checkIn',
      'does not name one of your replies',
    ],
    [{ checkIn: 'c1', field: 'salary', op: 'remove' }, 'field', 'is not something a reply logs'],
    [{ checkIn: 'c1', field: 'why', op: 'explode' }, 'op', 'is not a known change'],
    [{ checkIn: 'c1', field: 'why', op: 'rename' }, 'op', 'is not a change a logged why takes'],
    [{ checkIn: 'c1', field: 'people', op: 'remove' }, 'name', 'is required'],
    [
      { checkIn: 'c1', field: 'met', op: 'rename', name: 'Sam', to: 'x'.repeat(61) },
      'to',
      'must be at most 60 characters',
    ],
    [
      { checkIn: 'c1', field: 'plan', op: 'remove', index: 'first' },
      'index',
      'does not name a plan',
    ],
    [
      { checkIn: 'c1', field: 'plan', op: 'date', index: '0', date: '2026-02-30' },
      'date',
      'must be a date like 2026-03-14',
    ],
    [
      { checkIn: 'c1', field: 'event', op: 'date', date: 'next Friday' },
      'date',
      'must be a date like 2026-03-14',
    ],
    [
      { checkIn: 'c1', field: 'why', op: 'edit', text: ' ' },
      'text',
      'is required (or remove it instead)',
    ],
    [
      { checkIn: 'c1', field: 'offer', op: 'edit', text: 'y'.repeat(301) },
      'text',
      'must be at most 300 characters',
    ],
  ])('rejects %j naming %s', (fields, field, reason) => {
    expect(() => parseCorrection(fields)).toThrow(ValidationError);
    expect(() => parseCorrection(fields)).toThrow(expect.objectContaining({ field, reason }));
  });

  it('reads every kind of correction', () => {
    expect(
      parseCorrection({ checkIn: 'c1', field: 'met', op: 'rename', name: ' Sam ', to: 'Sami' }),
    ).toEqual({
      checkInId: 'c1',
      field: 'met',
      op: 'rename',
      name: 'Sam',
      to: 'Sami',
    });
    expect(
      parseCorrection({ checkIn: 'c1', field: 'plan', op: 'date', index: '1', date: '2026-03-14' }),
    ).toEqual({
      checkInId: 'c1',
      field: 'plan',
      op: 'date',
      index: 1,
      date: '2026-03-14',
    });
    expect(
      parseCorrection({ checkIn: 'c1', field: 'command', op: 'remove', t: 'x', csrf: 'y' }),
    ).toEqual({
      checkInId: 'c1',
      field: 'command',
      op: 'remove',
    });
  });

  it('refuses a pause end outside tomorrow to a year ahead', () => {
    const d = started();
    const checkIn = reply(d, { command: 'pause', until: '2026-05-02' });
    expect(() => correct(d, checkIn, { field: 'command', op: 'date', date: '2026-03-02' })).toThrow(
      expect.objectContaining({ field: 'until', reason: 'must be after today' }),
    );
  });
});

describe('what a check-in logged', () => {
  it('reads older check-ins that hold less, or nothing', () => {
    expect(loggedOf({ understood: {} })).toEqual({
      why: null,
      offer: null,
      people: [],
      met: [],
      plans: [],
      event: null,
      command: null,
      until: null,
    });
    expect(
      loggedOf({ understood: { people: ['Sam', 3, ''], plans: [null, { text: 'x' }] } }),
    ).toMatchObject({
      people: ['Sam'],
      plans: [{ index: 1, text: 'x', people: [], date: null }],
    });
  });
});
