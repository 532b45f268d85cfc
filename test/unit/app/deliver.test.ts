import { describe, expect, it } from 'vitest';
import { deliver, sendRecordGraceMs, staleClaimMs } from '../../../functions/app/deliver.ts';
import { handleDue, runDue } from '../../../functions/app/run-due.ts';
import {
  MailOutcomeUnknownError,
  MailRejectedError,
  MailRetryLaterError,
} from '../../../functions/core/errors.ts';
import { type PlannedEmail, pace } from '../../../functions/core/pacing/index.ts';
import { confirmSignup, decideSignup } from '../../../functions/core/signup.ts';
import { nextItem, type Subscriber } from '../../../functions/core/subscriber.ts';
import { pacingContextFor } from '../../../functions/courses.ts';
import { compiledCourses } from '../../../functions/generated/templates.ts';
import { memoryDeps } from '../../support/memory-deps.ts';

const course = compiledCourses.relationships!;

/** A confirmed subscriber stored with lesson 1 due, the clock at that moment. */
async function dueSubscriber(env: ReturnType<typeof memoryDeps>, label = 'dana') {
  const now = env.clock.now();
  const email = `${label}@example.com`;
  const signup = decideSignup(
    null,
    { email, name: null, timezone: 'UTC' },
    'form',
    now,
    { id: `${label}aaaaaaaaaaaa`.slice(0, 16), nonce: 'n' },
    course.id,
  );
  const decision = confirmSignup(signup.state, 'n', now, pacingContextFor(course));
  if (decision.kind !== 'confirmed') throw new Error('not confirmed');
  await env.stores.subscribers.save(decision.result.state);
  const stored = (await env.stores.subscribers.get(decision.result.state.id)) as Subscriber;
  env.clock.set(new Date(nextItem(stored)!.dueAt));
  return stored;
}

function lesson1(subscriber: Subscriber): PlannedEmail {
  const planned = pace(
    subscriber,
    { type: 'due' },
    new Date(nextItem(subscriber)!.dueAt),
    pacingContextFor(course),
  ).emails[0];
  if (!planned) throw new Error('nothing planned');
  return planned;
}

describe('delivering one email, on the memory stores', () => {
  it('claims, sends and records it, and a second try sends nothing', async () => {
    const env = memoryDeps();
    const s = await dueSubscriber(env);

    const first = await deliver(env.deps, s, lesson1(s), 'active');
    const second = await deliver(env.deps, s, lesson1(s), 'active');

    expect(first).toEqual({ kind: 'sent', messageId: 'mem-1' });
    expect(second).toEqual({ kind: 'already-sent' });
    expect(env.mailer.to(s.email)).toEqual(['lesson-1']);
    expect(await env.stores.ledger.list(s.id)).toMatchObject([
      { status: 'sent', messageId: 'mem-1' },
    ]);
  });

  it('leaves what the mail service refused for now to a later try, which sends it', async () => {
    const env = memoryDeps();
    const s = await dueSubscriber(env);
    env.mailer.failNext(new MailRetryLaterError('SendingPausedException (HTTP 400)'));

    const refused = await handleDue(env.deps, s.id);
    const later = await handleDue(env.deps, s.id);

    expect(refused).toMatchObject({ sent: [], retried: 1 });
    expect(later.sent.map((e) => e.emailId)).toEqual(['lesson-1']);
  });

  it('moves on past an email refused for good, and never tries it again', async () => {
    const env = memoryDeps();
    const s = await dueSubscriber(env);
    env.mailer.failNext(new MailRejectedError('MessageRejected: bad content'));

    await handleDue(env.deps, s.id);

    expect(env.mailer.sent).toEqual([]);
    expect(await env.stores.ledger.list(s.id)).toMatchObject([{ status: 'failed' }]);
    expect(nextItem((await env.stores.subscribers.get(s.id))!)?.emailId).not.toBe('lesson-1');
  });

  it('settles a lost answer from the record of sends, without sending again', async () => {
    const env = memoryDeps();
    const s = await dueSubscriber(env);
    env.mailer.loseAnswerNext(new MailOutcomeUnknownError('TimeoutError'));

    const lost = await handleDue(env.deps, s.id);
    env.clock.advance(staleClaimMs);
    const settled = await handleDue(env.deps, s.id);

    expect(lost).toMatchObject({ unknown: 1, sent: [] });
    expect(settled).toMatchObject({ unknown: 0, unresolved: 0 });
    expect(env.mailer.to(s.email)).toEqual(['lesson-1']);
    expect(await env.stores.ledger.list(s.id)).toMatchObject([
      { status: 'sent', messageId: 'mem-1' },
    ]);
  });

  it('sends again, once, what never reached the mail service, after the grace period', async () => {
    const env = memoryDeps();
    const s = await dueSubscriber(env);
    env.mailer.failNext(new MailOutcomeUnknownError('TimeoutError'));

    await handleDue(env.deps, s.id);
    env.clock.advance(staleClaimMs);
    const waiting = await handleDue(env.deps, s.id);
    env.clock.advance(sendRecordGraceMs);
    const [a, b] = await Promise.all([handleDue(env.deps, s.id), handleDue(env.deps, s.id)]);

    expect(waiting).toMatchObject({ unresolved: 1, sent: [] });
    expect([...a.sent, ...b.sent].map((e) => e.emailId)).toEqual(['lesson-1']);
    expect(env.mailer.to(s.email)).toEqual(['lesson-1']);
  });

  it('cancels a send when the subscriber changed after it was read', async () => {
    const env = memoryDeps();
    const s = await dueSubscriber(env);
    await env.stores.subscribers.save({ ...s, status: 'unsubscribed', agenda: [] });

    const outcome = await deliver(env.deps, s, lesson1(s), 'active');

    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(env.mailer.sent).toEqual([]);
  });
});

describe('a tick, on the memory stores', () => {
  it('sends each due subscriber their email once, across pages', async () => {
    const env = memoryDeps();
    const subscribers: Subscriber[] = [];
    for (const label of ['ana', 'ben', 'cai', 'dev', 'eli'])
      subscribers.push(await dueSubscriber(env, label));

    const report = await runDue(env.deps, { batchSize: 2, concurrency: 2, maxSendRate: 1_000 });
    const again = await runDue(env.deps, { batchSize: 2 });

    expect(report.sent.map((e) => e.to).sort()).toEqual(subscribers.map((s) => s.email).sort());
    expect(again.sent).toEqual([]);
    expect(env.mailer.sent).toHaveLength(5);
  });
});
