import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeLimits } from '../../functions/adapters/mime.ts';
import { startTestStack } from '../support/local-stack.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'drip-smtp-size-'));
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ dataDir });
});

afterAll(async () => {
  await stack?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Files under the raw-reply folder (the local twin of the bucket). */
function rawFiles(): string[] {
  const folder = join(dataDir, 'inbound');
  return existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String) : [];
}

describe('the local reply server', () => {
  it('answers 552 to a message over the size limit and keeps no raw copy', async () => {
    // Prepare: a body somewhat over the limit, sent without declaring its SIZE up front.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const line = `${'x'.repeat(76)}\r\n`;
    const text = line.repeat(Math.ceil((mimeLimits.maxBytes * 1.5) / line.length));

    // Act
    let refusal: { responseCode?: number; response?: string } | null = null;
    try {
      await transport.sendMail({
        from: 'someone@example.com',
        to: `reply+whatever@${stack.replyDomain}`,
        subject: 'Re: a very long reply',
        text,
      });
    } catch (error) {
      refusal = error as { responseCode?: number; response?: string };
    } finally {
      transport.close();
    }

    // Assess
    expect(text.length).toBeGreaterThan(mimeLimits.maxBytes);
    expect(refusal?.responseCode).toBe(552);
    expect(refusal?.response).toMatch(/^552 /);
    expect(rawFiles()).toEqual([]);
  });
});
