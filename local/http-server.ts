import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type {
  FunctionUrlEvent,
  FunctionUrlResult,
} from '../functions/handlers/http/function-url.ts';

/** A local-only route, answered before the Lambda handler (the dev clock, the email preview). */
export type LocalRoute = (
  body: Buffer,
  headers: IncomingHttpHeaders,
) => Promise<{ status: number; json: unknown } | { status: number; html: string }>;

// Lambda function URLs cap payloads at 6 MB; the handler itself caps forms far lower.
const maxBytes = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Translates a node:http request into the function URL (payload 2.0) event shape. */
export function toFunctionUrlEvent(request: IncomingMessage, body: Buffer): FunctionUrlEvent {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      http: { method: request.method ?? 'GET', sourceIp: request.socket.remoteAddress ?? '' },
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

function send(response: ServerResponse, result: FunctionUrlResult): void {
  response.writeHead(result.statusCode, result.headers);
  response.end(Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'));
}

/**
 * The local web server: every request goes to the same handler the Lambda
 * runs, except the local-only routes given here.
 */
export function createLocalServer(
  handler: (event: unknown) => Promise<FunctionUrlResult>,
  localRoutes: Record<string, LocalRoute>,
): Server {
  return createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      if (!body) {
        send(response, {
          statusCode: 413,
          headers: { 'content-type': 'text/plain' },
          body: 'request too large',
        });
        return;
      }
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      const local = localRoutes[`${request.method} ${path}`];
      if (local) {
        const answer = await local(body, request.headers);
        send(
          response,
          'html' in answer
            ? {
                statusCode: answer.status,
                headers: { 'content-type': 'text/html; charset=utf-8' },
                body: answer.html,
              }
            : {
                statusCode: answer.status,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(answer.json),
              },
        );
        return;
      }
      send(response, await handler(toFunctionUrlEvent(request, body)));
    } catch (error) {
      console.error('local server error', error);
      if (!response.headersSent) {
        send(response, {
          statusCode: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'internal error',
        });
      } else {
        response.destroy();
      }
    }
  });
}
