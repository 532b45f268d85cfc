import { SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { sendEmailInput, sesClient } from '../functions/adapters/ses-mailer.ts';
import { deliver } from '../functions/app/deliver.ts';
import type { CoachDeps } from '../functions/app/deps.ts';
import { defaultTickOptions } from '../functions/app/run-due.ts';
import { composeEmail } from '../functions/core/compose.ts';
import type { CompiledCourse } from '../functions/core/course.ts';
import { type PlannedEmail, pace } from '../functions/core/pacing/index.ts';
import type { Subscriber } from '../functions/core/subscriber.ts';
import { pacingContextFor } from '../functions/courses.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import { benchDeps, runTick } from './deps.ts';
import { type BenchEmulators, createTable, localAwsEnv, startBenchEmulators } from './emulators.ts';
import { functionMemoryMb, lambdaVcpuShare } from './lambda.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';
import { buildArchetypes, isMidday, seedCohort } from './seed.ts';

const tableName = 'drip-coach-bench';
/**
 * The whole tick runs on a table of its own: the subscribers deliver() sent
 * to are still due (deliver does not save their next state), and a tick over
 * them would count their ledger look-ups against the emails it sends.
 */
const tickTableName = 'drip-coach-bench-tick';
/** Sends (and deliveries) made before measuring, so neither side is timed cold. */
const warmUp = 200;

/**
 * The same dependencies with every store and mailer call timed, to say what
 * dominates a delivery: milliseconds summed per call kind (calls overlap
 * across workers, so the sum is per email, not wall time).
 */
function timedDeps(deps: CoachDeps): {
  deps: CoachDeps;
  summary(emails: number): string;
  msPerEmail(prefix: string, emails: number): number;
} {
  const spent = new Map<string, { ms: number; calls: number }>();
  const timed = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await value.apply(object, args);
          } finally {
            const key = `${prefix}.${String(property)}`;
            const entry = spent.get(key) ?? { ms: 0, calls: 0 };
            entry.ms += performance.now() - started;
            entry.calls += 1;
            spent.set(key, entry);
          }
        };
      },
    });
  return {
    deps: {
      ...deps,
      subscribers: timed(deps.subscribers, 'store.subscribers'),
      ledger: timed(deps.ledger, 'store.ledger'),
      mailer: timed(deps.mailer, 'ses'),
    },
    summary: (emails) =>
      [...spent]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([key, { ms }]) => `${key} ${(ms / emails).toFixed(1)} ms`)
        .join(', '),
    msPerEmail: (prefix, emails) =>
      [...spent].filter(([key]) => key.startsWith(prefix)).reduce((sum, [, v]) => sum + v.ms, 0) /
      emails,
  };
}

/** Runs `work` for each item with `concurrency` workers; returns the wall time and successes. */
async function timedRun<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<boolean>,
): Promise<{ ms: number; ok: number }> {
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        if (await work(items[next++] as T)) ok++;
      }
    }),
  );
  return { ms: performance.now() - started, ok };
}

/** CPU milliseconds spent by this process (the client side) and by each emulator. */
interface CpuSplit {
  client: number;
  dynamodb: number;
  sesv2: number;
}

/** Runs `work` and adds the CPU each process spent meanwhile to `total`. */
async function cpuDuring<T>(
  emulators: BenchEmulators,
  total: CpuSplit,
  work: () => Promise<T>,
): Promise<T> {
  const before = await emulators.usage();
  const mine = process.cpuUsage();
  const result = await work();
  const spent = process.cpuUsage(mine);
  const after = await emulators.usage();
  total.client += (spent.user + spent.system) / 1000;
  total.dynamodb += after.dynamodb.cpuMs - before.dynamodb.cpuMs;
  total.sesv2 += after.sesv2.cpuMs - before.sesv2.cpuMs;
  return result;
}

/**
 * Emails per second through `deliver` (claim in the ledger, re-check the
 * subscriber, render, send, record) for `count` due subscribers at the tick's
 * concurrency, against plain SES v2 SendEmail calls carrying the same
 * messages at the same concurrency, against the same local SES, in one run
 * (interleaved rounds).
 */
export async function measureSendPipeline(count: number): Promise<Figure> {
  const concurrency = defaultTickOptions.concurrency;
  const course = compiledCourses.relationships as CompiledCourse;
  const emulators = await startBenchEmulators();
  const endpoints = { dynamodb: emulators.dynamodb, sesv2: emulators.sesv2 };
  const { deps, destroy } = benchDeps(tableName, endpoints);
  const tickSide = benchDeps(tickTableName, endpoints);
  // The coach's own client options, so both sides pay the same per-call cost.
  const ses = sesClient({
    endpoint: emulators.sesv2,
    region: localAwsEnv.AWS_REGION,
    credentials: {
      accessKeyId: localAwsEnv.AWS_ACCESS_KEY_ID,
      secretAccessKey: localAwsEnv.AWS_SECRET_ACCESS_KEY,
    },
  });
  try {
    await createTable(emulators.dynamodb, tableName);
    await createTable(emulators.dynamodb, tickTableName);
    const now = new Date();
    const archetypes = buildArchetypes(now);
    const daytime = (a: Subscriber) => isMidday(new Date(), a.timezone);
    const dueNow = (i: number) => new Date(now.getTime() - (1 + (i % 30)) * 60_000);
    progress(`pipeline: seeding ${count * 2 + warmUp} due subscribers`);
    const states = await seedCohort(archetypes, {
      endpoint: emulators.dynamodb,
      tableName,
      label: 'due',
      count: count + warmUp,
      offset: 0,
      dueAt: dueNow,
      accept: daytime,
    });
    // A second cohort for a whole tick, so its reads and saves are measured too.
    await seedCohort(archetypes, {
      endpoint: emulators.dynamodb,
      tableName: tickTableName,
      label: 'due (tick)',
      count,
      offset: count + warmUp,
      dueAt: dueNow,
      accept: daytime,
    });
    const all: { subscriber: Subscriber; planned: PlannedEmail }[] = [];
    for (const subscriber of states) {
      const planned = pace(subscriber, { type: 'due' }, deps.clock.now(), pacingContextFor(course))
        .emails[0];
      if (planned) all.push({ subscriber, planned });
    }
    const warmWork = all.slice(0, warmUp);
    const work = all.slice(warmUp);
    // The raw side sends the very messages the pipeline renders (same sizes).
    const messages = work.map(({ subscriber, planned }) =>
      sendEmailInput(composeEmail(subscriber, planned, course, deps.settings, now), undefined),
    );
    const avgBytes = messages.reduce((s, m) => s + JSON.stringify(m).length, 0) / messages.length;
    const raw = (input: SendEmailCommandInput) =>
      ses.send(new SendEmailCommand(input)).then((r) => Boolean(r.MessageId));

    // Warm both paths (connections, JIT on both sides of the wire) before measuring.
    await timedRun(messages.slice(0, warmUp), concurrency, raw);
    await timedRun(messages.slice(0, warmUp), concurrency, raw);
    const timed = timedDeps(deps);
    await timedRun(warmWork, concurrency, async ({ subscriber, planned }) => {
      return (await deliver(deps, subscriber, planned, subscriber.status)).kind === 'sent';
    });
    await emulators.clearInbox();

    // Interleaved rounds (raw slice, pipeline slice, ...) so drift in machine load hits both alike.
    const rounds = 5;
    const size = Math.ceil(work.length / rounds);
    const rawTotal = { ms: 0, ok: 0 };
    const pipeTotal = { ms: 0, ok: 0 };
    const rawCpu: CpuSplit = { client: 0, dynamodb: 0, sesv2: 0 };
    const pipeCpu: CpuSplit = { client: 0, dynamodb: 0, sesv2: 0 };
    const roundRatios: string[] = [];
    progress(
      `pipeline: ${work.length} plain SendEmail calls and ${work.length} deliver() calls, ${rounds} rounds`,
    );
    for (let r = 0; r < rounds; r++) {
      const rawRound = await cpuDuring(emulators, rawCpu, () =>
        timedRun(messages.slice(r * size, (r + 1) * size), concurrency, raw),
      );
      await emulators.clearInbox();
      const pipeRound = await cpuDuring(emulators, pipeCpu, () =>
        timedRun(
          work.slice(r * size, (r + 1) * size),
          concurrency,
          async ({ subscriber, planned }) =>
            (await deliver(timed.deps, subscriber, planned, subscriber.status)).kind === 'sent',
        ),
      );
      await emulators.clearInbox();
      rawTotal.ms += rawRound.ms;
      rawTotal.ok += rawRound.ok;
      pipeTotal.ms += pipeRound.ms;
      pipeTotal.ok += pipeRound.ok;
      roundRatios.push((pipeRound.ok / pipeRound.ms / (rawRound.ok / rawRound.ms)).toFixed(2));
    }
    const rawRate = (rawTotal.ok * 1000) / rawTotal.ms;
    const pipeline = { perSecond: (pipeTotal.ok * 1000) / pipeTotal.ms, ok: pipeTotal.ok };
    progress(`pipeline: one tick over ${count} due subscribers`);
    const tickStarted = performance.now();
    const tickCpu: CpuSplit = { client: 0, dynamodb: 0, sesv2: 0 };
    const tick = await cpuDuring(emulators, tickCpu, () =>
      runTick(tickSide.deps, { batchSize: count, concurrency, maxSendRate: 10_000 }),
    );
    const tickPerSecond = (tick.sent * 1000) / (performance.now() - tickStarted);
    const tickCpuPerEmail = tickCpu.client / tick.sent;
    const tickMemoryMb = functionMemoryMb.tick;
    await emulators.clearInbox();

    const notes = [
      'dynalite and the SES emulator run in processes of their own; both sides use the same SES emulator, concurrency and messages',
    ];
    const perEmail = (cpu: CpuSplit, emails: number) => ({
      client: cpu.client / emails,
      dynamodb: cpu.dynamodb / emails,
      sesv2: cpu.sesv2 / emails,
    });
    const rawPer = perEmail(rawCpu, rawTotal.ok);
    const pipePer = perEmail(pipeCpu, pipeline.ok);
    // Share of one core each process kept busy while deliver() ran.
    const busy = {
      'this process (SDK clients, render)': pipeCpu.client / pipeTotal.ms,
      dynalite: pipeCpu.dynamodb / pipeTotal.ms,
      'SES emulator': pipeCpu.sesv2 / pipeTotal.ms,
    };
    const [busiest, busiestShare] = Object.entries(busy).sort((a, b) => b[1] - a[1])[0] as [
      string,
      number,
    ];
    const storeMs = timed.msPerEmail('store.', pipeline.ok);
    const sesMs = timed.msPerEmail('ses.', pipeline.ok);
    notes.push(
      `per email, deliver() waits ${storeMs.toFixed(1)} ms on DynamoDB (claim, re-check, record) and ${sesMs.toFixed(1)} ms on the send (which includes the re-check: the mailer makes it just before calling SES)`,
      `busiest process while deliver() ran: ${busiest}, ${(busiestShare * 100).toFixed(0)}% of a core; client CPU per email is ${pipePer.client.toFixed(2)} ms for deliver() (3 DynamoDB calls and 1 SES call through the SDK) against ${rawPer.client.toFixed(2)} ms for a plain send, a ceiling of ${(rawPer.client / pipePer.client).toFixed(2)} on the ratio while the client side is the bottleneck`,
    );
    if (pipeline.ok !== work.length)
      notes.push(`only ${pipeline.ok} of ${work.length} deliveries sent`);
    return {
      name: 'pipeline_vs_raw_send_ratio',
      value: pipeline.perSecond / rawRate,
      unit: 'x',
      // Reported without a target: only hand-written clients could reach 0.5x (issue 17).
      target: null,
      details: {
        'deliver(), emails/s': pipeline.perSecond,
        'raw SendEmail, emails/s': rawRate,
        'ratio per round': roundRatios.join(', '),
        'whole tick (read, pace, deliver, save), emails/s': `${tickPerSecond.toFixed(0)} (${tick.sent} sent)`,
        'whole tick, client CPU ms per email': tickCpuPerEmail,
        [`whole tick, emails/s one ${tickMemoryMb} MB Lambda's CPU could carry (estimate)`]:
          Math.floor((lambdaVcpuShare(tickMemoryMb) * 1000) / tickCpuPerEmail),
        'emails, concurrency, request size': `${work.length}, ${concurrency}, ${(avgBytes / 1024).toFixed(1)} KB`,
        'deliver() time per email by step': timed.summary(work.length),
        'CPU ms per email, deliver() (client / dynalite / SES emulator)': [
          pipePer.client,
          pipePer.dynamodb,
          pipePer.sesv2,
        ]
          .map((ms) => ms.toFixed(2))
          .join(' / '),
        'CPU ms per email, raw SendEmail (client / SES emulator)': [rawPer.client, rawPer.sesv2]
          .map((ms) => ms.toFixed(2))
          .join(' / '),
        'busy share of a core while deliver() ran': Object.entries(busy)
          .map(([name, share]) => `${name} ${(share * 100).toFixed(0)}%`)
          .join(', '),
      },
      notes,
    };
  } finally {
    destroy();
    tickSide.destroy();
    ses.destroy();
    await emulators.stop();
  }
}
