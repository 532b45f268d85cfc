import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
// s3rver: a local S3 twin (path-style, XML errors, ranged reads), CommonJS without types.
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createS3RawMailStore,
  S3RawMailStore,
  s3ClientConfig,
} from '../../functions/adapters/s3-raw-mail.ts';

const bucket = 'raw-replies';
// s3rver's built-in account: it checks the access key id of every request.
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let directory: string;
let endpoint: string;
let sdk: S3Client;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'drip-s3-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  // A host name, not an IP: the SDK would address `raw-replies.localhost` without path-style.
  endpoint = `http://localhost:${port}`;
  sdk = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
});

afterAll(async () => {
  sdk?.destroy();
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

/** The environment a Lambda function gets, with the endpoint pointing at s3rver. */
function stubAwsEnv(keys = credentials) {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
  vi.stubEnv('AWS_ACCESS_KEY_ID', keys.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', keys.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
}

beforeEach(() => stubAwsEnv());
afterEach(() => vi.unstubAllEnvs());

/** Stores an object through the AWS SDK's own S3 client, as the SES receipt rule would. */
async function put(key: string, body: string) {
  await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

describe('raw replies in S3 (against s3rver, written by the SDK S3 client)', () => {
  it('reads what the SDK stored, under a key with characters that need encoding', async () => {
    const key = 'inbound/0100018c+abc=def (1)';
    await put(key, 'From: ann@example.com\r\n\r\nhello');
    expect((await createS3RawMailStore(bucket).get(key, 1024))?.toString()).toBe(
      'From: ann@example.com\r\n\r\nhello',
    );
  });

  it('asks S3 for the first maxBytes only, and returns no more', async () => {
    const message = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join('');
    await put('inbound/large', message);
    // The SDK logs each command's input and output: what was asked for and what S3 sent.
    const logged: { input?: { Range?: string }; output?: { ContentLength?: number } }[] = [];
    const logger = {
      debug: () => {},
      info: (entry: (typeof logged)[number]) => logged.push(entry),
      warn: () => {},
      error: () => {},
    };
    const raw = new S3RawMailStore(bucket, { ...s3ClientConfig(), logger });
    expect((await raw.get('inbound/large', 100))?.toString()).toBe(message.slice(0, 100));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.input?.Range).toBe('bytes=0-99');
    expect(logged[0]?.output?.ContentLength).toBe(100);
    // As the inbound function reads: one byte past the limit tells an oversized message.
    expect((await raw.get('inbound/large', message.length + 1))?.toString()).toBe(message);
    expect((await raw.get('inbound/large', message.length))?.length).toBe(message.length);
  });

  it('answers null for a missing object, and deletes idempotently', async () => {
    const raw = createS3RawMailStore(bucket);
    expect(await raw.get('inbound/never-stored', 1024)).toBeNull();
    await put('inbound/to-delete', 'bye');
    await raw.delete('inbound/to-delete');
    expect(await raw.get('inbound/to-delete', 1024)).toBeNull();
    await expect(raw.delete('inbound/to-delete')).resolves.toBeUndefined();
    await expect(raw.delete('inbound/never-stored')).resolves.toBeUndefined();
  });

  it("throws S3's error for credentials S3 does not know, on get and delete", async () => {
    await put('inbound/kept', 'From: ann@example.com');
    stubAwsEnv({ accessKeyId: 'NOBODY', secretAccessKey: 'x' });
    const raw = createS3RawMailStore(bucket);
    for (const call of [() => raw.get('inbound/kept', 100), () => raw.delete('inbound/kept')]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(S3ServiceException);
      expect(error).toMatchObject({
        name: 'InvalidAccessKeyId',
        $metadata: { httpStatusCode: 403 },
      });
    }
    // Nothing was deleted.
    stubAwsEnv();
    expect(await createS3RawMailStore(bucket).get('inbound/kept', 4)).toEqual(Buffer.from('From'));
  });
});
