import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { deliver, sendRecordGraceMs } from '../../functions/app/deliver.ts';
import { pacedMailer } from '../../functions/app/paced-mailer.ts';
import { runDue } from '../../functions/app/run-due.ts';
import { composeEmail } from '../../functions/core/compose.ts';
import type { CompiledCourse } from '../../functions/core/course.ts';
import {
  MailOutcomeUnknownError,
  MailRejectedError,
  MailThrottledError,
} from '../../functions/core/errors.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { pacingContextFor } from '../../functions/courses.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { createWebHandler } from '../../functions/handlers/web-handler.ts';
import type { Mailer } from '../../functions/ports/mail.ts';
import type { Timer } from '../../functions/ports/runtime.ts';
import type { Stores } from '../../functions/ports/stores.ts';
import { header, inbox } from '../support/inbox.ts';
import { confirmFromInbox, signup, stackDeps, startTestStack } from '../support/local-stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let store: Stores;
const TOKEN_KEYS = `k1:${'t'.repeat(64)}`;

beforeAll(async () => {
  stack = await startTestStack({ env: { TOKEN_KEYS } });
  store = dynamoStores(dynamoDbClient({ endpoint: stack.dynamoEndpoint }), {
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
  const id = await store.subscribers.findIdByEmail(email);
  const subscriber = await store.subscribers.get(id!);
  expect(subscriber?.status).toBe('active');
  // Lesson 1 waits for the morning when confirmed at night in UTC: move to when it is due.
  stack.clock.advanceTo(new Date(lesson(subscriber!)!.dueAt));
  return subscriber!;
}

const course = () => compiledCourses.relationships as CompiledCourse;

/** The first email the pacing sends the subscriber now. */
const plan = (s: Subscriber) =>
  pace(s, { type: 'due' }, stack.clock.now(), pacingContextFor(course())).emails[0]!;

describe('sending at most once', () => {
  /** Lesson 1's ledger record, claimed `minutesAgo` by a worker that then died. */
  async function crashedClaim(subscriber: Subscriber, minutesAgo: number) {
    const claimedAt = new Date(stack.clock.now().getTime() - minutesAgo * 60_000).toISOString();
    const sendKey = lesson(subscriber)!.sendKey;
    await store.ledger.claim({
      subscriberId: subscriber.id,
      sendKey,
      emailId: 'lesson-1',
      status: 'claimed',
      claimedAt,
    });
    return sendKey;
  }

  async function lesson1Record(subscriber: Subscriber) {
    return (await store.ledger.list(subscriber.id)).find((r) => r.emailId === 'lesson-1');
  }

  async function mailIds(email: string) {
    return (await inbox(stack.sesUrl, email)).map((m) => header(m, 'X-Coach-Email'));
  }

  it('settles a crash after SES took the email from SES’s record: sent, never resent', async () => {
    const subscriber = await activeSubscriber('crashed-after@example.com');
    const sendKey = await crashedClaim(subscriber, 60);
    // The dead worker's SendEmail reached SES: the emulator's store holds it, under its ref.
    const planned = { ...plan(subscriber), sendKey };
    const email = composeEmail(
      subscriber,
      planned,
      course(),
      depsWith().settings,
      stack.clock.now(),
    );
    const { messageId } = await depsWith().mailer.send(email);

    const tick = await runDue(depsWith());

    expect(tick.sent.filter((s) => s.to === subscriber.email)).toEqual([]);
    expect(await lesson1Record(subscriber)).toMatchObject({ status: 'sent', messageId });
    expect(await mailIds(subscriber.email)).toEqual(['confirm', 'lesson-1']);
    expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-2');
  });

  it('sends again, once, what SES never got, once the grace period has passed', async () => {
    const subscriber = await activeSubscriber('crashed-before@example.com');
    await crashedClaim(subscriber, 12);

    // Stale, but SES's record may still be on its way: wait, and keep the subscriber due.
    const early = await runDue(depsWith());
    expect(early.unresolved).toBeGreaterThanOrEqual(1);
    expect(await mailIds(subscriber.email)).toEqual(['confirm']);
    expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-1');

    stack.clock.advanceTo(new Date(stack.clock.now().getTime() + sendRecordGraceMs));
    const [a, b] = await Promise.all([runDue(depsWith()), runDue(depsWith())]);

    const sent = [...a.sent, ...b.sent].filter((s) => s.to === subscriber.email);
    expect(sent.map((s) => s.emailId)).toEqual(['lesson-1']);
    expect(await mailIds(subscriber.email)).toEqual(['confirm', 'lesson-1']);
    expect(await lesson1Record(subscriber)).toMatchObject({ status: 'sent' });
    expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-2');
  });

  it('lets the course wait when another worker took a stale claim over to send it again', async () => {
    const subscriber = await activeSubscriber('two-settlers@example.com');
    await crashedClaim(subscriber, 60);
    // B reads the stale claim, then looks in SES's record only once A has sent again.
    let aSent!: () => void;
    const afterA = new Promise<void>((resolve) => {
      aSent = resolve;
    });
    const b = depsWith();
    const slowRecord = {
      find: async (ref: string) => {
        await afterA;
        return b.sentMail.find(ref);
      },
    };
    const bDelivers = deliver(
      { ...b, sentMail: slowRecord },
      subscriber,
      plan(subscriber),
      'active',
    );
    // A takes the claim over (no record after the grace period), sends, and dies before recording.
    const a = depsWith();
    const dying: typeof a.ledger = Object.assign(Object.create(a.ledger), {
      finish: async () => {
        aSent();
        throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      },
    });
    await expect(
      deliver({ ...a, ledger: dying }, subscriber, plan(subscriber), 'active'),
    ).rejects.toThrow('injected');

    // B finds A's email in the record, but the claim is A's now: B must not move the course on.
    expect(await bDelivers).toEqual({ kind: 'in-progress' });
    stack.clock.advanceTo(new Date(stack.clock.now().getTime() + sendRecordGraceMs));
    await runDue(depsWith());

    expect(await mailIds(subscriber.email)).toEqual(['confirm', 'lesson-1']);
    expect(await lesson1Record(subscriber)).toMatchObject({ status: 'sent' });
    expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-2');
  });

  it('leaves a fresh claim alone: its worker may still be sending', async () => {
    const subscriber = await activeSubscriber('busy-worker@example.com');
    await crashedClaim(subscriber, 2);

    const tick = await runDue(depsWith());

    expect(tick.sent.filter((s) => s.to === subscriber.email)).toEqual([]);
    expect(await lesson1Record(subscriber)).toMatchObject({ status: 'claimed' });
    expect(await mailIds(subscriber.email)).toEqual(['confirm']);
  });

  it('retries a send the mail service refused, and sends it once when it recovers', async () => {
    const subscriber = await activeSubscriber('throttled@example.com');
    const refusing: Mailer = {
      send: async () => {
        // As the SES adapter reports SES's 429 (test/integration/ses-mailer.test.ts).
        throw new MailThrottledError('TooManyRequestsException');
      },
    };
    const ticks = await Promise.all([runDue(depsWith(refusing)), runDue(depsWith(refusing))]);
    expect(ticks.flatMap((tick) => tick.sent)).toEqual([]);
    expect(ticks.reduce((sum, tick) => sum + tick.retried, 0)).toBeGreaterThan(0);
    expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-1');
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
    const ledger = await store.ledger.list(subscriber.id);
    expect(ledger.find((r) => r.emailId === 'lesson-1')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('MessageRejected'),
    });
    expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-2');
  });

  it('settles a send the mail service gave no answer to from SES’s record', async () => {
    const lost = await activeSubscriber('lost-answer@example.com');
    const never = await activeSubscriber('lost-request@example.com');
    // One request reached SES and only its answer was lost; the other never arrived.
    const silent: Mailer = {
      send: async (email, options) => {
        if (email.to === lost.email) await depsWith().mailer.send(email, options);
        throw new MailOutcomeUnknownError('TimeoutError: socket hang up');
      },
    };
    const first = await runDue(depsWith(silent));
    expect(first.unknown).toBe(2);

    const soon = await runDue(depsWith());
    stack.clock.advanceTo(new Date(stack.clock.now().getTime() + sendRecordGraceMs));
    const later = await runDue(depsWith());

    expect(soon.sent.filter((s) => s.to === never.email)).toEqual([]);
    expect(later.sent.filter((s) => s.to === never.email).map((s) => s.emailId)).toEqual([
      'lesson-1',
    ]);
    for (const subscriber of [lost, never]) {
      expect(await mailIds(subscriber.email)).toEqual(['confirm', 'lesson-1']);
      expect(await lesson1Record(subscriber)).toMatchObject({ status: 'sent' });
      expect(lesson(await store.subscribers.get(subscriber.id))?.emailId).toBe('lesson-2');
    }
  });

  /** The subscriber got no lesson 1, and the ledger says why: cancelled. */
  async function expectLesson1Cancelled(subscriber: Subscriber) {
    expect(
      (await inbox(stack.sesUrl, subscriber.email)).map((m) => header(m, 'X-Coach-Email')),
    ).toEqual(['confirm']);
    expect(
      (await store.ledger.list(subscriber.id)).find((r) => r.emailId === 'lesson-1'),
    ).toMatchObject({ status: 'cancelled' });
  }

  it('re-checks a subscriber read earlier: an unsubscribe since then cancels the send', async () => {
    const read = await activeSubscriber('changed-mind@example.com');
    const planned = plan(read);
    // They unsubscribe after the read; the caller still holds the old copy.
    expect(await store.subscribers.save({ ...read, status: 'unsubscribed' })).toBe(true);
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
        expect(await store.subscribers.save({ ...read, status: 'unsubscribed' })).toBe(true);
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
