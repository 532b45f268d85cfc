import { simpleParser } from 'mailparser';

/** A parsed inbound message: only what the coach reads. */
export interface ParsedMail {
  messageIdHeader: string | null;
  from: string | null;
  subject: string;
  /** Header names lowercased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  contentType: string;
  text: string | null;
  html: string | null;
}

/** A message we refuse to read, with the reason. */
export class MalformedMailError extends Error {
  override name = 'MalformedMailError';
}

/** Limits that keep a hostile message from crashing or hanging the handler. */
export const mimeLimits = {
  maxBytes: 512 * 1024,
  maxParts: 50,
  timeoutMs: 5_000,
  maxHtml: 256 * 1024,
} as const;

/**
 * Parses raw MIME with mailparser inside size, part and time limits. Throws
 * MalformedMailError with a reason for anything it will not read.
 */
export async function parseMime(raw: Buffer): Promise<ParsedMail> {
  if (raw.length > mimeLimits.maxBytes)
    throw new MalformedMailError(`message over ${mimeLimits.maxBytes} bytes`);
  // Count boundary-like lines before parsing: deep or wide multipart bombs are refused cheaply.
  const boundaries = raw.toString('latin1').match(/\r?\n--[^\r\n]{1,80}/g)?.length ?? 0;
  if (boundaries > mimeLimits.maxParts * 2) throw new MalformedMailError('too many MIME parts');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new MalformedMailError('parsing took too long')),
      mimeLimits.timeoutMs,
    );
  });
  try {
    const parsed = await Promise.race([
      simpleParser(raw, {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
        skipImageLinks: true,
        maxHtmlLengthToParse: mimeLimits.maxHtml,
      }),
      timeout,
    ]);
    const headers: Record<string, string> = {};
    for (const { key, line } of parsed.headerLines) {
      const value = line.slice(line.indexOf(':') + 1).trim();
      headers[key] = headers[key] ? `${headers[key]}, ${value}` : value;
    }
    const from = parsed.from?.value[0]?.address ?? null;
    return {
      messageIdHeader: parsed.messageId ?? null,
      from,
      subject: parsed.subject ?? '',
      headers,
      contentType:
        (headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? '',
      text: parsed.text ?? null,
      html: typeof parsed.html === 'string' ? parsed.html : null,
    };
  } catch (error) {
    if (error instanceof MalformedMailError) throw error;
    throw new MalformedMailError(
      `unreadable MIME: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
