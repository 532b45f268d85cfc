import { composeEmail } from '../core/compose.ts';
import type { PlannedEmail } from '../core/pacing.ts';
import { sendRef } from '../core/send-ref.ts';
import type { Subscriber, SubscriberStatus } from '../core/subscriber.ts';
import {
  MailRejectedError,
  MailThrottledError,
  SendCancelledError,
  type SendRecord,
} from '../ports/ports.ts';
import { type CoachDeps, courseOf } from './deps.ts';

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

/** True when the mail service answered, so the send certainly did not happen. */
function answered(error: unknown): boolean {
  return (
    typeof (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ===
    'number'
  );
}

/**
 * Settles a send whose outcome is unknown (a claim left by a crash, or no
 * answer from the mail service) from SES's own record: a Send under its ref
 * means it went out, and it is recorded as sent; none a grace period after the
 * claim means it never did, and it is claimed again to be sent once more.
 */
async function settleUnknown(
  deps: CoachDeps,
  existing: SendRecord,
  now: Date,
): Promise<DeliveryOutcome | 'resend'> {
  const { store, log } = deps;
  const ref = { subscriberId: existing.subscriberId, sendKey: existing.sendKey };
  const from = { status: existing.status, claimedAt: existing.claimedAt };
  const messageId = await deps.sentMail.find(sendRef(existing.subscriberId, existing.sendKey));
  if (messageId) {
    const settled = await store.finishSend(
      existing.subscriberId,
      existing.sendKey,
      { status: 'sent', messageId, reason: 'settled from the SES record of sends' },
      from,
    );
    // Another worker changed the claim meanwhile (settled it, or took it over
    // to send again): its outcome is theirs to record, so the course waits.
    if (!settled) return { kind: 'in-progress' };
    log.info('unknown send settled: it went out', ref);
    return { kind: 'already-sent' };
  }
  if (now.getTime() - Date.parse(existing.claimedAt) < sendRecordGraceMs) {
    return { kind: 'unresolved' };
  }
  if (
    !(await store.reclaimSend(existing.subscriberId, existing.sendKey, from, now.toISOString()))
  ) {
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
  deps: CoachDeps,
  subscriber: Subscriber,
  planned: PlannedEmail,
  expectStatus: SubscriberStatus,
): Promise<DeliveryOutcome> {
  const { store, log } = deps;
  const now = deps.clock.now();
  const claimedAt = now.toISOString();
  const existing = await store.claimSend({
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
        const settled = await settleUnknown(deps, existing, now);
        if (settled !== 'resend') return settled;
        break;
      }
      default:
        if (!(await store.reclaimSend(subscriber.id, planned.sendKey, existing, claimedAt))) {
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
    await store.finishSend(subscriber.id, planned.sendKey, { status: 'failed', reason });
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
      const fresh = await store.get(subscriber.id);
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
        await store
          .finishSend(subscriber.id, planned.sendKey, {
            status: 'failed',
            reason: 'could not re-check the subscriber before sending',
          })
          .catch(() => {});
        throw recheckFailure.error;
      }
      await store.finishSend(subscriber.id, planned.sendKey, {
        status: 'cancelled',
        reason: 'subscriber changed before sending',
      });
      return { kind: 'cancelled' };
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof MailRejectedError) {
      return skip('rejected', reason, 'email rejected by the mail service; skipped');
    }
    if (error instanceof MailThrottledError || answered(error)) {
      await store.finishSend(subscriber.id, planned.sendKey, { status: 'failed', reason });
      log.warn('send failed; will retry', {
        subscriberId: subscriber.id,
        sendKey: planned.sendKey,
        reason,
      });
      return { kind: 'retry', reason };
    }
    // No answer from the mail service: it may have sent. Never guess; SES's record settles it.
    await store.finishSend(subscriber.id, planned.sendKey, { status: 'unknown', reason });
    log.error('send outcome unknown; SES record will settle it', {
      subscriberId: subscriber.id,
      sendKey: planned.sendKey,
      reason,
    });
    return { kind: 'unknown' };
  }
  // Sent. Should recording it fail, the claim stays: a later tick finds it
  // stale and settles it from SES's record, which holds this send.
  await store.finishSend(subscriber.id, planned.sendKey, {
    status: 'sent',
    sentAt: deps.clock.now().toISOString(),
    messageId,
  });
  return { kind: 'sent', messageId };
}
