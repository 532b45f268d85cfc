import { eventBase } from '../core/course-events.ts';
import { type PlannedEmail, pace } from '../core/pacing/index.ts';
import type { Subscriber } from '../core/subscriber.ts';
import type { DuePage } from '../ports/stores.ts';
import { deliver } from './deliver.ts';
import { type CoachDeps, pacingContext, recordEvents } from './deps.ts';
import { pacedMailer } from './paced-mailer.ts';

/** One email that went out. */
export interface SentEmail {
  to: string;
  emailId: string;
  at: string;
}

/** What handling one subscriber's due work did. */
export interface DueResult {
  sent: SentEmail[];
  /** Sends refused or throttled by the mail service: left due, tried again later. */
  retried: number;
  /**
   * Sends whose outcome became unknown this time (no answer from the mail
   * service): marked, and settled later from SES's record of sends.
   */
  unknown: number;
  /** Earlier unknown sends SES's record could not settle yet: left due, asked again later. */
  unresolved: number;
}

/** Tuning of one tick. */
export interface TickOptions {
  /** Due entries read per page of the index. */
  batchSize: number;
  /** Subscribers handled at once. */
  concurrency: number;
  /** Emails per second this tick may send, shared by its workers. */
  maxSendRate: number;
  /** Tries per email when the mail service throttles, before leaving it for a later tick. */
  maxSendAttempts: number;
  /**
   * Milliseconds this invocation has left (Lambda's `getRemainingTimeInMillis`);
   * without it the tick runs until nothing due is left.
   */
  timeLeftMs?: () => number;
  /** No new subscriber is started with less time than this left. */
  reserveMs: number;
}

/** The defaults: sized for a 256 MB function with a four-minute timeout. */
export const defaultTickOptions: TickOptions = {
  batchSize: 500,
  concurrency: 8,
  maxSendRate: 10,
  maxSendAttempts: 3,
  reserveMs: 20_000,
};

/** What one tick did. */
export interface TickReport extends DueResult {
  /** Subscribers whose due work failed (a store error, say); the next tick retries them. */
  failed: number;
  /** Due subscribers read but not started because the time budget ran out. */
  deferred: number;
  /** True when the tick stopped for time with more due than it read. */
  more: boolean;
}

/**
 * Runs one subscriber's due work now: the tick's inner step, also used right
 * after a reply. Adds what it did to `result` as it goes, so what was sent or
 * marked unknown is counted even when a later step throws.
 */
export async function handleDue(
  deps: CoachDeps,
  id: string,
  result: DueResult = { sent: [], retried: 0, unknown: 0, unresolved: 0 },
): Promise<DueResult> {
  const now = deps.clock.now();
  const subscriber = await deps.subscribers.get(id);
  if (!subscriber) return result;
  const { state, emails } = pace(
    subscriber,
    { type: 'due' },
    now,
    pacingContext(deps, subscriber.courseId),
  );
  if (state === subscriber) return result;
  for (const planned of emails) {
    // The status the pacing decided on: paused and graduated subscribers get notes too.
    const outcome = await deliver(deps, subscriber, planned, subscriber.status);
    if (outcome.kind === 'sent') {
      result.sent.push({ to: subscriber.email, emailId: planned.emailId, at: now.toISOString() });
    } else if (outcome.kind === 'unknown') {
      // The course waits until SES's record says whether it went out.
      result.unknown++;
      return result;
    } else if (outcome.kind === 'unresolved') {
      result.unresolved++;
      const base = eventBase(subscriber, now);
      await recordEvents(deps, [{ ...base, type: 'send-unresolved', emailId: planned.emailId }]);
      return result;
    } else if (outcome.kind === 'retry') {
      result.retried++;
      return result; // leave the state as it was; a later tick tries again
    } else if (outcome.kind === 'in-progress' || outcome.kind === 'cancelled') {
      return result;
    }
  }
  if (!(await deps.subscribers.save(state))) {
    // Someone changed the subscriber meanwhile; the ledger keeps the next tick from resending.
    deps.log.info('subscriber changed during tick; will re-read next tick', {
      subscriberId: state.id,
    });
  }
  return result;
}

/**
 * Sends what a change planned for now (a command's confirmation), then the
 * subscriber's due work (an acknowledgement, lesson 1 after a restart), at
 * once rather than at the next tick. Returns what went out.
 */
export async function sendNow(
  deps: CoachDeps,
  saved: Subscriber,
  emails: readonly PlannedEmail[],
): Promise<SentEmail[]> {
  const sent: SentEmail[] = [];
  const at = deps.clock.now().toISOString();
  for (const planned of emails) {
    const outcome = await deliver(deps, saved, planned, saved.status);
    if (outcome.kind === 'sent') sent.push({ to: saved.email, emailId: planned.emailId, at });
  }
  sent.push(...(await handleDue(deps, saved.id)).sent);
  return sent;
}

/**
 * One scheduler tick: reads only subscribers with something due (the sparse,
 * sharded index) page by page, runs the pacing for each and sends what it
 * decides, at most once, at the allowed rate. It starts no subscriber once the
 * time budget is spent; what it leaves stays due for the next tick.
 */
export async function runDue(
  deps: CoachDeps,
  options: Partial<TickOptions> = {},
): Promise<TickReport> {
  const tuning = { ...defaultTickOptions, ...options };
  const sending: CoachDeps = {
    ...deps,
    mailer: pacedMailer(deps.mailer, deps.timer, {
      ratePerSecond: tuning.maxSendRate,
      maxAttempts: tuning.maxSendAttempts,
    }),
  };
  const outOfTime = () => (tuning.timeLeftMs?.() ?? Infinity) < tuning.reserveMs;
  const report: TickReport = {
    sent: [],
    retried: 0,
    unknown: 0,
    unresolved: 0,
    failed: 0,
    deferred: 0,
    more: false,
  };
  const now = deps.clock.now();
  let after: string | null = null;
  do {
    if (outOfTime()) {
      report.more = true;
      break;
    }
    let page: DuePage;
    try {
      page = await deps.due.list(now, tuning.batchSize, after);
    } catch (error) {
      // Before any work the tick fails as a whole (and the function's error alarm
      // sees it); later, it keeps what it did and leaves the rest for the next tick.
      if (after === null) throw error;
      deps.log.error('tick could not read the next page of due work', {
        error: error instanceof Error ? error.message : String(error),
      });
      report.more = true;
      break;
    }
    let started = 0;
    const worker = async () => {
      while (started < page.ids.length && !outOfTime()) {
        const id = page.ids[started++] as string;
        try {
          await handleDue(sending, id, report);
        } catch (error) {
          report.failed++;
          deps.log.error('tick failed for subscriber', {
            subscriberId: id,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(tuning.concurrency, page.ids.length) }, worker),
    );
    report.deferred += page.ids.length - started;
    if (started < page.ids.length) report.more = true;
    after = page.next;
  } while (after !== null && !report.more);
  return report;
}
