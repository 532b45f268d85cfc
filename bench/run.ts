/**
 * `npm run bench`: drip-coach's performance figures, each beside its target.
 *
 *   npm run bench                     full run (10,000 and 100,000 subscribers; 1,000 in the cost model)
 *   npm run bench -- --quick          smaller populations for a fast look (10,000/20,000; 200)
 *   npm run bench -- --json           one JSON object on stdout, progress on stderr
 *   npm run bench -- --only a,b       only these figures (names as printed)
 *
 * Everything runs against the local emulators, started here in memory. A
 * missed target is reported, not fatal: the exit code is 0 unless the bench
 * itself breaks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleSet } from './bundles.ts';
import { machineInfo } from './machine.ts';
import { type Figure, passes, progress, renderTable } from './report.ts';

/** Every figure the bench reports, in the order it runs them. */
export const figureNames = [
  'render_speedup_vs_mjml',
  'bundle_kb',
  'init_ratio_vs_sdk_only',
  'pipeline_vs_raw_send_ratio',
  'tick_read_ratio_100k_vs_10k',
  'tick_peak_rss_mb',
  'stats_reads_100k_vs_10k',
  'cost_vs_ses_floor',
  'fixed_monthly_usd',
  'monthly_usd_1k_subscribers',
  'enumeration_timing_gap_ms',
  'web_cold_start_ms',
  'reader_precision',
  'reader_recall',
  'reader_false_commands',
  'reader_ms_2kb',
] as const;
type FigureName = (typeof figureNames)[number];

/**
 * Targets, for figures that could not be measured at all. `value: null`: a
 * figure reported without a target (issue 17 retired those only hand-written
 * AWS clients could reach).
 */
const targets: Record<FigureName, { op: '<=' | '>='; value: number | null; unit: string }> = {
  render_speedup_vs_mjml: { op: '>=', value: 100, unit: 'x' },
  bundle_kb: { op: '<=', value: 1536, unit: 'KB' },
  init_ratio_vs_sdk_only: { op: '<=', value: null, unit: 'x' },
  pipeline_vs_raw_send_ratio: { op: '>=', value: null, unit: 'x' },
  tick_read_ratio_100k_vs_10k: { op: '<=', value: 1.05, unit: 'x' },
  tick_peak_rss_mb: { op: '<=', value: 256, unit: 'MB' },
  stats_reads_100k_vs_10k: { op: '<=', value: 1.1, unit: 'x' },
  cost_vs_ses_floor: { op: '<=', value: 1.1, unit: 'x' },
  fixed_monthly_usd: { op: '<=', value: 1, unit: 'USD' },
  monthly_usd_1k_subscribers: { op: '<=', value: 3, unit: 'USD' },
  enumeration_timing_gap_ms: { op: '<=', value: 2, unit: 'ms' },
  // Twice the DynamoDB-and-SES-only baseline, measured in the same run; this is a placeholder.
  web_cold_start_ms: { op: '<=', value: 0, unit: 'ms' },
  reader_precision: { op: '>=', value: 0.95, unit: '' },
  reader_recall: { op: '>=', value: 0.9, unit: '' },
  reader_false_commands: { op: '<=', value: 0, unit: '' },
  reader_ms_2kb: { op: '<=', value: 5, unit: 'ms' },
};

/** Names that stand for a group of figures in `--only` ("reader" is every reader figure). */
const figureGroups: Record<string, readonly FigureName[]> = {
  reader: ['reader_precision', 'reader_recall', 'reader_false_commands', 'reader_ms_2kb'],
};

/** Parsed command line. */
export interface BenchArgs {
  json: boolean;
  quick: boolean;
  only: ReadonlySet<FigureName>;
}

/** Reads `--json`, `--quick` and `--only a,b` (also `--only=a,b`). */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let only: string[] = [...figureNames];
  const args = [...argv];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg.startsWith('--only=') ? arg.slice(7) : (args[++i] ?? '');
      only = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .flatMap((name): string[] => [...(figureGroups[name] ?? [name])]);
      const unknown = only.filter((name) => !(figureNames as readonly string[]).includes(name));
      if (unknown.length > 0) {
        throw new Error(`unknown figure ${unknown.join(', ')}; known: ${figureNames.join(', ')}`);
      }
    } else if (arg !== '--json' && arg !== '--quick') {
      throw new Error(`unknown option ${arg} (use --json, --quick, --only <figure,...>)`);
    }
  }
  return {
    json: argv.includes('--json'),
    quick: argv.includes('--quick'),
    only: new Set(only as FigureName[]),
  };
}

function failed(name: FigureName, error: unknown): Figure {
  const { unit, op, value } = targets[name];
  return {
    name,
    value: null,
    unit,
    target: value === null ? null : { op, value },
    details: {},
    notes: [
      `could not be measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ],
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The AWS SDK warns that Node 20 support ends in 2027; said once in the README, not in every run.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (!warning.message.includes('NodeVersionSupportWarning')) {
      process.stderr.write(`${warning.name}: ${warning.message}\n`);
    }
  });
  const started = Date.now();
  // The figures import the compiled templates; build them first when missing.
  const generated = fileURLToPath(new URL('../functions/generated/templates.ts', import.meta.url));
  if (!existsSync(generated)) {
    progress('building templates (functions/generated/templates.ts is missing)');
    execFileSync('npm', ['run', '-s', 'build:templates'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  // Each figure's module is loaded when it runs: one that cannot load costs only its own figures.

  const quickLabel = args.quick ? ' (--quick)' : '';
  const want = (name: FigureName) => args.only.has(name);
  const figures: Figure[] = [];
  const attempt = async (names: FigureName[], work: () => Promise<Figure[]>) => {
    if (!names.some(want)) return;
    try {
      figures.push(...(await work()).filter((f) => want(f.name as FigureName)));
    } catch (error) {
      progress(
        `failed: ${names.join(', ')}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      for (const name of names) if (want(name)) figures.push(failed(name, error));
    }
  };

  let bundles: BundleSet | undefined;
  const builtBundles = async () => {
    bundles ??= (await import('./bundles.ts')).bundleSet();
    return bundles;
  };
  try {
    await attempt(['render_speedup_vs_mjml'], async () => {
      const { measureRender } = await import('./render.ts');
      return [await measureRender()];
    });
    await attempt(['bundle_kb'], async () => {
      const { measureBundleSizes } = await import('./bundles.ts');
      return [await measureBundleSizes(await builtBundles())];
    });
    await attempt(['init_ratio_vs_sdk_only'], async () => {
      const { measureInit } = await import('./bundles.ts');
      return [await measureInit(await builtBundles())];
    });
    await attempt(['pipeline_vs_raw_send_ratio'], async () => {
      const { measureSendPipeline } = await import('./send-pipeline.ts');
      return [await measureSendPipeline(args.quick ? 300 : 1000)];
    });
    await attempt(['tick_read_ratio_100k_vs_10k', 'tick_peak_rss_mb'], async () => {
      const { measureTicks } = await import('./tick-reads.ts');
      return measureTicks({
        populations: args.quick ? [10_000, 20_000] : [10_000, 100_000],
        due: 1000,
        reads: want('tick_read_ratio_100k_vs_10k'),
        tickBundle: want('tick_peak_rss_mb')
          ? async () => (await (await builtBundles()).get('tick')).indexFile
          : null,
        quickLabel,
      });
    });
    await attempt(['stats_reads_100k_vs_10k'], async () => {
      const { measureStatsReads } = await import('./stats-reads.ts');
      return [
        await measureStatsReads({
          populations: args.quick ? [10_000, 20_000] : [10_000, 100_000],
          quickLabel,
        }),
      ];
    });
    await attempt(['cost_vs_ses_floor'], async () => {
      const { measureCost } = await import('./cost-model.ts');
      return [await measureCost({ subscribers: args.quick ? 200 : 1000, quickLabel })];
    });
    await attempt(['web_cold_start_ms'], async () => {
      const { measureWebColdStart } = await import('./web-cold-start.ts');
      return [await measureWebColdStart(args.quick ? 5 : 15)];
    });
    await attempt(['fixed_monthly_usd', 'monthly_usd_1k_subscribers'], async () => {
      // The template priced as synthesized; the course shares cost_vs_ses_floor's run.
      const { measureFixedCost, monthlyFigure } = await import('./fixed-cost.ts');
      const { figure, fixed } = measureFixedCost();
      if (!want('monthly_usd_1k_subscribers')) return [figure];
      const { runCourse } = await import('./cost-model.ts');
      const { priceCourse } = await import('./course-pricing.ts');
      const course = priceCourse(
        await runCourse({ subscribers: args.quick ? 200 : 1000, quickLabel }),
      );
      return [figure, monthlyFigure(fixed, course, quickLabel)];
    });
    await attempt(['enumeration_timing_gap_ms'], async () => {
      const { measureEnumerationTiming } = await import('./enumeration-timing.ts');
      return [await measureEnumerationTiming(args.quick ? 50 : 200)];
    });
    await attempt(
      ['reader_precision', 'reader_recall', 'reader_false_commands', 'reader_ms_2kb'],
      async () => (await import('./reader.ts')).measureReader(),
    );
  } finally {
    bundles?.cleanup();
  }

  const order = (f: Figure) => figureNames.indexOf(f.name as FigureName);
  figures.sort((a, b) => order(a) - order(b));
  const machine = machineInfo();
  const seconds = (Date.now() - started) / 1000;
  const misses = figures.filter((f) => !passes(f));
  if (args.json) {
    const out = {
      machine,
      quick: args.quick,
      durationSeconds: Math.round(seconds),
      allPass: misses.length === 0,
      figures: Object.fromEntries(
        figures.map((f) => [
          f.name,
          {
            value: f.value,
            unit: f.unit,
            target: f.target ? `${f.target.op} ${f.target.value}` : null,
            pass: passes(f),
            details: f.details,
            notes: f.notes,
          },
        ]),
      ),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = [
      `drip-coach bench${quickLabel}: ${machine.cpus} x ${machine.cpu}, ${machine.ramGb} GB RAM, Node ${machine.node}`,
      '',
      renderTable(figures),
      '',
      misses.length === 0
        ? `all ${figures.length} figures meet their targets (${Math.round(seconds)} s)`
        : `MISSED: ${misses.map((f) => f.name).join(', ')} (${Math.round(seconds)} s)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
