import { type ReplyDeps, receiveReply } from '../app/receive-reply.ts';
import { parseReceiptEvent } from '../core/inbound.ts';
import { ZodError } from '../core/zod.ts';

/** What one invocation did, per message. */
export interface InboundResult {
  results: { messageId: string; outcome: string; reason: string }[];
}

/**
 * Builds the inbound entry point for SES receipt events (the Lambda action
 * after the S3 action). A malformed event is logged and dropped; an
 * infrastructure failure throws so the async invocation is retried.
 */
export function createInboundHandler(deps: ReplyDeps): (event: unknown) => Promise<InboundResult> {
  return async (event) => {
    let notices: ReturnType<typeof parseReceiptEvent>;
    try {
      notices = parseReceiptEvent(event);
    } catch (error) {
      deps.log.warn('malformed SES receipt event dropped', {
        reason:
          error instanceof ZodError
            ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
            : String(error),
      });
      return { results: [] };
    }
    const results: InboundResult['results'] = [];
    for (const notice of notices) {
      const { outcome, reason } = await receiveReply(deps, notice);
      results.push({ messageId: notice.messageId, outcome, reason });
    }
    return { results };
  };
}
