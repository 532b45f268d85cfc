import type { CoachDeps } from '../app/deps.ts';
import { runDue, type SentEmail, type TickOptions } from '../app/run-due.ts';

/** What a tick reports. */
export interface TickResult {
  sent: number;
  emails: SentEmail[];
}

/**
 * Builds the scheduled tick: the event carries nothing we need (EventBridge
 * sends its own envelope), so it is logged, not trusted.
 */
export function createTickHandler(
  deps: CoachDeps,
  options?: TickOptions,
): (event?: unknown) => Promise<TickResult> {
  return async () => {
    const emails = await runDue(deps, options);
    if (emails.length > 0) deps.log.info('tick sent', { sent: emails.length });
    return { sent: emails.length, emails };
  };
}
