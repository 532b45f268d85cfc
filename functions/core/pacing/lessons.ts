import { localDay } from '../pacing-text.ts';
import type { AgendaItem, Subscriber } from '../subscriber.ts';
import { add, item, key, lessonItem, slot, uniqueKey, without } from './schedule.ts';
import { type PacingContext, type PlannedEmail, pacingRules } from './types.ts';

/** Days the course waits after a lesson by default: the course's gap, slower for the silent. */
function gapDays(state: Subscriber, position: number, ctx: PacingContext): number {
  const base = ctx.course.sequence[position]?.gapDays ?? 0;
  if (base === 0 && position === 0) return 0;
  const silence = 1 + 0.5 * Math.min(state.silentStreak, 2);
  const scaled = Math.round(base * pacingRules.paceFactor[state.pace] * silence);
  return Math.max(pacingRules.spacingDays[state.pace], scaled);
}

/** The fewest days between two lessons at the subscriber's pace. */
export function spacingDays(state: Subscriber): number {
  return pacingRules.spacingDays[state.pace];
}

/** Days until a nudge, at the subscriber's pace (slower means later nudges too). */
export function nudgeDays(state: Subscriber): number {
  return Math.max(1, Math.round(pacingRules.nudgeAfterDays * pacingRules.paceFactor[state.pace]));
}

/** No sooner than what the course's rules hold the entry for (progress, the third week). */
function held(state: Subscriber, position: number, at: Date, ctx: PacingContext): Date {
  const entry = ctx.course.sequence[position];
  const hold = entry ? ctx.rules.holdUntil(state, entry, at) : null;
  return hold && hold.getTime() > at.getTime() ? slot(state, hold, ctx) : at;
}

/** The sequence entry at `position` as an agenda item due at `at` (or later, if held). */
export function lessonEntry(
  state: Subscriber,
  position: number,
  at: Date,
  ctx: PacingContext,
): AgendaItem | null {
  const entry = ctx.course.sequence[position];
  if (!entry) return null;
  const when = held(state, position, at, ctx);
  return item('lesson', entry.emailId, entry.emailId, when, key(state, entry.emailId), entry.step);
}

/** The earliest the pending lesson may go: its spacing after the last one, and its holds. */
export function earliestLesson(state: Subscriber, now: Date, ctx: PacingContext): Date {
  const spaced = state.lastLessonAt
    ? slot(state, new Date(state.lastLessonAt), ctx, spacingDays(state))
    : slot(state, now, ctx);
  const floor = spaced.getTime() > now.getTime() ? spaced : slot(state, now, ctx);
  return held(state, state.position, floor, ctx);
}

/** Moves the pending lesson to `at`, or to its earliest allowed moment if `at` is sooner. */
export function moveLesson(state: Subscriber, at: Date, now: Date, ctx: PacingContext): Subscriber {
  const lesson = lessonItem(state);
  if (!lesson) return state;
  const earliest = earliestLesson(state, now, ctx);
  const when = at.getTime() < earliest.getTime() ? earliest : at;
  return {
    ...state,
    agenda: state.agenda.map((i) => (i === lesson ? { ...i, dueAt: when.toISOString() } : i)),
  };
}

/** A reply to the lesson awaited: the next lesson comes sooner, never closer than its spacing. */
export function bringForward(state: Subscriber, now: Date, ctx: PacingContext): Subscriber {
  const lesson = lessonItem(state);
  if (!lesson) return state;
  const soon = slot(state, now, ctx, pacingRules.replyGapDays);
  return Date.parse(lesson.dueAt) > soon.getTime() ? moveLesson(state, soon, now, ctx) : state;
}

/** Re-times the pending lesson from the last one, at the current pace; never into the past. */
export function reschedule(state: Subscriber, now: Date, ctx: PacingContext): Subscriber {
  const lesson = lessonItem(state);
  if (!lesson || !state.lastLessonAt) return state;
  const base = slot(state, new Date(state.lastLessonAt), ctx, gapDays(state, state.position, ctx));
  return moveLesson(state, base, now, ctx);
}

/** The next check-in, 2-3 a month at the subscriber's pace. */
export function checkIn(state: Subscriber, after: Date, ctx: PacingContext): Subscriber {
  const [next, sendKey] = uniqueKey(state, 'check-in');
  const at = slot(next, after, ctx, pacingRules.checkInDays[state.pace]);
  return add(next, item('check-in', 'check-in', 'check-in', at, sendKey, null));
}

/** "Lesson 3 arrives on Thursday 3 December." or the check-in equivalent. */
export function nextText(state: Subscriber, ctx: PacingContext): string {
  const upcoming = state.agenda
    .filter((i) => i.kind === 'lesson' || i.kind === 'check-in')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (!upcoming) return 'Nothing else is scheduled.';
  const when = localDay(new Date(upcoming.dueAt), state);
  if (upcoming.kind === 'check-in') return `Your next check-in comes on ${when}.`;
  const entry = ctx.course.sequence.find((e) => e.emailId === upcoming.emailId);
  const label = entry?.step ? `Lesson ${entry.step}` : 'The closing email';
  return `${label} arrives on ${when}.`;
}

/** Sends the lesson due: the course moves on, the next lesson and a nudge are scheduled. */
export function sendLesson(
  state: Subscriber,
  due: AgendaItem,
  now: Date,
  ctx: PacingContext,
): [Subscriber, PlannedEmail] {
  const unanswered = state.awaiting !== null && !state.awaiting.replied;
  let next: Subscriber = {
    ...state,
    silentStreak: unanswered ? state.silentStreak + 1 : state.awaiting ? 0 : state.silentStreak,
    position: state.position + 1,
    lastLessonAt: now.toISOString(),
    heldForReply: false,
    awaiting: due.step ? { step: due.step, sentAt: now.toISOString(), replied: false } : null,
  };
  // A new lesson makes the previous step's nudge moot.
  next = without(next, (i) => i.kind === 'nudge' || i === due);
  const following = lessonEntry(
    next,
    next.position,
    slot(next, now, ctx, gapDays(next, next.position, ctx)),
    ctx,
  );
  if (!following && !next.coursesDone.includes(ctx.course.id)) {
    next = { ...next, coursesDone: [...next.coursesDone, ctx.course.id] };
  }
  next = following ? add(next, following) : checkIn(next, now, ctx);
  if (due.step) {
    const nudgeAt = slot(next, now, ctx, nudgeDays(next));
    if (!following || nudgeAt < new Date(following.dueAt)) {
      const nudgeKey = key(next, `nudge-${due.step}`);
      next = add(next, item('nudge', `nudge-${due.step}`, 'nudge', nudgeAt, nudgeKey, due.step));
    }
  }
  const vars = { ...ctx.rules.vars(next, due.emailId, now), ...due.vars };
  return [next, { ...plan(due), vars }];
}

/** What an agenda item sends. */
export function plan(due: AgendaItem): PlannedEmail {
  return {
    emailId: due.emailId,
    template: due.template,
    sendKey: due.sendKey,
    step: due.step,
    vars: due.vars,
  };
}
