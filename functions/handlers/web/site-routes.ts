import { confirm } from '../../app/confirm.ts';
import { courseOf, registeredCourses } from '../../app/deps.ts';
import { checkConfirmLink, checkUnsubscribeLink } from '../../app/links.ts';
import { subscribe } from '../../app/subscribe.ts';
import { unsubscribe } from '../../app/unsubscribe.ts';
import { withSignupLocale } from '../http/accept-language.ts';
import { signupScript, stylesheet } from '../http/assets.ts';
import { signupFieldMessage } from '../http/copy.ts';
import {
  checkInboxMessage,
  checkInboxPage,
  confirmedPage,
  confirmPromptPage,
  signupPage,
  unsubscribedPage,
  unsubscribePromptPage,
} from '../http/pages.ts';
import { json, page } from '../http/respond.ts';
import { defineRoute, type Route } from '../http/router.ts';

/** What the public pages' use cases need, as each of them declares it. */
export type SiteDeps = Parameters<typeof subscribe>[0] &
  Parameters<typeof confirm>[0] &
  Parameters<typeof unsubscribe>[0] &
  Parameters<typeof checkConfirmLink>[0] &
  Parameters<typeof checkUnsubscribeLink>[0] &
  Parameters<typeof courseOf>[0];

/** The public pages: health, assets, signup, confirm and unsubscribe (RFC 8058 one-click too). */
export function siteRoutes(deps: SiteDeps): Route[] {
  const course = courseOf(deps, deps.defaultCourse);
  return [
    defineRoute({ method: 'GET', path: '/healthz', answer: () => json(200, { ok: true }) }),
    defineRoute({
      method: 'GET',
      path: '/assets/style.css',
      answer: () => ({ kind: 'asset', type: 'text/css; charset=utf-8', body: stylesheet }),
    }),
    defineRoute({
      method: 'GET',
      path: '/assets/signup.js',
      answer: () => ({ kind: 'asset', type: 'text/javascript; charset=utf-8', body: signupScript }),
    }),
    defineRoute({
      method: 'GET',
      path: '/',
      answer: () => page(signupPage(course.title, course.about)),
    }),
    // Signup is public and may be posted from a form or script on another site.
    defineRoute({
      method: 'OPTIONS',
      path: '/subscribe',
      cors: true,
      answer: () => ({ kind: 'empty', status: 204 }),
    }),
    defineRoute({
      method: 'POST',
      path: '/subscribe',
      input: { body: true },
      cors: true,
      answersJson: true,
      run: (input) =>
        subscribe(
          deps,
          withSignupLocale(input.fields, input.headers['accept-language']),
          input.format === 'json' ? 'json' : 'form',
        ),
      answer: (_, input) =>
        input.wantsJson
          ? json(202, { ok: true, message: checkInboxMessage })
          : page(checkInboxPage()),
      invalid: (error, input) => {
        const values: Record<string, string> = Object.fromEntries(
          Object.entries(input.fields).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        );
        // A course the deployment runs comes back with the form (and titles it); another does not.
        const named = values.course?.trim() ?? '';
        const shownCourse = registeredCourses(deps).includes(named)
          ? courseOf(deps, named)
          : course;
        if (shownCourse === course) delete values.course;
        const shown = { field: error.field, message: signupFieldMessage(error) };
        return page(signupPage(shownCourse.title, shownCourse.about, shown, values));
      },
    }),
    // A GET only checks the link and offers a button: link scanners must not confirm anyone.
    defineRoute({
      method: 'GET',
      path: '/confirm',
      input: { token: 'query' },
      run: (input) => checkConfirmLink(deps, input.token),
      answer: (_, input) => page(confirmPromptPage(input.token)),
    }),
    defineRoute({
      method: 'POST',
      path: '/confirm',
      input: { body: true, token: 'query-or-form' },
      run: (input) => confirm(deps, input.token),
      answer: (result) => page(confirmedPage(course.title, result === 'already')),
    }),
    defineRoute({
      method: 'GET',
      path: '/unsubscribe',
      input: { token: 'query' },
      run: (input) => checkUnsubscribeLink(deps, input.token),
      answer: (_, input) => page(unsubscribePromptPage(input.token)),
    }),
    // RFC 8058 one-click: no cookie, no CSRF token, no redirect; the signed URL is the authority.
    defineRoute({
      method: 'POST',
      path: '/unsubscribe',
      input: { body: true, token: 'query' },
      run: (input) => unsubscribe(deps, input.token),
      answer: () => page(unsubscribedPage()),
    }),
  ];
}
