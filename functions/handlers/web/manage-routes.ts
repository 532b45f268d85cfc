import {
  correctCheckIn,
  deleteEverything,
  editPeopleList,
  exportData,
  type ManageSnapshot,
  openManage,
  pauseCourse,
  requestManageLink,
  resubscribeHere,
  resumeCourse,
  startFollowOn,
  subscriberOfLink,
  unsubscribeHere,
  updatePreferences,
} from '../../app/manage.ts';
import { formToken } from '../../core/csrf.ts';
import { fieldMessage } from '../http/copy.ts';
import { linkRequestPage, linkSentPage } from '../http/link-pages.ts';
import { type Banner, type ManageAction, manageActions, sectionOf } from '../http/manage-forms.ts';
import { deleteConfirmPage, deletedPage, doneNotice, managePage } from '../http/manage-page.ts';
import { type Answer, page } from '../http/respond.ts';
import { defineRoute, type Route } from '../http/router.ts';

/** What the manage page's use cases need, as each of them declares it. */
export type ManageRouteDeps = Parameters<typeof openManage>[0] &
  Parameters<typeof updatePreferences>[0] &
  Parameters<typeof pauseCourse>[0] &
  Parameters<typeof resumeCourse>[0] &
  Parameters<typeof editPeopleList>[0] &
  Parameters<typeof unsubscribeHere>[0] &
  Parameters<typeof resubscribeHere>[0] &
  Parameters<typeof exportData>[0] &
  Parameters<typeof subscriberOfLink>[0] &
  Parameters<typeof correctCheckIn>[0] &
  Parameters<typeof startFollowOn>[0] &
  Parameters<typeof deleteEverything>[0] &
  Parameters<typeof requestManageLink>[0];

type FormAction = Exclude<ManageAction, 'delete'>;

/**
 * The manage page and its forms. Every form is a post with its own form token
 * (`csrf`), answered with a redirect back to the page (post/redirect/get), or
 * with the page again when its use case refuses a field.
 */
export function manageRoutes(deps: ManageRouteDeps): Route[] {
  const keys = deps.settings.keys;
  const forms: Record<FormAction, (token: string, fields: Record<string, unknown>) => unknown> = {
    preferences: (token, fields) => updatePreferences(deps, token, fields),
    pause: (token, fields) => pauseCourse(deps, token, fields),
    resume: (token) => resumeCourse(deps, token),
    people: (token, fields) => editPeopleList(deps, token, fields),
    unsubscribe: (token) => unsubscribeHere(deps, token),
    resubscribe: (token) => resubscribeHere(deps, token),
    correct: (token, fields) => correctCheckIn(deps, token, fields),
    'next-course': (token) => startFollowOn(deps, token),
  };
  const manageAnswer = (
    snapshot: ManageSnapshot,
    token: string,
    notice: Banner | null,
    error: Banner | null,
  ): Answer => {
    const formTokens = Object.fromEntries(
      manageActions.map((action) => [action, formToken(keys, token, action)]),
    ) as Record<ManageAction, string>;
    return page(managePage({ snapshot, token, formTokens, notice, error }));
  };
  const form = (action: FormAction): Route =>
    defineRoute({
      method: 'POST',
      path: `/manage/${action}`,
      input: { body: true, token: 'query-or-form' },
      csrf: action,
      manageLink: true,
      run: (input) => forms[action](input.token, input.fields),
      // The notice is a fixed text named by `done`: nothing from the post is reflected.
      answer: (_, input) => ({
        kind: 'redirect',
        location: `/manage?t=${encodeURIComponent(input.token)}&done=${action}#${sectionOf[action]}`,
      }),
      // The page again, read afresh, with the refused field's sentence in the form's section.
      invalid: async (error, input) =>
        manageAnswer(await openManage(deps, input.token), input.token, null, {
          section: sectionOf[action],
          message: fieldMessage(error),
        }),
    });

  return [
    defineRoute({
      method: 'GET',
      path: '/manage',
      input: { token: 'query' },
      manageLink: true,
      run: (input) => openManage(deps, input.token),
      answer: (snapshot, input) =>
        manageAnswer(snapshot, input.token, doneNotice(input.query.get('done')), null),
    }),
    defineRoute({
      method: 'GET',
      path: '/manage/link',
      answer: () => page(linkRequestPage(200, 'request')),
    }),
    // Public like signup: the answer is the same whatever is known about the address.
    defineRoute({
      method: 'POST',
      path: '/manage/link',
      input: { body: true },
      run: (input) => requestManageLink(deps, input.fields),
      answer: () => page(linkSentPage()),
      invalid: (error) => page(linkRequestPage(400, 'request', fieldMessage(error))),
    }),
    defineRoute({
      method: 'GET',
      path: '/manage/data',
      input: { token: 'query' },
      manageLink: true,
      run: (input) => exportData(deps, input.token),
      answer: ({ filename, data }) => ({ kind: 'download', filename, body: data }),
    }),
    defineRoute({
      method: 'GET',
      path: '/manage/delete',
      input: { token: 'query' },
      manageLink: true,
      run: (input) => subscriberOfLink(deps, input.token),
      answer: (_, input) =>
        page(deleteConfirmPage(input.token, formToken(keys, input.token, 'delete'))),
    }),
    defineRoute({
      method: 'POST',
      path: '/manage/delete',
      input: { body: true, token: 'query-or-form' },
      csrf: 'delete',
      manageLink: true,
      run: (input) => deleteEverything(deps, input.token),
      answer: () => page(deletedPage()),
    }),
    ...manageActions.filter((action): action is FormAction => action !== 'delete').map(form),
  ];
}
