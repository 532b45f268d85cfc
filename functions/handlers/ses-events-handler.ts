import {
  applyMailEvent,
  type MailEventDeps,
  type MailEventResult,
} from '../app/apply-mail-event.ts';
import { InvalidMailEventError, parseSesEvents } from '../core/ses-events.ts';

/** What one invocation did; Lambda drops it for asynchronous invocations, tests read it. */
export type SesEventsResult =
  | { status: 'handled'; results: MailEventResult[] }
  | { status: 'invalid'; reason: string };

/**
 * Builds the handler for SES sending events (bounces, complaints, deliveries...),
 * delivered by EventBridge or SNS. A malformed event is logged and dropped:
 * retrying cannot fix it. Anything else that fails (the table, a conflict that
 * would not settle) throws, so the asynchronous invocation is retried and then
 * lands in the dead-letter queue instead of being lost.
 */
export function createSesEventsHandler(
  deps: MailEventDeps,
): (event: unknown) => Promise<SesEventsResult> {
  return async (event) => {
    let parsed: ReturnType<typeof parseSesEvents>;
    try {
      parsed = parseSesEvents(event);
    } catch (error) {
      if (!(error instanceof InvalidMailEventError)) throw error;
      deps.log.warn('ses event ignored: malformed', { reason: error.reason });
      return { status: 'invalid', reason: error.reason };
    }
    const results: MailEventResult[] = [];
    for (const mailEvent of parsed) results.push(...(await applyMailEvent(deps, mailEvent)));
    return { status: 'handled', results };
  };
}
