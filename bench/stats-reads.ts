import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConsole } from '../console/main.ts';
import { DailyCounters } from '../functions/adapters/daily-counters.ts';
import { diffCounts, type ServiceCounts, totalUnits } from './counting-proxy.ts';
import { benchTokenKeys } from './deps.ts';
import {
  type BenchEmulators,
  createTable,
  dynamoClient,
  localAwsEnv,
  startBenchEmulators,
} from './emulators.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';
import { buildArchetypes, seedCohort } from './seed.ts';
import { simulatedEvents } from './stats-events.ts';

const tableName = 'drip-coach-stats-bench';
const day = 86_400_000;
/** The period the population signed up over, and `coach stats` reads. */
const days = 84;

/** What one `coach stats` cost in DynamoDB reads. */
interface StatsReads {
  readUnits: number;
  itemsRead: number;
  requests: number;
  ms: number;
}

/**
 * Counts the events of people `from` to `to - 1` (of a population of
 * `count`) through the daily counters, as the functions count them: the
 * events of a few thousand people at once, so each batch is a few hundred
 * atomic updates, one per item it touches.
 */
async function countEvents(
  emulators: BenchEmulators,
  count: number,
  range: { from: number; to: number },
  start: Date,
): Promise<number> {
  const client = dynamoClient(emulators.dynamodb);
  const counters = new DailyCounters(client, tableName);
  let total = 0;
  try {
    for (let from = range.from; from < range.to; from += 5_000) {
      const events = simulatedEvents(count, {
        start,
        days,
        from,
        to: Math.min(range.to, from + 5_000),
      });
      for (let i = 0; i < events.length; i += 2_000)
        await counters.record(events.slice(i, i + 2_000));
      total += events.length;
    }
  } finally {
    client.destroy();
  }
  return total;
}

/** Runs `coach stats --json` against the counted endpoint and counts its reads. */
async function statsReads(emulators: BenchEmulators, since: string): Promise<StatsReads> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drip-stats-bench-'));
  let stdout = '';
  let stderr = '';
  try {
    const before = (await emulators.counts()).dynamodb;
    const started = performance.now();
    const code = await runConsole(['stats', '--json', '--since', since], {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: {
        ...localAwsEnv,
        DATA_DIR: dataDir,
        AWS_ENDPOINT_URL_DYNAMODB: emulators.countedDynamodb,
        AWS_ENDPOINT_URL_SESV2: emulators.countedSesv2,
        TABLE_NAME: tableName,
        TOKEN_KEYS: benchTokenKeys,
      },
      cwd: dataDir,
    });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`coach stats failed: ${stderr}`);
    const counts: ServiceCounts = diffCounts((await emulators.counts()).dynamodb, before);
    const total = totalUnits(counts);
    return { readUnits: total.readUnits, itemsRead: total.itemsRead, requests: total.requests, ms };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `coach stats` against the number of subscribers: the population (profiles
 * and address lookups, as the coach writes them) and the counters of its
 * events over twelve weeks, first for the small population, then grown to the
 * large one; the read units of the same `coach stats` over each.
 */
export async function measureStatsReads(options: {
  populations: readonly [number, number];
  quickLabel: string;
}): Promise<Figure> {
  const [small, large] = options.populations;
  const emulators = await startBenchEmulators();
  try {
    await createTable(emulators.dynamodb, tableName);
    const now = new Date();
    const start = new Date(now.getTime() - days * day);
    const since = start.toISOString().slice(0, 10);
    const archetypes = buildArchetypes(now);
    const later = (i: number) => new Date(now.getTime() + 3_600_000 + ((i * 7919) % (10 * day)));
    const seed = (label: string, count: number, offset: number) =>
      seedCohort(archetypes, {
        endpoint: emulators.dynamodb,
        tableName,
        label,
        count,
        offset,
        dueAt: later,
      });

    progress(
      `stats: seeding ${small.toLocaleString('en-US')} subscribers and counting their events`,
    );
    await seed('stats population', small, 0);
    const smallEvents = await countEvents(emulators, small, { from: 0, to: small }, start);
    progress('stats: coach stats over the small population');
    const smallReads = await statsReads(emulators, since);

    progress(`stats: growing to ${large.toLocaleString('en-US')} subscribers`);
    await seed('stats population', large - small, small);
    const largeEvents = await countEvents(
      emulators,
      large - small,
      { from: 0, to: large - small },
      start,
    );
    progress('stats: coach stats over the large population');
    const largeReads = await statsReads(emulators, since);

    const fmt = (n: number) => n.toLocaleString('en-US');
    return {
      name: 'stats_reads_100k_vs_10k',
      value: largeReads.readUnits / smallReads.readUnits,
      unit: 'x',
      target: { op: '<=', value: 1.1 },
      details: {
        populations: `${fmt(large)} vs ${fmt(small)} subscribers, ${days} days of events${options.quickLabel}`,
        'events counted': `${fmt(smallEvents)} / ${fmt(smallEvents + largeEvents)}`,
        [`read units, ${fmt(small)}`]: smallReads.readUnits,
        [`read units, ${fmt(large)}`]: largeReads.readUnits,
        'items read': `${fmt(smallReads.itemsRead)} / ${fmt(largeReads.itemsRead)}`,
        requests: `${smallReads.requests} / ${largeReads.requests}`,
        'coach stats ms': `${Math.round(smallReads.ms)} / ${Math.round(largeReads.ms)}`,
      },
      notes: [
        'read request units of one `coach stats --json` (every course, all days since the first) as dynalite reports them: two eventually consistent queries and one read per course, whatever the population',
      ],
    };
  } finally {
    await emulators.stop();
  }
}
