import type { CourseSource } from './course.ts';
import type { ReplyFacts } from './pacing/types.ts';
import type { Subscriber } from './subscriber.ts';

/** One entry of a course's sequence (a lesson, or the closing). */
export type SequenceEntry = CourseSource['sequence'][number];

/** What the coach says back about one reply, in the course's own words. */
export interface Acknowledgement {
  /** The sentence or two that says what was logged (names and dates as written), or null. */
  text: string | null;
  /** True when the reply reported something done: it gets a congratulation, not a plain thanks. */
  celebrate: boolean;
}

/**
 * Everything that is specific to one course, so that core pacing knows
 * steps, replies, commands and agenda items and nothing about "why" or
 * "coffee". Each course has one module with these rules beside its
 * templates (`templates/<course>/rules.ts`), registered in one place
 * (`functions/courses.ts`). All of it is pure: time is passed in.
 */
export interface CourseRules {
  readonly id: string;
  /**
   * What a reply teaches the coach about the person (their why, the people
   * they picked, who they met, what they plan), and what to say back. `step`
   * is the lesson the reply answers, or null (a check-in, a follow-up).
   */
  learn(
    state: Subscriber,
    facts: ReplyFacts,
    step: number | null,
    now: Date,
  ): {
    state: Subscriber;
    ack: Acknowledgement;
  };
  /**
   * The earliest moment the sequence entry may be sent, from what the person
   * reported (progress unlocks a lesson, not the calendar alone), or null
   * when nothing holds it.
   */
  holdUntil(state: Subscriber, entry: SequenceEntry, now: Date): Date | null;
  /**
   * Placeholders of a course email that depend on what was reported: a
   * lesson's opening, the closing's account of what was done, the monthly
   * tally, the person's own why quoted when it helps.
   */
  vars(state: Subscriber, emailId: string, now: Date): Record<string, string>;
  /** What a bare "done" after this step's lesson means: the step answered, or unclear (ask). */
  doneMeans(step: number): 'answered' | 'ask';
  /** The help a discouraged reply gets: other ways in, a smaller next step. */
  encouragement(state: Subscriber): string;
  /** The follow-up question for a plan or event on a date (naming who or what). */
  followUpText(about: { people: string[]; event: string | null; text: string }): string;
}
