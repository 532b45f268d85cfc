import { localDay } from '../pacing-text.ts';
import { fromLocal, toLocal } from '../send-window.ts';
import { type Subscriber, subscriberDefaults } from '../subscriber.ts';
import { checkIn, lessonEntry, nextText, nudgeDays, reschedule } from './lessons.ts';
import { add, dateSlot, holdUntil, lessonItem, note, slot, soonest, without } from './schedule.ts';
import { type PacingContext, type PacingEvent, type PacingResult, pacingRules } from './types.ts';

/** Confirmed: the course starts, lesson 1 at once (or in the morning). */
export function onConfirmed(state: Subscriber, now: Date, ctx: PacingContext): PacingResult {
  if (state.status !== 'pending') return { state, emails: [] };
  const started: Subscriber = {
    ...state,
    ...subscriberDefaults(state.locale),
    sendHour: state.sendHour,
    timezone: state.timezone,
    skipWeekends: state.skipWeekends,
    pace: state.pace,
    people: state.people,
    meetings: state.meetings,
    why: state.why,
    offer: state.offer,
    seq: state.seq,
    coursesDone: state.coursesDone,
    courseStartedAt: now.toISOString(),
    status: 'active',
    run: state.run + 1,
    position: 0,
    consent: { ...state.consent, confirmedAt: now.toISOString(), unsubscribedAt: null },
  };
  const first = lessonEntry(started, 0, soonest(started, now, ctx), ctx);
  return { state: first ? add(started, first) : started, emails: [] };
}

/** Whether the subscriber has finished their course's lessons and may begin another. */
export function canStartCourse(state: Subscriber, courseId: string): boolean {
  return (
    (state.status === 'active' || state.status === 'graduated') &&
    state.courseId !== courseId &&
    state.coursesDone.includes(state.courseId) &&
    !state.agenda.some((i) => i.kind === 'lesson')
  );
}

/**
 * Begins a follow-on course for someone who finished theirs (offered on the
 * manage page): what they told the coach stays, the new course's first
 * lesson comes at the next send slot, and its own pacing starts afresh.
 * `ctx` is the new course's. A subscriber who may not start it is returned unchanged.
 */
export function startNextCourse(state: Subscriber, now: Date, ctx: PacingContext): Subscriber {
  if (!canStartCourse(state, ctx.course.id)) return state;
  const started: Subscriber = {
    ...state,
    courseId: ctx.course.id,
    status: 'active',
    run: state.run + 1,
    position: 0,
    awaiting: null,
    silentStreak: 0,
    quietCheckIns: 0,
    lastLessonAt: null,
    heldForReply: false,
    courseStartedAt: now.toISOString(),
    // The old course's check-ins and nudges end; its answers still due go out.
    agenda: state.agenda.filter((i) => i.kind === 'note' || i.kind === 'follow-up'),
  };
  const first = lessonEntry(started, 0, slot(started, now, ctx), ctx);
  return first ? add(started, first) : started;
}

export function onUnsubscribed(state: Subscriber, now: Date): Subscriber {
  return {
    ...state,
    status: 'unsubscribed',
    agenda: [],
    pausedUntil: null,
    signupRequests: [],
    consent: { ...state.consent, unsubscribedAt: now.toISOString() },
  };
}

export function pause(
  state: Subscriber,
  until: string | null,
  now: Date,
  ctx: PacingContext,
): Subscriber {
  if (state.status !== 'active' && state.status !== 'paused') return state;
  const resumeAt = until ? dateSlot(state, until) : null;
  const valid = resumeAt && resumeAt.getTime() > now.getTime() ? resumeAt : null;
  const paused: Subscriber = {
    ...state,
    status: 'paused',
    pausedUntil: valid?.toISOString() ?? null,
  };
  const untilText = valid
    ? `Your course is paused until ${localDay(valid, state)}. It picks up again by itself then.`
    : 'Your course is paused until you say so.';
  return note(paused, 'paused', { untilText }, now, ctx);
}

/**
 * Back from a pause: the course resumes where it was, with one email that
 * says what comes next and acknowledges what was written meanwhile. Course
 * mail waits for the next day, so that email comes alone.
 */
export function resume(state: Subscriber, now: Date, ctx: PacingContext): Subscriber {
  if (state.status !== 'paused') return state;
  let next: Subscriber = {
    ...state,
    status: 'active',
    pausedUntil: null,
    quietCheckIns: 0,
    heardWhilePaused: [],
  };
  next = holdUntil(next, slot(next, now, ctx, 1), ['lesson', 'check-in', 'follow-up', 'nudge']);
  if (!next.agenda.some((i) => i.kind === 'lesson' || i.kind === 'check-in'))
    next = checkIn(next, now, ctx);
  const ackText = state.heardWhilePaused.join(' ');
  return note(
    next,
    'resumed',
    { nextText: nextText(next, ctx), ...(ackText ? { ackText } : {}) },
    now,
    ctx,
  );
}

export function onMailEvent(
  state: Subscriber,
  kind: Extract<PacingEvent, { type: 'mail-event' }>['kind'],
): Subscriber {
  if (state.status === 'suppressed') return state;
  switch (kind) {
    case 'permanent-bounce':
    case 'complaint':
      return {
        ...state,
        status: 'suppressed',
        agenda: [],
        pausedUntil: null,
        suppressedReason: kind === 'complaint' ? 'complaint' : 'permanent bounce',
      };
    case 'transient-bounce': {
      const softBounces = state.softBounces + 1;
      if (softBounces < pacingRules.softBouncesBeforePause || state.status !== 'active')
        return { ...state, softBounces };
      return {
        ...state,
        softBounces,
        status: 'paused',
        pausedUntil: null,
        suppressedReason: 'repeated soft bounces',
      };
    }
    case 'delivery':
      return state.softBounces === 0 ? state : { ...state, softBounces: 0 };
    default:
      return state;
  }
}

export function onPreferences(
  state: Subscriber,
  prefs: Extract<PacingEvent, { type: 'preferences' }>,
  now: Date,
  ctx: PacingContext,
): Subscriber {
  const next: Subscriber = {
    ...state,
    pace: prefs.pace ?? state.pace,
    sendHour: prefs.sendHour ?? state.sendHour,
    timezone: prefs.timezone ?? state.timezone,
    skipWeekends: prefs.skipWeekends ?? state.skipWeekends,
    locale: prefs.locale ?? state.locale,
  };
  const timingChanged =
    next.sendHour !== state.sendHour ||
    next.timezone !== state.timezone ||
    next.skipWeekends !== state.skipWeekends;
  const retimed: Subscriber = timingChanged
    ? {
        ...next,
        // Keep each item's day, move it to the new hour (never into the past).
        agenda: next.agenda.map((i) => {
          if (i.kind === 'note') return i;
          const { year, month, day } = toLocal(new Date(i.dueAt), state.timezone);
          const sameDay = slot(
            next,
            fromLocal({ year, month, day, hour: 0, minute: 0 }, next.timezone),
            ctx,
          );
          const at = sameDay.getTime() < now.getTime() ? slot(next, now, ctx) : sameDay;
          return { ...i, dueAt: at.toISOString() };
        }),
      }
    : next;
  return next.pace !== state.pace ? retimePace(retimed, now, ctx) : retimed;
}

/**
 * A new pace re-times everything the pace governs: the pending lesson from
 * the last one, and the next nudge and check-in from now ("slower" slows
 * them too).
 */
export function retimePace(state: Subscriber, now: Date, ctx: PacingContext): Subscriber {
  let next = reschedule(state, now, ctx);
  if (next.agenda.some((i) => i.kind === 'check-in')) {
    next = checkIn(
      without(next, (i) => i.kind === 'check-in'),
      now,
      ctx,
    );
  }
  const nudge = next.agenda.find((i) => i.kind === 'nudge');
  if (nudge && next.lastLessonAt) {
    const from = new Date(next.lastLessonAt);
    const at = slot(next, from.getTime() > now.getTime() ? from : now, ctx, nudgeDays(next));
    const lesson = lessonItem(next);
    next =
      lesson && at.toISOString() >= lesson.dueAt
        ? without(next, (i) => i === nudge)
        : {
            ...next,
            agenda: next.agenda.map((i) => (i === nudge ? { ...i, dueAt: at.toISOString() } : i)),
          };
  }
  return next;
}

/** Out of office until a date: everything waits until they are back; a nudge would only land in the pile. */
export function onAutoReply(
  state: Subscriber,
  returnDate: string | null,
  now: Date,
  ctx: PacingContext,
): Subscriber {
  if (state.status !== 'active' || !returnDate) return state;
  const back = slot(state, dateSlot(state, returnDate), ctx);
  if (back.getTime() <= now.getTime()) return state;
  return holdUntil(
    without(state, (i) => i.kind === 'nudge'),
    back,
  );
}
