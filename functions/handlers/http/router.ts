import { checkSameOrigin, verifyFormToken } from '../../core/csrf.ts';
import type { ValidationError } from '../../core/errors.ts';
import type { SigningKey } from '../../core/tokens.ts';
import { ZodError } from '../../core/zod.ts';
import { wantsJson } from './body.ts';
import { answerError, errorAnswerOf } from './errors.ts';
import { decodeEvent, type FunctionUrlResult, type WebRequest } from './function-url.ts';
import { methodNotAllowedPage, notFoundPage } from './pages.ts';
import { type Answer, corsHeaders, json, page, toResult } from './respond.ts';
import { type InputSpec, type RouteInput, readInput } from './route-input.ts';

/** What every route declares, apart from what it does. */
export interface RouteDeclaration {
  method: 'GET' | 'POST' | 'OPTIONS';
  path: string;
  input?: InputSpec;
  /** A manage form: the post must come from our origin and carry this form's token. */
  csrf?: string;
  /** The token is a manage link, so a dead one offers to email a fresh one. */
  manageLink?: boolean;
  /** Every answer, errors included, carries CORS headers: any site may call this route. */
  cors?: boolean;
  /** Answers JSON to clients that ask for it, field errors included. */
  answersJson?: boolean;
  /** Shows the route's form again with a field its use case refused. */
  invalid?: (error: ValidationError, input: RouteInput) => Answer | Promise<Answer>;
}

/** A row of the routing table: its declaration and what it does, as one step. */
export interface Route extends RouteDeclaration {
  handle: (input: RouteInput) => Promise<Answer>;
}

/** A route as written in a table: one use case (`run`), then one answer from its result. */
export interface RouteSpec<T> extends RouteDeclaration {
  run?: (input: RouteInput) => T | Promise<T>;
  answer: (result: Awaited<T>, input: RouteInput) => Answer | Promise<Answer>;
}

/** Makes a table row; `run` and `answer` become one step, so rows of any result type sit together. */
export function defineRoute<T = undefined>(spec: RouteSpec<T>): Route {
  const { run, answer, ...declaration } = spec;
  return {
    ...declaration,
    handle: async (input) => answer((await run?.(input)) as Awaited<T>, input),
  };
}

/** What the router needs besides its table. */
export interface RouterOptions {
  siteName: string;
  /** Origins our own pages post from (see `allowedOrigins`). */
  ownOrigins: readonly string[];
  keys: readonly SigningKey[];
  log: {
    warn(message: string, fields: Record<string, unknown>): void;
    error(message: string, fields: Record<string, unknown>): void;
  };
}

/**
 * Builds the web entry point over a routing table: decode the event, find the
 * route (404, or 405 for a known path), read its input, check a manage form's
 * origin and form token, run it, and answer any error through the one error
 * policy (`answerError`).
 */
export function createRouter(
  routes: readonly Route[],
  options: RouterOptions,
): (event: unknown) => Promise<FunctionUrlResult> {
  const table = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  const paths = new Set(routes.map((route) => route.path));

  const fail = async (
    error: unknown,
    request: WebRequest,
    route: Route,
    input: RouteInput | null,
  ): Promise<FunctionUrlResult> => {
    const answer = answerError(error, {
      wantsJson: wantsJson(request),
      answersJson: route.answersJson ?? false,
      manageLink: route.manageLink ?? false,
      formAgain: input !== null && route.invalid !== undefined,
    });
    if (answer.failure.status >= 500) {
      options.log.error('web request failed', {
        route: `${request.method} ${request.path}`,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    const extra = route.cors ? corsHeaders : {};
    if (answer.kind === 'form-again' && input && route.invalid) {
      try {
        return toResult(await route.invalid(answer.error, input), options.siteName, extra);
      } catch (again) {
        // Showing the form failed too (say, the link died meanwhile): answer that instead.
        return fail(again, request, route, null);
      }
    }
    return toResult(errorAnswerOf(answer), options.siteName, extra);
  };

  return async (event) => {
    let request: WebRequest;
    try {
      request = decodeEvent(event);
    } catch (error) {
      options.log.warn('malformed web event', {
        error: error instanceof ZodError ? error.issues : String(error),
      });
      const body = { error: { code: 'bad_event', message: 'malformed request event' } };
      return toResult(json(400, body), options.siteName);
    }
    const route = table.get(`${request.method} ${request.path}`);
    if (!route) {
      const known = paths.has(request.path);
      return toResult(page(known ? methodNotAllowedPage() : notFoundPage()), options.siteName);
    }
    let input: RouteInput | null = null;
    try {
      const read = readInput(request, route.input);
      if (route.csrf) {
        checkSameOrigin(request.headers, options.ownOrigins);
        verifyFormToken(options.keys, read.token, route.csrf, read.fields.csrf);
      }
      input = read;
      const answer = await route.handle(read);
      return toResult(answer, options.siteName, route.cors ? corsHeaders : {});
    } catch (error) {
      // `input` is set only once reading and the CSRF check passed: the use case failed.
      return fail(error, request, route, input);
    }
  };
}
