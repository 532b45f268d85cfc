import type { FunctionUrlResult } from './function-url.ts';
import { type Page, renderPage } from './pages.ts';

/** Response headers, names lowercased. */
export type Headers = Record<string, string>;

/** Sent with every page, redirect and download. */
export const securityHeaders: Headers = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Links carry tokens: never leak them to other sites. Same-origin rather than
  // no-referrer, because under no-referrer browsers send `Origin: null` with our
  // own form posts, and the manage forms' CSRF check needs the real origin.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Sent with every answer of a route that declares `cors` (signup: any site may post to it). */
export const corsHeaders: Headers = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};

/** What a route answers, before it becomes a function URL response. */
export type Answer =
  | { kind: 'page'; page: Page }
  | { kind: 'json'; status: number; body: unknown }
  /** 303 see-other: post/redirect/get, so a reload does not post again. */
  | { kind: 'redirect'; location: string }
  /** A JSON file to save, not to show. */
  | { kind: 'download'; filename: string; body: unknown }
  | { kind: 'asset'; type: string; body: string }
  | { kind: 'empty'; status: number };

/** An HTML page answer. */
export function page(value: Page): Answer {
  return { kind: 'page', page: value };
}

/** A JSON answer. */
export function json(status: number, body: unknown): Answer {
  return { kind: 'json', status, body };
}

/**
 * Turns an answer into a function URL response: the site's layout around
 * pages, and the headers each kind of answer always carries. `extra` headers
 * (CORS) go on top of those.
 */
export function toResult(answer: Answer, siteName: string, extra: Headers = {}): FunctionUrlResult {
  switch (answer.kind) {
    case 'page':
      return {
        statusCode: answer.page.status,
        headers: { 'content-type': 'text/html; charset=utf-8', ...securityHeaders, ...extra },
        body: renderPage(answer.page, siteName),
      };
    case 'json':
      return {
        statusCode: answer.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra },
        body: JSON.stringify(answer.body),
      };
    case 'redirect':
      return {
        statusCode: 303,
        headers: { ...securityHeaders, location: answer.location, ...extra },
        body: '',
      };
    case 'download':
      return {
        statusCode: 200,
        headers: {
          ...securityHeaders,
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${answer.filename}"`,
          ...extra,
        },
        body: `${JSON.stringify(answer.body, null, 2)}\n`,
      };
    case 'asset':
      return {
        statusCode: 200,
        headers: {
          'content-type': answer.type,
          // Assets are the same for everyone and change only with a deploy.
          'cache-control': 'public, max-age=3600',
          'x-content-type-options': 'nosniff',
          ...extra,
        },
        body: answer.body,
      };
    case 'empty':
      return { statusCode: answer.status, headers: { ...extra }, body: '' };
  }
}
