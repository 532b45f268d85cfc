import { confirm } from '../app/confirm.ts';
import { courseOf } from '../app/deps.ts';
import {
  deleteEverything,
  editPeopleList,
  exportData,
  type ManageDeps,
  openManage,
  pauseCourse,
  requestManageLink,
  resubscribeHere,
  resumeCourse,
  subscriberOfLink,
  unsubscribeHere,
  updatePreferences,
} from '../app/manage.ts';
import { subscribe } from '../app/subscribe.ts';
import { unsubscribe } from '../app/unsubscribe.ts';
import { allowedOrigins, checkSameOrigin, formToken, verifyFormToken } from '../core/csrf.ts';
import { ExpiredTokenError, InvalidTokenError, ValidationError } from '../core/errors.ts';
import { verifyToken } from '../core/tokens.ts';
import { ZodError } from '../core/zod.ts';
import { signupScript, stylesheet } from './http/assets.ts';
import { parseBody, wantsJson } from './http/body.ts';
import { toHttpError } from './http/errors.ts';
import { decodeEvent, type FunctionUrlResult, type WebRequest } from './http/function-url.ts';
import {
  deleteConfirmPage,
  deletedPage,
  doneNotices,
  linkRequestPage,
  linkSentPage,
  type ManageAction,
  manageActions,
  managePage,
  sectionOf,
} from './http/manage-page.ts';
import {
  checkInboxPage,
  confirmedPage,
  confirmPromptPage,
  errorPage,
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
  // Links carry tokens: never leak them to other sites. Same-origin rather than
  // no-referrer, because under no-referrer browsers send `Origin: null` with our
  // own form posts, and the manage forms' CSRF check needs the real origin.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** What the manage page's forms do, each through its use case. */
const manageRoutes: Record<
  Exclude<ManageAction, 'delete'>,
  (deps: ManageDeps, token: string, fields: Record<string, unknown>) => Promise<unknown>
> = {
  preferences: updatePreferences,
  pause: pauseCourse,
  resume: (deps, token) => resumeCourse(deps, token),
  people: editPeopleList,
  unsubscribe: (deps, token) => unsubscribeHere(deps, token),
  resubscribe: (deps, token) => resubscribeHere(deps, token),
};

const linkHelp = {
  expired: [
    'This link has expired',
    'For your safety, links to your course page work for 30 days. Enter your address and we will email you a fresh one.',
  ],
  invalid: [
    'This link does not work',
    'It may have been cut short or changed on the way. Enter your address and we will email you a fresh one.',
  ],
  request: [
    'Get a link to your course page',
    'Enter the address you signed up with and we will email you a fresh link.',
  ],
} as const;

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
export function createWebHandler(deps: ManageDeps): (event: unknown) => Promise<FunctionUrlResult> {
  const course = courseOf(deps, deps.defaultCourse);
  const site = deps.settings.senderName;
  const keys = deps.settings.keys;
  const ownOrigins = allowedOrigins(deps.settings.baseUrl);
  const page = (p: Page, extra?: Record<string, string>) => html(p, site, extra);
  const token = (request: WebRequest, fields?: Record<string, unknown>) => {
    const value = request.query.get('t') ?? fields?.t;
    if (typeof value !== 'string' || !value)
      throw new ValidationError('t', 'the link is missing its token');
    return value;
  };
  /** CSRF: the form must come from our origin and carry its own form token. */
  const guard = (
    request: WebRequest,
    t: string,
    action: ManageAction,
    fields: Record<string, unknown>,
  ) => {
    checkSameOrigin(request.headers, ownOrigins);
    verifyFormToken(keys, t, action, fields.csrf);
  };
  const showManage = async (
    t: string,
    notice: { section: string; message: string } | null,
    error: { section: string; message: string } | null = null,
  ) => {
    const snapshot = await openManage(deps, t);
    const formTokens = Object.fromEntries(
      manageActions.map((action) => [action, formToken(keys, t, action)]),
    ) as Record<ManageAction, string>;
    return page(managePage({ snapshot, token: t, formTokens, notice, error }));
  };
  const manageForm =
    (action: Exclude<ManageAction, 'delete'>): Route =>
    async (request) => {
      const { fields } = parseBody(request);
      const t = token(request, fields);
      guard(request, t, action, fields);
      try {
        await manageRoutes[action](deps, t, fields);
      } catch (error) {
        if (!(error instanceof ValidationError) || error.field === 't') throw error;
        return showManage(t, null, {
          section: sectionOf[action],
          message: fieldMessage(error),
        });
      }
      // Post/redirect/get: a reload does not post again, and the notice is a fixed text.
      return {
        statusCode: 303,
        headers: {
          ...securityHeaders,
          location: `/manage?t=${encodeURIComponent(t)}&done=${action}#${sectionOf[action]}`,
        },
        body: '',
      };
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
      const done = request.query.get('done') ?? '';
      const action = manageActions.find((a) => a === done && doneNotices[a]);
      const notice = action ? { section: sectionOf[action], message: doneNotices[action] } : null;
      return showManage(token(request), notice);
    },
    'GET /manage/link': async () => page(linkRequestPage(200, ...linkHelp.request)),
    // Public like signup: the answer is the same whatever is known about the address.
    'POST /manage/link': async (request) => {
      try {
        await requestManageLink(deps, parseBody(request).fields);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return page(linkRequestPage(400, ...linkHelp.request, fieldMessage(error)));
      }
      return page(linkSentPage());
    },
    'GET /manage/data': async (request) => {
      const { filename, data } = await exportData(deps, token(request));
      return {
        statusCode: 200,
        headers: {
          ...securityHeaders,
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${filename}"`,
        },
        body: `${JSON.stringify(data, null, 2)}\n`,
      };
    },
    'GET /manage/delete': async (request) => {
      const t = token(request);
      await subscriberOfLink(deps, t);
      return page(deleteConfirmPage(t, formToken(keys, t, 'delete')));
    },
    'POST /manage/delete': async (request) => {
      const { fields } = parseBody(request);
      const t = token(request, fields);
      guard(request, t, 'delete', fields);
      await deleteEverything(deps, t);
      return page(deletedPage());
    },
    'POST /manage/preferences': manageForm('preferences'),
    'POST /manage/pause': manageForm('pause'),
    'POST /manage/resume': manageForm('resume'),
    'POST /manage/people': manageForm('people'),
    'POST /manage/unsubscribe': manageForm('unsubscribe'),
    'POST /manage/resubscribe': manageForm('resubscribe'),
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
      const badLink =
        error instanceof ExpiredTokenError ||
        error instanceof InvalidTokenError ||
        (error instanceof ValidationError && error.field === 't');
      if (request.path.startsWith('/manage') && badLink && !wantsJson(request)) {
        // A dead manage link offers a fresh one, never a dead end.
        const [title, message] =
          error instanceof ExpiredTokenError ? linkHelp.expired : linkHelp.invalid;
        return page(linkRequestPage(failure.status, title, message));
      }
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

const fieldLabels: Record<string, string> = {
  email: 'Email',
  name: 'Name',
  timezone: 'Time zone',
  pace: 'Pace',
  sendHour: 'Send time',
  skipWeekends: 'Weekends',
  until: 'The date',
  to: 'The new name',
  op: 'The change',
  // People rules explain themselves in whole sentences.
  person: '',
};

/** An error as one readable sentence: "Send time must be a whole hour from 7 to 20." */
function fieldMessage(error: ValidationError): string {
  const label = fieldLabels[error.field] ?? error.field;
  return label ? `${label} ${error.reason}.` : `${error.reason}.`;
}

function labelOf(field: string): string {
  return fieldLabels[field] || field;
}
