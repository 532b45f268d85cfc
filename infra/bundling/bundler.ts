import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import * as esbuild from 'esbuild';

/** Name of the bundle Lambda loads (`index.handler` then means its `handler` export). */
export const bundleFileName = 'index.mjs';

/**
 * Banner prepended to every ESM bundle. Bundled CommonJS dependencies call
 * `require` for Node built-ins, which does not exist in an ES module scope;
 * esbuild's shim falls back to a global `require` when one is defined.
 */
const esmRequireBanner =
  "import{createRequire as __coachCreateRequire}from'node:module';const require=__coachCreateRequire(import.meta.url);";

/** Marker in the error a runtime import of MJML produces; tests look for it. */
export const mjmlGuardMarker = 'mjml-is-build-time-only';

const lambdaCredentialProvider = fileURLToPath(
  new URL('./lambda-credential-provider.ts', import.meta.url),
);

/**
 * MJML is compiled to HTML at build time (scripts/build-templates.ts). A
 * runtime import of it (or of its parts) fails the bundle, naming the fix,
 * instead of shipping megabytes or failing at cold start.
 */
const mjmlGuard: esbuild.Plugin = {
  name: 'mjml-guard',
  setup(build) {
    build.onResolve({ filter: /^mjml(-[a-z0-9-]+)?(\/.*)?$/ }, (args) => ({
      errors: [
        {
          text: `${mjmlGuardMarker}: "${args.path}" imported by ${path.relative(process.cwd(), args.importer)}; use functions/generated/templates.ts`,
        },
      ],
    }));
  },
};

/**
 * Rewrites `import { z } from 'zod'` in our own sources to
 * `import * as z from 'zod'`, which means the same thing (zod's index
 * re-exports every member of `z` by name). esbuild cannot see through the
 * `z` object zod exports and bundles all of it, every locale included
 * (~450 KB minified); through a namespace import it keeps only what is used.
 */
const zodNamespaceImports: esbuild.Plugin = {
  name: 'zod-namespace-imports',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: rewriteZodImports(source), loader: 'ts' };
    });
  },
};

const zodImport = /import\s*\{([^}]*)\}\s*from\s*(['"])zod\2\s*;?/g;

/** The source with every value import of `z` from 'zod' turned into a namespace import. */
export function rewriteZodImports(source: string): string {
  return source.replace(zodImport, (statement, names: string, quote: string) => {
    const specifiers = names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (!specifiers.includes('z')) return statement;
    const rest = specifiers.filter((name) => name !== 'z');
    const namespace = `import * as z from ${quote}zod${quote};`;
    return rest.length > 0
      ? `${namespace} import { ${rest.join(', ')} } from ${quote}zod${quote};`
      : namespace;
  });
}

/**
 * The AWS SDK's default credential chain (`@aws-sdk/credential-provider-node`)
 * brings SSO, STS, IMDS, INI-file and process providers with their own
 * clients (~100 KB). A Lambda function only ever gets its role's credentials
 * from environment variables, which the chain would try first anyway, so the
 * bundles use the environment provider alone.
 */
const lambdaCredentials: esbuild.Plugin = {
  name: 'lambda-credentials',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: lambdaCredentialProvider,
    }));
  },
};

/**
 * The AWS SDK loads its event-stream support with a dynamic `import()`, only
 * for operations that stream events (none of ours). esbuild would still inline
 * it (~20 KB); this stand-in fails loudly if an event-stream operation is ever
 * called. A static import of the module (a client that needs it up front)
 * still bundles the real one.
 */
const noLazyEventStreams: esbuild.Plugin = {
  name: 'no-lazy-event-streams',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? { path: args.path, namespace: 'no-event-streams' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-event-streams' }, () => ({
      contents: `const unavailable = () => { throw new Error('AWS SDK event streams are not bundled (see infra/bundling/bundler.ts)'); };
export class EventStreamSerde { constructor() { unavailable(); } }
export const eventStreamSerdeProvider = unavailable;`,
      loader: 'js',
    }));
  },
};

/** A generated module that only exports one JSON value, as scripts/build-templates.ts writes it. */
const dataModule =
  /^(?<preamble>(?:\s*(?:\/\/[^\n]*|import type [^;]+;))*)\s*export const (?<name>[A-Za-z_$][\w$]*)(?::[^=]+)? = (?<json>\{[\s\S]*\});\s*$/;

/**
 * Returns a module exporting the same value as `source`, with its JSON stored
 * brotli-compressed, or null when `source` is not a single-JSON-export module
 * (then it is bundled as it is). The compiled course templates are ~180 KB of
 * HTML with much repetition; compressed they are ~10 KB, unpacked once per
 * cold start in about a millisecond.
 */
export function compressDataModule(source: string): string | null {
  const match = dataModule.exec(source);
  const name = match?.groups?.name;
  const literal = match?.groups?.json;
  if (!name || !literal) return null;
  let json: string;
  try {
    json = JSON.stringify(JSON.parse(literal));
  } catch {
    return null;
  }
  const packed = brotliCompressSync(json, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  }).toString('base64');
  return `import { brotliDecompressSync } from 'node:zlib';
export const ${name} = JSON.parse(brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));
`;
}

const compressGeneratedData: esbuild.Plugin = {
  name: 'compress-generated-data',
  setup(build) {
    build.onLoad({ filter: /[\\/]functions[\\/]generated[\\/][^\\/]+\.ts$/ }, async (args) => {
      const compressed = compressDataModule(await readFile(args.path, 'utf8'));
      return compressed === null ? undefined : { contents: compressed, loader: 'js' };
    });
  },
};

/** esbuild options for one Lambda bundle: minified ESM for Node 22 with its AWS SDK inside. */
export function bundleOptions(entry: string, outdir: string): esbuild.BuildOptions {
  return {
    entryPoints: [entry],
    outdir,
    entryNames: bundleFileName.replace(/\.mjs$/, ''),
    outExtension: { '.js': '.mjs' },
    // Code behind a dynamic `import()` goes into its own chunk, loaded only when
    // first used: a rarely needed client (S3 for "delete everything", say) then
    // costs nothing at cold start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Prefer dependencies' ESM builds so tree-shaking works on them.
    mainFields: ['module', 'main'],
    banner: { js: esmRequireBanner },
    minify: true,
    // Maps carry file and line, not the sources: the bundle stays small and
    // stack traces (NODE_OPTIONS=--enable-source-maps) still point at our TypeScript.
    sourcemap: true,
    sourcesContent: false,
    // Bundle the AWS SDK v3 rather than use the runtime's copy, so the deployed
    // client versions are the ones in package-lock.json.
    external: [],
    metafile: true,
    logLevel: 'silent',
    // Order matters: the generated data is claimed before the general TypeScript loader.
    plugins: [
      mjmlGuard,
      compressGeneratedData,
      zodNamespaceImports,
      lambdaCredentials,
      noLazyEventStreams,
    ],
  };
}

/** One file esbuild wrote. */
export interface BundledFile {
  name: string;
  bytes: number;
}

/** What {@link bundleFunction} produced. */
export interface BundleResult {
  files: BundledFile[];
  metafile: esbuild.Metafile;
}

/** Bundles `entry` into `outdir`: `index.mjs`, lazily loaded chunks, and their source maps. */
export async function bundleFunction(entry: string, outdir: string): Promise<BundleResult> {
  const result = await esbuild.build(bundleOptions(entry, outdir));
  const metafile = result.metafile as esbuild.Metafile;
  const files = Object.entries(metafile.outputs).map(([file, output]) => ({
    name: path.relative(outdir, path.resolve(file)),
    bytes: output.bytes,
  }));
  return { files, metafile };
}

/** Bytes a bundle spends on one package (or one of our folders). */
export interface BundleShare {
  /** npm package name, or the first two path segments of our own sources. */
  name: string;
  bytes: number;
}

/**
 * What dominates one output file (by default `index.mjs`, what Lambda loads at
 * cold start), largest first: the analysis behind the size budget.
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
