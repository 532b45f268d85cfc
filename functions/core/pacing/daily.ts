import type { AgendaItem, Subscriber } from '../subscriber.ts';
import { checkIn, nextText, plan, sendLesson } from './lessons.ts';
import { resume } from './lifecycle.ts';
import { isCourseDay, localDayOf, slot, soonest, uniqueKey, without } from './schedule.ts';
import { type PacingContext, type PacingResult, type PlannedEmail, pacingRules } from './types.ts';

/**
 * Notes that answer a command or confirm a change: they go whenever due,
 * beside the day's one course email (COACHING.md: one email a day at most,
 * confirmations aside).
 */
const confirmations = new Set([
  'paused',
  'resumed',
  'stopped',
  'pace-changed',
  'skipped',
  'not-yet',
  'clarify',
  'graduated',
  'still-there',
]);

/** Acknowledgements, folded into a lesson, follow-up or check-in due the same day. */
const foldable = new Set(['ack']);

function isConfirmation(i: AgendaItem): boolean {
  return i.kind === 'note' && confirmations.has(i.template);
}

/**
 * Which course email goes first when several are due on one day: help for
 * someone discouraged and the answer to a question first (they answer a
 * person), then the lesson, a follow-up, a check-in (each carrying any
 * acknowledgement), a plain acknowledgement, a nudge.
 */
function rank(i: AgendaItem): number {
  if (i.kind === 'note') return foldable.has(i.template) ? 4 : 0;
  return { lesson: 1, 'follow-up': 2, 'check-in': 3, nudge: 5 }[i.kind] ?? 6;
}

function sentToday(state: Subscriber, now: Date): boolean {
  return (
    state.lastCourseEmailAt !== null &&
    localDayOf(state, new Date(state.lastCourseEmailAt)) === localDayOf(state, now)
  );
}

/**
 * Moves items to tomorrow's send slot: course mail to the next course day,
 * answers to what the person wrote to the next day (a holiday does not
 * keep an answer from someone who wrote).
 */
function defer(state: Subscriber, items: readonly AgendaItem[], now: Date, ctx: PacingContext) {
  const course = slot(state, now, ctx, 1).toISOString();
  const answer = slot(state, now, ctx, 1, false).toISOString();
  return {
    ...state,
    agenda: state.agenda.map((i) =>
      items.includes(i) ? { ...i, dueAt: i.kind === 'note' ? answer : course } : i,
    ),
  };
}

/** Sends a check-in (or, after long silence, asks once whether to go on). */
function sendCheckIn(
  state: Subscriber,
  due: AgendaItem,
  now: Date,
  ctx: PacingContext,
): [Subscriber, PlannedEmail, boolean] {
  // `due` may carry an acknowledgement folded in: a copy of the agenda item, found by its key.
  let next = without(state, (i) => i.sendKey === due.sendKey);
  if (next.quietCheckIns >= pacingRules.quietCheckInsBeforePause) {
    // Long silence: ask once, then stop writing until they answer.
    const [paused, sendKey] = uniqueKey(next, 'still-there');
    next = {
      ...paused,
      status: 'paused',
      pausedUntil: null,
      agenda: paused.agenda.filter((i) => i.kind === 'note'),
    };
    return [next, { ...plan(due), emailId: 'still-there', template: 'still-there', sendKey }, true];
  }
  next = checkIn({ ...next, quietCheckIns: next.quietCheckIns + 1 }, now, ctx);
  return [
    next,
    { ...plan(due), vars: { ...ctx.rules.vars(next, 'check-in', now), ...due.vars } },
    false,
  ];
}

/**
 * Handles a `due` tick: sends what is due, at most one course email a day
 * (confirmations aside), with any answer due the same day folded into it;
 * holds everything for the morning at night, and course mail past skipped
 * weekends and public holidays.
 */
export function onDue(state: Subscriber, now: Date, ctx: PacingContext): PacingResult {
  let next = state;
  if (
    next.status === 'paused' &&
    next.pausedUntil &&
    Date.parse(next.pausedUntil) <= now.getTime()
  ) {
    // The pause ran out: back with one email that says so and answers what they wrote meanwhile.
    next = resume(next, now, ctx);
  }
  const sendable = (i: AgendaItem) =>
    Date.parse(i.dueAt) <= now.getTime() && (next.status === 'active' || i.kind === 'note');
  const due = next.agenda.filter(sendable);
  if (due.length === 0) return { state: next, emails: [] };
  if (soonest(next, now, ctx) !== now) {
    // Late (an outage) and night-time there: hold everything due for the morning.
    const morning = slot(next, now, ctx, 0, false).toISOString();
    return {
      state: {
        ...next,
        agenda: next.agenda.map((i) => (due.includes(i) ? { ...i, dueAt: morning } : i)),
      },
      emails: [],
    };
  }
  const emails: PlannedEmail[] = [];
  // Confirmations first: they answer something the person just did.
  for (const current of due.filter(isConfirmation)) {
    next = without(next, (i) => i === current);
    emails.push(plan(current));
  }
  let course = due
    .filter((i) => !isConfirmation(i))
    .sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt));
  if (course.length === 0) return { state: next, emails };
  if (sentToday(next, now)) return { state: defer(next, course, now, ctx), emails };
  if (!isCourseDay(next, now, ctx)) {
    // A holiday: no lesson, nudge or check-in; an answer to what they wrote may still go.
    const held = course.filter((i) => i.kind !== 'note');
    next = defer(next, held, now, ctx);
    course = course.filter((i) => i.kind === 'note');
    if (course.length === 0) return { state: next, emails };
  }
  // A thank-you for a reply that logged nothing rides along with another email, or is dropped.
  if (!course.some((i) => i.kind === 'lesson' || i.kind === 'check-in' || i.kind === 'follow-up')) {
    const plain = course.filter((i) => i.vars.foldOnly);
    next = without(next, (i) => plain.includes(i));
    course = course.filter((i) => !plain.includes(i));
  }
  // A nudge for a step the person has answered since says nothing: drop it.
  let [first, ...rest] = course;
  while (first?.kind === 'nudge' && next.awaiting?.step === first.step && next.awaiting.replied) {
    next = without(next, (i) => i === first);
    [first, ...rest] = rest;
  }
  if (!first) return { state: next, emails };
  const answers = rest.filter((i) => i.kind === 'note' && foldable.has(i.template));
  const foldInto =
    first.kind === 'lesson' || first.kind === 'check-in' || first.kind === 'follow-up';
  const folded = foldInto ? answers : [];
  const ackText = [first, ...folded]
    .map((i) => i.vars.ackText ?? '')
    .filter(Boolean)
    .join(' ');
  const primary: AgendaItem = ackText ? { ...first, vars: { ...first.vars, ackText } } : first;
  next = without(next, (i) => folded.includes(i));
  let email: PlannedEmail;
  switch (first.kind) {
    case 'lesson': {
      [next, email] = sendLesson(
        { ...next, agenda: next.agenda.map((i) => (i === first ? primary : i)) },
        primary,
        now,
        ctx,
      );
      break;
    }
    case 'check-in': {
      let stop: boolean;
      [next, email, stop] = sendCheckIn(next, primary, now, ctx);
      if (stop)
        return {
          state: { ...next, lastCourseEmailAt: now.toISOString() },
          emails: [...emails, email],
        };
      break;
    }
    case 'nudge': {
      next = without(next, (i) => i === first);
      email = {
        ...plan(first),
        vars: { ...ctx.rules.vars(next, first.emailId, now), ...first.vars },
      };
      break;
    }
    default: {
      next = without(next, (i) => i === first);
      const ref = first.vars.followUpRef;
      if (first.kind === 'follow-up' && ref) {
        // Asked once: never again for the same date and the same who or what.
        const done = [...next.followUpsDone, ref].slice(-pacingRules.maxFollowUpsDone);
        next = { ...next, followUpsDone: done };
      }
      // A standalone acknowledgement says what comes next, as of the moment it goes.
      email =
        first.template === 'ack'
          ? { ...plan(primary), vars: { ...primary.vars, nextText: nextText(next, ctx) } }
          : plan(primary);
    }
  }
  next = { ...next, lastCourseEmailAt: now.toISOString() };
  const left = rest.filter((i) => !folded.includes(i) && next.agenda.includes(i));
  return { state: left.length ? defer(next, left, now, ctx) : next, emails: [...emails, email] };
}
