import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleFileName,
  bundleFunction,
  filesLoadedAtImport,
  forbiddenInputs,
  projectRoot,
} from '../../infra/bundling/bundler.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'drip-coach-bundling-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The Lambda entries the stack deploys (infra/coach-stack.ts `handlerEntry`). */
const handlers = ['web', 'tick', 'inbound', 'ses-events'] as const;

const mjmlInputs = (metafile: Metafile) =>
  Object.keys(metafile.inputs).filter((input) => /(^|\/)node_modules\/mjml(-[^/]+)?\//.test(input));

describe('each function bundle, as the stack builds it', () => {
  const metafiles = new Map<string, Metafile>();
  beforeAll(async () => {
    for (const name of handlers) {
      const entry = path.join(projectRoot, 'functions', 'handlers', `${name}.ts`);
      const { files, metafile } = await bundleFunction(entry, path.join(dir, name));
      expect(files.map((f) => f.name)).toContain(bundleFileName);
      expect(files.map((f) => f.name)).toContain(`${bundleFileName}.map`);
      metafiles.set(name, metafile);
    }
  }, 120_000);

  it.each(handlers)('%s holds no module of mjml or any mjml-* package', (name) => {
    const metafile = metafiles.get(name) as Metafile;
    expect(mjmlInputs(metafile)).toEqual([]);
    expect(forbiddenInputs(metafile)).toEqual([]);
  });

  it.each(handlers)('%s holds no classic zod, only zod mini', (name) => {
    const metafile = metafiles.get(name) as Metafile;
    const classic = Object.keys(metafile.inputs).filter((input) =>
      /node_modules\/zod\/(v4\/classic|v3)\//.test(input),
    );
    expect(classic).toEqual([]);
    expect(Object.keys(metafile.inputs)).toContain('node_modules/zod/v4/mini/external.js');
  });

  it('web loads no SES client and no reader at a cold start, under 500 KB in all', () => {
    // Prepare: the files index.mjs imports statically, directly or not
    const metafile = metafiles.get('web') as Metafile;
    const loaded = filesLoadedAtImport(metafile);
    // Act
    const inputs = loaded.flatMap((file) => Object.keys(metafile.outputs[file]?.inputs ?? {}));
    const bytes = loaded.reduce((sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0), 0);
    // Assess: the mailer is a lazy chunk, and the whole stays inside issue 17's limit
    expect(inputs.filter((input) => input.includes('@aws-sdk/client-sesv2'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('functions/core/reading/'))).toEqual([]);
    expect(Object.keys(metafile.inputs).some((i) => i.includes('@aws-sdk/client-sesv2'))).toBe(
      true,
    );
    expect(bytes).toBeLessThan(500 * 1024);
  });

  it.each(handlers)('%s is built from the files on disk, nothing stood in for', (name) => {
    const metafile = metafiles.get(name) as Metafile;
    const virtual = Object.keys(metafile.inputs).filter(
      (input) => !existsSync(path.join(projectRoot, input)),
    );
    expect(virtual).toEqual([]);
  });
});

describe('the metafile checks catch a violation', () => {
  it('a handler that imports mjml has mjml in its metafile, and the check names it', async () => {
    const { metafile } = await bundleFunction(fixture('imports-mjml.ts'), path.join(dir, 'mjml'));
    expect(mjmlInputs(metafile)).toContain('node_modules/mjml/lib/index.js');
    expect(mjmlInputs(metafile).some((i) => i.includes('node_modules/mjml-core/'))).toBe(true);
    expect(forbiddenInputs(metafile)).toEqual([
      expect.stringMatching(/^MJML is build-time only, but \d+ of its modules are in the bundle/),
    ]);
  }, 60_000);

  it('a handler that imports classic zod is named, with the module to use instead', async () => {
    const { metafile } = await bundleFunction(
      fixture('imports-classic-zod.ts'),
      path.join(dir, 'zod'),
    );
    expect(forbiddenInputs(metafile)).toEqual([
      'test/infra/fixtures/imports-classic-zod.ts imports classic zod ("zod"); import * as z from functions/core/zod.ts',
    ]);
  });
});

describe('bundleFunction', () => {
  it('puts dynamically imported code in a chunk that index.mjs loads on demand', async () => {
    const outdir = path.join(dir, 'lazy');
    const { files } = await bundleFunction(fixture('lazy-import.ts'), outdir);
    const code = files.filter((f) => f.name.endsWith('.mjs')).map((f) => f.name);
    expect(code).toContain('index.mjs');
    const chunk = code.find((name) => name.startsWith('chunks/'));
    expect(chunk).toBeDefined();
    expect(readFileSync(path.join(outdir, chunk as string), 'utf8')).toContain('loaded on demand');
    expect(readFileSync(path.join(outdir, 'index.mjs'), 'utf8')).not.toContain('loaded on demand');
    const module = (await import(pathToFileURL(path.join(outdir, 'index.mjs')).href)) as {
      handler: () => Promise<string>;
    };
    await expect(module.handler()).resolves.toBe('loaded on demand');
  });

  it('writes an external source map with file and line but not the sources', async () => {
    const outdir = path.join(dir, 'maps');
    await bundleFunction(fixture('lazy-import.ts'), outdir);
    const code = readFileSync(path.join(outdir, 'index.mjs'), 'utf8');
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    const map = JSON.parse(readFileSync(path.join(outdir, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((s) => s.endsWith('test/infra/fixtures/lazy-import.ts'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });
});
