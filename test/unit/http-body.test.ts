import { describe, expect, it } from 'vitest';
import {
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../functions/core/errors.ts';
import { maxBodyBytes, parseBody } from '../../functions/handlers/http/body.ts';
import type { WebRequest } from '../../functions/handlers/http/function-url.ts';

function request(contentType: string, body: string | Buffer): WebRequest {
  return {
    method: 'POST',
    path: '/subscribe',
    query: new URLSearchParams(),
    headers: { 'content-type': contentType },
    body: Buffer.from(body),
  };
}

describe('parseBody', () => {
  it('reads urlencoded, JSON and multipart forms', () => {
    expect(
      parseBody(request('application/x-www-form-urlencoded', 'email=a%40b.co&name=A+B')).fields,
    ).toEqual({ email: 'a@b.co', name: 'A B' });
    expect(parseBody(request('application/json; charset=utf-8', '{"email":"a@b.co"}'))).toEqual({
      fields: { email: 'a@b.co' },
      format: 'json',
    });
    const multipart =
      '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nignored\r\n--XyZ--\r\n';
    expect(parseBody(request('multipart/form-data; boundary=XyZ', multipart)).fields).toEqual({
      'List-Unsubscribe': 'One-Click',
    });
  });

  it('rejects oversized, malformed and unknown bodies with a reason', () => {
    expect(() => parseBody(request('application/json', 'x'.repeat(maxBodyBytes + 1)))).toThrow(
      PayloadTooLargeError,
    );
    expect(() => parseBody(request('application/json', '{"a":'))).toThrow(ValidationError);
    expect(() => parseBody(request('application/json', '[1,2]'))).toThrow(ValidationError);
    expect(() => parseBody(request('multipart/form-data', '--x\r\n'))).toThrow(/boundary/);
    expect(() => parseBody(request('text/plain', 'hi'))).toThrow(UnsupportedMediaTypeError);
  });
});
