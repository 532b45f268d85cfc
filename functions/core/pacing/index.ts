import type { Subscriber } from '../subscriber.ts';
import { onDue } from './daily.ts';
import {
  onAutoReply,
  onConfirmed,
  onMailEvent,
  onPreferences,
  onUnsubscribed,
  pause,
  resume,
} from './lifecycle.ts';
import { onReply } from './replies.ts';
import type { PacingContext, PacingEvent, PacingResult } from './types.ts';

export { canStartCourse, startNextCourse } from './lifecycle.ts';
export * from './types.ts';

/**
 * The heart of the coach: given a subscriber, an event and the current time,
 * returns the subscriber's next state and the emails to send now. Pure: the
 * caller persists the state and sends the emails. What is specific to a
 * course (what a reply teaches, what unlocks a lesson, its words) comes from
 * `ctx.rules`.
 */
export function pace(
  state: Subscriber,
  event: PacingEvent,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  switch (event.type) {
    case 'confirmed':
      return onConfirmed(state, now, ctx);
    case 'unsubscribed':
      return state.status === 'unsubscribed'
        ? { state, emails: [] }
        : { state: onUnsubscribed(state, now), emails: [] };
    case 'due':
      return onDue(state, now, ctx);
    case 'reply':
      return onReply(state, event.step, event.facts, now, ctx);
    case 'auto-reply':
      return { state: onAutoReply(state, event.returnDate, now, ctx), emails: [] };
    case 'mail-event':
      return { state: onMailEvent(state, event.kind), emails: [] };
    case 'preferences':
      return { state: onPreferences(state, event, now, ctx), emails: [] };
    case 'pause':
      return { state: pause(state, event.until, now, ctx), emails: [] };
    case 'resume':
      return { state: resume(state, now, ctx), emails: [] };
  }
}
