import type { SenderSettings } from '../core/compose.ts';
import type { CompiledCourse } from '../core/course.ts';
import type { Mailer, SentMailRecord } from '../ports/mail.ts';
import type { Clock, IdSource, Logger, Timer } from '../ports/runtime.ts';
import type { Stores } from '../ports/stores.ts';

/**
 * Everything the use cases need, wired once per process by the handlers or the
 * local stack. Each use case asks only for the part it uses (a `Pick` of this).
 */
export interface CoachDeps extends Stores {
  mailer: Mailer;
  /** SES's record of what it sent, which settles sends whose outcome is unknown. */
  sentMail: SentMailRecord;
  clock: Clock;
  /** Real elapsed time, for keeping to the mail service's rate. */
  timer: Timer;
  ids: IdSource;
  log: Logger;
  courses: Record<string, CompiledCourse>;
  settings: SenderSettings;
  defaultCourse: string;
  defaultTimezone: string;
  /**
   * Public answers that must not tell a known address from an unknown one
   * (signup, "email me a fresh link") take at least this long.
   */
  answerFloorMs: number;
}

/** The course a subscriber follows; a missing course is a deployment error, not bad input. */
export function courseOf(deps: Pick<CoachDeps, 'courses'>, courseId: string): CompiledCourse {
  const course = deps.courses[courseId];
  if (!course) throw new Error(`course ${courseId} is not deployed`);
  return course;
}
