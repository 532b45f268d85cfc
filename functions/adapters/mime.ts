import PostalMime from 'postal-mime';
import { InvalidEventError } from '../core/errors.ts';
import type { InboundMail } from '../ports/raw-mail.ts';

/** Limits that keep a hostile message from crashing or hanging the handler. */
export const mimeLimits = {
  maxBytes: 512 * 1024,
  maxParts: 50,
  timeoutMs: 5_000,
  maxHtml: 256 * 1024,
} as const;

/**
 * What windows-1252 bytes 0x80-0x9F stand for (the five it leaves undefined
 * stay as they are). WHATWG decodes the labels windows-1252, iso-8859-1 and
 * us-ascii as windows-1252, but Node 20's TextDecoder decodes those bytes as
 * Latin-1 C1 controls, so Outlook's curly quotes or a euro sign would arrive
 * as invisible control characters.
 */
const windows1252High =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/**
 * Decoded text with C1 control characters read as the windows-1252 characters
 * they were. Correctly decoded text has none (they have no use in mail), so a
 * runtime whose TextDecoder gets windows-1252 right is unaffected.
 */
function repairWindows1252(text: string): string {
  return text.replace(/[\x80-\x9f]/g, (c) => windows1252High[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * Parses raw MIME with postal-mime inside size, part and time limits. Throws
 * InvalidEventError with a reason for anything it will not read.
 *
 * postal-mime decodes charsets with the runtime's TextDecoder (full ICU in
 * Node). It renders no HTML as text for a message without a text part, so an
 * HTML-only reply arrives with an empty `text` and the reply reader cuts the
 * quotes from the HTML itself.
 */
export async function parseMime(raw: Buffer): Promise<InboundMail> {
  if (raw.length > mimeLimits.maxBytes)
    throw new InvalidEventError(`message over ${mimeLimits.maxBytes} bytes`);
  // Count boundary-like lines before parsing: deep or wide multipart bombs are refused cheaply.
  const boundaries = raw.toString('latin1').match(/\r?\n--[^\r\n]{1,80}/g)?.length ?? 0;
  if (boundaries > mimeLimits.maxParts * 2) throw new InvalidEventError('too many MIME parts');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InvalidEventError('parsing took too long')),
      mimeLimits.timeoutMs,
    );
  });
  try {
    const parsed = await Promise.race([
      PostalMime.parse(raw, { maxNestingDepth: mimeLimits.maxParts }),
      timeout,
    ]);
    const headers: Record<string, string> = {};
    for (const { key, line } of parsed.headerLines) {
      const value = line.slice(line.indexOf(':') + 1).trim();
      headers[key] = headers[key] ? `${headers[key]}, ${value}` : value;
    }
    const html = parsed.html === undefined ? null : repairWindows1252(parsed.html);
    return {
      messageIdHeader: parsed.messageId ?? null,
      // A group ("Team: a@x, b@y;") names no single sender.
      from: parsed.from?.address ?? null,
      subject: repairWindows1252(parsed.subject ?? ''),
      headers,
      contentType:
        (headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? '',
      text:
        parsed.text === undefined ? (html === null ? null : '') : repairWindows1252(parsed.text),
      // The reply reader reads no further either.
      html: html === null ? null : html.slice(0, mimeLimits.maxHtml),
    };
  } catch (error) {
    if (error instanceof InvalidEventError) throw error;
    throw new InvalidEventError(
      `unreadable MIME: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
