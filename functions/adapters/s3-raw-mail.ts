import { Readable } from 'node:stream';
import type { GetObjectCommandOutput, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { RawMailStore } from '../ports/raw-mail.ts';

/**
 * The S3 client's settings: `cacheMiddleware` as for our other SDK clients
 * (see sdk-clients.ts), and path-style addressing when a custom endpoint (an
 * emulator) is configured the way the SDK reads it, since `bucket.localhost`
 * does not resolve. Endpoint, region and credentials are left to the SDK.
 */
export function s3ClientConfig(env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  const customEndpoint =
    env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true' &&
    Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  return { cacheMiddleware: true, ...(customEndpoint ? { forcePathStyle: true } : {}) };
}

/**
 * The first `maxBytes` bytes of `body`. Stops reading once it has them (leaving
 * the loop destroys the stream), so no more than `maxBytes` are ever kept.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    // Checked before taking a chunk, so a body of exactly maxBytes is read to its end.
    if (total >= maxBytes) break;
    const part = chunk.subarray(0, maxBytes - total);
    chunks.push(part);
    total += part.byteLength;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Raw replies as the SES receipt rule's S3 action stored them, read and
 * deleted with `@aws-sdk/client-s3`. The SDK module is imported on first use
 * and its client created once: the web function builds this store but only
 * touches raw mail on a "Delete everything", so it never loads S3 at cold start.
 */
export class S3RawMailStore implements RawMailStore {
  private loaded: Promise<{ s3: typeof import('@aws-sdk/client-s3'); client: S3Client }> | null =
    null;

  /** `config` overrides the client's settings ({@link s3ClientConfig} of the environment). */
  constructor(
    private readonly bucket: string,
    private readonly config: S3ClientConfig = s3ClientConfig(),
  ) {}

  /** The SDK module and the one client, loaded and created on the first call. */
  private s3() {
    this.loaded ??= import('@aws-sdk/client-s3').then(
      (s3) => ({ s3, client: new s3.S3Client(this.config) }),
      (error: unknown) => {
        this.loaded = null; // a failed load is tried again on the next call
        throw error;
      },
    );
    return this.loaded;
  }

  async get(key: string, maxBytes: number): Promise<Buffer | null> {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
      // S3 ignores a malformed Range and sends the whole object.
      throw new RangeError(`maxBytes must be a positive integer, not ${maxBytes}`);
    }
    const { s3, client } = await this.s3();
    let response: GetObjectCommandOutput;
    try {
      // A range read: an oversized message costs no more than the limit to reject.
      const range = `bytes=0-${maxBytes - 1}`;
      response = await client.send(
        new s3.GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range }),
      );
    } catch (error) {
      const name = error instanceof Error ? error.name : undefined;
      if (name === 'NoSuchKey') return null;
      // S3 answers a range on an empty object with 416 InvalidRange.
      if (name === 'InvalidRange') return Buffer.alloc(0);
      throw error;
    }
    const body = response.Body;
    if (!(body instanceof Readable)) throw new TypeError(`GetObject ${key}: no Node.js stream`);
    // Capped here too, in case the Range is not honoured.
    return readCapped(body, maxBytes);
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.s3();
    // S3 answers 204 for a key that is already gone.
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

/** The store on `bucket`; cheap: nothing of S3 is loaded until the first get or delete. */
export function createS3RawMailStore(bucket: string): S3RawMailStore {
  return new S3RawMailStore(bucket);
}
