import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSentMailRecord } from '../../functions/adapters/dynamo-sent-mail.ts';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { pacingRules } from '../../functions/core/pacing/index.ts';
import { createSesEventsHandler } from '../../functions/handlers/ses-events-handler.ts';
import type { Stores } from '../../functions/ports/stores.ts';
import { header, inbox } from '../support/inbox.ts';
import {
  advance,
  confirmFromInbox,
  signup,
  stackDeps,
  startTestStack,
} from '../support/local-stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let store: Stores;
let handler: ReturnType<typeof createSesEventsHandler>;
let sendEvents: DynamoSentMailRecord;
const TOKEN_KEYS = `k1:${'s'.repeat(64)}`;

beforeAll(async () => {
  stack = await startTestStack({ env: { TOKEN_KEYS } });
  store = dynamoStores(dynamoDbClient({ endpoint: stack.dynamoEndpoint }), {
    tableName: stack.tableName,
    dueShards: 1,
  });
  // The deps the Lambda would have, on the stack's emulators and dev clock.
  const client = dynamoDbClient({ endpoint: stack.dynamoEndpoint });
  sendEvents = new DynamoSentMailRecord(client, stack.tableName);
  handler = createSesEventsHandler({ ...stackDeps(stack, TOKEN_KEYS), sendEvents });
});

afterAll(async () => {
  await stack?.cleanup();
});

/**
 * A fixture from test/fixtures/ses-events, about `to` instead of the fixture's
 * recipient, and with ids made unique by `tag` so events of different tests
 * never look like redeliveries of one another.
 */
function sesEvent(name: string, to: string, tag: string): unknown {
  const text = readFileSync(new URL(`../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8')
    .replaceAll(/recipient@example\.com/gi, to)
    .replaceAll(/(example-0{6}|examp-0{6})/g, `${tag}-000000`);
  return JSON.parse(text);
}

async function activeSubscriber(email: string) {
  await signup(stack, { email, timezone: 'UTC' });
  await confirmFromInbox(stack, email);
  // Lesson 1 goes out now, or the next morning when confirmed at night in UTC.
  await advance(stack, 24);
  const id = await store.subscribers.findIdByEmail(email);
  const subscriber = await store.subscribers.get(id!);
  expect(subscriber?.status).toBe('active');
  return subscriber!;
}

/** The course emails that reached `email` in the local inbox. */
async function courseMails(email: string): Promise<string[]> {
  return (await inbox(stack.sesUrl, email))
    .map((m) => header(m, 'X-Coach-Email') ?? '')
    .filter((id) => id !== 'confirm');
}

const sixWeeks = 24 * 7 * 6;

describe('SES Send events, on the local emulators', () => {
  it('keeps each as the record of its send, which settles the send later', async () => {
    const ref = 'abcdefghijklmnop_r1-lesson-2';
    expect(await sendEvents.find(ref)).toBeNull();

    const first = await handler(sesEvent('eventbridge-send', 'sender@example.com', 'send1'));
    const again = await handler(sesEvent('eventbridge-send', 'sender@example.com', 'send1'));

    expect(first).toMatchObject({ status: 'handled', results: [{ outcome: 'recorded' }] });
    expect(again).toMatchObject({ status: 'handled', results: [{ outcome: 'recorded' }] });
    expect(await sendEvents.find(ref)).toBe(
      '0100018e14b2c3d4-77aa8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c-000000',
    );
    expect(await sendEvents.find('abcdefghijklmnop_r1-lesson-3')).toBeNull();
  });
});

describe('SES bounces and complaints, on the local emulators', () => {
  it('stops for good after a permanent bounce (SNS), applying a redelivery once', async () => {
    const email = 'bounces@example.com';
    const subscriber = await activeSubscriber(email);
    const before = await courseMails(email);
    expect(before).toContain('lesson-1');

    const event = sesEvent('sns-permanent-bounce', email, 'perm1');
    const first = await handler(event);
    expect(first).toMatchObject({
      status: 'handled',
      results: [{ kind: 'permanent-bounce', outcome: 'applied', subscriberId: subscriber.id }],
    });
    const suppressed = await store.subscribers.get(subscriber.id);
    expect(suppressed?.status).toBe('suppressed');

    // SNS delivers at least once: the same event again changes nothing.
    const second = await handler(event);
    expect(second).toMatchObject({ status: 'handled', results: [{ outcome: 'duplicate' }] });
    expect((await store.subscribers.get(subscriber.id))?.version).toBe(suppressed?.version);

    const later = await advance(stack, sixWeeks);
    expect(later.sent.filter((s) => s.to === email)).toEqual([]);
    expect(await courseMails(email)).toEqual(before);
  });

  it('stops for good after a complaint (EventBridge), applying a redelivery once', async () => {
    const email = 'complains@example.com';
    const subscriber = await activeSubscriber(email);
    const before = await courseMails(email);

    const event = sesEvent('eventbridge-complaint', email, 'compl1');
    expect(await handler(event)).toMatchObject({
      status: 'handled',
      results: [{ kind: 'complaint', outcome: 'applied' }],
    });
    const suppressed = await store.subscribers.get(subscriber.id);
    expect(suppressed?.status).toBe('suppressed');
    expect(await handler(event)).toMatchObject({ results: [{ outcome: 'duplicate' }] });
    expect((await store.subscribers.get(subscriber.id))?.version).toBe(suppressed?.version);

    expect((await advance(stack, sixWeeks)).sent.filter((s) => s.to === email)).toEqual([]);
    expect(await courseMails(email)).toEqual(before);
  });

  it('keeps sending after transient bounces below the pause threshold', async () => {
    const email = 'mailbox-full@example.com';
    const subscriber = await activeSubscriber(email);
    const below = pacingRules.softBouncesBeforePause - 1;
    expect(below).toBeGreaterThan(0);
    for (let i = 0; i < below; i++) {
      const event = sesEvent('eventbridge-transient-bounce', email, `soft${i}`);
      expect(await handler(event)).toMatchObject({ results: [{ outcome: 'applied' }] });
      // A redelivery is not a second bounce.
      expect(await handler(event)).toMatchObject({ results: [{ outcome: 'duplicate' }] });
    }
    const counted = await store.subscribers.get(subscriber.id);
    expect(counted).toMatchObject({ status: 'active', softBounces: below });

    const later = await advance(stack, 24 * 14);
    expect(later.sent.filter((s) => s.to === email).length).toBeGreaterThan(0);
  });

  it('drops a malformed event without throwing', async () => {
    const result = await handler(sesEvent('malformed-sns-message-not-json', 'x@example.com', 'x'));
    expect(result).toMatchObject({ status: 'invalid' });
  });
});
