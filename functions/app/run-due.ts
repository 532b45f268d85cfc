import { pace } from '../core/pacing.ts';
import type { Subscriber } from '../core/subscriber.ts';
import { deliver } from './deliver.ts';
import { type CoachDeps, courseOf } from './deps.ts';

/** One email that went out during a tick. */
export interface SentEmail {
  to: string;
  emailId: string;
  at: string;
}

/** Tuning of one tick. */
export interface TickOptions {
  /** Most subscribers handled in one tick; the rest wait for the next. */
  batchSize: number;
  /** Subscribers handled at once. */
  concurrency: number;
}

export const defaultTickOptions: TickOptions = { batchSize: 500, concurrency: 8 };

/** Runs one subscriber's due work now: the tick's inner step, also used right after a reply. */
export async function handleDue(deps: CoachDeps, id: string, sent: SentEmail[]): Promise<void> {
  const now = deps.clock.now();
  const subscriber = await deps.store.get(id);
  if (!subscriber) return;
  const { state, emails } = pace(subscriber, { type: 'due' }, now, {
    course: courseOf(deps, subscriber.courseId),
  });
  if (state === subscriber) return;
  for (const planned of emails) {
    // The status the pacing decided on: paused and graduated subscribers get notes too.
    const outcome = await deliver(deps, subscriber, planned, subscriber.status);
    if (outcome.kind === 'sent') {
      sent.push({ to: subscriber.email, emailId: planned.emailId, at: now.toISOString() });
    } else if (
      outcome.kind === 'in-progress' ||
      outcome.kind === 'cancelled' ||
      outcome.kind === 'retry'
    ) {
      return; // leave the state as it was; a later tick tries again
    }
  }
  await save(deps, state);
}

async function save(deps: CoachDeps, state: Subscriber): Promise<void> {
  if (!(await deps.store.save(state))) {
    // Someone changed the subscriber meanwhile; the ledger keeps the next tick from resending.
    deps.log.info('subscriber changed during tick; will re-read next tick', {
      subscriberId: state.id,
    });
  }
}

/**
 * One scheduler tick: reads only subscribers with something due (the sparse
 * index), runs the pacing for each and sends what it decides, at most once.
 */
export async function runDue(
  deps: CoachDeps,
  options: TickOptions = defaultTickOptions,
): Promise<SentEmail[]> {
  const ids = await deps.store.listDue(deps.clock.now(), options.batchSize);
  const sent: SentEmail[] = [];
  let cursor = 0;
  const worker = async () => {
    while (cursor < ids.length) {
      const id = ids[cursor++] as string;
      try {
        await handleDue(deps, id, sent);
      } catch (error) {
        deps.log.error('tick failed for subscriber', {
          subscriberId: id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, ids.length) }, worker));
  return sent;
}
