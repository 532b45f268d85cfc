import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.ts';
import type { OutgoingEmail } from '../../functions/core/compose.ts';
import {
  MailOutcomeUnknownError,
  MailRejectedError,
  MailRetryLaterError,
  MailThrottledError,
  SendCancelledError,
} from '../../functions/core/errors.ts';

/**
 * An endpoint answering SendEmail with the error SES would send (status,
 * x-amzn-ErrorType, JSON body), so the real SDK client turns it into the real
 * exception, as it does in AWS. aws-ses-v2-local never refuses a message.
 */
let answer: { status: number; type: string; message: string } | 'hang-up' | 'no-id';
let requests = 0;
let server: Server;
let client: SESv2Client;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    request.resume();
    request.on('end', () => {
      if (answer === 'hang-up') {
        request.socket.destroy();
        return;
      }
      if (answer === 'no-id') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
        return;
      }
      if (answer.status === 200) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ MessageId: answer.message }));
        return;
      }
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': `${answer.type}:`,
      });
      response.end(JSON.stringify({ message: answer.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new SESv2Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // One attempt: the SDK's own retries are not what is tested here.
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

const email: OutgoingEmail = {
  to: 'ann@example.com',
  from: 'coach@example.com',
  replyTo: 'reply+t@reply.example.com',
  subject: 'Lesson 1',
  html: '<p>Hello</p>',
  text: 'Hello',
  headers: [{ name: 'X-Coach-Email', value: 'lesson-1' }],
  tags: { email: 'lesson-1' },
};

describe('SES errors, as the SDK client reports them', () => {
  it('turns "slow down" into MailThrottledError: retryable, certainly not sent', async () => {
    answer = {
      status: 429,
      type: 'TooManyRequestsException',
      message: 'Maximum sending rate exceeded.',
    };
    await expect(new SesMailer(client, undefined).send(email)).rejects.toBeInstanceOf(
      MailThrottledError,
    );
  });

  it('turns MessageRejected into MailRejectedError, keeping SES reason', async () => {
    answer = { status: 400, type: 'MessageRejected', message: 'Email address is not verified.' };
    const error = await new SesMailer(client, undefined).send(email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(String((error as Error).message)).toContain('Email address is not verified.');
  });

  it('turns other answered errors into MailRetryLaterError: SES said no, so nothing went out', async () => {
    answer = { status: 400, type: 'SendingPausedException', message: 'Sending is paused.' };
    const error = await new SesMailer(client, undefined).send(email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailRetryLaterError);
    expect(error).not.toBeInstanceOf(MailThrottledError);
    expect(String((error as Error).message)).toContain('SendingPausedException (HTTP 400)');
  });

  it('turns no answer into MailOutcomeUnknownError: it may have gone out', async () => {
    answer = 'hang-up';
    const error = await new SesMailer(client, undefined).send(email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailOutcomeUnknownError);
  });

  it('takes an answer without a message id for an unknown outcome too', async () => {
    answer = 'no-id';
    const error = await new SesMailer(client, undefined).send(email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailOutcomeUnknownError);
  });
});

describe('confirming a send', () => {
  it('asks just before calling SES: a no sends nothing, a yes sends', async () => {
    answer = { status: 200, type: '', message: 'message-1' };
    const mailer = new SesMailer(client, undefined);
    const before = requests;
    await expect(mailer.send(email, { confirm: async () => false })).rejects.toBeInstanceOf(
      SendCancelledError,
    );
    expect(requests).toBe(before);
    await expect(mailer.send(email, { confirm: async () => true })).resolves.toEqual({
      messageId: 'message-1',
    });
    expect(requests).toBe(before + 1);
  });
});
