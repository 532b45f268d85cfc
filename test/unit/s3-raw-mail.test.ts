import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  readCapped,
  S3RawMailStore,
  s3ClientConfig,
} from '../../functions/adapters/s3-raw-mail.ts';

describe('s3ClientConfig', () => {
  it('caches middleware stacks, as our other SDK clients do, and leaves AWS addressing to the SDK', () => {
    expect(s3ClientConfig({ AWS_REGION: 'eu-west-1' })).toEqual({ cacheMiddleware: true });
  });

  it('addresses objects path-style when the SDK will use a custom endpoint', () => {
    for (const env of [
      { AWS_ENDPOINT_URL_S3: 'http://localhost:4566' },
      { AWS_ENDPOINT_URL: 'http://localhost:4566' },
    ]) {
      expect(s3ClientConfig(env)).toEqual({ cacheMiddleware: true, forcePathStyle: true });
    }
    // The SDK ignores configured endpoints when told to, and so do we.
    expect(
      s3ClientConfig({
        AWS_ENDPOINT_URL_S3: 'http://localhost:4566',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
      }),
    ).toEqual({ cacheMiddleware: true });
    expect(s3ClientConfig({ AWS_ENDPOINT_URL_S3: '' })).toEqual({ cacheMiddleware: true });
  });
});

/** A body of `chunks` that records how many were pulled and whether it was closed early. */
function body(chunks: string[]) {
  const seen = { pulled: 0, closed: false };
  async function* generate() {
    try {
      for (const chunk of chunks) {
        seen.pulled += 1;
        yield Buffer.from(chunk);
      }
    } finally {
      seen.closed = seen.pulled < chunks.length;
    }
  }
  return { stream: generate(), seen };
}

describe('readCapped', () => {
  it('reads a body shorter than the cap whole', async () => {
    const { stream, seen } = body(['From: a', '@b.co']);
    expect((await readCapped(stream, 100)).toString()).toBe('From: a@b.co');
    expect(seen).toEqual({ pulled: 2, closed: false });
    expect(await readCapped(body([]).stream, 100)).toEqual(Buffer.alloc(0));
  });

  it('reads a body of exactly the cap to its end (the usual ranged answer)', async () => {
    const { stream, seen } = body(['01234', '56789']);
    expect((await readCapped(stream, 10)).toString()).toBe('0123456789');
    expect(seen).toEqual({ pulled: 2, closed: false });
  });

  it('keeps only the first maxBytes of a longer body, and stops reading it', async () => {
    const { stream, seen } = body(['0123', '4567', '89ab', 'cdef', 'ghij']);
    const read = await readCapped(stream, 6);
    expect(read.toString()).toBe('012345');
    expect(read.byteLength).toBe(6);
    // One chunk past the cap shows the body goes on; the rest is never pulled.
    expect(seen).toEqual({ pulled: 3, closed: true });
  });

  it('destroys a Node stream it stops reading', async () => {
    const stream = Readable.from(['x', 'y', 'z'].map((c) => Buffer.from(c.repeat(100))));
    expect((await readCapped(stream, 150)).toString()).toBe(`${'x'.repeat(100)}${'y'.repeat(50)}`);
    expect(stream.destroyed).toBe(true);
  });
});

/**
 * The store with an SDK client whose HTTP handler answers `response` without
 * any network, recording the requests the SDK built.
 */
function storeAnswering(response: { statusCode: number; body: string }) {
  const requests: { method: string; path: string; headers: Record<string, string> }[] = [];
  const rawMail = new S3RawMailStore('raw-bucket', {
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: (typeof requests)[number]) => {
        requests.push(request);
        return {
          response: {
            statusCode: response.statusCode,
            headers: { 'content-type': 'application/xml' },
            body: Readable.from([Buffer.from(response.body)]),
          },
        };
      },
    },
  });
  return { rawMail, requests };
}

describe('S3RawMailStore', () => {
  it('imports the S3 client only dynamically, so building the store loads none of it', async () => {
    const adapter = fileURLToPath(
      new URL('../../functions/adapters/s3-raw-mail.ts', import.meta.url),
    );
    const { metafile } = await esbuild.build({
      entryPoints: [adapter],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports);
    expect(imports.filter((i) => i.path.startsWith('@aws-sdk/'))).toEqual([
      { path: '@aws-sdk/client-s3', kind: 'dynamic-import', external: true },
    ]);
  });

  it('refuses a maxBytes that would make a malformed Range (S3 would send the whole object)', async () => {
    const { rawMail, requests } = storeAnswering({ statusCode: 200, body: '' });
    for (const maxBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(rawMail.get('inbound/m', maxBytes)).rejects.toThrow(RangeError);
    }
    expect(requests).toEqual([]);
  });

  it('reads an empty object as no bytes: S3 answers a range on it with 416 InvalidRange', async () => {
    const { rawMail, requests } = storeAnswering({
      statusCode: 416,
      body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>',
    });
    expect(await rawMail.get('inbound/empty', 1024)).toEqual(Buffer.alloc(0));
    expect(requests.map((r) => [r.method, r.path, r.headers.range])).toEqual([
      ['GET', '/inbound/empty', 'bytes=0-1023'],
    ]);
  });
});
