import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleFileName,
  bundleFunction,
  bundleShares,
  filesLoadedAtImport,
  forbiddenInputs,
} from '../infra/bundling/bundler.ts';
import { runBundleChild } from './bundle-child.ts';
import { benchSettings } from './deps.ts';
import { localAwsEnv } from './emulators.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';

/** The Lambda entries the stack deploys (infra/coach-stack.ts `handlerEntry`). */
export const functionNames = ['web', 'tick', 'inbound', 'ses-events'] as const;
/** One of {@link functionNames}, or the SDK-only baseline. */
export type BundleName = (typeof functionNames)[number] | 'sdk-only';

/** One built bundle. */
export interface BuiltBundle {
  name: BundleName;
  /** The file Lambda loads. */
  indexFile: string;
  /** Bytes of every emitted .mjs file (index and lazy chunks; maps excluded). */
  mjsBytes: number;
  indexBytes: number;
  /** Bytes a cold start loads: index.mjs and the chunks it imports statically (lazy chunks aside). */
  loadedBytes: number;
  /** What `forbiddenInputs` found in the metafile (MJML, classic zod): must be nothing. */
  forbidden: string[];
  /** What dominates index.mjs: the largest packages (or our folders), largest first. */
  topShares: string[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

function entryOf(name: BundleName): string {
  return name === 'sdk-only'
    ? fileURLToPath(new URL('./sdk-only-entry.ts', import.meta.url))
    : path.join(root, 'functions', 'handlers', `${name}.ts`);
}

/**
 * How a bundle gets the AWS SDK: inside it, as the stack deploys it, or from
 * the Lambda runtime's own copy (the CDK `NodejsFunction` default), built only
 * to compare sizes and load times.
 */
export type SdkSource = 'bundled' | 'runtime';

/** What a bundle built with {@link SdkSource} `runtime` leaves out. */
const runtimeSdkModules = ['@aws-sdk/*', '@smithy/*', '@aws/*'];

/** Bundles built once per run into temporary folders, removed by `cleanup`. */
export interface BundleSet {
  get(name: BundleName, sdk?: SdkSource): Promise<BuiltBundle>;
  cleanup(): void;
}

/**
 * Builds bundles on demand exactly as the CDK does (`bundleFunction` from
 * infra/bundling, the same esbuild options), each at most once.
 */
export function bundleSet(): BundleSet {
  const outRoot = mkdtempSync(path.join(tmpdir(), 'drip-bench-bundles-'));
  // A bundle that imports the SDK must sit where Node finds this checkout's node_modules.
  const cache = path.join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const runtimeSdkRoot = mkdtempSync(path.join(cache, 'drip-bench-bundles-'));
  const built = new Map<string, Promise<BuiltBundle>>();
  const build = async (name: BundleName, sdk: SdkSource): Promise<BuiltBundle> => {
    const outdir = path.join(sdk === 'bundled' ? outRoot : runtimeSdkRoot, name);
    const { files, metafile } = await bundleFunction(
      entryOf(name),
      outdir,
      sdk === 'bundled' ? {} : { external: runtimeSdkModules },
    );
    const mjs = files.filter((f) => f.name.endsWith('.mjs'));
    return {
      name,
      indexFile: path.join(outdir, bundleFileName),
      mjsBytes: mjs.reduce((sum, f) => sum + f.bytes, 0),
      indexBytes: files.find((f) => f.name === bundleFileName)?.bytes ?? 0,
      loadedBytes: filesLoadedAtImport(metafile).reduce(
        (sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0),
        0,
      ),
      forbidden: forbiddenInputs(metafile),
      topShares: bundleShares(metafile)
        .slice(0, 3)
        .map((share) => `${share.name} ${(share.bytes / 1024).toFixed(0)} KB`),
    };
  };
  return {
    get: (name, sdk = 'bundled') => {
      const key = `${sdk}:${name}`;
      let pending = built.get(key);
      if (!pending) {
        pending = build(name, sdk);
        built.set(key, pending);
      }
      return pending;
    },
    cleanup: () => {
      for (const dir of [outRoot, runtimeSdkRoot]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The web function's own limit (issue 17) on what a cold start loads; the others are held to the figure's target. */
const webBudgetKb = 500;

/** Largest function bundle (sum of its .mjs files), with each function's sizes beside it. */
export async function measureBundleSizes(bundles: BundleSet): Promise<Figure> {
  progress('bundles: building each function as the CDK does');
  const details: Record<string, string> = {};
  const notes: string[] = [];
  let largest = 0;
  let largestName = '';
  for (const name of functionNames) {
    const bundle = await bundles.get(name);
    const kb = bundle.mjsBytes / 1024;
    details[name] =
      `${kb.toFixed(1)} KB total .mjs, ${(bundle.loadedBytes / 1024).toFixed(1)} KB loaded at import (index.mjs ${(bundle.indexBytes / 1024).toFixed(1)} KB)`;
    for (const problem of bundle.forbidden) notes.push(`FORBIDDEN in ${name}: ${problem}`);
    if (name === 'web') {
      // What a person waits for is what a cold start loads; the lazy chunks (the SES mailer,
      // the S3 client for erasure, SSM for the keys, rarer credential providers) load on use.
      const loadedKb = bundle.loadedBytes / 1024;
      notes.push(
        loadedKb > webBudgetKb
          ? `web loads ${loadedKb.toFixed(0)} KB at a cold start, over its ${webBudgetKb} KB limit (issue 17) by ${(loadedKb - webBudgetKb).toFixed(0)} KB`
          : `web loads ${loadedKb.toFixed(0)} KB at a cold start, within its ${webBudgetKb} KB limit (issue 17); its lazy chunks bring its files to ${kb.toFixed(0)} KB`,
      );
    }
    if (kb > largest) {
      largest = kb;
      largestName = name;
    }
  }
  const runtimeSizes: string[] = [];
  for (const name of functionNames) {
    runtimeSizes.push(
      `${name} ${((await bundles.get(name, 'runtime')).mjsBytes / 1024).toFixed(0)} KB`,
    );
  }
  details['with the SDK left to the Lambda runtime (not deployed)'] = runtimeSizes.join(', ');
  if (!notes.some((n) => n.startsWith('FORBIDDEN'))) {
    notes.push('no mjml module and no classic zod in any metafile');
  }
  notes.push(
    `largest: ${largestName}; bundle_kb = every emitted .mjs file (index and lazy chunks), source maps excluded`,
  );
  if (largestName) {
    const top = (await bundles.get(largestName as BundleName)).topShares.join(', ');
    notes.push(`what dominates ${largestName}'s index.mjs: ${top}`);
  }
  return {
    name: 'bundle_kb',
    // A bundle with MJML (or classic zod) inside fails its budget whatever its size.
    value: notes.some((n) => n.startsWith('FORBIDDEN')) ? Number.POSITIVE_INFINITY : largest,
    unit: 'KB',
    // Issue 17: the web function loads under 500 KB at a cold start (noted above), every bundle stays under 1.5 MB.
    target: { op: '<=', value: 1536 },
    details,
    notes,
  };
}

// Times one cold module load in a fresh process: from just before import() to its resolution.
const importTimer = `
const started = performance.now();
await import(process.env.BENCH_BUNDLE_URL);
process.stdout.write('BENCH_INIT_MS ' + (performance.now() - started) + '\\n');
`;

async function timeImport(indexFile: string): Promise<number> {
  const { code, stdout, stderr } = await runBundleChild(importTimer, indexFile, {
    ...benchSettings('drip-coach-bench'),
    ...localAwsEnv,
    RAW_MAIL_BUCKET: 'drip-coach-bench-raw',
    // Nothing listens here: importing a handler must not call AWS.
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
  });
  const match = /BENCH_INIT_MS ([\d.]+)/.exec(stdout);
  if (code !== 0 || !match?.[1])
    throw new Error(`importing a bundle failed: ${stderr.slice(-1500)}`);
  return Number(match[1]);
}

function kb(bundle: BuiltBundle): string {
  return `${(bundle.loadedBytes / 1024).toFixed(0)} KB`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Module load time of each function's bundle against a bundle built with the
 * same options from an entry that only constructs a DynamoDBClient: the
 * largest median ratio. Runs are interleaved so drift in machine load hits
 * every bundle alike.
 */
export async function measureInit(bundles: BundleSet, runs = 9): Promise<Figure> {
  const names: BundleName[] = ['sdk-only', ...functionNames];
  const variants = names.flatMap((name) =>
    (['bundled', 'runtime'] as const).map((sdk) => ({ name, sdk, key: `${sdk}:${name}` })),
  );
  const files = new Map<string, string>();
  for (const v of variants) files.set(v.key, (await bundles.get(v.name, v.sdk)).indexFile);
  progress(`init: ${runs} cold imports of each bundle, interleaved`);
  const times = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  // One warm-up round: the first spawn pays for the file system cache.
  for (const v of variants) await timeImport(files.get(v.key) as string);
  for (let run = 0; run < runs; run++) {
    for (const v of variants) times.get(v.key)?.push(await timeImport(files.get(v.key) as string));
  }
  const medianOf = (name: BundleName, sdk: SdkSource = 'bundled') =>
    median(times.get(`${sdk}:${name}`) ?? []);
  const baseline = medianOf('sdk-only');
  const details: Record<string, string> = {
    'sdk-only (DynamoDBClient)': `${baseline.toFixed(1)} ms median (${kb(await bundles.get('sdk-only'))} loaded)`,
  };
  let worst = 0;
  let worstName = '';
  for (const name of functionNames) {
    const m = medianOf(name);
    const ratio = m / baseline;
    details[name] =
      `${m.toFixed(1)} ms median, ${ratio.toFixed(2)}x (${kb(await bundles.get(name))} loaded)`;
    if (ratio > worst) {
      worst = ratio;
      worstName = name;
    }
  }
  const runtimeBaseline = medianOf('sdk-only', 'runtime');
  const worstRuntime = worstName ? medianOf(worstName as BundleName, 'runtime') : Number.NaN;
  details['with the SDK left to the Lambda runtime (not deployed)'] =
    `${worstName} ${worstRuntime.toFixed(1)} ms, ${(worstRuntime / runtimeBaseline).toFixed(2)}x its sdk-only (${runtimeBaseline.toFixed(1)} ms), ${(worstRuntime / medianOf(worstName as BundleName)).toFixed(2)}x the deployed bundle`;
  return {
    name: 'init_ratio_vs_sdk_only',
    value: worst,
    unit: 'x',
    // Reported without a target: the SDK clients stay by design (issue 17).
    target: null,
    details,
    notes: [
      `largest: ${worstName}; median of ${runs} fresh node processes each, time from before import() to resolved (includes reading config and keys, no network)`,
    ],
  };
}
