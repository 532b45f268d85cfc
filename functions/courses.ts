import { keepItGoingRules } from '../templates/keep-it-going/rules.ts';
import { relationshipsRules } from '../templates/relationships/rules.ts';
import type { HolidayCalendar } from './core/calendar.ts';
import type { CompiledCourse } from './core/course.ts';
import type { CourseRules } from './core/course-rules.ts';
import type { PacingContext } from './core/pacing/index.ts';

/**
 * Every course's rules, registered in this one place; each course's content
 * (course.json, the emails) is compiled from the same folder under
 * templates/ into functions/generated/templates.ts.
 */
export const courseRules: Readonly<Record<string, CourseRules>> = {
  [relationshipsRules.id]: relationshipsRules,
  [keepItGoingRules.id]: keepItGoingRules,
};

/** A course's rules; a course without rules is a deployment error, not bad input. */
export function rulesOf(courseId: string): CourseRules {
  const rules = courseRules[courseId];
  if (!rules) throw new Error(`course ${courseId} has no rules registered in functions/courses.ts`);
  return rules;
}

/** What the pacing needs to run a course: its sequence, its rules and the holidays it keeps to. */
export function pacingContextFor(
  course: Pick<CompiledCourse, 'id' | 'sequence'>,
  holidays?: HolidayCalendar,
): PacingContext {
  return { course, rules: rulesOf(course.id), ...(holidays ? { holidays } : {}) };
}
