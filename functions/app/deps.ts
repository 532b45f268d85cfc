import type { HolidayCalendar } from '../core/calendar.ts';
import type { SenderSettings } from '../core/compose.ts';
import type { CompiledCourse } from '../core/course.ts';
import type { CourseEvent } from '../core/course-events.ts';
import type { PacingContext } from '../core/pacing/index.ts';
import { courseRules, pacingContextFor } from '../courses.ts';
import type { CourseEventSink } from '../ports/course-events.ts';
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
  /** Public holidays, kept free of course mail. */
  holidays: HolidayCalendar;
  /** Where what happens is counted (metrics, daily counters); best effort. */
  events: CourseEventSink;
  clock: Clock;
  /** Real elapsed time, for keeping to the mail service's rate. */
  timer: Timer;
  ids: IdSource;
  log: Logger;
  courses: Record<string, CompiledCourse>;
  settings: SenderSettings;
  /** The person who reads the questions subscribers ask (`OPERATOR_EMAIL`). */
  operatorEmail: string;
  defaultCourse: string;
  defaultTimezone: string;
  /** Locale (BCP 47, normalized) of a signup whose browser named none. */
  defaultLocale: string;
  /**
   * Public answers that must not tell a known address from an unknown one
   * (signup, "email me a fresh link") take at least this long.
   */
  answerFloorMs: number;
}

/** What the pacing needs for a subscriber's course: its sequence, rules and the holidays. */
export function pacingContext(
  deps: Pick<CoachDeps, 'courses'> & Partial<Pick<CoachDeps, 'holidays'>>,
  courseId: string,
): PacingContext {
  return pacingContextFor(courseOf(deps, courseId), deps.holidays);
}

/**
 * The courses this deployment runs: compiled into functions/generated/templates.ts
 * and with their rules registered in functions/courses.ts. A course with only
 * one of the two is being added and is offered to nobody yet.
 */
export function registeredCourses(deps: Pick<CoachDeps, 'courses'>): string[] {
  return Object.keys(deps.courses).filter((id) => Object.hasOwn(courseRules, id));
}

/** The course a subscriber follows; a missing course is a deployment error, not bad input. */
export function courseOf(deps: Pick<CoachDeps, 'courses'>, courseId: string): CompiledCourse {
  const course = deps.courses[courseId];
  if (!course) throw new Error(`course ${courseId} is not deployed`);
  return course;
}

/**
 * Counts events without ever failing the caller: a counter that is down costs
 * a number on a chart, not a subscriber's change (which is already saved).
 */
export async function recordEvents(
  deps: Pick<CoachDeps, 'events' | 'log'>,
  events: readonly CourseEvent[],
): Promise<void> {
  if (events.length === 0) return;
  try {
    await deps.events.record(events);
  } catch (error) {
    deps.log.warn('course events not recorded', {
      events: events.map((e) => e.type),
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
