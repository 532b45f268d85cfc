import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo-store.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { deliver } from '../../functions/app/deliver.ts';
import { pacedMailer } from '../../functions/app/paced-mailer.ts';
import { runDue } from '../../functions/app/run-due.ts';
import type { CompiledCourse } from '../../functions/core/course.ts';
import { pace } from '../../functions/core/pacing.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { createWebHandler } from '../../functions/handlers/web-handler.ts';
import { type Mailer, MailRejectedError, type Timer } from '../../functions/ports/ports.ts';
import { header, inbox } from '../support/inbox.ts';
import {
  advance,
  confirmFromInbox,
  signup,
  stackDeps,
  startTestStack,
} from '../support/local-stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let store: DynamoSubscriberStore;
const TOKEN_KEYS = `k1:${'t'.repeat(64)}`;

beforeAll(async () => {
  stack = await startTestStack({ env: { TOKEN_KEYS } });
  store = new DynamoSubscriberStore(dynamoDbClient({ endpoint: stack.dynamoEndpoint }), {
    tableName: stack.tableName,
    dueShards: 1,
  });
});

afterAll(async () => {
  await stack?.cleanup();
});

/** Deps on the same emulators as the stack, with the stack's clock, and a mailer of the test's choosing. */
function depsWith(mailer?: Mailer) {
  const deps = stackDeps(stack, TOKEN_KEYS);
  return mailer ? { ...deps, mailer } : deps;
}

/** The subscriber's pending lesson (the agenda may also hold a nudge). */
function lesson(subscriber: Subscriber | null) {
  return subscriber?.agenda.find((item) => item.kind === 'lesson');
}

async function activeSubscriber(email: string) {
  await signup(stack, { email, timezone: 'UTC' });
  await confirmFromInbox(stack, email);
  const id = await store.findIdByEmail(email);
  const subscriber = await store.get(id!);
  expect(subscriber?.status).toBe('active');
  // Lesson 1 waits for the morning when confirmed at night in UTC: move to when it is due.
  stack.clock.advanceTo(new Date(lesson(subscriber!)!.dueAt));
  return subscriber!;
}

describe('sending at most once', () => {
  it('marks a stale claim unknown and moves on without resending', async () => {
    const subscriber = await activeSubscriber('crashed@example.com');
    // A worker claimed lesson 1 an hour ago and died before recording the outcome.
    const claimedAt = new Date(stack.clock.now().getTime() - 3_600_000).toISOString();
    await store.claimSend({
      subscriberId: subscriber.id,
      sendKey: lesson(subscriber)!.sendKey,
      emailId: 'lesson-1',
      status: 'claimed',
      claimedAt,
    });
    const tick = await advance(stack, 24);
    expect(tick.sent.filter((s) => s.to === 'crashed@example.com')).toEqual([]);
    const ledger = await store.claimSend({
      subscriberId: subscriber.id,
      sendKey: lesson(subscriber)!.sendKey,
      emailId: 'lesson-1',
      status: 'claimed',
      claimedAt,
    });
    expect(ledger?.status).toBe('unknown');
    expect(lesson(await store.get(subscriber.id))?.emailId).toBe('lesson-2');
    expect(
      (await inbox(stack.sesUrl, 'crashed@example.com')).map((m) => header(m, 'X-Coach-Email')),
    ).toEqual(['confirm']);
  });

  it('retries a send the mail service refused, and sends it once when it recovers', async () => {
    const subscriber = await activeSubscriber('throttled@example.com');
    const refusing: Mailer = {
      send: async () => {
        throw Object.assign(new Error('Maximum sending rate exceeded'), {
          name: 'TooManyRequestsException',
          $metadata: { httpStatusCode: 429 },
        });
      },
    };
    const ticks = await Promise.all([runDue(depsWith(refusing)), runDue(depsWith(refusing))]);
    expect(ticks.flatMap((tick) => tick.sent)).toEqual([]);
    expect(ticks.reduce((sum, tick) => sum + tick.retried, 0)).toBeGreaterThan(0);
    expect(lesson(await store.get(subscriber.id))?.emailId).toBe('lesson-1');
    const recovered = await Promise.all([runDue(depsWith()), runDue(depsWith())]);
    expect(
      recovered
        .flatMap((tick) => tick.sent)
        .filter((s) => s.to === 'throttled@example.com')
        .map((s) => s.emailId),
    ).toEqual(['lesson-1']);
    const ids = (await inbox(stack.sesUrl, 'throttled@example.com')).map((m) =>
      header(m, 'X-Coach-Email'),
    );
    expect(ids).toEqual(['confirm', 'lesson-1']);
  });

  it('moves on past an email the mail service rejects for good, and never retries it', async () => {
    const subscriber = await activeSubscriber('rejected@example.com');
    let calls = 0;
    const rejecting: Mailer = {
      send: async () => {
        calls++;
        throw new MailRejectedError('MessageRejected: Email address is not verified.');
      },
    };
    await runDue(depsWith(rejecting));
    await runDue(depsWith(rejecting));
    expect(calls).toBe(1);
    const ledger = await store.listSends(subscriber.id);
    expect(ledger.find((r) => r.emailId === 'lesson-1')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('MessageRejected'),
    });
    expect(lesson(await store.get(subscriber.id))?.emailId).toBe('lesson-2');
  });

  it('does not resend when the mail service gave no answer', async () => {
    const subscriber = await activeSubscriber('timeout@example.com');
    const silent: Mailer = {
      send: async () => {
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      },
    };
    await runDue(depsWith(silent));
    await runDue(depsWith());
    expect(
      (await inbox(stack.sesUrl, 'timeout@example.com')).map((m) => header(m, 'X-Coach-Email')),
    ).toEqual(['confirm']);
    expect(lesson(await store.get(subscriber.id))?.emailId).toBe('lesson-2');
  });

  /** The subscriber got no lesson 1, and the ledger says why: cancelled. */
  async function expectLesson1Cancelled(subscriber: Subscriber) {
    expect(
      (await inbox(stack.sesUrl, subscriber.email)).map((m) => header(m, 'X-Coach-Email')),
    ).toEqual(['confirm']);
    expect(
      (await store.listSends(subscriber.id)).find((r) => r.emailId === 'lesson-1'),
    ).toMatchObject({ status: 'cancelled' });
  }

  /** The first email the pacing sends the subscriber now. */
  const plan = (s: Subscriber) =>
    pace(s, { type: 'due' }, stack.clock.now(), {
      course: compiledCourses.relationships as CompiledCourse,
    }).emails[0]!;

  it('re-checks a subscriber read earlier: an unsubscribe since then cancels the send', async () => {
    const read = await activeSubscriber('changed-mind@example.com');
    const planned = plan(read);
    // They unsubscribe after the read; the caller still holds the old copy.
    expect(await store.save({ ...read, status: 'unsubscribed' })).toBe(true);
    const outcome = await deliver(depsWith(), read, planned, read.status);
    expect(outcome.kind).toBe('cancelled');
    await expectLesson1Cancelled(read);
  });

  it('re-checks after the wait for the send rate: leaving during the wait cancels the send', async () => {
    const first = await activeSubscriber('first-in-line@example.com');
    const read = await activeSubscriber('left-while-waiting@example.com');
    let waits = 0;
    // Time stands still, so the second send must wait its turn; that is when they leave.
    const timer: Timer = {
      elapsedMs: () => 0,
      sleep: async () => {
        waits++;
        expect(await store.save({ ...read, status: 'unsubscribed' })).toBe(true);
      },
    };
    const base = depsWith();
    const deps = {
      ...base,
      mailer: pacedMailer(base.mailer, timer, { ratePerSecond: 1, maxAttempts: 1 }),
    };
    expect((await deliver(deps, first, plan(first), first.status)).kind).toBe('sent');
    expect((await deliver(deps, read, plan(read), read.status)).kind).toBe('cancelled');
    expect(waits).toBe(1);
    await expectLesson1Cancelled(read);
  });

  it('answers a malformed function URL event with 400, never a crash', async () => {
    const handler = createWebHandler(depsWith());
    for (const event of [
      null,
      'x',
      {},
      { rawPath: 'no-slash', requestContext: { http: { method: 'GET' } } },
      { rawPath: '/', requestContext: {} },
    ]) {
      const result = await handler(event);
      expect(result.statusCode).toBe(400);
    }
  });
});
