import {
  applyMailEvent,
  type MailEventDeps,
  type MailEventResult,
} from '../app/apply-mail-event.ts';
import { type EventEdgeResult, handleAtEdge } from './events/event-edge.ts';
import { parseSesEvents } from './events/ses-sending-event.ts';

/** What one invocation did: the results of each event it carried, or why it was dropped. */
export type SesEventsResult = EventEdgeResult<MailEventResult>;

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
  return (event) =>
    handleAtEdge(
      {
        source: 'SES sending',
        parse: parseSesEvents,
        handle: async (mailEvents) => {
          const results: MailEventResult[] = [];
          // One at a time: two events may name the same subscriber.
          for (const mailEvent of mailEvents)
            results.push(...(await applyMailEvent(deps, mailEvent)));
          return results;
        },
      },
      deps.log,
      event,
    );
}
