import { type CourseEvent, isoWeek } from '../functions/core/course-events.ts';
import type { SubscriberStatus } from '../functions/core/subscriber.ts';

/**
 * A population's course events, made up but shaped like the course: people
 * sign up evenly over the days, most confirm, lessons go out on the course's
 * gaps, fewer reply at each step, some leave, some meet people. Deterministic
 * (a hash per person, no global random), so a bench or a screenshot is the
 * same every run. For `stats_reads_100k_vs_10k` and the report's screenshot.
 */

const dayMs = 86_400_000;

/** A number in [0, 1) fixed by person and question. */
function chance(person: number, question: number): number {
  let h = (person * 0x9e3779b1 + question * 0x85ebca77) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** Reply rates and days after confirming of each lesson. */
const lessons = [
  { step: 1, day: 0, reply: 0.64 },
  { step: 2, day: 3, reply: 0.5 },
  { step: 3, day: 7, reply: 0.42 },
  { step: 4, day: 11, reply: 0.36 },
];

/** One person's events, in time order. */
function personEvents(i: number, signupAt: Date, courseId: string): CourseEvent[] {
  const events: CourseEvent[] = [];
  let cohort: string | null = null;
  let status: SubscriberStatus = 'pending';
  const at = (days: number, hours = 0) =>
    new Date(signupAt.getTime() + days * dayMs + hours * 3_600_000).toISOString();
  const push = (when: string, event: Record<string, unknown>) =>
    events.push({ at: when, courseId, cohort, ...event } as CourseEvent);
  const move = (when: string, to: SubscriberStatus) => {
    push(when, { type: 'status', from: status, to });
    status = to;
  };
  push(at(0), { type: 'signed-up' });
  push(at(0), { type: 'status', from: null, to: 'pending' });
  if (chance(i, 1) > 0.86) return events;
  cohort = isoWeek(new Date(at(0, 1)));
  push(at(0, 1), { type: 'confirmed' });
  move(at(0, 1), 'active');
  for (const [n, lesson] of lessons.entries()) {
    const sent = at(lesson.day, 2);
    push(sent, { type: 'email-sent', emailId: `lesson-${lesson.step}`, step: lesson.step });
    const leave = chance(i, 10 + n);
    if (leave < 0.05) {
      const reason = leave < 0.038 ? 'unsubscribed' : leave < 0.048 ? 'bounced' : 'complained';
      push(at(lesson.day, 5), { type: 'left', reason, step: lesson.step });
      move(at(lesson.day, 5), reason === 'unsubscribed' ? 'unsubscribed' : 'suppressed');
      return events;
    }
    if (chance(i, 20 + n) < lesson.reply) {
      push(at(lesson.day, 6), { type: 'reply', outcome: 'check-in', step: lesson.step });
      const command = chance(i, 30 + n);
      if (command < 0.03) push(at(lesson.day, 6), { type: 'command', command: 'pause' });
      else if (command < 0.05) push(at(lesson.day, 6), { type: 'command', command: 'slower' });
      else if (command < 0.06) push(at(lesson.day, 6), { type: 'command', command: 'skip' });
    } else if (chance(i, 40 + n) < 0.04) {
      push(at(lesson.day, 3), { type: 'reply', outcome: 'auto-reply', step: null });
    }
  }
  push(at(16, 2), { type: 'email-sent', emailId: 'closing', step: null });
  if (chance(i, 50) < 0.48) {
    const first = 4 + Math.floor(chance(i, 51) * 12);
    push(at(first, 8), {
      type: 'met',
      count: 1,
      firstAfterDays: first,
      reachedMonthlyTarget: false,
    });
    if (chance(i, 52) < 0.45) {
      push(at(first + 6, 8), {
        type: 'met',
        count: 1 + Math.floor(chance(i, 53) * 2),
        firstAfterDays: null,
        reachedMonthlyTarget: true,
      });
    }
  }
  if (chance(i, 60) < 0.06) {
    push(at(24, 9), { type: 'finished' });
    move(at(24, 9), 'graduated');
  }
  return events;
}

/**
 * Every event of `count` people signing up evenly over `days` days from
 * `start`, up to the end of that period, oldest first. `from` and `to` pick
 * a slice of the people (indexes `from` to `to - 1`), for making a large
 * population's events a part at a time.
 */
export function simulatedEvents(
  count: number,
  options: { start: Date; days: number; courseId?: string; from?: number; to?: number },
): CourseEvent[] {
  const end = options.start.getTime() + options.days * dayMs;
  const events: CourseEvent[] = [];
  const from = options.from ?? 0;
  const to = Math.min(count, options.to ?? count);
  for (let i = from; i < to; i++) {
    const offset = Math.floor((i * options.days * dayMs) / count);
    const signupAt = new Date(options.start.getTime() + offset);
    for (const event of personEvents(i, signupAt, options.courseId ?? 'relationships')) {
      if (Date.parse(event.at) < end) events.push(event);
    }
    // Mail from strangers, rejected: about one for every hundred people.
    if (i % 100 === 99) {
      const at = new Date(
        options.start.getTime() + Math.floor(chance(i, 99) * options.days * dayMs),
      );
      events.push({
        at: at.toISOString(),
        courseId: null,
        cohort: null,
        type: 'reply',
        outcome: 'rejected',
        step: null,
      });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
