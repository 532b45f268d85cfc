import { describe, expect, it } from 'vitest';
import { mimeLimits, parseMime } from '../../functions/adapters/mime.ts';
import { InvalidEventError } from '../../functions/core/errors.ts';

/** A raw message with CRLF line ends. */
const mail = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

const base64 = (text: string, encoding: string) =>
  Buffer.from(encode(text, encoding)).toString('base64');

/** Bytes of `text` in a legacy charset, via the same TextDecoder tables run backwards. */
function encode(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    table.set(decoder.decode(new Uint8Array([byte])), byte);
  }
  return new Uint8Array([...text].map((c) => table.get(c) ?? 0x3f));
}

describe('parseMime', () => {
  it('reads headers, sender, subject and the text part', async () => {
    const parsed = await parseMime(
      mail(
        'Received: from a',
        'Received: from b',
        'From: Zoë <zoe@example.com>',
        'Subject: =?UTF-8?B?UmU6IENhZsOp?=',
        'Message-ID: <m1@example.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hello',
      ),
    );
    expect(parsed).toMatchObject({
      messageIdHeader: '<m1@example.com>',
      from: 'zoe@example.com',
      subject: 'Re: Café',
      contentType: 'text/plain',
      html: null,
    });
    expect(parsed.text?.trim()).toBe('Hello');
    expect(parsed.headers.received).toBe('from a, from b');
  });

  it('gives an HTML-only message an empty text, so the reply reader works on the HTML', async () => {
    const parsed = await parseMime(
      mail('From: a@example.com', 'Content-Type: text/html; charset=utf-8', '', '<p>Hi</p>'),
    );
    expect(parsed.text).toBe('');
    expect(parsed.html?.trim()).toBe('<p>Hi</p>');
  });

  it('decodes windows-1252 (and Latin-1 labels) as windows-1252, curly quotes included', async () => {
    for (const charset of ['windows-1252', 'iso-8859-1', 'us-ascii']) {
      const parsed = await parseMime(
        mail(
          'From: a@example.com',
          'Subject: =?windows-1252?Q?=93Coffee=94_=80?=',
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'Smart =93quotes=94, =80 5 =96 Caf=E9',
        ),
      );
      expect(parsed.subject, charset).toBe('“Coffee” €');
      expect(parsed.text?.trim(), charset).toBe('Smart “quotes”, € 5 – Café');
    }
  });

  it('decodes other legacy charsets', async () => {
    for (const [charset, text] of [
      ['koi8-r', 'Привет, я выбрал Ивана.'],
      ['iso-8859-2', 'Zażółć gęślą jaźń'],
    ] as const) {
      const parsed = await parseMime(
        mail(
          'From: a@example.com',
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: base64',
          '',
          base64(text, charset),
        ),
      );
      expect(parsed.text?.trim(), charset).toBe(text);
    }
    const japanese = await parseMime(
      mail(
        'From: a@example.com',
        'Content-Type: text/plain; charset=iso-2022-jp',
        'Content-Transfer-Encoding: 7bit',
        '',
        '\x1b$B$3$s$K$A$O\x1b(B',
      ),
    );
    expect(japanese.text?.trim()).toBe('こんにちは');
  });

  it('names no sender for an address group', async () => {
    const parsed = await parseMime(
      mail('From: Team: a@example.com, b@example.com;', 'Subject: x', '', 'body'),
    );
    expect(parsed.from).toBeNull();
  });

  it('refuses oversized messages and multipart bombs', async () => {
    await expect(parseMime(Buffer.alloc(mimeLimits.maxBytes + 1, 'a'))).rejects.toThrow(
      InvalidEventError,
    );
    const parts = Array.from(
      { length: mimeLimits.maxParts * 2 + 1 },
      () => '--b\r\nContent-Type: text/plain\r\n\r\nx',
    );
    await expect(
      parseMime(
        mail('From: a@example.com', 'Content-Type: multipart/mixed; boundary=b', '', ...parts),
      ),
    ).rejects.toThrow('too many MIME parts');
  });
});
