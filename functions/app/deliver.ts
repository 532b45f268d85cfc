import { composeEmail } from '../core/compose.ts';
import { eventBase } from '../core/course-events.ts';
import { MailRejectedError, MailRetryLaterError, SendCancelledError } from '../core/errors.ts';
import type { PlannedEmail } from '../core/pacing/index.ts';
import type { SendRecord } from '../core/records.ts';
import { sendRef } from '../core/send-ref.ts';
import type { Subscriber, SubscriberStatus } from '../core/subscriber.ts';
import { type CoachDeps, courseOf, recordEvents } from './deps.ts';

/** What delivering needs: the ledger, the mail service, and SES's record of sends. */
export type DeliverDeps = Pick<
  CoachDeps,
  | 'ledger'
  | 'subscribers'
  | 'mailer'
  | 'sentMail'
  | 'events'
  | 'clock'
  | 'log'
  | 'courses'
  | 'settings'
>;

/** Counts one email's fate: sent (however it was settled), or its outcome unknown. */
function countSend(
  deps: DeliverDeps,
  subscriber: Subscriber,
  planned: Pick<PlannedEmail, 'emailId' | 'step'>,
  sent: boolean,
): Promise<void> {
  const base = eventBase(subscriber, deps.clock.now());
  return recordEvents(deps, [
    sent
      ? { ...base, type: 'email-sent', emailId: planned.emailId, step: planned.step }
      : { ...base, type: 'send-unknown', emailId: planned.emailId },
  ]);
}

/**
 * What became of one planned send. `sent`, `already-sent`, `unrenderable` and
 * `rejected` mean the course may move on; the others leave the state as it
 * was for a later try. `unknown` (no answer from the mail service) and
 * `unresolved` (an earlier unknown SES's record cannot settle yet) keep the
 * subscriber due until the record settles it.
 */
export type DeliveryOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'already-sent' }
  | { kind: 'unknown' }
  | { kind: 'unresolved' }
  | { kind: 'unrenderable'; reason: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'in-progress' }
  | { kind: 'cancelled' }
  | { kind: 'retry'; reason: string };

/** A claim older than this with no outcome is taken to be a crash mid-send. */
export const staleClaimMs = 10 * 60_000;

/**
 * How long after a claim SES's record must show its Send before the coach
 * concludes the email never went out and sends it again. SES publishes a Send
 * event within seconds; the margin covers a slow event pipeline.
 */
export const sendRecordGraceMs = 15 * 60_000;

/**
 * Settles a send whose outcome is unknown (a claim left by a crash, or no
 * answer from the mail service) from SES's own record: a Send under its ref
 * means it went out, and it is recorded as sent; none a grace period after the
 * claim means it never did, and it is claimed again to be sent once more.
 */
async function settleUnknown(
  deps: DeliverDeps,
  subscriber: Subscriber,
  planned: PlannedEmail,
  existing: SendRecord,
  now: Date,
): Promise<DeliveryOutcome | 'resend'> {
  const { ledger, log } = deps;
  const ref = { subscriberId: existing.subscriberId, sendKey: existing.sendKey };
  const from = { status: existing.status, claimedAt: existing.claimedAt };
  const messageId = await deps.sentMail.find(sendRef(existing.subscriberId, existing.sendKey));
  if (messageId) {
    const settled = await ledger.finish(
      existing.subscriberId,
      existing.sendKey,
      { status: 'sent', messageId, reason: 'settled from the SES record of sends' },
      from,
    );
    // Another worker changed the claim meanwhile (settled it, or took it over
    // to send again): its outcome is theirs to record, so the course waits.
    if (!settled) return { kind: 'in-progress' };
    log.info('unknown send settled: it went out', ref);
    await countSend(deps, subscriber, planned, true);
    return { kind: 'already-sent' };
  }
  if (now.getTime() - Date.parse(existing.claimedAt) < sendRecordGraceMs) {
    return { kind: 'unresolved' };
  }
  if (!(await ledger.reclaim(existing.subscriberId, existing.sendKey, from, now.toISOString()))) {
    return { kind: 'in-progress' };
  }
  log.warn('unknown send settled: it never went out; sending it again', ref);
  return 'resend';
}

/**
 * Sends one email at most once: claim the send in the ledger, re-check the
 * subscriber just before the mail service gets the email, send, record the id.
 * A send whose outcome is unknown (a crash between claim and record, or no
 * answer) is settled later from SES's own record of sends, never guessed.
 */
export async function deliver(
  deps: DeliverDeps,
  subscriber: Subscriber,
  planned: PlannedEmail,
  expectStatus: SubscriberStatus,
): Promise<DeliveryOutcome> {
  const { ledger, log } = deps;
  const now = deps.clock.now();
  const claimedAt = now.toISOString();
  const existing = await ledger.claim({
    subscriberId: subscriber.id,
    sendKey: planned.sendKey,
    emailId: planned.emailId,
    status: 'claimed',
    claimedAt,
  });
  if (existing) {
    switch (existing.status) {
      case 'sent':
        return { kind: 'already-sent' };
      case 'claimed':
      case 'unknown': {
        const age = now.getTime() - Date.parse(existing.claimedAt);
        if (existing.status === 'claimed' && age < staleClaimMs) return { kind: 'in-progress' };
        const settled = await settleUnknown(deps, subscriber, planned, existing, now);
        if (settled !== 'resend') return settled;
        break;
      }
      default:
        if (!(await ledger.reclaim(subscriber.id, planned.sendKey, existing, claimedAt))) {
          return { kind: 'in-progress' };
        }
    }
  }
  // For an email that can never go out: record why, and let the course go on.
  const skip = async <K extends 'unrenderable' | 'rejected'>(
    kind: K,
    reason: string,
    message: string,
  ) => {
    await ledger.finish(subscriber.id, planned.sendKey, { status: 'failed', reason });
    log.error(message, { subscriberId: subscriber.id, emailId: planned.emailId, reason });
    return { kind, reason };
  };
  let email: ReturnType<typeof composeEmail>;
  try {
    email = composeEmail(
      subscriber,
      planned,
      courseOf(deps, subscriber.courseId),
      deps.settings,
      now,
    );
  } catch (error) {
    // Rendering is deterministic: retrying cannot help.
    const reason = error instanceof Error ? error.message : String(error);
    return skip('unrenderable', reason, 'email could not be rendered; skipped');
  }
  // The re-check runs inside the mailer, after any wait for the send rate, so a
  // subscriber who leaves (or is moved on by another worker) while this send
  // waits for its turn is not sent to. The same version means the same state.
  let recheckFailure: { error: unknown } | undefined;
  const confirm = async () => {
    try {
      const fresh = await deps.subscribers.get(subscriber.id);
      return fresh?.version === subscriber.version && fresh.status === expectStatus;
    } catch (error) {
      recheckFailure = { error };
      return false;
    }
  };
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(email, { confirm }));
  } catch (error) {
    if (error instanceof SendCancelledError) {
      if (recheckFailure) {
        // Nothing went out: release the claim so a later tick sends it, rather
        // than leaving a claim that would go stale and be taken for a crash mid-send.
        await ledger
          .finish(subscriber.id, planned.sendKey, {
            status: 'failed',
            reason: 'could not re-check the subscriber before sending',
          })
          .catch(() => {});
        throw recheckFailure.error;
      }
      await ledger.finish(subscriber.id, planned.sendKey, {
        status: 'cancelled',
        reason: 'subscriber changed before sending',
      });
      return { kind: 'cancelled' };
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof MailRejectedError) {
      return skip('rejected', reason, 'email rejected by the mail service; skipped');
    }
    // The mail adapter classifies its own failures: this one certainly did not send.
    if (error instanceof MailRetryLaterError) {
      await ledger.finish(subscriber.id, planned.sendKey, { status: 'failed', reason });
      log.warn('send failed; will retry', {
        subscriberId: subscriber.id,
        sendKey: planned.sendKey,
        reason,
      });
      return { kind: 'retry', reason };
    }
    // No answer (MailOutcomeUnknownError, or a failure nobody classified): it may
    // have sent. Never guess; SES's record settles it.
    await ledger.finish(subscriber.id, planned.sendKey, { status: 'unknown', reason });
    log.error('send outcome unknown; SES record will settle it', {
      subscriberId: subscriber.id,
      sendKey: planned.sendKey,
      reason,
    });
    await countSend(deps, subscriber, planned, false);
    return { kind: 'unknown' };
  }
  // Sent. Should recording it fail, the claim stays: a later tick finds it
  // stale and settles it from SES's record, which holds this send.
  await ledger.finish(subscriber.id, planned.sendKey, {
    status: 'sent',
    sentAt: deps.clock.now().toISOString(),
    messageId,
  });
  await countSend(deps, subscriber, planned, true);
  return { kind: 'sent', messageId };
}
