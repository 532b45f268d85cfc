import * as z from './zod.ts';

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
            timestamp: z.string(),
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

/** One received message, as the use case sees it. */
export interface InboundNotice {
  messageId: string;
  receivedAt: string;
  recipients: string[];
  spam: string;
  virus: string;
}

/** Turns a receipt event into notices; throws ZodError with the reason for a malformed event. */
export function parseReceiptEvent(event: unknown): InboundNotice[] {
  return sesReceiptEventSchema.parse(event).Records.map(({ ses }) => ({
    messageId: ses.mail.messageId,
    receivedAt: new Date(ses.mail.timestamp).toISOString(),
    recipients: ses.receipt.recipients,
    spam: ses.receipt.spamVerdict?.status ?? 'PASS',
    virus: ses.receipt.virusVerdict?.status ?? 'PASS',
  }));
}

/**
 * The token of the first `reply+<token>@<replyDomain>` recipient, or null. The
 * subscriber is found from this envelope recipient, never from headers.
 */
export function replyToken(recipients: readonly string[], replyDomain: string): string | null {
  const domain = replyDomain.toLowerCase();
  for (const recipient of recipients) {
    // Mail systems may change the case of a local part on the way (some upper-case
    // whole addresses). Tokens are signed lowercase and `verifyToken` accepts only
    // that exact form, so this mail edge folds the address back to lowercase.
    const address = recipient.trim().toLowerCase().replace(/^<|>$/g, '');
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1) !== domain) continue;
    const local = address.slice(0, at);
    if (local.startsWith('reply+') && local.length <= 64) return local.slice('reply+'.length);
  }
  return null;
}

/** The course step a reply token's data names (`s2` -> 2), or null. */
export function stepOfToken(data: string): number | null {
  const match = /^s([1-9])$/.exec(data);
  return match ? Number(match[1]) : null;
}
