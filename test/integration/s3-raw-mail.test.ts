import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
// s3rver: a local S3 twin (path-style, XML errors, ranged reads), CommonJS without types.
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Error, S3Objects, S3RawMailStore } from '../../functions/adapters/s3-raw-mail.ts';

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
  endpoint = `http://127.0.0.1:${port}`;
  sdk = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
});

afterAll(async () => {
  sdk?.destroy();
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

function rawMail(keys = credentials) {
  const objects = new S3Objects({ region: 'us-east-1', credentials: async () => keys, endpoint });
  return new S3RawMailStore(objects, bucket);
}

/** Stores an object through the AWS SDK's own S3 client, as the SES receipt rule would. */
async function put(key: string, body: string) {
  await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

describe('raw replies in S3 (against s3rver, written by the SDK S3 client)', () => {
  it('reads what the SDK stored, under a key with characters that need encoding', async () => {
    const key = 'inbound/0100018c+abc=def (1)';
    await put(key, 'From: ann@example.com\r\n\r\nhello');
    expect((await rawMail().get(key, 1024))?.toString()).toBe('From: ann@example.com\r\n\r\nhello');
  });

  it('reads no more than maxBytes of a large message', async () => {
    await put('inbound/large', 'x'.repeat(10_000));
    expect((await rawMail().get('inbound/large', 100))?.length).toBe(100);
  });

  it('answers null for a missing object, and deletes an object for good', async () => {
    expect(await rawMail().get('inbound/never-stored', 1024)).toBeNull();
    await put('inbound/to-delete', 'bye');
    await rawMail().delete('inbound/to-delete');
    expect(await rawMail().get('inbound/to-delete', 1024)).toBeNull();
  });

  it("throws S3's error, with its code, for credentials S3 does not know", async () => {
    const error = await rawMail({ accessKeyId: 'NOBODY', secretAccessKey: 'x' })
      .get('inbound/large', 100)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).name).toBe('InvalidAccessKeyId');
    expect((error as S3Error).status).toBe(403);
  });
});
