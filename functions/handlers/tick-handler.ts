import type { CoachDeps } from '../app/deps.ts';
import { runDue, type SentEmail, type TickOptions } from '../app/run-due.ts';

/** What a tick reports. */
export interface TickResult {
  sent: number;
  emails: SentEmail[];
  retried: number;
  unknown: number;
  unresolved: number;
  failed: number;
  deferred: number;
  more: boolean;
}

/** The part of the Lambda context the tick reads. */
interface TickContext {
  getRemainingTimeInMillis?: () => number;
}

/**
 * Builds the scheduled tick: the event carries nothing we need (EventBridge
 * sends its own envelope), so it is not read. The Lambda context's remaining
 * time is the tick's budget.
 */
export function createTickHandler(
  deps: CoachDeps,
  options: Partial<TickOptions> = {},
): (event?: unknown, context?: TickContext) => Promise<TickResult> {
  return async (_event, context) => {
    const remaining = context?.getRemainingTimeInMillis;
    const report = await runDue(deps, {
      ...options,
      ...(typeof remaining === 'function' ? { timeLeftMs: () => remaining.call(context) } : {}),
    });
    const { sent, ...counts } = report;
    const noted =
      counts.retried + counts.unknown + counts.unresolved + counts.failed + counts.deferred;
    if (sent.length > 0 || noted > 0) {
      deps.log.info('tick done', { sent: sent.length, ...counts });
    }
    return { sent: sent.length, emails: sent, ...counts };
  };
}
