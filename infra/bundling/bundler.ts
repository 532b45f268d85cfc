import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** Name of the bundle Lambda loads (`index.handler` then means its `handler` export). */
export const bundleFileName = 'index.mjs';

/** The repository root: bundles resolve `node_modules` from here, and metafile paths are relative to it. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Banner prepended to every ESM bundle. Bundled CommonJS dependencies call
 * `require` for Node built-ins, which does not exist in an ES module scope;
 * esbuild's shim falls back to a global `require` when one is defined.
 */
const esmRequireBanner =
  "import{createRequire as __coachCreateRequire}from'node:module';const require=__coachCreateRequire(import.meta.url);";

/**
 * esbuild options for one Lambda bundle, all of them stock: minified,
 * tree-shaken ESM for Node 22 with external source maps and the AWS SDK v3
 * inside, so the deployed client versions are the ones in package-lock.json.
 */
export function bundleOptions(entry: string, outdir: string) {
  return {
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    outdir,
    entryNames: bundleFileName.replace(/\.mjs$/, ''),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Prefer dependencies' ESM builds, which tree-shake and split.
    mainFields: ['module', 'main'],
    // Code behind a dynamic `import()` (the SDK's rarely used credential
    // providers, for one) goes into chunks loaded only when first used.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: esmRequireBanner },
    minify: true,
    treeShaking: true,
    // Non-ASCII text as UTF-8 (what Node reads .mjs files as), not \uXXXX escapes.
    charset: 'utf8',
    // Maps carry file and line, not the sources; the functions run with
    // --enable-source-maps, so stack traces point at our TypeScript.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  } satisfies esbuild.BuildOptions;
}

/** One file esbuild wrote. */
export interface BundledFile {
  name: string;
  bytes: number;
}

/** What a bundle build produced: its files, and esbuild's metafile (what went into each). */
export interface BundleResult {
  files: BundledFile[];
  metafile: esbuild.Metafile;
}

function bundleResult(metafile: esbuild.Metafile, outdir: string): BundleResult {
  const files = Object.entries(metafile.outputs).map(([file, output]) => ({
    name: path.relative(outdir, path.resolve(projectRoot, file)).split(path.sep).join('/'),
    bytes: output.bytes,
  }));
  return { files, metafile };
}

/**
 * Bundles `entry` into `outdir`: `index.mjs`, lazily loaded chunks, and their
 * source maps. `overrides` change the options for comparisons only (the bench
 * builds a variant that leaves the AWS SDK out); the stack uses none.
 */
export async function bundleFunction(
  entry: string,
  outdir: string,
  overrides: Pick<esbuild.BuildOptions, 'external'> = {},
): Promise<BundleResult> {
  const { metafile } = await esbuild.build({ ...bundleOptions(entry, outdir), ...overrides });
  return bundleResult(metafile, outdir);
}

/** {@link bundleFunction} for CDK's local bundling hook, which is synchronous. */
export function bundleFunctionSync(entry: string, outdir: string): BundleResult {
  return bundleResult(esbuild.buildSync(bundleOptions(entry, outdir)).metafile, outdir);
}

/**
 * The output files a cold start loads: `index.mjs` and every chunk it imports
 * statically, directly or not. Dynamically imported chunks load on first use.
 */
export function filesLoadedAtImport(metafile: esbuild.Metafile): string[] {
  const index = Object.keys(metafile.outputs).find((f) => path.basename(f) === bundleFileName);
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && imported.path in metafile.outputs) {
        visit(imported.path);
      }
    }
  };
  if (index) visit(index);
  return [...loaded];
}

const mjmlModule = /(^|\/)node_modules\/mjml(-[^/]+)?\//;
const classicZodModule = /(^|\/)node_modules\/zod\/(index\.js$|v4\/index\.js$|v4\/classic\/|v3\/)/;

/**
 * What must never be in a function bundle, found in its metafile, one line
 * each (none when the bundle is fine):
 *
 * - any module of an `mjml` or `mjml-*` package: MJML is compiled to HTML at
 *   build time (scripts/build-templates.ts), and at run time it would only
 *   add megabytes;
 * - classic zod imported by our code: the functions validate with zod's
 *   "mini" API through functions/core/zod.ts, so that one zod serves them all
 *   (classic zod would add about 90 KB beside it).
 */
export function forbiddenInputs(metafile: esbuild.Metafile): string[] {
  const found: string[] = [];
  const inputs = Object.keys(metafile.inputs);
  const mjml = inputs.filter((input) => mjmlModule.test(input));
  if (mjml.length > 0) {
    found.push(
      `MJML is build-time only, but ${mjml.length} of its modules are in the bundle (${mjml.slice(0, 3).join(', ')}); use functions/generated/templates.ts`,
    );
  }
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (input.includes('node_modules/')) continue;
    for (const imported of imports) {
      if (classicZodModule.test(imported.path)) {
        found.push(
          `${input} imports classic zod ("${imported.original ?? imported.path}"); import * as z from functions/core/zod.ts`,
        );
      }
    }
  }
  return found;
}

/** Bytes a bundle spends on one package (or one of our folders). */
export interface BundleShare {
  /** npm package name, or the first two path segments of our own sources. */
  name: string;
  bytes: number;
}

/**
 * What dominates one output file (by default `index.mjs`, what Lambda loads at
 * cold start), largest first.
 */
export function bundleShares(
  metafile: esbuild.Metafile,
  outputName: string = bundleFileName,
): BundleShare[] {
  const shares = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (path.basename(file) !== path.basename(outputName)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const name = pkg ?? input.split('/').slice(0, 2).join('/');
      shares.set(name, (shares.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...shares].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
