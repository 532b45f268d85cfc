import { z } from 'zod';
import type { SentMailRecord } from '../functions/ports/mail.ts';

const storeSchema = z.object({
  emails: z.array(
    z.object({
      messageId: z.string(),
      at: z.number(),
      headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    }),
  ),
});

/**
 * SES's record of sends on the local stack: the aws-ses-v2-local emulator's own
 * store of every email it accepted, read through its `GET /store` endpoint and
 * matched by the `X-Coach-Send` header. Reads only what arrived since its last
 * look (the store's `since`, in whole seconds), so a long-running stack does
 * not fetch its whole inbox for every question.
 */
export class EmulatorSentMailRecord implements SentMailRecord {
  private readonly sent = new Map<string, string>();
  private seenUpTo = 0;

  constructor(private readonly endpoint: string) {}

  async find(ref: string): Promise<string | null> {
    const known = this.sent.get(ref);
    if (known) return known;
    // The second an earlier look ended in may have gained emails since: look at it again.
    const response = await fetch(`${this.endpoint}/store?since=${this.seenUpTo}`);
    if (!response.ok) throw new Error(`SES emulator store answered ${response.status}`);
    const { emails } = storeSchema.parse(await response.json());
    for (const email of emails) {
      const header = email.headers?.find((h) => h.name.toLowerCase() === 'x-coach-send');
      if (header) this.sent.set(header.value, email.messageId);
      this.seenUpTo = Math.max(this.seenUpTo, email.at);
    }
    return this.sent.get(ref) ?? null;
  }
}
