import type { HolidayCalendar } from '../calendar.ts';
import type { CompiledCourse } from '../course.ts';
import type { CourseRules } from '../course-rules.ts';
import type { Understanding } from '../reading/index.ts';
import type { SendWindow } from '../send-window.ts';
import type { Pace, Subscriber } from '../subscriber.ts';

export type { ReplyCommand, ReplyKind } from '../reading/index.ts';

/** What the reply reader understood: the pacing reads it as it is. */
export type ReplyFacts = Understanding;

/** What can happen to a subscriber's course. */
export type PacingEvent =
  | { type: 'confirmed' }
  /** The scheduler found something due. */
  | { type: 'due' }
  | { type: 'unsubscribed' }
  /** A reply, read; `step` is the course step the replied-to email asked about. */
  | { type: 'reply'; step: number | null; facts: ReplyFacts }
  /** An out-of-office or other automatic answer; never a check-in. */
  | { type: 'auto-reply'; returnDate: string | null }
  /** What SES reported about mail to the subscriber. */
  | {
      type: 'mail-event';
      kind: 'permanent-bounce' | 'transient-bounce' | 'complaint' | 'delivery' | 'other';
    }
  /** The subscriber changed settings on the manage page. */
  | {
      type: 'preferences';
      pace?: Pace;
      sendHour?: number;
      timezone?: string;
      skipWeekends?: boolean;
      /** How dates and times are written; changes no timing. */
      locale?: string;
    }
  | { type: 'pause'; until: string | null }
  | { type: 'resume' };

/** An email the pacing decided to send now. */
export interface PlannedEmail {
  emailId: string;
  template: string;
  sendKey: string;
  step: number | null;
  vars: Record<string, string>;
}

/** The pacing's answer: the new state and what to send now. */
export interface PacingResult {
  state: Subscriber;
  emails: PlannedEmail[];
}

/** The course the pacing runs, its rules, and the calendar it keeps to. */
export interface PacingContext {
  course: Pick<CompiledCourse, 'id' | 'sequence'>;
  /** The course's own rules (templates/<course>/rules.ts), registered in functions/courses.ts. */
  rules: CourseRules;
  window?: SendWindow;
  /** Public holidays kept free of course mail; none when absent. */
  holidays?: HolidayCalendar;
}

/** The default local send hour when a subscriber has not chosen one. */
export const defaultSendHour = 9;

/** Tunables of the pacing, in one place. */
export const pacingRules = {
  /** Fewest days between two lessons, by pace: a reply brings a lesson forward, never closer. */
  spacingDays: { gentle: 7, normal: 4, intense: 2 } as Record<Pace, number>,
  /** A nudge follows an unanswered lesson after this many days (scaled by pace). */
  nudgeAfterDays: 2,
  /** A reply brings the next lesson no sooner than this many days after it. */
  replyGapDays: 1,
  /** "not yet" gives this many more days. */
  notYetDays: 2,
  /** A discouraged reply holds the next lesson until the person writes again, or this long. */
  discouragedHoldDays: 7,
  /** Check-ins in the repeat phase: 2-3 a month. */
  checkInDays: { gentle: 15, normal: 12, intense: 10 } as Record<Pace, number>,
  /** Unanswered check-ins before the course pauses with a "still want these?" email. */
  quietCheckInsBeforePause: 3,
  /** Transient bounces in a row before sending pauses. */
  softBouncesBeforePause: 3,
  /** Follow-ups waiting at once. */
  maxFollowUps: 3,
  /** Follow-ups remembered as asked or cancelled, so none is asked twice. */
  maxFollowUpsDone: 40,
  maxPeople: 20,
  maxMeetings: 200,
  maxPlans: 20,
  /** Acknowledgements held while paused, said when the course resumes. */
  maxHeldAcks: 5,
  paceFactor: { gentle: 1.5, normal: 1, intense: 0.5 } as Record<Pace, number>,
} as const;
