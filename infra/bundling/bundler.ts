import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
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

const lruCacheStandIn = fileURLToPath(new URL('./lru-cache.ts', import.meta.url));

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

/** Marker in the error an import of classic zod produces; tests look for it. */
export const classicZodGuardMarker = 'zod-mini-only';

/**
 * The functions validate with zod's functional "mini" API through
 * functions/core/zod.ts (about 30 KB bundled). Classic zod's chainable
 * schemas carry every method whether used or not, about 90 KB more per
 * bundle, so an import of it from our code fails the bundle, naming the fix.
 * (Code that never runs in Lambda, such as the local stack, may use it.)
 */
const classicZodGuard: esbuild.Plugin = {
  name: 'classic-zod-guard',
  setup(build) {
    build.onResolve({ filter: /^zod(\/v4|\/v3)?$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? undefined
        : {
            errors: [
              {
                text: `${classicZodGuardMarker}: "${args.path}" imported by ${path.relative(process.cwd(), args.importer)}; import * as z from functions/core/zod.ts`,
              },
            ],
          },
    );
  },
};

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
 * The DynamoDB client's endpoint-discovery cache keeps its entries in
 * mnemonist's LRU cache, which brings ~7 KB of typed-array and iterator code;
 * `lru-cache.ts` does the same with a Map (see there).
 */
const smallLruCache: esbuild.Plugin = {
  name: 'small-lru-cache',
  setup(build) {
    build.onResolve({ filter: /^mnemonist\/lru-cache$/ }, (args) =>
      /[\\/]@aws-sdk[\\/]endpoint-cache[\\/]/.test(args.importer)
        ? { path: lruCacheStandIn }
        : undefined,
    );
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

/**
 * `@aws-sdk/core/client` exports `createUserAgentStringParsingProvider`, a
 * browser-only user-agent builder that loads `bowser` (a browser user-agent
 * parser) with a dynamic `import()`. Nothing on Node calls it (the clients'
 * Node runtime config uses `util-user-agent-node`), but esbuild still emits the
 * import target as a chunk (~35 KB). The stand-in parses nothing, which is
 * also what bowser's result amounts to without a `window`.
 */
const noBrowserUserAgentParser: esbuild.Plugin = {
  name: 'no-browser-user-agent-parser',
  setup(build) {
    build.onResolve({ filter: /^bowser$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'no-bowser' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-bowser' }, () => ({
      contents: 'export const parse = () => ({});',
      loader: 'js',
    }));
  },
};

/**
 * Node-only stand-ins for AWS SDK fallbacks that never run in Lambda:
 *
 * - `Sha256Node` falls back to the pure-JavaScript `Sha256Js` when
 *   `node:crypto` cannot hash SHA-256, which never happens on Node;
 * - the region falls back to asking the EC2 instance metadata service when
 *   neither AWS_REGION nor a config file names one, and the "auto" defaults
 *   mode asks it when AWS_EXECUTION_ENV is unset; Lambda sets both variables.
 *
 * Each stand-in fails (or finds no region) the way the real code does when
 * its fallback cannot help. Only these importers get them: a direct import of,
 * say, `Sha256Js` still bundles the real one.
 */
const nodeOnlyFallbacks: esbuild.Plugin = {
  name: 'node-only-fallbacks',
  setup(build) {
    const noImdsRegion = 'export const getInstanceMetadataRegion = async () => undefined;';
    const smithy = '@smithy/core/dist-es/submodules';
    /** A relative import, the module (inside node_modules) that makes it, and the stand-in. */
    const fallbacks: { specifier: string; importer: string; contents: string }[] = [
      {
        specifier: './Sha256Js',
        importer: `${smithy}/checksum/sha256/Sha256Node.js`,
        contents: `export class Sha256Js { constructor() { throw new Error('SHA-256 needs node:crypto (see infra/bundling/bundler.ts)'); } }`,
      },
      {
        specifier: './getInstanceMetadataRegion',
        importer: `${smithy}/config/config-resolver/regionConfig/config.js`,
        contents: noImdsRegion,
      },
      {
        specifier: '../config-resolver/regionConfig/getInstanceMetadataRegion',
        importer: `${smithy}/config/defaults-mode/resolveDefaultsModeConfig.js`,
        contents: noImdsRegion,
      },
    ];
    const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const specifiers = new RegExp(
      `^(?:${fallbacks.map((f) => literally(f.specifier)).join('|')})$`,
    );
    build.onResolve({ filter: specifiers }, (args) => {
      const importer = args.importer.split(path.sep).join('/');
      const index = fallbacks.findIndex(
        (f) => f.specifier === args.path && importer.endsWith(`/node_modules/${f.importer}`),
      );
      return index < 0 ? undefined : { path: String(index), namespace: 'node-only-fallbacks' };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-only-fallbacks' }, (args) => ({
      contents: fallbacks[Number(args.path)]?.contents,
      loader: 'js',
    }));
  },
};

/**
 * Every AWS SDK client imports its whole `package.json` (~2 KB each) to read
 * `version` for the User-Agent header; this keeps only that field.
 */
const sdkPackageVersions: esbuild.Plugin = {
  name: 'sdk-package-versions',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, async (args) => {
      const { version } = JSON.parse(await readFile(args.path, 'utf8')) as { version: string };
      return { contents: JSON.stringify({ version }), loader: 'json' };
    });
  },
};

/** `const name = "string";` at the start of a line (a top-level declaration in generated code). */
const stringConstant = /^const ([A-Za-z_$][\w$]*) = ("(?:[^"\\\n]|\\.)*");$/gm;

/** A computed key in an object literal: `{ [name]:` or `, [name]:`. */
const computedKey = /([{,]\s*)\[([A-Za-z_$][\w$]*)\](\s*):/g;

/**
 * The source with every object key computed from a top-level string constant
 * (`{ [_h]: x }` after `const _h = "http";`) written as that string
 * (`{ "http": x }`), which means the same. Other computed keys stay: names
 * declared more than once (possibly shadowed), `let`/`var`, non-string values.
 */
export function inlineConstantKeys(source: string): string {
  const values = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(stringConstant)) {
    if (!name || !literal) continue;
    const declarations = source.match(
      new RegExp(`\\b(?:const|let|var|function|class)\\s+${name.replace(/\$/g, '\\$')}\\b`, 'g'),
    );
    if (declarations?.length === 1) values.set(name, literal);
  }
  if (values.size === 0) return source;
  return source.replace(computedKey, (key, before: string, name: string, space: string) => {
    const literal = values.get(name);
    return literal === undefined ? key : `${before}${literal}${space}:`;
  });
}

/**
 * Every AWS SDK v3 client describes its whole API in `dist-es/schemas/schemas_0.js`:
 * one exported array per shape and operation, such as
 * `export var SendEmail$ = [9, n0, _SE, { [_h]: ["POST", "/v2/email/outbound-emails", 200] }, ...]`
 * with `const _h = "http";` at the top. Only the operations a bundle sends are
 * reachable, but esbuild keeps every array whose literal has a computed key,
 * because evaluating `[_h]` could in general run code (a getter, `toString`).
 * Writing those keys as the string constants they name lets esbuild drop the
 * unused shapes: about 40 KB of the SES v2 client, more of S3's.
 */
const sdkSchemaKeys: esbuild.Plugin = {
  name: 'sdk-schema-keys',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-es[\\/]schemas[\\/][^\\/]+\.js$/ },
      async (args) => ({
        contents: inlineConstantKeys(await readFile(args.path, 'utf8')),
        loader: 'js',
      }),
    );
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
  return packedJsonModule(name, json);
}

/** A module exporting `name` as the value of `json`, stored brotli-compressed. */
function packedJsonModule(name: string, json: string): string {
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

/**
 * Returns a module exporting the same values as the module `exports` came
 * from, each stored brotli-compressed, or null unless every export is plain
 * JSON data (strings, numbers, booleans, null, arrays and plain objects).
 */
export function packDataExports(exports: Record<string, unknown>): string | null {
  const names = Object.keys(exports);
  if (names.length === 0 || names.includes('default')) return null;
  const modules: string[] = [];
  for (const name of names) {
    const json = JSON.stringify(exports[name]);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), exports[name])) return null;
    modules.push(packedJsonModule(name, json));
  }
  const importLine = "import { brotliDecompressSync } from 'node:zlib';\n";
  return importLine + modules.map((module) => module.replace(importLine, '')).join('');
}

/**
 * Dependency modules that are nothing but data tables, bundled
 * brotli-compressed like the templates (evaluated here, at build time).
 * postal-mime's table of the 2,231 HTML named character references is ~45 KB
 * minified and ~8 KB packed.
 */
const dependencyDataModules = [
  /[\\/]node_modules[\\/]postal-mime[\\/]dist[\\/]esm[\\/]html-entities\.js$/,
];

const compressDependencyData: esbuild.Plugin = {
  name: 'compress-dependency-data',
  setup(build) {
    for (const filter of dependencyDataModules) {
      build.onLoad({ filter }, async (args) => {
        const exports = (await import(pathToFileURL(args.path).href)) as Record<string, unknown>;
        const packed = packDataExports({ ...exports });
        return packed === null ? undefined : { contents: packed, loader: 'js' };
      });
    }
  },
};

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
    // first used, so rarely needed code costs nothing at cold start.
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
    // Non-ASCII text as UTF-8 (what Node reads .mjs files as), not \uXXXX escapes.
    charset: 'utf8',
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
      compressDependencyData,
      classicZodGuard,
      lambdaCredentials,
      smallLruCache,
      noLazyEventStreams,
      noBrowserUserAgentParser,
      nodeOnlyFallbacks,
      sdkSchemaKeys,
      sdkPackageVersions,
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
  const result = await esbuild.build({ ...bundleOptions(entry, outdir), ...overrides });
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
