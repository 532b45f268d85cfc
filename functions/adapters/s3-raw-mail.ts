import { createHash, createHmac } from 'node:crypto';
import { partition } from '@aws-sdk/core/client';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider, Checksum, SourceData } from '@smithy/types';
import type { RawMailStore } from '../ports/ports.ts';

/** SHA-256 and HMAC-SHA256 from node:crypto, as the request signer wants them. */
class Sha256 implements Checksum {
  private hash;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
  private create() {
    const secret = this.secret;
    if (secret === undefined) return createHash('sha256');
    if (typeof secret === 'string') return createHmac('sha256', secret);
    const bytes = ArrayBuffer.isView(secret)
      ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
      : Buffer.from(secret);
    return createHmac('sha256', bytes);
  }
}

/** An S3 error response: `name` is S3's error code (`NoSuchKey`, `AccessDenied`, ...). */
export class S3Error extends Error {
  constructor(
    override readonly name: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How to reach S3; {@link s3ObjectsFromEnvironment} fills it in as the SDK would. */
export interface S3ObjectsOptions {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** A custom endpoint (an emulator): objects are then addressed path-style. */
  endpoint?: string;
  /** Attempts per request, counting the first (the SDK's default is 3). */
  maxAttempts?: number;
  fetch?: typeof fetch;
  /** Waits before a retry; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** S3 object keys keep their slashes; every other reserved character is percent-encoded. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

/** SigV4 for S3 requests, as the SDK's S3 client signs them. */
export function s3Signer(region: string, credentials: AwsCredentialIdentityProvider): SignatureV4 {
  return new SignatureV4({
    service: 's3',
    region,
    credentials,
    sha256: Sha256,
    // S3 signs the path as sent, without the second encoding other services use.
    uriEscapePath: false,
    // The payload hash goes in x-amz-content-sha256, which S3 requires.
    applyChecksum: true,
  });
}

/**
 * The two S3 calls the raw-mail store makes (a ranged GetObject and a
 * DeleteObject), signed with the AWS SDK's own SigV4 signer and sent with
 * fetch, retried like the SDK's standard mode (up to 3 attempts with
 * jittered exponential backoff on throttling, 5xx and network errors).
 *
 * Not `@aws-sdk/client-s3`: a full S3 client is ~90 KB of every bundle that
 * reads or deletes a raw reply (endpoint rules for access points, Outposts
 * and S3 Express, event streams, flexible checksums, the XML protocol),
 * which put the inbound function over its 500 KB budget.
 */
export class S3Objects {
  private readonly signer: SignatureV4;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: S3ObjectsOptions) {
    this.signer = s3Signer(options.region, options.credentials);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The object's URL: virtual-hosted on AWS, path-style on a custom endpoint. */
  url(bucket: string, key: string): URL {
    const { endpoint, region } = this.options;
    if (endpoint) {
      return new URL(`${endpoint.replace(/\/+$/, '')}/${bucket}/${encodeKey(key)}`);
    }
    return new URL(
      `https://${bucket}.s3.${region}.${partition(region).dnsSuffix}/${encodeKey(key)}`,
    );
  }

  /**
   * Sends a signed request and returns the response of the last attempt,
   * whatever its status; throws when the last attempt could not connect.
   */
  async send(
    method: 'GET' | 'DELETE',
    bucket: string,
    key: string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const url = this.url(bucket, key);
    const attempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt += 1) {
      const signed = await this.signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query: {},
        headers: { ...headers, host: url.host },
      });
      const { host: _host, ...sent } = signed.headers;
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await this.fetch(url, { method, headers: sent });
      } catch (error) {
        failure = error;
      }
      const retryable = response === undefined || response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= attempts) {
        if (response) return response;
        throw failure;
      }
      // Drain the body so the connection can be reused, then back off (full jitter, 200 ms, 400 ms).
      await response?.arrayBuffer().catch(() => undefined);
      await this.sleep(Math.random() * Math.min(20_000, 100 * 2 ** attempt));
    }
  }
}

/** The S3 error a non-2xx response describes (from its XML body, or from the status alone). */
async function s3Error(response: Response, what: string): Promise<S3Error> {
  const body = await response.text().catch(() => '');
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? `Http${response.status}`;
  const detail = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1];
  return new S3Error(
    code,
    response.status,
    `${what}: ${code} (${response.status})${detail ? `: ${detail}` : ''}`,
  );
}

/** Raw replies as the SES receipt rule's S3 action stored them. */
export class S3RawMailStore implements RawMailStore {
  constructor(
    private readonly s3: S3Objects,
    private readonly bucket: string,
  ) {}

  async get(key: string, maxBytes: number): Promise<Buffer | null> {
    // A range read: an oversized message costs no more than the limit to reject.
    const response = await this.s3.send('GET', this.bucket, key, {
      range: `bytes=0-${maxBytes - 1}`,
    });
    if (response.ok) return Buffer.from(await response.arrayBuffer());
    const error = await s3Error(response, `GetObject ${key}`);
    if (error.name === 'NoSuchKey') return null;
    throw error;
  }

  async delete(key: string): Promise<void> {
    const response = await this.s3.send('DELETE', this.bucket, key);
    if (response.ok) {
      await response.arrayBuffer();
      return;
    }
    throw await s3Error(response, `DeleteObject ${key}`);
  }
}

/**
 * S3 as the SDK clients find it: region from AWS_REGION, credentials from
 * the default provider chain (in Lambda, the execution role's), and a custom
 * endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL.
 */
export function s3ObjectsFromEnvironment(env: NodeJS.ProcessEnv = process.env): S3Objects {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('S3 needs a region: set AWS_REGION');
  return new S3Objects({
    region,
    credentials: defaultProvider(),
    endpoint: env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL,
  });
}

/** The store on `bucket`, reaching S3 as the SDK clients would. */
export function createS3RawMailStore(bucket: string): S3RawMailStore {
  return new S3RawMailStore(s3ObjectsFromEnvironment(), bucket);
}
