import { describe, expect, it } from 'vitest';
import { lazyMailer } from '../../functions/adapters/lazy-mailer.ts';
import type { OutgoingEmail } from '../../functions/core/compose.ts';
import { MailRetryLaterError } from '../../functions/core/errors.ts';
import type { Mailer } from '../../functions/ports/mail.ts';

const email = { to: 'ada@example.com', subject: 'Hello' } as OutgoingEmail;

/** A mailer that records what it was given, as the SES adapter would send it. */
function recordingMailer(sent: OutgoingEmail[]): Required<Mailer> {
  return {
    send: async (e) => {
      sent.push(e);
      return { messageId: `m-${sent.length}` };
    },
    maxSendRate: async () => 14,
  };
}

describe('lazyMailer', () => {
  it('loads nothing until the first send, then loads once for every later call', async () => {
    // Prepare
    const sent: OutgoingEmail[] = [];
    let loads = 0;
    const mailer = lazyMailer(async () => {
      loads++;
      return recordingMailer(sent);
    });
    expect(loads).toBe(0);
    // Act
    const results = await Promise.all([mailer.send(email), mailer.send(email)]);
    const rate = await mailer.maxSendRate();
    // Assess
    expect(loads).toBe(1);
    expect(results.map((r) => r.messageId).sort()).toEqual(['m-1', 'm-2']);
    expect(sent).toHaveLength(2);
    expect(rate).toBe(14);
  });

  it('reports a failed load as "retry later" (nothing was sent) and tries again next time', async () => {
    // Prepare
    const sent: OutgoingEmail[] = [];
    let loads = 0;
    const mailer = lazyMailer(async () => {
      loads++;
      if (loads === 1) throw new Error('chunk missing');
      return recordingMailer(sent);
    });
    // Act
    const first = mailer.send(email);
    // Assess
    await expect(first).rejects.toBeInstanceOf(MailRetryLaterError);
    await expect(first).rejects.toThrow(/the mailer did not load: chunk missing/);
    expect(sent).toHaveLength(0);
    await expect(mailer.send(email)).resolves.toEqual({ messageId: 'm-1' });
    expect(loads).toBe(2);
  });
});
