import type { Subscriber } from '../functions/core/subscriber.ts';
import { diffCounts, type ServiceCounts, totalUnits } from './counting-proxy.ts';
import { benchDeps, benchSettings, runTick } from './deps.ts';
import { type BenchEmulators, createTable, startBenchEmulators } from './emulators.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';
import { buildArchetypes, isMidday, seedCohort } from './seed.ts';
import { runLambdaTick } from './tick-memory.ts';

/** Options of {@link measureTicks}. */
export interface TickBenchOptions {
  /** Subscribers in the small and the large table (10,000 and 100,000; 10,000 and 20,000 with --quick). */
  populations: readonly [number, number];
  /** Subscribers due in each tick. */
  due: number;
  /** The bundled tick (index.mjs), for the memory figure; null skips it. */
  tickBundle: (() => Promise<string>) | null;
  /** Measure the read ratio (false when only the memory figure was asked for). */
  reads: boolean;
  quickLabel: string;
}

const tableName = 'drip-coach-bench';
const minute = 60_000;
const day = 86_400_000;

/** What one tick cost in DynamoDB reads. */
interface TickReads {
  readUnits: number;
  itemsRead: number;
  requests: number;
  sent: number;
  ms: number;
  byOperation: string;
}

function describe(counts: ServiceCounts): string {
  return Object.entries(counts.operations)
    .filter(([, op]) => op.readUnits > 0)
    .map(([name, op]) => `${name} ${op.requests} req / ${op.readUnits} RRU`)
    .join(', ');
}

async function tickReads(emulators: BenchEmulators, due: number): Promise<TickReads> {
  // The tick's own client goes through the counting proxy; seeding went around it.
  const { deps, destroy } = benchDeps(tableName, {
    dynamodb: emulators.countedDynamodb,
    sesv2: emulators.countedSesv2,
  });
  try {
    const before = (await emulators.counts()).dynamodb;
    const started = performance.now();
    const outcome = await runTick(deps, { batchSize: due, maxSendRate: 10_000 });
    const ms = performance.now() - started;
    const counts = diffCounts((await emulators.counts()).dynamodb, before);
    const total = totalUnits(counts);
    await emulators.clearInbox();
    return {
      readUnits: total.readUnits,
      itemsRead: total.itemsRead,
      requests: total.requests,
      sent: outcome.sent,
      ms,
      byOperation: describe(counts),
    };
  } finally {
    destroy();
  }
}

/**
 * The tick's cost against the number of subscribers: one tick with `due`
 * subscribers due among a small population, then among a large one, counting
 * only the tick's DynamoDB read request units (dynalite's ConsumedCapacity,
 * through the counting proxy). Then the bundled tick, run as Lambda runs it,
 * over the large table for its peak memory.
 */
export async function measureTicks(options: TickBenchOptions): Promise<Figure[]> {
  const [small, large] = options.populations;
  const { due } = options;
  const figures: Figure[] = [];
  const emulators = await startBenchEmulators();
  try {
    await createTable(emulators.dynamodb, tableName);
    const now = new Date();
    const archetypes = buildArchetypes(now);
    // Due subscribers live where it is daytime now, so the tick sends rather than holds for morning.
    const daytime = (a: Subscriber) => isMidday(new Date(), a.timezone);
    const dueNow = (i: number) => new Date(now.getTime() - (1 + (i % 30)) * minute);
    // The rest are mid-course with their next email between an hour and ten days ahead.
    const later = (i: number) => new Date(now.getTime() + 3_600_000 + ((i * 7919) % (10 * day)));
    const seed = (
      label: string,
      count: number,
      offset: number,
      dueAt: (i: number) => Date,
      extra = {},
    ) =>
      seedCohort(archetypes, {
        endpoint: emulators.dynamodb,
        tableName,
        label,
        count,
        offset,
        dueAt,
        ...extra,
      });

    progress(`tick: seeding ${small.toLocaleString('en-US')} subscribers (${due} due)`);
    await seed('not due', small - due, 0, later);
    const firstDue = await seed('due', due, small - due, dueNow, { accept: daytime });
    let smallTick: TickReads | null = null;
    if (options.reads) {
      progress('tick: running the tick over the small table');
      smallTick = await tickReads(emulators, due);
    }

    progress(
      `tick: growing the table to ${large.toLocaleString('en-US')} subscribers (${due} due)`,
    );
    await seed('not due', large - small - due, small, later);
    if (options.reads) {
      await seed('due', due, large - due, dueNow, { accept: daytime });
      progress('tick: running the tick over the large table');
      const largeTick = await tickReads(emulators, due);
      figures.push(readFigure(smallTick as TickReads, largeTick, small, large, options.quickLabel));
    } else {
      // No tick ran: the first due cohort is still due, so the rest are not.
      await seed('not due', due, large - due, later);
    }

    if (options.tickBundle) {
      // Fresh due work over the same table: the first due cohort (already sent
      // once in the reads run) starts a new course run, so its send keys are new.
      if (options.reads) {
        progress('tick: making the first due cohort due again for the Lambda tick');
        await seed('due again', due, small - due, dueNow, {
          accept: daytime,
          run: 2,
          ids: firstDue.map((s) => s.id),
        });
      }
      const bundle = await options.tickBundle();
      progress('tick: running the bundled tick in a fresh process (peak memory)');
      await emulators.reset();
      const run = await runLambdaTick(bundle, {
        ...benchSettings(tableName),
        AWS_ENDPOINT_URL_DYNAMODB: emulators.countedDynamodb,
        AWS_ENDPOINT_URL_SESV2: emulators.countedSesv2,
      });
      const counts = (await emulators.counts()).dynamodb;
      await emulators.clearInbox();
      figures.push({
        name: 'tick_peak_rss_mb',
        value: run.maxRssMb,
        unit: 'MB',
        target: { op: '<=', value: 256 },
        details: {
          population: `${large.toLocaleString('en-US')} subscribers, ${due.toLocaleString('en-US')} due${options.quickLabel}`,
          'emails sent by the tick': run.sent,
          'init ms (bundle import)': run.initMs,
          'invoke ms': run.invokeMs,
          'DynamoDB read units of this tick': totalUnits(counts).readUnits,
        },
        notes: [
          'maxRSS of a fresh node process that imports the bundled tick (index.mjs) and invokes it once; the Lambda runtime client itself is not included',
          ...(run.stderrLines > 0 ? [`the function wrote ${run.stderrLines} lines to stderr`] : []),
        ],
      });
    }
  } finally {
    await emulators.stop();
  }
  return figures;
}

function readFigure(
  small: TickReads,
  large: TickReads,
  smallPopulation: number,
  largePopulation: number,
  quickLabel: string,
): Figure {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const notes = [
    'read request units as dynalite reports them with ReturnConsumedCapacity TOTAL (strongly consistent GetItem = 1 per 4 KB; Query on the KEYS_ONLY due index)',
  ];
  if (small.sent !== large.sent) {
    notes.push(`the ticks sent different numbers of emails (${small.sent} and ${large.sent})`);
  }
  return {
    name: 'tick_read_ratio_100k_vs_10k',
    value: large.readUnits / small.readUnits,
    unit: 'x',
    target: { op: '<=', value: 1.05 },
    details: {
      populations: `${fmt(largePopulation)} vs ${fmt(smallPopulation)} subscribers${quickLabel}`,
      [`read units, ${fmt(smallPopulation)}`]: small.readUnits,
      [`read units, ${fmt(largePopulation)}`]: large.readUnits,
      [`items read, ${fmt(smallPopulation)} / ${fmt(largePopulation)}`]: `${fmt(small.itemsRead)} / ${fmt(large.itemsRead)}`,
      'emails sent per tick': `${small.sent} / ${large.sent}`,
      'tick ms': `${Math.round(small.ms)} / ${Math.round(large.ms)}`,
      [`reads, ${fmt(largePopulation)}`]: large.byOperation,
    },
    notes,
  };
}
