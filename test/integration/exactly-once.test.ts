import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staleClaimMs } from '../../functions/app/deliver.ts';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { runDue, type TickOptions, type TickReport } from '../../functions/app/run-due.ts';
import type { SendRecord } from '../../functions/core/records.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { createTickHandler } from '../../functions/handlers/tick-handler.ts';
import type { Mailer } from '../../functions/ports/mail.ts';
import { type FiredFault, faultyMailer, faultyStores, seededRandom } from '../support/faults.ts';
import { header, type StoredEmail } from '../support/inbox.ts';
import { stackDeps, startTestStack } from '../support/local-stack.ts';
import { seedConfirmed } from '../support/seed.ts';

const TOKEN_KEYS = `k1:${'x'.repeat(64)}`;
const SHARDS = '4';
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ env: { TOKEN_KEYS, DUE_SHARDS: SHARDS } });
});

afterAll(async () => {
  await stack?.cleanup();
});

/** A tick worker: its own SDK clients on the shared emulators, as a separate Lambda would have. */
function worker(): CoachDeps {
  return stackDeps(stack, TOKEN_KEYS, { DUE_SHARDS: SHARDS });
}

/** Fast enough that pacing never dominates; pacing itself is tested in test/unit. */
const tick: Partial<TickOptions> = { maxSendRate: 10_000, concurrency: 8, batchSize: 200 };

/** Every email the SES emulator accepted, grouped by recipient. */
async function sesByRecipient(): Promise<Map<string, StoredEmail[]>> {
  const { emails } = (await (await fetch(`${stack.sesUrl}/store`)).json()) as {
    emails: StoredEmail[];
  };
  const byTo = new Map<string, StoredEmail[]>();
  for (const email of emails) {
    for (const to of email.destination.to) byTo.set(to, [...(byTo.get(to) ?? []), email]);
  }
  return byTo;
}

/** How many copies of lesson 1 each subscriber received. */
async function lessonOneCopies(subscribers: Subscriber[]): Promise<number[]> {
  const byTo = await sesByRecipient();
  return subscribers.map(
    (s) =>
      (byTo.get(s.email) ?? []).filter((email) => header(email, 'X-Coach-Email') === 'lesson-1')
        .length,
  );
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
}

/** The lessons the subscribers wait for next (a nudge may come before). */
async function pendingLessons(store: CoachDeps, subscribers: Subscriber[]) {
  const lessons = await mapLimit(subscribers, 16, async (s) => {
    const stored = await store.subscribers.get(s.id);
    return stored?.agenda.find((item) => item.kind === 'lesson')?.emailId;
  });
  return new Set(lessons);
}

function total(
  reports: TickReport[],
  field: 'retried' | 'unknown' | 'unresolved' | 'failed',
): number {
  return reports.reduce((sum, report) => sum + report[field], 0);
}

describe('every due email exactly once, with concurrent tick workers', () => {
  it('pages through a sharded due index without skipping or repeating anyone', async () => {
    const deps = worker();
    const { subscribers, dueAt } = await seedConfirmed(deps, 250, stack.clock.now(), 'page');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await deps.due.list(dueAt, 40, after);
      seen.push(...page.ids);
      after = page.next;
      pages++;
    } while (after !== null);
    expect(pages).toBe(Math.ceil(250 / 40));
    expect(seen.sort()).toEqual(subscribers.map((s) => s.id).sort());
    // Nothing is due a second before lesson 1.
    const early = await deps.due.list(new Date(dueAt.getTime() - 1_000), 40);
    expect(early).toEqual({ ids: [], next: null });
    stack.clock.advanceTo(dueAt);
    expect((await runDue(deps, { ...tick, batchSize: 40 })).sent).toHaveLength(250);
  });

  it('three workers over 2,000 due subscribers send lesson 1 to each exactly once', async () => {
    const store = worker();
    const { subscribers, dueAt } = await seedConfirmed(worker(), 2_000, stack.clock.now(), 'conc');
    stack.clock.advanceTo(dueAt);

    const reports = await Promise.all([worker(), worker(), worker()].map((d) => runDue(d, tick)));

    const sent = reports.flatMap((report) => report.sent);
    expect(sent).toHaveLength(2_000);
    expect(new Set(sent.map((s) => s.to)).size).toBe(2_000);
    // The workers really raced: more than one of them sent.
    expect(reports.filter((report) => report.sent.length > 0).length).toBeGreaterThan(1);
    expect(await lessonOneCopies(subscribers)).toEqual(subscribers.map(() => 1));
    expect(await pendingLessons(store, subscribers)).toEqual(new Set(['lesson-2']));
    // Nothing is due any more: a further tick finds no work.
    expect((await runDue(worker(), tick)).sent).toEqual([]);
  }, 240_000);

  it('stops starting subscribers when its time budget runs out and leaves the rest for the next tick', async () => {
    const { subscribers, dueAt } = await seedConfirmed(worker(), 300, stack.clock.now(), 'budget');
    stack.clock.advanceTo(dueAt);
    const deps = worker();
    let sends = 0;
    const counting: Mailer = {
      send: async (email, options) => {
        sends++;
        return deps.mailer.send(email, options);
      },
    };
    // The budget is spent after 120 sends: later subscribers must not be started.
    const first = await runDue(
      { ...deps, mailer: counting },
      { ...tick, concurrency: 4, reserveMs: 1_000, timeLeftMs: () => (sends >= 120 ? 0 : 60_000) },
    );
    expect(first.more).toBe(true);
    expect(first.sent.length).toBeGreaterThanOrEqual(120);
    expect(first.sent.length).toBeLessThan(300);
    const second = await runDue(worker(), tick);
    expect(second.more).toBe(false);
    expect(first.sent.length + second.sent.length).toBe(300);
    expect(await lessonOneCopies(subscribers)).toEqual(subscribers.map(() => 1));
  }, 120_000);

  it('as a Lambda handler, takes its time budget from the invocation context', async () => {
    const { subscribers, dueAt } = await seedConfirmed(worker(), 20, stack.clock.now(), 'ctx');
    stack.clock.advanceTo(dueAt);
    const handler = createTickHandler(worker(), tick);
    // Less than the reserve left: nothing is started, everything stays due.
    const late = await handler({}, { getRemainingTimeInMillis: () => 5_000 });
    expect(late).toMatchObject({ sent: 0, more: true });
    const onTime = await handler({}, { getRemainingTimeInMillis: () => 100_000 });
    expect(onTime).toMatchObject({ sent: 20, more: false, retried: 0, unknown: 0, failed: 0 });
    expect(await lessonOneCopies(subscribers)).toEqual(subscribers.map(() => 1));
  });

  it('with SES and DynamoDB faults and crashes mid-send, sends every email exactly once, settling each unknown from SES’s record', async () => {
    const { subscribers, dueAt } = await seedConfirmed(worker(), 1_200, stack.clock.now(), 'fault');
    stack.clock.advanceTo(dueAt);
    const random = seededRandom(20261126);
    const fired: FiredFault[] = [];
    const faulty = (): CoachDeps => {
      const deps = worker();
      return {
        ...deps,
        mailer: faultyMailer(
          deps.mailer,
          { throttle: 0.1, refuse: 0.05, lostRequest: 0.02, lostAnswer: 0.02 },
          random,
          fired,
        ),
        ...faultyStores(deps, 0.02, random, fired),
      };
    };
    const reports: TickReport[] = [];
    const round = async (make: () => CoachDeps) => {
      const settled = await Promise.allSettled(
        [make(), make(), make()].map((d) => runDue(d, tick)),
      );
      for (const result of settled) {
        // A failed read of the due index fails the whole tick, as it would fail the Lambda.
        if (result.status === 'fulfilled') reports.push(result.value);
      }
      // Past the stale-claim limit, so claims left by crashes are resolved next round.
      stack.clock.advanceTo(new Date(stack.clock.now().getTime() + staleClaimMs + 60_000));
    };
    for (let i = 0; i < 3; i++) await round(faulty);
    for (let i = 0; i < 4; i++) await round(worker);

    const kinds = new Set(fired.map((f) => f.kind));
    for (const kind of ['throttle', 'refuse', 'lost-request', 'lost-answer', 'store:finish:sent'])
      expect(kinds, `fault "${kind}" fired`).toContain(kind);
    expect(total(reports, 'retried')).toBeGreaterThan(0);
    expect(total(reports, 'failed')).toBeGreaterThan(0);

    const store = worker();
    const ledgers = await mapLimit(subscribers, 16, async (s) => {
      const sends = await store.ledger.list(s.id);
      return sends.find((r) => r.emailId === 'lesson-1') as SendRecord;
    });
    const copies = await lessonOneCopies(subscribers);
    const faultsOf = (s: Subscriber) =>
      new Set(fired.filter((f) => f.target === s.email || f.target === s.id).map((f) => f.kind));

    // Nothing twice, ever, and nothing lost: every send settled as sent, one copy each.
    expect(copies).toEqual(subscribers.map(() => 1));
    subscribers.forEach((s, i) => {
      const ledger = ledgers[i] as SendRecord;
      expect(ledger.status, `${s.id} ${JSON.stringify(ledger)} ${[...faultsOf(s)]}`).toBe('sent');
      expect(ledger.messageId, s.id).toEqual(expect.any(String));
      // A send whose answer was lost (or whose record failed) was settled from SES's record.
      const faults = faultsOf(s);
      if (faults.has('lost-answer') || faults.has('store:finish:sent')) {
        expect(copies[i], s.id).toBe(1);
      }
    });
    // The unknowns were counted as they arose, and none is left unsettled.
    expect(total(reports, 'unknown')).toBeGreaterThan(0);
    const lostFaults = fired.filter((f) => f.kind.startsWith('lost-')).length;
    expect(total(reports, 'unknown')).toBeLessThanOrEqual(lostFaults);
    expect(reports.at(-1)?.unresolved).toBe(0);
    // And nobody is stuck: every course moved on to lesson 2.
    expect(await pendingLessons(store, subscribers)).toEqual(new Set(['lesson-2']));
  }, 300_000);
});

describe('the send rate', () => {
  it('is read from the SES account (GetAccount), and its absence is an error, not a guess', async () => {
    const mailer = worker().mailer;
    const saved = process.env.AWS_SES_ACCOUNT;
    try {
      // aws-ses-v2-local answers GetAccount from this variable, as SES answers from the account.
      process.env.AWS_SES_ACCOUNT = await readFile(
        new URL('../fixtures/ses-account.json', import.meta.url),
        'utf8',
      );
      expect(await mailer.maxSendRate?.()).toBe(14);
      delete process.env.AWS_SES_ACCOUNT;
      await expect(mailer.maxSendRate?.()).rejects.toThrow();
    } finally {
      if (saved === undefined) delete process.env.AWS_SES_ACCOUNT;
      else process.env.AWS_SES_ACCOUNT = saved;
    }
  });
});
