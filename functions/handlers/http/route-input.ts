import { ValidationError } from '../../core/errors.ts';
import { type ParsedBody, parseBody, wantsJson } from './body.ts';
import type { WebRequest } from './function-url.ts';

/** What a route reads from a request: the body first, then the link's token `t`. */
export interface InputSpec {
  /** Parse the body (form or JSON, size-capped). */
  body?: boolean;
  /** Where the token comes from: the query only, or the query or else a form field. */
  token?: 'query' | 'query-or-form';
}

/** A request as a route's use case and answer see it. */
export interface RouteInput {
  /** The link's token; empty when the route reads none. */
  token: string;
  /** Body fields; empty when the route reads no body. */
  fields: Record<string, unknown>;
  format: ParsedBody['format'];
  query: URLSearchParams;
  /** Request headers, names lowercased. */
  headers: Record<string, string>;
  /** The client asked for JSON. */
  wantsJson: boolean;
}

/**
 * Reads what a route declares from a request: the body first (size-capped;
 * throws PayloadTooLarge, UnsupportedMediaType or Validation errors), then the
 * token, which must be there (ValidationError on field `t` otherwise).
 */
export function readInput(request: WebRequest, spec: InputSpec = {}): RouteInput {
  const body: ParsedBody = spec.body ? parseBody(request) : { fields: {}, format: 'empty' };
  let token = '';
  if (spec.token) {
    const value =
      request.query.get('t') ?? (spec.token === 'query-or-form' ? body.fields.t : undefined);
    if (typeof value !== 'string' || !value) {
      throw new ValidationError('t', 'the link is missing its token');
    }
    token = value;
  }
  return {
    token,
    fields: body.fields,
    format: body.format,
    query: request.query,
    headers: request.headers,
    wantsJson: wantsJson(request, body),
  };
}
