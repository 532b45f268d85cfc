import { z } from 'zod';

/** The parts of a Lambda function URL (payload 2.0) event the web handler reads. */
export const functionUrlEventSchema = z.object({
  rawPath: z.string().startsWith('/'),
  rawQueryString: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  requestContext: z.object({
    http: z.object({ method: z.string().min(1), sourceIp: z.string().optional() }),
  }),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
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
