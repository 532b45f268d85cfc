import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PacingEvent, ReplyCommand } from '../../functions/core/pacing/index.ts';
import { inSendWindow, toLocal } from '../../functions/core/send-window.ts';
import { dueAt, nextItem } from '../../functions/core/subscriber.ts';
import { facts, PacingDriver, pendingSubscriber, silentCourse } from '../support/pacing-driver.ts';

const monday = new Date('2026-03-02T15:30:00Z'); // 10:30 in New York, a Monday
const ny = 'America/New_York';

function confirmed(timezone = ny, at = monday) {
  return new PacingDriver(pendingSubscriber(timezone, at), at).apply({ type: 'confirmed' });
}

const ids = (driver: PacingDriver) => driver.sent.map((s) => s.emailId);
const iso = (d: Date) => d.toISOString();

describe('pace: the course on its own', () => {
  it('sends lesson 1 at once after a daytime confirm', () => {
    const d = confirmed().advance(0);
    expect(d.sent[0]).toMatchObject({ emailId: 'lesson-1', at: monday });
  });

  it('waits for the morning after a night-time confirm', () => {
    const night = new Date('2026-06-10T22:30:00Z'); // 00:30 in Berlin
    const d = confirmed('Europe/Berlin', night);
    expect(d.nextEmail()).toMatchObject({
      emailId: 'lesson-1',
      at: new Date('2026-06-11T07:00:00Z'),
    });
  });

  it('a silent reader gets one nudge per lesson, a slowing pace, then a "still want these?" and nothing more', () => {
    const d = confirmed().advance(24 * 120);
    expect(ids(d)).toEqual([...silentCourse, 'check-in', 'check-in', 'check-in', 'still-there']);
    const at = Object.fromEntries(d.sent.map((s) => [s.emailId, iso(s.at)]));
    expect(at['lesson-2']).toBe('2026-03-06T14:00:00.000Z'); // the normal pace's 4 days apart, 09:00 EST
    expect(at['lesson-3']).toBe('2026-03-12T13:00:00.000Z'); // 4 days x 1.5 for silence, 09:00 EDT after DST
    expect(at['lesson-4']).toBe('2026-03-20T13:00:00.000Z'); // 4 days x 2
    expect(at.closing).toBe('2026-03-30T13:00:00.000Z');
    expect(d.state.status).toBe('paused');
    expect(dueAt(d.state)).toBeNull();
  });

  it('holds a late due email that would land at night for the morning', () => {
    const d = confirmed('Europe/Berlin', new Date('2026-06-10T10:00:00Z'));
    d.now = new Date('2026-06-10T23:30:00Z'); // 01:30 in Berlin: the tick was down all day
    d.apply({ type: 'due' });
    expect(d.sent).toEqual([]);
    expect(nextItem(d.state)?.dueAt).toBe('2026-06-11T07:00:00.000Z');
  });

  it('skips weekends when asked', () => {
    const friday = new Date('2026-03-06T15:00:00Z');
    const d = new PacingDriver(
      { ...pendingSubscriber(ny, friday), skipWeekends: true },
      friday,
    ).apply({ type: 'confirmed' });
    d.advance(24 * 40);
    for (const s of d.sent) expect([0, 6]).not.toContain(toLocal(s.at, ny).weekday);
  });
});

describe('pace: replies', () => {
  it('an eager replier is acknowledged the next morning (one email a day) and gets lesson 2 no closer than its spacing', () => {
    const d = confirmed().advance(0);
    d.now = new Date('2026-03-02T16:00:00Z');
    d.apply({
      type: 'reply',
      step: 1,
      facts: facts({ why: 'To move into product management', offer: 'I can review CVs' }),
    }).advance(0);
    expect(ids(d)).toEqual(['lesson-1']);
    const ack = d.nextEmail();
    expect(ack).toMatchObject({ emailId: 'ack', at: new Date('2026-03-03T14:00:00Z') });
    expect(ack?.vars.ackText).toContain('To move into product management');
    // The default locale (en-US) writes the date month first.
    expect(ack?.vars.nextText).toBe('Lesson 2 arrives on Friday, March 6.');
    expect(d.state.why).toBe('To move into product management');
    const lesson2 = d.nextEmail();
    expect(lesson2).toMatchObject({ emailId: 'lesson-2', at: new Date('2026-03-06T14:00:00Z') });
    expect(lesson2?.vars.whyQuote).toContain('To move into product management');
  });

  it('writes the dates of its emails in the locale, and a locale change moves nothing', () => {
    const d = confirmed().advance(0);
    const before = d.state.agenda.map((i) => i.dueAt);
    d.apply({ type: 'preferences', locale: 'de-DE' });
    expect(d.state.locale).toBe('de-DE');
    expect(d.state.agenda.map((i) => i.dueAt)).toEqual(before);
    d.now = new Date('2026-03-02T16:00:00Z');
    d.apply({ type: 'reply', step: 1, facts: facts({ why: 'Grow' }) }).advance(24);
    expect(d.sent.at(-1)?.vars.nextText).toBe('Lesson 2 arrives on Friday 6 March.');
    d.apply({ type: 'pause', until: '2026-03-20' }).advance(0);
    expect(d.sent.at(-1)?.vars.untilText).toBe(
      'Your course is paused until Friday 20 March. It picks up again by itself then.',
    );
  });

  it('keeps the locale through a confirmation', () => {
    const pending = { ...pendingSubscriber(ny, monday), locale: 'nl-NL' };
    const d = new PacingDriver(pending, monday).apply({ type: 'confirmed' });
    expect(d.state.locale).toBe('nl-NL');
  });

  it('replies before the acknowledgement goes share it: one email says what each logged', () => {
    const d = confirmed().advance(0);
    d.apply({ type: 'reply', step: 1, facts: facts({ why: 'A' }) }).advance(1);
    d.apply({ type: 'reply', step: 1, facts: facts({ why: 'B' }) }).advance(24);
    const acks = d.sent.filter((s) => s.emailId === 'ack');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.vars.ackText).toMatch(/“A”.*“B”/);
    expect(d.state.why).toBe('B');
  });

  it('people named in step 2 go on the people list and come back in later lessons', () => {
    const d = confirmed().advance(0);
    d.apply({ type: 'reply', step: 1, facts: facts({ why: 'Grow' }) });
    expect(d.nextEmail()?.emailId).toBe('ack');
    expect(d.nextEmail()?.emailId).toBe('lesson-2');
    d.apply({ type: 'reply', step: 2, facts: facts({ people: ['Sam', 'Priya Shah'] }) });
    expect(d.nextEmail()?.vars.ackText).toContain('Sam and Priya Shah');
    expect(d.state.people.map((p) => p.name)).toEqual(['Sam', 'Priya Shah']);
    const lesson3 = d.nextEmail();
    expect(lesson3?.emailId).toBe('lesson-3');
    expect(lesson3?.vars.openingText).toContain('You picked Sam and Priya Shah.');
    expect(d.nextEmail(24 * 30)?.emailId).toBe('nudge-3');
    const lesson4 = d.nextEmail();
    expect(lesson4?.vars.peopleQuote).toContain('Sam and Priya Shah are still on your coffee list');
  });

  it('a named date brings a follow-up the day after it', () => {
    const d = confirmed().advance(0);
    d.apply({
      type: 'reply',
      step: 2,
      facts: facts({
        people: ['Sam'],
        dates: [{ text: 'Tuesday', date: '2026-03-10' }],
        plans: [{ text: 'coffee with Sam on Tuesday', people: ['Sam'], date: '2026-03-10' }],
      }),
    });
    d.advance(24 * 10);
    const followUp = d.sent.find((s) => s.emailId === 'follow-up');
    expect(followUp?.at).toEqual(new Date('2026-03-11T13:00:00Z'));
    expect(followUp?.vars.followUpText).toBe('How did it go with Sam? Reply with a line or two.');
  });

  it('an event and its date bring "how was the event?" the day after', () => {
    const d = confirmed().advance(0);
    d.apply({
      type: 'reply',
      step: 3,
      facts: facts({ event: { name: 'the design meetup', date: '2026-03-20' } }),
    });
    d.advance(24 * 30);
    const followUp = d.sent.find((s) => s.emailId === 'follow-up');
    expect(followUp?.at).toEqual(new Date('2026-03-21T13:00:00Z'));
    expect(followUp?.vars.followUpText).toContain('How was the design meetup?');
  });

  it('step 4 keeps a monthly tally of meetings against the 2-3 target', () => {
    const d = confirmed().advance(24 * 29); // through the closing email
    expect(ids(d)).toContain('closing');
    d.runUntil(new Date('2026-04-05T15:00:00Z')); // the first check-in comes on 10 April
    d.apply({ type: 'reply', step: 4, facts: facts({ met: ['Sam'] }) });
    d.apply({ type: 'reply', step: 4, facts: facts({ met: ['Priya'] }) });
    const ack = d.nextEmail();
    expect(ack?.emailId).toBe('ack');
    expect(ack?.vars.ackText).toMatch(/You met Sam: .*You met Priya: /);
    const checkIn = d.nextEmail();
    expect(checkIn?.emailId).toBe('check-in');
    expect(checkIn?.vars.tallyText).toMatch(
      /2 meetings logged for \w+ \(Sam and Priya\)\. That is the 2-3 a month target/,
    );
    expect(d.state.people.filter((p) => p.met).map((p) => p.name)).toEqual(['Sam', 'Priya']);
  });

  it('an out-of-office with a return date snoozes the course until then, and is not a reply', () => {
    const d = confirmed().advance(0);
    d.apply({ type: 'auto-reply', returnDate: '2026-03-16' });
    expect(d.nextEmail()).toMatchObject({
      emailId: 'lesson-2',
      at: new Date('2026-03-16T13:00:00Z'),
    });
    expect(d.state.lastReplyAt).toBeNull();
    expect(ids(d)).not.toContain('nudge-1');
  });

  it('a reply wakes a course paused by silence', () => {
    const d = confirmed().advance(24 * 120);
    expect(d.state.status).toBe('paused');
    d.apply({ type: 'reply', step: 4, facts: facts({ met: ['Jo'] }) });
    expect(d.state.status).toBe('active');
    expect(d.nextEmail()?.emailId).toBe('resumed');
    expect(d.nextEmail()?.emailId).toBe('check-in');
  });
});

describe('pace: commands', () => {
  const command = (d: PacingDriver, name: ReplyCommand, until: string | null = null) =>
    d.apply({ type: 'reply', step: null, facts: facts({ command: name, until }) });

  it('pause until a date confirms, sends nothing meanwhile and resumes by itself', () => {
    const d = confirmed().advance(0);
    command(d, 'pause', '2026-03-20').advance(24 * 17);
    expect(ids(d)).toEqual(['lesson-1', 'paused']);
    d.advance(24 * 2);
    // Back on the day: one email that says so, the course the morning after.
    expect(ids(d).slice(2, 4)).toEqual(['resumed', 'lesson-2']);
    expect(d.sent[2]?.at).toEqual(new Date('2026-03-20T13:00:00Z'));
    expect(d.sent[3]?.at).toEqual(new Date('2026-03-21T13:00:00Z'));
  });

  it('pause without a date holds until "resume"', () => {
    const d = confirmed().advance(0);
    command(d, 'pause').advance(24 * 60);
    expect(ids(d)).toEqual(['lesson-1', 'paused']);
    command(d, 'resume').advance(48);
    expect(ids(d).slice(2)).toEqual(['resumed', 'lesson-2']);
  });

  it('"resume" at night: the confirmation goes in the morning, alone, and the lesson the day after', () => {
    const d = confirmed().advance(0);
    command(d, 'pause').advance(24 * 60);
    // 03:00 in New York: nothing goes out before the send window opens.
    d.runUntil(new Date(Date.UTC(2026, 4, 12, 7, 0)));
    command(d, 'resume').advance(48);
    expect(ids(d).slice(2)).toEqual(['resumed', 'lesson-2']);
    expect(toLocal(d.sent[2]?.at as Date, ny).hour).toBeGreaterThanOrEqual(7);
    // One email on the day they come back; the course goes on the next morning.
    expect(d.sent[3]?.at).toEqual(new Date('2026-05-13T13:00:00Z'));
  });

  it('stop unsubscribes at once with a confirmation, and nothing follows', () => {
    const d = confirmed().advance(0);
    command(d, 'stop').advance(24 * 90);
    expect(ids(d)).toEqual(['lesson-1', 'stopped']);
    expect(d.state.status).toBe('unsubscribed');
  });

  it('faster and slower change the pace and say so', () => {
    const d = confirmed().advance(0);
    command(d, 'faster').advance(0);
    expect(d.state.pace).toBe('intense');
    expect(d.sent.at(-1)?.vars.paceText).toContain('intense');
    d.advance(48);
    // The intense pace's 2 days apart (3 days x 0.5 would be closer).
    expect(d.sent.find((s) => s.emailId === 'lesson-2')?.at).toEqual(
      new Date('2026-03-04T14:00:00Z'),
    );
    command(command(d, 'slower'), 'slower');
    expect(d.state.pace).toBe('gentle');
  });

  it('skip moves on to the next lesson as soon as its spacing allows', () => {
    const d = confirmed().advance(0);
    command(d, 'skip');
    d.advance(24 * 4);
    expect(ids(d)).toEqual(['lesson-1', 'skipped', 'lesson-2']);
    expect(d.sent[2]?.at).toEqual(new Date('2026-03-06T14:00:00Z'));
  });

  it('"not yet" gives more time and drops the nudge', () => {
    const d = confirmed().advance(0);
    command(d, 'not-yet').advance(24 * 6);
    expect(ids(d)).toEqual(['lesson-1', 'not-yet', 'lesson-2']);
    expect(d.sent[2]?.at).toEqual(new Date('2026-03-08T13:00:00Z'));
  });

  it('"done" in the repeat phase graduates', () => {
    const d = confirmed().advance(24 * 29);
    command(d, 'done').advance(24 * 90);
    expect(ids(d).slice(-1)).toEqual(['graduated']);
    expect(d.state.status).toBe('graduated');
  });
});

describe('pace: mail events and unsubscribing', () => {
  it('a permanent bounce or complaint stops all sending for good', () => {
    for (const kind of ['permanent-bounce', 'complaint'] as const) {
      const d = confirmed().advance(0);
      d.apply({ type: 'mail-event', kind }).advance(24 * 90);
      d.apply({ type: 'reply', step: 1, facts: facts({ command: 'resume' }) }).advance(24 * 30);
      expect(ids(d)).toEqual(['lesson-1']);
      expect(d.state.status).toBe('suppressed');
    }
  });

  it('transient bounces pause only after a threshold; a delivery resets the count', () => {
    const d = confirmed().advance(0);
    d.apply({ type: 'mail-event', kind: 'transient-bounce' }).apply({
      type: 'mail-event',
      kind: 'transient-bounce',
    });
    d.apply({ type: 'mail-event', kind: 'delivery' }).apply({
      type: 'mail-event',
      kind: 'transient-bounce',
    });
    expect(d.state.status).toBe('active');
    d.apply({ type: 'mail-event', kind: 'transient-bounce' }).apply({
      type: 'mail-event',
      kind: 'transient-bounce',
    });
    expect(d.state.status).toBe('paused');
  });

  it('sends nothing after unsubscribing, whatever events follow', () => {
    const d = confirmed().advance(0);
    d.apply({ type: 'unsubscribed' });
    for (const event of [
      { type: 'due' },
      { type: 'confirmed' },
      { type: 'resume' },
      { type: 'reply', step: 1, facts: facts({ why: 'x' }) },
    ] as PacingEvent[]) {
      d.apply(event).advance(24 * 10);
    }
    expect(ids(d)).toEqual(['lesson-1']);
  });
});

describe('pace: properties', () => {
  const zones = [
    'UTC',
    ny,
    'Europe/Berlin',
    'Asia/Kathmandu',
    'Australia/Sydney',
    'Pacific/Kiritimati',
    'America/Santiago',
  ];
  const commands: ReplyCommand[] = [
    'pause',
    'resume',
    'stop',
    'faster',
    'slower',
    'skip',
    'done',
    'not-yet',
  ];
  const action = fc.oneof(
    fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 0, max: 24 * 9 }) }),
    fc.record({
      kind: fc.constant('reply' as const),
      step: fc.option(fc.integer({ min: 1, max: 4 })),
      people: fc.array(fc.constantFrom('Sam', 'Priya', 'Jo'), { maxLength: 3 }),
      met: fc.boolean(),
      dateIn: fc.option(fc.integer({ min: -3, max: 20 })),
      tone: fc.constantFrom('plain', 'discouraged', 'question', 'news'),
    }),
    fc.record({
      kind: fc.constant('command' as const),
      command: fc.constantFrom(...commands),
      untilIn: fc.option(fc.integer({ min: 1, max: 30 })),
    }),
    fc.record({
      kind: fc.constant('auto' as const),
      backIn: fc.option(fc.integer({ min: -2, max: 20 })),
    }),
    fc.record({
      kind: fc.constant('mail' as const),
      event: fc.constantFrom(
        'transient-bounce',
        'delivery',
        'permanent-bounce',
        'complaint',
      ) as fc.Arbitrary<'transient-bounce' | 'delivery' | 'permanent-bounce' | 'complaint'>,
    }),
  );
  const dateIn = (now: Date, days: number, tz: string) => {
    const local = toLocal(new Date(now.getTime() + days * 86_400_000), tz);
    return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  };

  const confirmations = new Set([
    ...['paused', 'resumed', 'stopped', 'pace-changed', 'skipped', 'not-yet'],
    ...['clarify', 'graduated'],
  ]);

  it('never sends twice, never after leaving, never at night, time only moves forward, and at most one course email a day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2034-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.array(action, { maxLength: 40 }),
        (zone, start, actions) => {
          const d = new PacingDriver(pendingSubscriber(zone, start), start).apply({
            type: 'confirmed',
          });
          let leftAt: number | null = null;
          for (const a of actions) {
            const before = d.sent.length;
            if (a.kind === 'wait') d.advance(a.hours);
            else if (a.kind === 'reply') {
              const date = a.dateIn === null ? null : dateIn(d.now, a.dateIn, zone);
              d.apply({
                type: 'reply',
                step: a.step,
                facts: facts({
                  people: a.people,
                  met: a.met ? a.people : [],
                  dates: date ? [{ text: 'then', date }] : [],
                  plans: date && !a.met ? [{ text: 'coffee then', people: a.people, date }] : [],
                  discouraged: a.tone === 'discouraged',
                  question: a.tone === 'question' ? 'Can I get these in German?' : null,
                  news: a.tone === 'news',
                }),
              });
            } else if (a.kind === 'command') {
              d.apply({
                type: 'reply',
                step: null,
                facts: facts({
                  command: a.command,
                  until: a.untilIn === null ? null : dateIn(d.now, a.untilIn, zone),
                }),
              });
            } else if (a.kind === 'auto') {
              d.apply({
                type: 'auto-reply',
                returnDate: a.backIn === null ? null : dateIn(d.now, a.backIn, zone),
              });
            } else d.apply({ type: 'mail-event', kind: a.event });
            const fresh = d.sent.slice(before);
            if (leftAt !== null) {
              expect(fresh).toEqual([]);
            }
            if (d.state.status === 'unsubscribed' || d.state.status === 'suppressed')
              leftAt ??= d.now.getTime();
            // The scheduler's next look is never in the past (a paused course's items wait frozen).
            const next = dueAt(d.state);
            if (next) expect(Date.parse(next)).toBeGreaterThanOrEqual(d.now.getTime());
          }
          d.advance(24 * 60);
          const keys = d.sent.map((s) => s.sendKey);
          expect(new Set(keys).size).toBe(keys.length);
          const once = d.sent
            .map((s) => s.emailId)
            .filter((id) => /^(lesson|nudge|ack)-\d$|^closing$/.test(id));
          expect(new Set(once).size).toBe(once.length);
          // At most one course email a local day; confirmations of what they asked for aside.
          const perDay = new Map<string, string[]>();
          for (const s of d.sent.filter((e) => !confirmations.has(e.emailId))) {
            const l = toLocal(s.at, zone);
            const day = `${l.year}-${l.month}-${l.day}`;
            perDay.set(day, [...(perDay.get(day) ?? []), s.emailId]);
          }
          for (const [day, sent] of perDay) expect(sent, `${day} in ${zone}`).toHaveLength(1);
          for (const [i, s] of d.sent.entries()) {
            expect(inSendWindow(s.at, zone), `${s.emailId} at ${iso(s.at)} in ${zone}`).toBe(true);
            if (i > 0) expect(s.at.getTime()).toBeGreaterThanOrEqual(d.sent[i - 1]!.at.getTime());
            if (leftAt !== null && s.emailId !== 'stopped')
              expect(s.at.getTime()).toBeLessThanOrEqual(leftAt);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends the whole course in order, inside the window, for any zone and confirm time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, start) => {
          const d = new PacingDriver(pendingSubscriber(zone, start), start)
            .apply({ type: 'confirmed' })
            .advance(24 * 50);
          expect(ids(d).filter((id) => !id.startsWith('nudge'))).toEqual([
            'lesson-1',
            'lesson-2',
            'lesson-3',
            'lesson-4',
            'closing',
            'check-in',
          ]);
          for (const s of d.sent.slice(1)) expect(toLocal(s.at, zone).hour).toBe(9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
