import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledCourses } from '../../functions/generated/templates.ts';
import {
  bundleFunction,
  compressDataModule,
  rewriteZodImports,
} from '../../infra/bundling/bundler.ts';
import { defaultProvider } from '../../infra/bundling/lambda-credential-provider.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'drip-coach-bundling-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rewriteZodImports', () => {
  it('turns a value import of z into a namespace import, keeping the other names', () => {
    expect(rewriteZodImports("import { z } from 'zod';\nz.object({});")).toBe(
      "import * as z from 'zod';\nz.object({});",
    );
    expect(rewriteZodImports('import { ZodError, z } from "zod";')).toBe(
      'import * as z from "zod"; import { ZodError } from "zod";',
    );
    expect(rewriteZodImports("import {\n  type ZodType,\n  z,\n} from 'zod';")).toBe(
      "import * as z from 'zod'; import { type ZodType } from 'zod';",
    );
  });

  it('leaves every other import alone', () => {
    for (const source of [
      "import { ZodError } from 'zod';",
      "import type { z } from 'zod';",
      "import { z } from 'zod/mini';",
      "import { z } from './zod.ts';",
    ]) {
      expect(rewriteZodImports(source)).toBe(source);
    }
  });
});

describe('compressDataModule', () => {
  it('packs the compiled templates into a module that exports the same value', async () => {
    const source = readFileSync(
      new URL('../../functions/generated/templates.ts', import.meta.url),
      'utf8',
    );
    const packed = compressDataModule(source);
    expect(packed).not.toBeNull();
    expect((packed as string).length).toBeLessThan(source.length / 5);
    const file = path.join(dir, 'templates.mjs');
    writeFileSync(file, packed as string);
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    expect(module.compiledCourses).toEqual(compiledCourses);
  });

  it('declines modules that are more than one exported JSON value', () => {
    expect(compressDataModule('export const a = {"x": 1};\nexport const b = 2;')).toBeNull();
    expect(compressDataModule('export const a = { x: f() };')).toBeNull();
    expect(compressDataModule("import { f } from './f.ts';\nexport const a = {};")).toBeNull();
  });
});

describe('bundleFunction', () => {
  it('puts dynamically imported code in a chunk that index.mjs loads on demand', async () => {
    const outdir = path.join(dir, 'lazy');
    const entry = new URL('./fixtures/lazy-import.ts', import.meta.url);
    const { files } = await bundleFunction(entry.pathname, outdir);
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
});

describe('the Lambda credential provider', () => {
  it('reads the credentials Lambda puts in the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    try {
      await expect(defaultProvider()()).resolves.toMatchObject({
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKey: 'secret',
        sessionToken: 'token',
      });
    } finally {
      process.env = saved;
    }
  });
});
