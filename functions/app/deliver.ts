import { composeEmail } from '../core/compose.ts';
import type { PlannedEmail } from '../core/pacing.ts';
import type { Subscriber, SubscriberStatus } from '../core/subscriber.ts';
import { MailRejectedError, MailThrottledError, SendCancelledError } from '../ports/ports.ts';
import { type CoachDeps, courseOf } from './deps.ts';

/**
 * What became of one planned send. `sent`, `already-sent`, `unknown`,
 * `unrenderable` and `rejected` mean the course may move on; the others leave the state as it
 * was for a later try. `unknown` is reported once, by the call that marked it.
 */
export type DeliveryOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'already-sent' }
  | { kind: 'already-unknown' }
  | { kind: 'unknown' }
  | { kind: 'unrenderable'; reason: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'in-progress' }
  | { kind: 'cancelled' }
  | { kind: 'retry'; reason: string };

/** A claim older than this with no outcome is taken to be a crash mid-send. */
export const staleClaimMs = 10 * 60_000;

/** True when the mail service answered, so the send certainly did not happen. */
function answered(error: unknown): boolean {
  return (
    typeof (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ===
    'number'
  );
}

/**
 * Sends one email at most once: claim the send in the ledger, re-check the
 * subscriber just before the mail service gets the email, send, record the id.
 * A claim left by a crash (or by a failure to record) is marked unknown and
 * surfaced, never resent.
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
    const ref = { subscriberId: subscriber.id, sendKey: planned.sendKey };
    switch (existing.status) {
      case 'sent':
        return { kind: 'already-sent' };
      case 'unknown':
        return { kind: 'already-unknown' };
      case 'claimed': {
        if (now.getTime() - Date.parse(existing.claimedAt) < staleClaimMs)
          return { kind: 'in-progress' };
        // Conditional, so of two workers finding the same stale claim one marks and counts it.
        const marked = await store.finishSend(
          subscriber.id,
          planned.sendKey,
          {
            status: 'unknown',
            reason: 'claim went stale: the worker stopped between claim and record',
          },
          { status: 'claimed', claimedAt: existing.claimedAt },
        );
        if (!marked) return { kind: 'in-progress' };
        log.warn('send outcome unknown; not resending', ref);
        return { kind: 'unknown' };
      }
      default:
        if (
          !(await store.reclaimSend(subscriber.id, planned.sendKey, existing.status, claimedAt))
        ) {
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
    // No answer from the mail service: it may have sent. Never risk a duplicate.
    await store.finishSend(subscriber.id, planned.sendKey, { status: 'unknown', reason });
    log.error('send outcome unknown; not resending', { subscriberId: subscriber.id, reason });
    return { kind: 'unknown' };
  }
  // Sent. Should recording it fail, the claim stays: a later tick finds it
  // stale and marks it unknown, and never resends it.
  await store.finishSend(subscriber.id, planned.sendKey, {
    status: 'sent',
    sentAt: deps.clock.now().toISOString(),
    messageId,
  });
  return { kind: 'sent', messageId };
}
