import type { InboundNotice } from '../../core/inbound.ts';
import * as z from '../../core/zod.ts';
import { isoTimestamp, parseOrInvalid } from './event-fields.ts';

const verdict = z.optional(z.object({ status: z.string() }));

/** The SES receipt event the Lambda action delivers (the raw message is in S3, not here). */
export const sesReceiptEventSchema = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:ses'),
        ses: z.object({
          mail: z.object({
            messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, 'a safe message id')),
            timestamp: isoTimestamp,
            source: z._default(z.string(), ''),
            destination: z._default(z.array(z.string()), []),
          }),
          receipt: z.object({
            recipients: z.array(z.string()).check(z.minLength(1)),
            spamVerdict: verdict,
            virusVerdict: verdict,
            spfVerdict: verdict,
            dkimVerdict: verdict,
          }),
        }),
      }),
    )
    .check(z.minLength(1), z.maxLength(10)),
});

/**
 * Turns an SES receipt event into notices for the use case. Pure: no I/O.
 * Throws InvalidEventError, naming the first problem, for anything else.
 */
export function parseReceiptEvent(event: unknown): InboundNotice[] {
  return parseOrInvalid(sesReceiptEventSchema, event).Records.map(({ ses }) => ({
    messageId: ses.mail.messageId,
    receivedAt: new Date(ses.mail.timestamp).toISOString(),
    recipients: ses.receipt.recipients,
    spam: ses.receipt.spamVerdict?.status ?? 'PASS',
    virus: ses.receipt.virusVerdict?.status ?? 'PASS',
  }));
}
