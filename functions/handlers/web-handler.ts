import { ZodError } from 'zod';
import { confirm } from '../app/confirm.ts';
import { type CoachDeps, courseOf } from '../app/deps.ts';
import { subscribe } from '../app/subscribe.ts';
import { unsubscribe } from '../app/unsubscribe.ts';
import { ValidationError } from '../core/errors.ts';
import { nextItem } from '../core/subscriber.ts';
import { signToken, verifyToken } from '../core/tokens.ts';
import { signupScript, stylesheet } from './http/assets.ts';
import { parseBody, wantsJson } from './http/body.ts';
import { toHttpError } from './http/errors.ts';
import { decodeEvent, type FunctionUrlResult, type WebRequest } from './http/function-url.ts';
import {
  checkInboxPage,
  confirmedPage,
  confirmPromptPage,
  errorPage,
  managePage,
  type Page,
  renderPage,
  signupPage,
  unsubscribedPage,
  unsubscribePromptPage,
} from './http/pages.ts';

const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Links carry tokens: never leak them to other sites.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

// Signup is public and may be posted from a form or script on another site.
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};

function html(page: Page, siteName: string, extra: Record<string, string> = {}): FunctionUrlResult {
  return {
    statusCode: page.status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...securityHeaders, ...extra },
    body: renderPage(page, siteName),
  };
}

function json(
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): FunctionUrlResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra },
    body: JSON.stringify(value),
  };
}

function asset(body: string, type: string): FunctionUrlResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': type,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

type Route = (request: WebRequest) => Promise<FunctionUrlResult>;

/**
 * Builds the web entry point (signup, confirm, unsubscribe, manage) over the
 * given dependencies. The Lambda wires it with AWS clients, the local stack
 * with the emulators; the code path is the same.
 */
export function createWebHandler(deps: CoachDeps): (event: unknown) => Promise<FunctionUrlResult> {
  const course = courseOf(deps, deps.defaultCourse);
  const site = deps.settings.senderName;
  const page = (p: Page, extra?: Record<string, string>) => html(p, site, extra);
  const token = (request: WebRequest, fields?: Record<string, unknown>) => {
    const value = request.query.get('t') ?? fields?.t;
    if (typeof value !== 'string' || !value)
      throw new ValidationError('t', 'the link is missing its token');
    return value;
  };

  const routes: Record<string, Route> = {
    'GET /healthz': async () => json(200, { ok: true }),
    'GET /assets/style.css': async () => asset(stylesheet, 'text/css; charset=utf-8'),
    'GET /assets/signup.js': async () => asset(signupScript, 'text/javascript; charset=utf-8'),
    'GET /': async () => page(signupPage(course.title, course.about)),
    'OPTIONS /subscribe': async () => ({ statusCode: 204, headers: corsHeaders, body: '' }),
    'POST /subscribe': async (request) => {
      const body = parseBody(request);
      try {
        await subscribe(deps, body.fields, body.format === 'json' ? 'json' : 'form');
      } catch (error) {
        if (!(error instanceof ValidationError) || wantsJson(request, body)) throw error;
        const values = Object.fromEntries(
          Object.entries(body.fields).filter(([, v]) => typeof v === 'string'),
        );
        return page(
          signupPage(
            course.title,
            course.about,
            { field: error.field, message: `${labelOf(error.field)} ${error.reason}.` },
            values,
          ),
          corsHeaders,
        );
      }
      const message =
        'Check your inbox: if the address can receive mail, a confirmation email is on its way.';
      return wantsJson(request, body)
        ? json(202, { ok: true, message }, corsHeaders)
        : page(checkInboxPage(), corsHeaders);
    },
    'GET /confirm': async (request) => {
      const t = token(request);
      verifyToken(deps.settings.keys, 'confirm', t, deps.clock.now());
      return page(confirmPromptPage(t));
    },
    'POST /confirm': async (request) => {
      const result = await confirm(deps, token(request, parseBody(request).fields));
      return page(confirmedPage(course.title, result === 'already'));
    },
    'GET /unsubscribe': async (request) => {
      const t = token(request);
      verifyToken(deps.settings.keys, 'unsubscribe', t, deps.clock.now());
      return page(unsubscribePromptPage(t));
    },
    // RFC 8058 one-click: no cookie, no CSRF token, no redirect; the signed URL is the authority.
    'POST /unsubscribe': async (request) => {
      parseBody(request);
      await unsubscribe(deps, token(request));
      return page(unsubscribedPage());
    },
    'GET /manage': async (request) => {
      const now = deps.clock.now();
      const claims = verifyToken(deps.settings.keys, 'manage', token(request), now);
      const subscriber = await deps.store.get(claims.subscriberId);
      if (!subscriber)
        return page(errorPage(404, 'Nothing here', 'We hold no data for this link any more.'));
      const own = courseOf(deps, subscriber.courseId);
      const next = nextItem(subscriber);
      const when = next
        ? new Intl.DateTimeFormat('en-GB', {
            timeZone: subscriber.timezone,
            dateStyle: 'full',
            timeStyle: 'short',
          }).format(new Date(next.dueAt))
        : null;
      const nextEmail = next ? own.emails[next.template] : undefined;
      return page(
        managePage({
          email: subscriber.email,
          status: subscriber.status,
          courseTitle: own.title,
          steps: own.sequence.map((entry, index) => ({
            label: own.emails[entry.emailId]?.subject ?? entry.emailId,
            current: subscriber.status === 'active' && index === subscriber.position,
          })),
          nextLine:
            when && nextEmail
              ? `Next: “${nextEmail.subject}” on ${when} (${subscriber.timezone}).`
              : 'Nothing is scheduled.',
          unsubscribeToken: signToken(deps.settings.keys, 'unsubscribe', {
            subscriberId: subscriber.id,
            expiresAt: null,
            data: '',
          }),
        }),
      );
    },
  };

  return async (event) => {
    let request: WebRequest;
    try {
      request = decodeEvent(event);
    } catch (error) {
      deps.log.warn('malformed web event', {
        error: error instanceof ZodError ? error.issues : String(error),
      });
      return json(400, { error: { code: 'bad_event', message: 'malformed request event' } });
    }
    const route = routes[`${request.method} ${request.path}`];
    if (!route) {
      const known = Object.keys(routes).some((key) => key.endsWith(` ${request.path}`));
      return page(
        known
          ? errorPage(405, 'Method not allowed', 'This page does not accept that request.')
          : errorPage(404, 'Page not found', 'There is no page at this address.'),
      );
    }
    try {
      return await route(request);
    } catch (error) {
      const failure = toHttpError(error);
      if (failure.status >= 500) {
        deps.log.error('web request failed', {
          route: `${request.method} ${request.path}`,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
      const extra = request.path === '/subscribe' ? corsHeaders : {};
      if (wantsJson(request)) {
        return json(
          failure.status,
          {
            error: {
              code: failure.code,
              message: failure.message,
              ...(failure.field ? { field: failure.field } : {}),
            },
          },
          extra,
        );
      }
      return page(errorPage(failure.status, failure.title, failure.message), extra);
    }
  };
}

function labelOf(field: string): string {
  return field === 'email'
    ? 'Email'
    : field === 'name'
      ? 'Name'
      : field === 'timezone'
        ? 'Time zone'
        : field;
}
