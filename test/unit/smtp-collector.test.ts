import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectMessage } from '../../local/smtp-server.ts';

const limit = 512 * 1024;

/** A stream of `count` chunks of `chunkBytes`, counting how many were read from it. */
function message(count: number, chunkBytes = 64 * 1024) {
  // One buffer, handed out again and again: the test itself stays small whatever it sends.
  const chunk = Buffer.alloc(chunkBytes, 'a');
  const read = { chunks: 0 };
  const stream = Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) {
        read.chunks++;
        yield chunk;
      }
    })(),
  );
  return { stream, read, bytes: count * chunkBytes };
}

const held = (chunks: Buffer[]) => chunks.reduce((sum, c) => sum + c.length, 0);

describe('collectMessage', () => {
  it('keeps nothing past the limit of a 300 MB message, yet reads it to the end', async () => {
    // Prepare
    const big = message(4800);

    // Act
    const collected = await collectMessage(big.stream, limit);

    // Assess
    expect(big.bytes).toBe(300 * 1024 * 1024);
    expect(collected.tooLarge).toBe(true);
    expect(collected.size).toBe(big.bytes);
    expect(big.read.chunks).toBe(4800);
    expect(held(collected.chunks)).toBeLessThanOrEqual(limit);
  });

  it('refuses a message one byte over the limit', async () => {
    // Prepare
    const over = message(1, limit + 1);

    // Act
    const collected = await collectMessage(over.stream, limit);

    // Assess
    expect(collected.tooLarge).toBe(true);
    expect(held(collected.chunks)).toBeLessThanOrEqual(limit);
  });

  it('keeps a message up to the limit whole', async () => {
    // Prepare
    const text = Buffer.from('Subject: hi\r\n\r\nhello\r\n');
    const exact = message(8);

    // Act
    const small = await collectMessage(Readable.from([text]), limit);
    const atLimit = await collectMessage(exact.stream, limit);

    // Assess
    expect(small.tooLarge).toBe(false);
    expect(Buffer.concat(small.chunks).equals(text)).toBe(true);
    expect(exact.bytes).toBe(limit);
    expect(atLimit.tooLarge).toBe(false);
    expect(held(atLimit.chunks)).toBe(limit);
  });

  it('honours the SMTP server’s own size verdict', async () => {
    // Prepare: smtp-server marks its data stream when the SIZE limit was passed.
    const flagged = Object.assign(Readable.from([Buffer.from('x')]), { sizeExceeded: true });

    // Act
    const collected = await collectMessage(flagged, limit);

    // Assess
    expect(collected.tooLarge).toBe(true);
  });
});
