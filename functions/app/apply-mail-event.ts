import { pace } from '../core/pacing.ts';
import type { MailEvent } from '../core/ses-events.ts';
import type { CoachDeps } from './deps.ts';

/**
 * What applying SES events needs: no mailer and no signing keys, so the
 * ses-events function holds neither a mail client nor the key secret.
 */
export type MailEventDeps = Pick<CoachDeps, 'store' | 'clock' | 'log' | 'courses'>;

/** What happened for one recipient of one event. */
export type MailEventOutcome =
  /** The subscriber's state changed and was saved. */
  | 'applied'
  /** The event changes nothing for this subscriber (say, a delivery, or already suppressed). */
  | 'unchanged'
  /** This event was handled for this recipient before (SES and its carriers deliver at least once). */
  | 'duplicate'
  /** No subscriber has this address (unsubscribed and deleted, or never ours). */
  | 'unknown-recipient';

/** The outcome for one recipient, as logged. */
export interface MailEventResult {
  eventId: string;
  kind: MailEvent['kind'];
  outcome: MailEventOutcome;
  subscriberId: string | null;
}

/** How long a handled event is remembered; SES redelivers within hours, not weeks. */
export const mailEventMemoryMs = 30 * 24 * 3_600_000;

/** Attempts at an optimistic save before giving up (and letting the invocation retry). */
const maxSaveAttempts = 5;

/** A concurrent writer kept winning; the event is retried by the caller. */
export class MailEventConflictError extends Error {
  override name = 'MailEventConflictError';
}

/**
 * Applies one SES event to every subscriber it names, through the pure pacing
 * (`{ type: 'mail-event', kind }`): permanent bounces and complaints suppress
 * for good, transient bounces count towards a pause, deliveries reset that count.
 *
 * Redeliveries are recognised with `claimOnce('ses-event', id:recipient)`. Where
 * the claim goes is chosen per kind, because a claim and a save cannot be one
 * atomic write:
 * - a transient bounce is claimed first: counting it twice would pause a
 *   subscriber early, while losing it in a crash only delays a pause;
 * - every other kind is idempotent in the pacing (suppressed stays suppressed,
 *   a delivery resets the count to zero), so it is applied first and claimed
 *   after: a crash in between makes the retry redo harmless work instead of
 *   skipping an event that never took effect.
 *
 * Infrastructure errors propagate, so an asynchronous invocation is retried
 * and, failing that, lands in the dead-letter queue.
 */
export async function applyMailEvent(
  deps: MailEventDeps,
  event: MailEvent,
): Promise<MailEventResult[]> {
  const results: MailEventResult[] = [];
  for (const recipient of event.recipients) {
    const result = await applyToRecipient(deps, event, recipient);
    deps.log.info(`ses event ${result.outcome}`, {
      eventId: event.id,
      kind: event.kind,
      sesType: event.sesType,
      messageId: event.messageId,
      at: event.at,
      subscriberId: result.subscriberId,
    });
    results.push(result);
  }
  if (event.recipients.length === 0) {
    deps.log.info('ses event ignored: no recipients', {
      eventId: event.id,
      kind: event.kind,
      sesType: event.sesType,
      messageId: event.messageId,
    });
  }
  return results;
}

async function applyToRecipient(
  deps: MailEventDeps,
  event: MailEvent,
  recipient: string,
): Promise<MailEventResult> {
  const done = (outcome: MailEventOutcome, subscriberId: string | null): MailEventResult => ({
    eventId: event.id,
    kind: event.kind,
    outcome,
    subscriberId,
  });
  const claim = () =>
    deps.store.claimOnce(
      'ses-event',
      `${event.id}:${recipient}`,
      new Date(deps.clock.now().getTime() + mailEventMemoryMs),
    );

  const claimFirst = event.kind === 'transient-bounce';
  if (claimFirst && !(await claim())) return done('duplicate', null);

  const subscriberId = await deps.store.findIdByEmail(recipient);
  let changed = false;
  if (subscriberId && event.kind !== 'other') {
    changed = await saveWithRetry(deps, event, subscriberId);
  }

  if (!claimFirst && !(await claim())) {
    // A redelivery: the pacing found nothing left to change above.
    return done('duplicate', subscriberId);
  }
  if (!subscriberId) return done('unknown-recipient', null);
  return done(changed ? 'applied' : 'unchanged', subscriberId);
}

/** Applies the event to the stored subscriber; true when a changed state was saved. */
async function saveWithRetry(
  deps: MailEventDeps,
  event: MailEvent,
  subscriberId: string,
): Promise<boolean> {
  for (let attempt = 0; attempt < maxSaveAttempts; attempt++) {
    const subscriber = await deps.store.get(subscriberId);
    if (!subscriber) return false;
    const course = deps.courses[subscriber.courseId];
    // A course missing from the deployment is a deployment error, not bad input.
    if (!course) throw new Error(`course ${subscriber.courseId} is not deployed`);
    const { state, emails } = pace(
      subscriber,
      { type: 'mail-event', kind: event.kind },
      deps.clock.now(),
      { course },
    );
    if (emails.length > 0) {
      // Mail about a mail problem would go to the same troubled address: never sent from here.
      deps.log.warn('ses event: pacing planned emails; not sent', {
        eventId: event.id,
        subscriberId,
        emails: emails.map((e) => e.emailId),
      });
    }
    if (state === subscriber || JSON.stringify(state) === JSON.stringify(subscriber)) {
      return false;
    }
    if (await deps.store.save(state)) return true;
  }
  throw new MailEventConflictError(
    `subscriber ${subscriberId} kept changing; ses event ${event.id} not applied`,
  );
}
