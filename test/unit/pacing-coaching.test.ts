import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../../functions/core/calendar.ts';
import {
  canStartCourse,
  type ReplyCommand,
  startNextCourse,
} from '../../functions/core/pacing/index.ts';
import { toLocal } from '../../functions/core/send-window.ts';
import { pacingContextFor } from '../../functions/courses.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { courseContext, facts, PacingDriver, pendingSubscriber } from '../support/pacing-driver.ts';

// Monday 2 March 2026, 10:30 in New York.
const monday = new Date('2026-03-02T15:30:00Z');
const ny = 'America/New_York';
const day = 86_400_000;

function confirmed(ctx = courseContext, at = monday) {
  return new PacingDriver(pendingSubscriber(ny, at), at, ctx).apply({ type: 'confirmed' });
}

const ids = (d: PacingDriver) => d.sent.map((s) => s.emailId);
const sentOf = (d: PacingDriver, id: string) => d.sent.find((s) => s.emailId === id);
const reply = (d: PacingDriver, step: number | null, partial: Parameters<typeof facts>[0]) =>
  d.apply({ type: 'reply', step, facts: facts(partial) });
const command = (d: PacingDriver, name: ReplyCommand) => reply(d, null, { command: name });

describe('coaching: what kind of reply it is decides the answer', () => {
  it('a plan is not a meeting: nothing goes on the tally, and the ack says it is planned', () => {
    // Prepare
    const d = confirmed().advance(24 * 5);
    // Act
    reply(d, 2, {
      people: ['Arjun', 'Meera'],
      plans: [
        {
          text: 'coffee with Arjun and Meera next Friday',
          people: ['Arjun', 'Meera'],
          date: '2026-03-13',
        },
      ],
    });
    const ack = d.nextEmail();
    // Assess
    expect(d.state.meetings).toEqual([]);
    expect(d.state.people.every((p) => !p.met)).toBe(true);
    expect(ack?.vars.ackText).toContain('Meeting Arjun and Meera is in your plans');
    expect(ack?.vars.ackText).not.toMatch(/you met|well done/i);
  });

  it('a meeting reported is congratulated by name and counted', () => {
    const d = confirmed().advance(24 * 5);
    reply(d, 2, { people: ['Kavya'], met: ['Kavya'] });
    const ack = d.nextEmail();
    expect(ack?.vars.ackText).toMatch(/You met Kavya: that is exactly the habit, well done/);
    expect(d.state.meetings).toHaveLength(1);
  });

  it('discouragement gets help within a day and holds the next lesson a week, until they write again', () => {
    const d = confirmed().advance(24 * 5); // lesson 2 went on Friday 6 March
    const at = new Date('2026-03-07T15:00:00Z');
    d.runUntil(at);
    reply(d, 2, { discouraged: true, kind: 'discouragement' });
    const help = d.nextEmail();
    expect(help?.emailId).toBe('encourage');
    expect(help!.at.getTime() - at.getTime()).toBeLessThanOrEqual(day);
    expect(help?.vars.encouragement).toMatch(/former classmate/);
    expect(help?.vars.encouragement).toMatch(/peer/);
    expect(help?.vars.encouragement).toMatch(/event/);
    const next = d.nextEmail();
    expect(next?.emailId).toBe('lesson-3');
    expect(next!.at.getTime() - at.getTime()).toBeGreaterThanOrEqual(6.5 * day);
  });

  it('writing again after discouragement lets the course go on the next day', () => {
    const d = confirmed().advance(24 * 5);
    reply(d, 2, { discouraged: true });
    d.advance(24 * 2);
    reply(d, 2, { people: ['Ana'] });
    d.advance(24 * 3);
    expect(ids(d)).toContain('lesson-3');
    expect(sentOf(d, 'lesson-3')!.at.getTime()).toBeLessThan(monday.getTime() + 11 * day);
  });

  it('a question is answered honestly within a day: a person will read it', () => {
    const d = confirmed().advance(0);
    reply(d, 1, { question: 'Can I get the emails in German?', kind: 'question' });
    const told = d.nextEmail();
    expect(told?.emailId).toBe('question-received');
    expect(told!.at.getTime() - monday.getTime()).toBeLessThanOrEqual(day);
    expect(told?.vars.ackText).toMatch(/person who runs this course.*will read it/);
  });

  it('news gets a congratulation, and replies to check-ins and follow-ups are acknowledged', () => {
    const d = confirmed().advance(24 * 45);
    expect(ids(d)).toContain('check-in');
    reply(d, null, { news: true, kind: 'news' });
    const ack = d.nextEmail();
    expect(ack?.emailId).toBe('ack');
    expect(ack?.vars.ackText).toMatch(/^Congratulations/);
  });
});

describe('coaching: commands, precisely', () => {
  it('"done" after a lesson that asked for names is unclear: the coach asks and moves nothing', () => {
    const d = confirmed().advance(24 * 5);
    const before = d.state.agenda.find((i) => i.kind === 'lesson')?.dueAt;
    command(d, 'done');
    const asked = d.nextEmail();
    expect(asked?.emailId).toBe('clarify');
    expect(asked?.vars.replyAsk).toBe('the names of the 2 or 3 people you picked');
    expect(d.state.agenda.find((i) => i.kind === 'lesson')?.dueAt).toBe(before);
  });

  it('"slower" slows the nudges and check-ins too', () => {
    const normal = confirmed().advance(24 * 90);
    const slow = confirmed().advance(0);
    command(slow, 'slower');
    slow.advance(24 * 90);
    const gaps = (d: PacingDriver, id: string) => {
      const at = d.sent.filter((s) => s.emailId === id).map((s) => s.at.getTime());
      return at.slice(1).map((t, i) => (t - (at[i] as number)) / day);
    };
    const nudge = (d: PacingDriver) => (sentOf(d, 'nudge-1')?.at.getTime() ?? 0) - monday.getTime();
    expect(nudge(slow)).toBeGreaterThan(nudge(normal));
    expect(Math.min(...gaps(slow, 'check-in'))).toBeGreaterThan(
      Math.max(...gaps(normal, 'check-in')),
    );
    const days = new Set(slow.sent.map((s) => toLocal(s.at, ny)).map((l) => `${l.month}-${l.day}`));
    expect(
      slow.sent.filter((s) => s.at.getTime() < monday.getTime() + 9 * day).length,
    ).toBeLessThanOrEqual(4);
    expect(days.size).toBe(slow.sent.length - 1); // only the "pace changed" note shares a day
  });

  it('back from a pause: one email that acknowledges what they wrote meanwhile, the course the next day', () => {
    const d = confirmed().advance(24 * 5);
    reply(d, null, { command: 'pause', until: '2026-03-20' });
    d.advance(24 * 2);
    reply(d, 2, { people: ['Lena'] });
    reply(d, 3, { event: { name: 'the Berlin product meetup', date: '2026-03-25' } });
    d.runUntil(new Date('2026-03-21T12:00:00Z'));
    const after = d.sent.filter((s) => s.at >= new Date('2026-03-20T00:00:00Z'));
    expect(after.map((s) => s.emailId)).toEqual(['resumed']);
    expect(after[0]?.vars.ackText).toMatch(/Lena/);
    expect(after[0]?.vars.ackText).toMatch(/Berlin product meetup/);
    const next = d.nextEmail();
    expect(toLocal(next!.at, ny).day).toBe(21);
  });
});

describe('coaching: follow-ups', () => {
  const plan = (date: string, who = 'Sam') => ({
    people: [who],
    plans: [{ text: `coffee with ${who}`, people: [who], date }],
  });

  it('asks once the day after a dated plan, naming the person; never for a past date', () => {
    const d = confirmed().advance(24 * 5);
    reply(d, 2, plan('2026-03-12'));
    reply(d, 2, plan('2026-03-12'));
    reply(d, 2, plan('2026-03-01', 'Old'));
    d.advance(24 * 20);
    const asked = d.sent.filter((s) => s.emailId === 'follow-up');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.vars.followUpText).toBe('How did it go with Sam? Reply with a line or two.');
    expect(toLocal(asked[0]!.at, ny).day).toBeGreaterThanOrEqual(13);
  });

  it('a cancelled plan drops its follow-up, a moved one moves it', () => {
    const d = confirmed().advance(24 * 5);
    reply(d, 2, {
      ...plan('2026-03-12'),
      ...{ plans: [...plan('2026-03-12').plans, ...plan('2026-03-13', 'Ana').plans] },
    });
    reply(d, null, { negated: [{ text: 'not meeting Sam', people: ['Sam'], date: null }] });
    reply(d, null, plan('2026-03-24', 'Ana'));
    d.advance(24 * 30);
    const asked = d.sent.filter((s) => s.emailId === 'follow-up');
    expect(asked.map((s) => s.vars.followUpText)).toEqual([
      'How did it go with Ana? Reply with a line or two.',
    ]);
    expect(toLocal(asked[0]!.at, ny).day).toBeGreaterThanOrEqual(25);
  });
});

describe('coaching: time and progress', () => {
  it('lessons 3 and 4 wait until after coffees booked within two weeks; the closing waits for the third week', () => {
    const d = confirmed().advance(0);
    reply(d, 1, { why: 'Grow' });
    d.advance(24 * 5);
    reply(d, 2, plan2('2026-03-17'));
    d.advance(24 * 40);
    expect(sentOf(d, 'lesson-3')!.at.getTime()).toBeGreaterThan(Date.parse('2026-03-18T00:00:00Z'));
    expect(sentOf(d, 'closing')!.at.getTime() - monday.getTime()).toBeGreaterThanOrEqual(14 * day);
  });

  it('keeps course mail off public holidays, but answers someone who wrote', () => {
    const holidays: HolidayCalendar = { isHoliday: (date) => date === '2026-03-06' };
    const ctx = pacingContextFor(courseContext.course, holidays);
    const d = confirmed(ctx).advance(24 * 10);
    expect(d.sent.some((s) => toLocal(s.at, ny).day === 6 && s.emailId.startsWith('lesson'))).toBe(
      false,
    );
    expect(toLocal(sentOf(d, 'lesson-2')!.at, ny).day).toBe(7);
  });
});

describe('coaching: a follow-on course for those who finish', () => {
  const followOn = pacingContextFor(compiledCourses['keep-it-going']!);

  it('is offered only after the course is finished, and starts at its first email', () => {
    const d = confirmed().advance(24 * 5);
    expect(canStartCourse(d.state, 'keep-it-going')).toBe(false);
    d.advance(24 * 40);
    expect(d.state.coursesDone).toContain('relationships');
    expect(canStartCourse(d.state, 'keep-it-going')).toBe(true);
    const started = startNextCourse(d.state, d.now, followOn);
    expect(started.courseId).toBe('keep-it-going');
    const next = new PacingDriver(started, d.now, followOn).advance(24 * 40);
    const lessons = next.sent.filter((s) => s.emailId.startsWith('keep-'));
    expect(lessons.map((s) => s.emailId)).toEqual(['keep-1', 'keep-2', 'keep-3']);
    const span = (lessons[2]!.at.getTime() - lessons[0]!.at.getTime()) / day;
    expect(span).toBeGreaterThanOrEqual(20);
    expect(span).toBeLessThanOrEqual(35);
  });
});

function plan2(date: string) {
  return { people: ['Sam'], plans: [{ text: 'coffee with Sam', people: ['Sam'], date }] };
}
