import {
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../core/errors.ts';
import type { WebRequest } from './function-url.ts';

/** Forms here are tiny; anything bigger is not a signup. */
export const maxBodyBytes = 16 * 1024;

/** A parsed body: field name to text, and which format it came in. */
export interface ParsedBody {
  fields: Record<string, unknown>;
  format: 'form' | 'json' | 'empty';
}

function mediaType(request: WebRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseMultipart(body: Buffer, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new ValidationError('body', 'multipart body without a boundary');
  const fields: Record<string, string> = {};
  for (const part of body.toString('utf8').split(`--${marker}`).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new ValidationError('body', 'malformed multipart part');
    const head = part.slice(0, split);
    const name = /content-disposition:\s*form-data;[^\r\n]*\bname="([^"]*)"/i.exec(head)?.[1];
    // File parts are never expected here; skip them rather than buffer them as text.
    if (!name || /\bfilename=/i.test(head)) continue;
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}

/**
 * Parses a urlencoded, multipart or JSON body into fields, with a size cap.
 * Throws PayloadTooLarge, UnsupportedMediaType or Validation errors with reasons.
 */
export function parseBody(request: WebRequest): ParsedBody {
  if (request.body.length > maxBodyBytes) {
    throw new PayloadTooLargeError(`request body over ${maxBodyBytes} bytes`);
  }
  if (request.body.length === 0) return { fields: {}, format: 'empty' };
  const type = mediaType(request);
  switch (type) {
    case 'application/x-www-form-urlencoded':
      return {
        fields: Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))),
        format: 'form',
      };
    case 'multipart/form-data':
      return {
        fields: parseMultipart(request.body, request.headers['content-type'] ?? ''),
        format: 'form',
      };
    case 'application/json': {
      let value: unknown;
      try {
        value = JSON.parse(request.body.toString('utf8'));
      } catch {
        throw new ValidationError('body', 'is not valid JSON');
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ValidationError('body', 'must be a JSON object');
      }
      return { fields: value as Record<string, unknown>, format: 'json' };
    }
    default:
      throw new UnsupportedMediaTypeError(
        `content type ${type || '(none)'} is not accepted; use a form or JSON`,
      );
  }
}

/** True when the client prefers a JSON answer. */
export function wantsJson(request: WebRequest, body?: ParsedBody): boolean {
  return (
    body?.format === 'json' ||
    mediaType(request) === 'application/json' ||
    (request.headers.accept ?? '').startsWith('application/json')
  );
}
