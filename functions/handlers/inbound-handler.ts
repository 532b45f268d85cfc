import { type ReplyDeps, receiveReply } from '../app/receive-reply.ts';
import { type EventEdgeResult, handleAtEdge } from './events/event-edge.ts';
import { parseReceiptEvent } from './events/ses-receipt-event.ts';

/** What one received message came to. */
export interface InboundMessageResult {
  messageId: string;
  outcome: string;
  reason: string;
}

/** What one invocation did: a result per message, or why the event was dropped. */
export type InboundResult = EventEdgeResult<InboundMessageResult>;

/**
 * Builds the inbound entry point for SES receipt events (the Lambda action
 * after the S3 action). A malformed event is logged and dropped; an
 * infrastructure failure throws so the async invocation is retried.
 */
export function createInboundHandler(deps: ReplyDeps): (event: unknown) => Promise<InboundResult> {
  return (event) =>
    handleAtEdge(
      {
        source: 'SES receipt',
        parse: parseReceiptEvent,
        handle: async (notices) => {
          const results: InboundMessageResult[] = [];
          for (const notice of notices) {
            const { outcome, reason } = await receiveReply(deps, notice);
            results.push({ messageId: notice.messageId, outcome, reason });
          }
          return results;
        },
      },
      deps.log,
      event,
    );
}
