import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/local-stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.cleanup();
});

const hour = 3_600_000;

/** How far the dev clock is ahead of real time, in hours. */
function offsetHours(): number {
  return (stack.clock.now().getTime() - Date.now()) / hour;
}

/** A POST sent exactly as given (fetch would add headers of its own). */
function post(
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${stack.url}${path}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the dev clock route', () => {
  it('refuses a cross-site text/plain post and leaves the clock where it was', async () => {
    // Prepare: what any web page can send without a CORS preflight.
    const before = offsetHours();

    // Act
    const answer = await post(
      '/_dev/clock',
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      JSON.stringify({ advanceHours: 240 }),
    );
    const plainWithoutOrigin = await post(
      '/_dev/clock',
      { 'content-type': 'text/plain;charset=UTF-8' },
      JSON.stringify({ advanceHours: 240 }),
    );

    // Assess
    expect(answer.status).toBe(415);
    expect(plainWithoutOrigin.status).toBe(415);
    expect(offsetHours() - before).toBeLessThan(1);
  });

  it('refuses a JSON post from a foreign origin and leaves the clock where it was', async () => {
    // Prepare
    const before = offsetHours();
    const port = new URL(stack.url).port;
    const foreign = ['https://evil.example', 'null', `http://localhost:${Number(port) + 1}`];

    // Act
    const answers = [];
    for (const origin of foreign) {
      answers.push(
        await post(
          '/_dev/clock',
          { 'content-type': 'application/json', origin },
          JSON.stringify({ advanceHours: 240 }),
        ),
      );
    }

    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(offsetHours() - before).toBeLessThan(1);
  });

  it('moves the clock for the README curl command, and for the site’s own origins', async () => {
    // Prepare
    const before = offsetHours();
    const port = new URL(stack.url).port;

    // Act: curl -X POST <url>/_dev/clock -H 'content-type: application/json' -d '{"advanceHours": 240}'
    const curl = await post(
      '/_dev/clock',
      { 'content-type': 'application/json', accept: '*/*', 'user-agent': 'curl/8.5.0' },
      '{"advanceHours": 240}',
    );
    const afterCurl = offsetHours();
    const own = await post(
      '/_dev/clock',
      { 'content-type': 'application/json; charset=utf-8', origin: stack.url },
      '{"advanceHours": 1}',
    );
    const loopback = await post(
      '/_dev/clock',
      { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      '{"advanceHours": 1}',
    );

    // Assess
    expect(curl.status).toBe(200);
    expect(JSON.parse(curl.body)).toMatchObject({ now: expect.any(String), sent: [] });
    expect(afterCurl - before).toBeGreaterThan(239);
    expect([own.status, loopback.status]).toEqual([200, 200]);
    expect(offsetHours() - afterCurl).toBeGreaterThan(1.9);
  });

  it('still answers 400 for JSON that is not an advance', async () => {
    // Prepare
    const before = offsetHours();

    // Act
    const answer = await post(
      '/_dev/clock',
      { 'content-type': 'application/json' },
      '{"advanceHours": -5}',
    );

    // Assess
    expect(answer.status).toBe(400);
    expect(offsetHours() - before).toBeLessThan(1);
  });
});
