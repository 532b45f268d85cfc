import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledCourses } from '../../functions/generated/templates.ts';
import {
  bundleFunction,
  classicZodGuardMarker,
  compressDataModule,
  inlineConstantKeys,
  packDataExports,
} from '../../infra/bundling/bundler.ts';
import { defaultProvider } from '../../infra/bundling/lambda-credential-provider.ts';
import LRUCache from '../../infra/bundling/lru-cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'drip-coach-bundling-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inlineConstantKeys', () => {
  it('writes keys computed from top-level string constants as those strings', () => {
    const source = [
      'const _h = "http";',
      'const _hE = "httpError";',
      'export var SendEmail$ = [9, n0, _SE, { [_h]: ["POST", "/v2/email/outbound-emails", 200] }];',
      'export var Oops$ = [-3, n0, _O, { [_e]: _c, [_hE]: 400 }, [_m]];',
    ].join('\n');
    expect(inlineConstantKeys(source)).toBe(
      [
        'const _h = "http";',
        'const _hE = "httpError";',
        'export var SendEmail$ = [9, n0, _SE, { "http": ["POST", "/v2/email/outbound-emails", 200] }];',
        'export var Oops$ = [-3, n0, _O, { [_e]: _c, "httpError": 400 }, [_m]];',
      ].join('\n'),
    );
  });

  it('leaves every other computed key and bracket alone', () => {
    for (const source of [
      // not a constant
      'let _h = "http";\nconst x = { [_h]: 1 };',
      // not a string
      'const _n = 5;\nconst x = { [_n]: 1 };',
      // declared twice, so possibly shadowed where the key is
      'const _h = "http";\nfunction f(){ const _h = "other"; return { [_h]: 1 }; }',
      // a member access in a conditional, not a key
      'const _h = "http";\nconst x = y ? z[_h]: w;',
      // an unknown name
      'const _h = "http";\nconst x = { [other]: 1 };',
    ]) {
      expect(inlineConstantKeys(source)).toBe(source);
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

describe('packDataExports', () => {
  it("packs postal-mime's HTML entity table into a module that exports the same value", async () => {
    const require = createRequire(import.meta.url);
    const file = path.join(
      path.dirname(require.resolve('postal-mime/package.json')),
      'dist/esm/html-entities.js',
    );
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const packed = packDataExports({ ...exports });
    expect(packed).not.toBeNull();
    expect((packed as string).length).toBeLessThan(readFileSync(file, 'utf8').length / 3);
    const out = path.join(dir, 'html-entities.mjs');
    writeFileSync(out, packed as string);
    expect({ ...(await import(pathToFileURL(out).href)) }).toEqual({ ...exports });
  });

  it('declines modules that export anything but JSON data', () => {
    expect(packDataExports({ a: { x: 1 }, f: () => 1 })).toBeNull();
    expect(packDataExports({ when: new Date(0) })).toBeNull();
    expect(packDataExports({ default: { x: 1 } })).toBeNull();
    expect(packDataExports({})).toBeNull();
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

  it('refuses classic zod, naming the module to use instead', async () => {
    const entry = new URL('./fixtures/imports-classic-zod.ts', import.meta.url);
    await expect(bundleFunction(entry.pathname, path.join(dir, 'zod'))).rejects.toThrow(
      classicZodGuardMarker,
    );
  });

  it("keeps the SDK's SHA-256 working with its JavaScript fallback left out", async () => {
    const outdir = path.join(dir, 'hashes');
    const entry = new URL('./fixtures/sdk-hashes.ts', import.meta.url);
    const { metafile } = await bundleFunction(entry.pathname, outdir);
    const bundled = Object.values(metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input]) => input),
    );
    expect(bundled.filter((input) => input.includes('Sha256Js'))).toEqual([]);
    const module = (await import(pathToFileURL(path.join(outdir, 'index.mjs')).href)) as {
      handler: () => Promise<Record<string, string>>;
    };
    await expect(module.handler()).resolves.toEqual({
      sha256: createHash('sha256').update('drip-coach').digest('hex'),
      hmac: createHmac('sha256', 'key').update('drip-coach').digest('hex'),
    });
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

describe('the LRU cache stand-in', () => {
  it('answers every sequence of calls as mnemonist does', () => {
    const require = createRequire(import.meta.url);
    const Mnemonist = require('mnemonist/lru-cache') as new (capacity: number) => LRUCache<number>;
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const call = fc.oneof(
      fc.tuple(fc.constant('set' as const), key, fc.integer()),
      fc.tuple(fc.constantFrom('get' as const, 'peek' as const, 'has' as const), key),
      fc.tuple(fc.constant('clear' as const)),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(call, { maxLength: 60 }),
        (capacity, calls) => {
          const ours = new LRUCache<number>(capacity);
          const theirs = new Mnemonist(capacity);
          for (const [method, k, value] of calls) {
            const answer = (cache: LRUCache<number>): unknown => {
              if (method === 'clear') return cache.clear();
              if (method !== 'set') return cache[method](k as string);
              cache.set(k as string, value as number);
              return undefined;
            };
            expect(answer(ours)).toEqual(answer(theirs));
            expect(ours.size).toBe(theirs.size);
          }
        },
      ),
    );
    expect(() => new LRUCache(0)).toThrow(/capacity should be positive/);
  });
});
