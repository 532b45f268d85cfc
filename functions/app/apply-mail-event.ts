import { pace } from '../core/pacing/index.ts';
import type { MailEvent } from '../core/ses-events.ts';
import type { SendEventLog } from '../ports/mail.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { type CoachDeps, pacingContext } from './deps.ts';

/**
 * What applying SES events needs: no mailer and no signing keys, so the
 * ses-events function holds neither a mail client nor the key secret.
 */
export type MailEventDeps = Pick<
  CoachDeps,
  'subscribers' | 'once' | 'events' | 'clock' | 'log' | 'courses'
> & {
  /** Where Send events are kept, for settling sends whose outcome is unknown. */
  sendEvents: SendEventLog;
};

/** What happened for one recipient of one event. */
export type MailEventOutcome =
  /** The subscriber's state changed and was saved. */
  | 'applied'
  /** The event changes nothing for this subscriber (say, a delivery, or already suppressed). */
  | 'unchanged'
  /** This event was handled for this recipient before (SES and its carriers deliver at least once). */
  | 'duplicate'
  /** No subscriber has this address (unsubscribed and deleted, or never ours). */
  | 'unknown-recipient'
  /** A Send event, kept as SES's record of the send its tag names. */
  | 'recorded';

/** The outcome for one recipient, as logged. */
export interface MailEventResult {
  eventId: string;
  kind: MailEvent['kind'];
  outcome: MailEventOutcome;
  subscriberId: string | null;
}

/** How long a handled event is remembered; SES redelivers within hours, not weeks. */
export const mailEventMemoryMs = 30 * 24 * 3_600_000;

/**
 * Applies one SES event to every subscriber it names, through the pure pacing
 * (`{ type: 'mail-event', kind }`): permanent bounces and complaints suppress
 * for good, transient bounces count towards a pause, deliveries reset that count.
 *
 * Each event and recipient is claimed once (`claimOnce('ses-event', id:recipient)`)
 * before anything changes, since SES and its carriers deliver at least once and
 * a transient bounce counted twice would pause a subscriber early. When applying
 * fails, the claim is released and the error propagates, so the asynchronous
 * invocation is retried (and, failing that, dead-lettered) instead of the retry
 * being taken for a duplicate.
 */
export async function applyMailEvent(
  deps: MailEventDeps,
  event: MailEvent,
): Promise<MailEventResult[]> {
  if (event.kind === 'send') return [await recordSend(deps, event)];
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

/**
 * Keeps a Send event as the record of the send its `send` tag names. Writing it
 * again is harmless, so a redelivered event needs no dedupe claim. Send
 * events change nothing for the subscriber.
 */
async function recordSend(deps: MailEventDeps, event: MailEvent): Promise<MailEventResult> {
  const recorded =
    event.sendRef !== null &&
    (await deps.sendEvents.record(event.sendRef, event.messageId, event.at));
  const result: MailEventResult = {
    eventId: event.id,
    kind: event.kind,
    outcome: recorded ? 'recorded' : 'unchanged',
    subscriberId: null,
  };
  deps.log.info(`ses event ${result.outcome}`, {
    eventId: event.id,
    kind: event.kind,
    messageId: event.messageId,
    at: event.at,
  });
  return result;
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
  const claimId = `${event.id}:${recipient}`;
  const expiresAt = new Date(deps.clock.now().getTime() + mailEventMemoryMs);
  if (!(await deps.once.claim('ses-event', claimId, expiresAt))) {
    return done('duplicate', null);
  }
  try {
    const subscriberId = await deps.subscribers.findIdByEmail(recipient);
    if (!subscriberId) return done('unknown-recipient', null);
    const { kind } = event;
    if (kind === 'other' || kind === 'send') return done('unchanged', subscriberId);
    const changed = await saveWithRetry(deps, event, kind, subscriberId);
    return done(changed ? 'applied' : 'unchanged', subscriberId);
  } catch (error) {
    // Not handled after all: let the retry of this invocation handle it again.
    await deps.once.release('ses-event', claimId).catch(() => {});
    throw error;
  }
}

/**
 * Applies the event to the stored subscriber; true when a changed state was
 * saved. Throws ConflictError when other writers kept winning, so the
 * invocation is retried.
 */
async function saveWithRetry(
  deps: MailEventDeps,
  event: MailEvent,
  kind: Exclude<MailEvent['kind'], 'send'>,
  subscriberId: string,
): Promise<boolean> {
  const { changed } = await changeSubscriber(deps, subscriberId, (subscriber, now) => {
    if (!subscriber) return null;
    const { state, emails } = pace(
      subscriber,
      { type: 'mail-event', kind },
      now,
      pacingContext(deps, subscriber.courseId),
    );
    if (emails.length > 0) {
      // Mail about a mail problem would go to the same troubled address: never sent from here.
      deps.log.warn('ses event: pacing planned emails; not sent', {
        eventId: event.id,
        subscriberId,
        emails: emails.map((e) => e.emailId),
      });
    }
    return JSON.stringify(state) === JSON.stringify(subscriber) ? null : { state };
  });
  return changed;
}
