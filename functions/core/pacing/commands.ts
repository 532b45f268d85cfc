import { paceText } from '../pacing-text.ts';
import { defaultSendWindow, inSendWindow } from '../send-window.ts';
import { paces, type Subscriber } from '../subscriber.ts';
import { moveLesson, nextText } from './lessons.ts';
import { onUnsubscribed, pause, resume, retimePace } from './lifecycle.ts';
import { lessonItem, note, slot, uniqueKey, without } from './schedule.ts';
import { type PacingContext, type PacingResult, pacingRules, type ReplyFacts } from './types.ts';

/** A reply that answers the lesson awaited: no nudge, the next lesson sooner (never too soon). */
export function answered(state: Subscriber, now: Date, ctx: PacingContext): Subscriber {
  let next: Subscriber = {
    ...state,
    awaiting: state.awaiting ? { ...state.awaiting, replied: true } : null,
    silentStreak: 0,
  };
  next = without(next, (i) => i.kind === 'nudge');
  const lesson = lessonItem(next);
  const soon = slot(next, now, ctx, pacingRules.replyGapDays);
  return lesson && Date.parse(lesson.dueAt) > soon.getTime()
    ? moveLesson(next, soon, now, ctx)
    : next;
}

/** Obeys a command, to the day; what else the reply said was learned before. */
export function command(
  state: Subscriber,
  facts: ReplyFacts,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  switch (facts.command) {
    case 'stop': {
      const stopped = onUnsubscribed(state, now);
      if (!inSendWindow(now, state.timezone, ctx.window ?? defaultSendWindow)) {
        return { state: stopped, emails: [] };
      }
      const [withSeq, sendKey] = uniqueKey(stopped, 'stopped');
      return {
        state: withSeq,
        emails: [{ emailId: 'stopped', template: 'stopped', sendKey, step: null, vars: {} }],
      };
    }
    case 'pause':
      return { state: pause(state, facts.until, now, ctx), emails: [] };
    case 'resume':
      return { state: resume(state, now, ctx), emails: [] };
    case 'faster':
    case 'slower': {
      const index = paces.indexOf(state.pace) + (facts.command === 'faster' ? 1 : -1);
      const pace = paces[Math.max(0, Math.min(paces.length - 1, index))] ?? state.pace;
      const next = retimePace({ ...state, pace, silentStreak: 0 }, now, ctx);
      const vars = { paceText: paceText(pace), nextText: nextText(next, ctx) };
      return { state: note(next, 'pace-changed', vars, now, ctx), emails: [] };
    }
    case 'skip':
    case 'done':
      return doneOrSkip(state, facts.command, now, ctx);
    case 'not-yet': {
      let next = without(state, (i) => i.kind === 'nudge');
      const lesson = lessonItem(next);
      if (lesson) {
        const later = slot(next, new Date(lesson.dueAt), ctx, pacingRules.notYetDays);
        next = moveLesson(next, later, now, ctx);
      }
      return {
        state: note(next, 'not-yet', { nextText: nextText(next, ctx) }, now, ctx),
        emails: [],
      };
    }
    default:
      return { state, emails: [] };
  }
}

/**
 * "skip" asks for the next lesson sooner (never closer than its spacing).
 * A bare "done" is read against what the lesson asked: in the repeat phase
 * it means the habit is theirs (they graduate); after a lesson whose ask it
 * cannot answer, the coach asks instead of guessing, and moves nothing.
 */
function doneOrSkip(
  state: Subscriber,
  word: 'done' | 'skip',
  now: Date,
  ctx: PacingContext,
): PacingResult {
  if (state.status === 'graduated') return { state, emails: [] };
  if (word === 'done' && state.status === 'active' && !lessonItem(state)) {
    const graduated: Subscriber = {
      ...state,
      status: 'graduated',
      agenda: state.agenda.filter((i) => i.kind === 'note'),
    };
    return { state: note(graduated, 'graduated', {}, now, ctx), emails: [] };
  }
  const step = state.awaiting?.step ?? null;
  if (word === 'done' && step !== null && ctx.rules.doneMeans(step) === 'ask') {
    const replyAsk = ctx.course.sequence.find((e) => e.step === step)?.replyAsk ?? '';
    return { state: note(state, 'clarify', { replyAsk }, now, ctx, step), emails: [] };
  }
  let next = answered(state, now, ctx);
  if (word === 'skip') next = moveLesson(next, slot(next, now, ctx), now, ctx);
  return {
    state: note(next, 'skipped', { nextText: nextText(next, ctx) }, now, ctx),
    emails: [],
  };
}
