import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import type { Stores } from '../../functions/ports/stores.ts';
import { header, inbox, type StoredEmail } from '../support/inbox.ts';
import { advance, confirmFromInbox, signup, startTestStack } from '../support/local-stack.ts';
import { replyTo } from '../support/reply.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let store: Stores;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint }));
  store = dynamoStores(dynamoDbClient({ endpoint: stack.dynamoEndpoint }), {
    tableName: stack.tableName,
    dueShards: 1,
  });
});

afterAll(async () => {
  await stack?.cleanup();
});

/** Signs up, confirms and runs the clock until lesson 1 is in the inbox. */
async function withLesson1(email: string, timezone = 'Europe/London'): Promise<StoredEmail> {
  await signup(stack, { email, name: 'Robin', timezone });
  await confirmFromInbox(stack, email);
  for (let i = 0; i < 48; i++) {
    const lesson = (await inbox(stack.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    );
    if (lesson) return lesson;
    await advance(stack, 1);
  }
  throw new Error('lesson 1 never came');
}

async function subscriberOf(email: string) {
  const id = await store.subscribers.findIdByEmail(email);
  const subscriber = await store.subscribers.get(id ?? '');
  if (!subscriber) throw new Error(`no subscriber ${email}`);
  return subscriber;
}

async function inboundLog(subscriberId: string | null) {
  const day = stack.clock.now().toISOString().slice(0, 10);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: subscriberId ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
      ExpressionAttributeValues: subscriberId
        ? { ':pk': `sub#${subscriberId}`, ':p': 'inbound#' }
        : { ':pk': `inbound#${day}` },
    }),
  );
  return Items as { outcome: string; reason: string }[];
}

describe('replies over real SMTP', () => {
  it('logs a reply as a check-in, drops the nudge and acknowledges it the next morning', async () => {
    const email = 'robin@example.com';
    const lesson1 = await withLesson1(email);
    const before = await subscriberOf(email);
    const lesson2Before = before.agenda.find((i) => i.emailId === 'lesson-2')?.dueAt;
    const answer = await replyTo(
      stack,
      lesson1,
      'My why: I want to move into product management.\nI can offer help with data analysis.',
    );
    expect(answer.response).toMatch(/^250 .*check-in/);

    const [checkIn] = await store.checkIns.list(before.id, 10);
    expect(checkIn?.text).toBe(
      'My why: I want to move into product management.\nI can offer help with data analysis.',
    );
    expect(checkIn?.step).toBe(1);
    const after = await subscriberOf(email);
    expect(after.why).toContain('product management');
    // Lesson 2 keeps its spacing (a reply never brings it closer); the nudge is moot.
    const lesson2After = after.agenda.find((i) => i.emailId === 'lesson-2')?.dueAt;
    expect(Date.parse(lesson2After!)).toBeLessThanOrEqual(Date.parse(lesson2Before!));
    expect(after.agenda.some((i) => i.kind === 'nudge')).toBe(false);
    // Lesson 1 went today: the acknowledgement waits for tomorrow's send hour.
    const idsOf = async () =>
      (await inbox(stack.sesUrl, email)).map((m) => header(m, 'X-Coach-Email'));
    expect(await idsOf()).not.toContain('ack');
    await advance(stack, 24);
    expect(await idsOf()).toContain('ack');
    const ack = (await inbox(stack.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'ack',
    );
    expect(ack?.body.text).toContain(
      'Your why is logged: “I want to move into product management”',
    );
  });

  it('counts the same message delivered twice once', async () => {
    const email = 'twice@example.com';
    const lesson1 = await withLesson1(email);
    const messageId = '<same-message@client.example>';
    await replyTo(stack, lesson1, 'Sam and Priya', { messageId });
    const second = await replyTo(stack, lesson1, 'Sam and Priya', { messageId });
    expect(second.response).toMatch(/duplicate/);
    const subscriber = await subscriberOf(email);
    expect(await store.checkIns.list(subscriber.id, 10)).toHaveLength(1);
  });

  it('rejects a reply whose From is not the subscriber, changing nothing', async () => {
    const email = 'owner@example.com';
    const lesson1 = await withLesson1(email);
    const before = await subscriberOf(email);
    const answer = await replyTo(stack, lesson1, 'stop', { from: 'stranger@example.com' });
    expect(answer.response).toMatch(/rejected/);
    const after = await subscriberOf(email);
    expect(after.status).toBe('active');
    expect(after.version).toBe(before.version);
    expect(await store.checkIns.list(before.id, 10)).toHaveLength(0);
    expect((await inboundLog(null)).map((e) => e.reason)).toContain(
      'From does not match the subscriber',
    );
  });

  it('rejects a forged reply token and mail for other domains', async () => {
    const lesson1 = await withLesson1('forged@example.com');
    const forged = lesson1.replyTo[0]!.replace(
      /([a-z2-7])@/,
      (_, c: string) => `${c === 'a' ? 'b' : 'a'}@`,
    );
    const answer = await replyTo(stack, lesson1, 'hello', { to: forged });
    expect(answer.response).toMatch(/rejected/);
    await expect(
      replyTo(stack, lesson1, 'hello', { to: 'someone@elsewhere.example' }),
    ).rejects.toThrow(/550/);
  });

  it('treats an out-of-office as no check-in and snoozes the course until the return date', async () => {
    const email = 'away@example.com';
    const lesson1 = await withLesson1(email);
    // A return date a month from the stack's clock, so the test means the same whenever it runs.
    const back = new Date(stack.clock.now().getTime() + 30 * 86_400_000);
    const backText = back.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const answer = await replyTo(
      stack,
      lesson1,
      `I am out of the office until ${backText} with limited access to email.`,
      {
        subject: `Out of Office: ${lesson1.subject}`,
        headers: { 'Auto-Submitted': 'auto-replied' },
        quote: false,
      },
    );
    expect(answer.response).toMatch(/auto-reply/);
    const subscriber = await subscriberOf(email);
    expect(await store.checkIns.list(subscriber.id, 10)).toHaveLength(0);
    expect(subscriber.agenda.length).toBeGreaterThan(0);
    for (const item of subscriber.agenda) {
      expect(item.dueAt >= back.toISOString().slice(0, 10)).toBe(true);
    }
  });

  it('refuses oversized and malformed messages with a reason, without crashing', async () => {
    const lesson1 = await withLesson1('hostile@example.com');
    await expect(replyTo(stack, lesson1, 'x'.repeat(600 * 1024), { quote: false })).rejects.toThrow(
      /552/,
    );
    // A raw message with a broken multipart structure, sent as is.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const raw = [
      'From: hostile@example.com',
      `To: ${lesson1.replyTo[0]}`,
      'Subject: Re: lesson',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      ...Array.from({ length: 300 }, () => '--b\r\nContent-Type: text/plain\r\n\r\nx'),
      '',
    ].join('\r\n');
    const answer = await transport.sendMail({
      envelope: { from: 'hostile@example.com', to: [lesson1.replyTo[0]!] },
      raw,
    });
    transport.close();
    expect(answer.response).toMatch(/rejected/);
    expect((await inboundLog(null)).map((e) => e.reason)).toContain('too many MIME parts');
    // The server still answers the next reply.
    const next = await replyTo(stack, lesson1, 'My why is to grow.');
    expect(next.response).toMatch(/check-in/);
  });
});
