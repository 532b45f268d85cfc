import type { CompiledCourse } from '../../functions/core/course.ts';
import {
  type PacingContext,
  type PacingEvent,
  pace,
  type ReplyFacts,
} from '../../functions/core/pacing/index.ts';
import { noUnderstanding } from '../../functions/core/reading/index.ts';
import { decideSignup } from '../../functions/core/signup.ts';
import { dueAt, type Subscriber } from '../../functions/core/subscriber.ts';
import { pacingContextFor } from '../../functions/courses.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';

/** The default course's schedule and rules, as course.json and its rules module define them. */
export const courseContext: PacingContext = pacingContextFor(
  compiledCourses.relationships as CompiledCourse,
);

/** What a subscriber who never replies receives through the closing email: a nudge per lesson. */
export const silentCourse = [
  'lesson-1',
  'nudge-1',
  'lesson-2',
  'nudge-2',
  'lesson-3',
  'nudge-3',
  'lesson-4',
  'nudge-4',
  'closing',
] as const;

/** One email the driver saw go out. */
export interface DrivenEmail {
  emailId: string;
  sendKey: string;
  at: Date;
  vars: Record<string, string>;
}

/** Reply facts with everything empty but what the test says. */
export function facts(partial: Partial<ReplyFacts> = {}): ReplyFacts {
  return { ...noUnderstanding(), ...partial };
}

/** A pending subscriber as signup creates it. */
export function pendingSubscriber(timezone: string, at: Date, id = 'sub1'): Subscriber {
  return decideSignup(
    null,
    { email: `${id}@example.com`, name: 'Pat', timezone },
    'form',
    at,
    { id, nonce: 'n1' },
    'relationships',
  ).state;
}

/**
 * Simulates the scheduler: runs `due` at each moment something is due, up to
 * `until`, the way the tick does. Pure, like the pacing it drives.
 */
export class PacingDriver {
  readonly sent: DrivenEmail[] = [];
  now: Date;

  constructor(
    public state: Subscriber,
    start: Date,
    private readonly ctx: PacingContext = courseContext,
  ) {
    this.now = start;
  }

  /** Applies one event at the current time and records its emails. */
  apply(event: PacingEvent): this {
    const result = pace(this.state, event, this.now, this.ctx);
    this.state = result.state;
    for (const email of result.emails)
      this.sent.push({
        emailId: email.emailId,
        sendKey: email.sendKey,
        at: this.now,
        vars: email.vars,
      });
    return this;
  }

  /** Runs every tick due up to `until` (inclusive), then sets the clock to `until`. */
  runUntil(until: Date): this {
    for (let i = 0; i < 1000; i++) {
      const due = dueAt(this.state);
      if (!due || Date.parse(due) > until.getTime()) break;
      this.now = new Date(Math.max(Date.parse(due), this.now.getTime()));
      this.apply({ type: 'due' });
    }
    this.now = until;
    return this;
  }

  /** Advances by hours, running what falls due. */
  advance(hours: number): this {
    return this.runUntil(new Date(this.now.getTime() + hours * 3_600_000));
  }

  /** Runs until the next email goes out (or `maxHours` pass) and returns it. */
  nextEmail(maxHours = 24 * 60): DrivenEmail | undefined {
    const before = this.sent.length;
    const limit = this.now.getTime() + maxHours * 3_600_000;
    for (let i = 0; i < 1000 && this.sent.length === before; i++) {
      const due = dueAt(this.state);
      if (!due || Date.parse(due) > limit) break;
      this.runUntil(new Date(due));
    }
    return this.sent[before];
  }
}
