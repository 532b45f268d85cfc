import * as z from '../../core/zod.ts';

/** The parts of a Lambda function URL (payload 2.0) event the web handler reads. */
export const functionUrlEventSchema = z.object({
  rawPath: z.string().check(z.startsWith('/')),
  rawQueryString: z._default(z.string(), ''),
  headers: z._default(z.record(z.string(), z.string()), {}),
  requestContext: z.object({
    http: z.object({
      method: z.string().check(z.minLength(1)),
      sourceIp: z.optional(z.string()),
    }),
  }),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
});
export type FunctionUrlEvent = z.input<typeof functionUrlEventSchema>;

/** A function URL response. */
export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** A decoded request, as routes see it. */
export interface WebRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Turns a function URL event into a request; throws ZodError for a malformed event. */
export function decodeEvent(event: unknown): WebRequest {
  const parsed = functionUrlEventSchema.parse(event);
  return {
    method: parsed.requestContext.http.method.toUpperCase(),
    path: parsed.rawPath,
    query: new URLSearchParams(parsed.rawQueryString),
    headers: Object.fromEntries(
      Object.entries(parsed.headers).map(([k, v]) => [k.toLowerCase(), v]),
    ),
    body: Buffer.from(parsed.body ?? '', parsed.isBase64Encoded ? 'base64' : 'utf8'),
  };
}
