/**
 * One received message, as the use case sees it. The SES receipt event it
 * comes from is read at the edge (handlers/events/ses-receipt-event.ts).
 */
export interface InboundNotice {
  messageId: string;
  receivedAt: string;
  recipients: string[];
  spam: string;
  virus: string;
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
