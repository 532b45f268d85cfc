import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  S3Error,
  S3Objects,
  S3RawMailStore,
  s3ObjectsFromEnvironment,
  s3Signer,
} from '../../functions/adapters/s3-raw-mail.ts';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** A fetch that records each request and answers from `responses` in turn. */
function fakeFetch(responses: (() => Response)[]) {
  const requests: { url: string; method: string; headers: Record<string, string> }[] = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    requests.push({
      url: String(url),
      method: String(init.method),
      headers: init.headers as Record<string, string>,
    });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

const s3Xml = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>it went wrong</Message></Error>`;

function store(responses: (() => Response)[], options: { sessionToken?: string } = {}) {
  const { fetch, requests } = fakeFetch(responses);
  const objects = new S3Objects({
    region: 'eu-west-1',
    credentials: async () => ({ ...credentials, ...options }),
    fetch,
    sleep: async () => {},
  });
  return { store: new S3RawMailStore(objects, 'raw-bucket'), requests };
}

describe('s3Signer', () => {
  it("signs AWS's published GetObject example exactly", async () => {
    // "Example: GET Object" in the Amazon S3 API reference (Signature Version 4, single chunk).
    const signed = await s3Signer('us-east-1', async () => credentials).sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        query: {},
        headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
      },
      { signingDate: new Date('2013-05-24T00:00:00Z') },
    );
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('S3Objects', () => {
  it('addresses objects where the SDK S3 client does', async () => {
    for (const [region, bucket, key] of [
      ['eu-west-1', 'raw-bucket', 'inbound/0123abcd.msg-id_1'],
      ['us-east-1', 'raw-bucket', 'inbound/with space+plus(1)!*'],
      ['cn-north-1', 'raw-bucket', 'a/b/c'],
    ] as const) {
      let sent: { hostname: string; path: string } | undefined;
      const sdk = new S3Client({
        region,
        credentials,
        requestHandler: {
          handle: async (request: { hostname: string; path: string }) => {
            sent = request;
            throw new Error('captured');
          },
        },
      });
      await expect(sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).rejects.toThrow(
        'captured',
      );
      const ours = new S3Objects({ region, credentials: async () => credentials }).url(bucket, key);
      expect({ hostname: ours.hostname, path: ours.pathname }).toEqual({
        hostname: sent?.hostname,
        path: sent?.path,
      });
    }
  });

  it('uses a custom endpoint path-style, as the SDK does for AWS_ENDPOINT_URL_S3', () => {
    const objects = s3ObjectsFromEnvironment({
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_S3: 'http://localhost:4566/',
    });
    expect(String(objects.url('raw-bucket', 'inbound/x'))).toBe(
      'http://localhost:4566/raw-bucket/inbound/x',
    );
    expect(() => s3ObjectsFromEnvironment({})).toThrow(/AWS_REGION/);
  });
});

describe('S3RawMailStore', () => {
  it('reads at most maxBytes with a signed ranged GET', async () => {
    const { store: raw, requests } = store([() => new Response('From: a@b.co', { status: 206 })], {
      sessionToken: 'session',
    });
    await expect(raw.get('inbound/m1', 1024)).resolves.toEqual(Buffer.from('From: a@b.co'));
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('https://raw-bucket.s3.eu-west-1.amazonaws.com/inbound/m1');
    expect(request?.headers).toMatchObject({
      range: 'bytes=0-1023',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-amz-security-token': 'session',
    });
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    // fetch derives Host from the URL; the signed value is the same.
    expect(request?.headers).not.toHaveProperty('host');
  });

  it('answers null for a missing object and throws S3 errors with their code', async () => {
    const missing = store([() => new Response(s3Xml('NoSuchKey'), { status: 404 })]);
    await expect(missing.store.get('inbound/gone', 10)).resolves.toBeNull();
    const denied = store([() => new Response(s3Xml('AccessDenied'), { status: 403 })]);
    const error = await denied.store.get('inbound/x', 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect(error).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.requests).toHaveLength(1);
  });

  it('retries throttling, server errors and network failures, up to three attempts', async () => {
    const recovered = store([
      () => new Response(s3Xml('SlowDown'), { status: 503 }),
      () => {
        throw new TypeError('fetch failed');
      },
      () => new Response('ok', { status: 200 }),
    ]);
    await expect(recovered.store.get('inbound/m', 10)).resolves.toEqual(Buffer.from('ok'));
    expect(recovered.requests).toHaveLength(3);

    const failing = store([
      () => new Response(s3Xml('InternalError'), { status: 500 }),
      () => new Response(s3Xml('InternalError'), { status: 500 }),
      () => new Response(s3Xml('InternalError'), { status: 500 }),
    ]);
    await expect(failing.store.delete('inbound/m')).rejects.toMatchObject({
      name: 'InternalError',
      status: 500,
    });
    expect(failing.requests).toHaveLength(3);
  });

  it('deletes with a signed DELETE', async () => {
    const { store: raw, requests } = store([() => new Response(null, { status: 204 })]);
    await raw.delete('inbound/m1');
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['DELETE', 'https://raw-bucket.s3.eu-west-1.amazonaws.com/inbound/m1'],
    ]);
    expect(requests[0]?.headers.authorization).toContain(
      'SignedHeaders=host;x-amz-content-sha256;x-amz-date,',
    );
  });
});
