import { changeEvents } from '../core/course-events.ts';
import { ConflictError } from '../core/errors.ts';
import type { PlannedEmail } from '../core/pacing/index.ts';
import type { Subscriber } from '../core/subscriber.ts';
import { type CoachDeps, recordEvents } from './deps.ts';

/**
 * What a change decides for the subscriber it is shown (null when none is
 * stored yet): the state to save and the emails to send now. Null, or the very
 * state it was shown, changes nothing. It may throw to refuse (a dead link).
 */
export type Decide = (
  current: Subscriber | null,
  now: Date,
) => { state: Subscriber; emails?: readonly PlannedEmail[] } | null;

/** What a change did. */
export interface ChangeResult {
  /** True when a new state was saved. */
  changed: boolean;
  /** The subscriber as stored now: the saved state (its version bumped), or the unchanged one. */
  subscriber: Subscriber | null;
  /** The emails the change planned for now (none when nothing changed). */
  emails: PlannedEmail[];
}

/** Tries at a change before another writer is taken to keep winning. */
export const changeAttempts = 5;

/**
 * The one unit of work that changes a subscriber: read, decide (the pure
 * pacing, a signup, a preference...), save if the version read is still the
 * stored one, and on losing that race read and decide again. Every use case
 * that changes a subscriber goes through here, so each has the same retry
 * policy and, when the tries run out, the same ConflictError.
 */
export async function changeSubscriber(
  deps: Pick<CoachDeps, 'subscribers' | 'clock' | 'events' | 'log'>,
  id: string,
  decide: Decide,
): Promise<ChangeResult> {
  for (let attempt = 0; attempt < changeAttempts; attempt++) {
    const current = await deps.subscribers.get(id);
    const decision = decide(current, deps.clock.now());
    if (!decision || decision.state === current) {
      return { changed: false, subscriber: current, emails: [] };
    }
    if (await deps.subscribers.save(decision.state)) {
      const saved = { ...decision.state, version: decision.state.version + 1 };
      await recordEvents(deps, changeEvents(current, saved, deps.clock.now()));
      return { changed: true, subscriber: saved, emails: [...(decision.emails ?? [])] };
    }
  }
  throw new ConflictError('this subscription kept changing while we saved it; please try again');
}
