/**
 * What the operator does from the console (`coach import`, `coach suppress`)
 * that no subscriber's action does: use cases like the others, through
 * changeSubscriber, on the same stores.
 */
import { operatorSuppression } from '../core/course-events.ts';
import { pace } from '../core/pacing/index.ts';
import { decideSignup, startCourse } from '../core/signup.ts';
import type { SignupInput } from '../core/subscriber.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { type CoachDeps, pacingContext } from './deps.ts';
import { type SentEmail, sendNow } from './run-due.ts';
import { subscribe } from './subscribe.ts';

/** One person from an operator's list (`coach import`), already validated. */
export interface ImportedPerson {
  input: SignupInput;
  /**
   * Evidence that this person agreed to the course elsewhere: when, and where
   * (a form, an event sign-up sheet). Without it they get the double opt-in.
   */
  consent: { at: string; origin: string } | null;
}

/**
 * What importing one person did: `started` (consent on file: the course
 * began), `invited` (a confirmation email went out, as the signup form
 * sends), or `known` (the address is already ours, in whatever state: an
 * import never changes a known subscriber, so a rerun imports nothing twice
 * and someone who left is never signed up again by a list).
 */
export type ImportOutcome = 'started' | 'invited' | 'known';

/**
 * Imports one person into `courseId`. With consent evidence the course starts
 * at once, its consent record saying when and where the consent was given
 * (`source: 'import'`, `origin`); lesson 1 goes out now when it is daytime
 * where they live, or with the tick in their morning. Without it, the normal
 * signup use case sends the confirmation email.
 */
export async function importSubscriber(
  deps: CoachDeps,
  person: ImportedPerson,
  courseId: string = deps.defaultCourse,
): Promise<{ outcome: ImportOutcome; subscriberId: string | null; sent: SentEmail[] }> {
  const { input, consent } = person;
  const known = await deps.subscribers.findIdByEmail(input.email);
  if (known) return { outcome: 'known', subscriberId: known, sent: [] };
  if (!consent) {
    await subscribe({ ...deps, defaultCourse: courseId }, { ...input }, 'import');
    return {
      outcome: 'invited',
      subscriberId: await deps.subscribers.findIdByEmail(input.email),
      sent: [],
    };
  }
  const fresh = { id: deps.ids.subscriberId(), nonce: deps.ids.nonce() };
  // A lookup can outlive a profile write that failed; then its id is reused.
  const id = await deps.subscribers.claimEmail(input.email, fresh.id);
  const ctx = pacingContext(deps, courseId);
  const result = await changeSubscriber(deps, id, (current, now) => {
    // Someone signed up meanwhile: theirs is the record that counts.
    if (current) return null;
    const { state } = decideSignup(null, input, 'import', now, { ...fresh, id }, courseId);
    const started = startCourse(
      { ...state, confirmSends: [] },
      { at: consent.at, source: 'import', name: input.name, timezone: input.timezone },
      now,
      ctx,
    );
    return {
      state: { ...started.state, consent: { ...started.state.consent, origin: consent.origin } },
      emails: started.emails,
    };
  });
  if (!result.changed || !result.subscriber) {
    return { outcome: 'known', subscriberId: id, sent: [] };
  }
  return {
    outcome: 'started',
    subscriberId: id,
    sent: await sendNow(deps, result.subscriber, result.emails),
  };
}

/**
 * What the operator's `coach suppress` did: `suppressed`, `already` (mail to
 * the address had stopped for good before), or `unknown` (no subscriber has it).
 */
export type SuppressOutcome = 'suppressed' | 'already' | 'unknown';

/**
 * Stops all mail to an address for good, as a permanent bounce or a complaint
 * does (the same pacing step: nothing scheduled stays, nothing is sent again,
 * a new signup changes nothing), with the operator as the reason.
 */
export async function suppressAddress(
  deps: Pick<CoachDeps, 'subscribers' | 'clock' | 'events' | 'log' | 'courses'>,
  email: string,
): Promise<{ outcome: SuppressOutcome; subscriberId: string | null }> {
  const id = await deps.subscribers.findIdByEmail(email);
  if (!id) return { outcome: 'unknown', subscriberId: null };
  const { changed, subscriber } = await changeSubscriber(deps, id, (current, now) => {
    if (!current || current.status === 'suppressed') return null;
    const { state } = pace(
      current,
      { type: 'mail-event', kind: 'complaint' },
      now,
      pacingContext(deps, current.courseId),
    );
    return { state: { ...state, suppressedReason: operatorSuppression } };
  });
  if (!subscriber) return { outcome: 'unknown', subscriberId: null };
  return { outcome: changed ? 'suppressed' : 'already', subscriberId: id };
}
