import type { ManageSnapshot } from '../../app/manage.ts';
import { escapeHtml as e } from '../../core/render.ts';

/** The forms of the manage page, each posted to `/manage/<action>`. */
export const manageActions = [
  'preferences',
  'pause',
  'resume',
  'people',
  'unsubscribe',
  'resubscribe',
  'correct',
  'next-course',
  'delete',
] as const;
export type ManageAction = (typeof manageActions)[number];

/** The page section each form lives in, so an answer lands back where the form was. */
export const sectionOf: Record<ManageAction, string> = {
  preferences: 'preferences',
  pause: 'pause',
  resume: 'pause',
  people: 'people',
  unsubscribe: 'pause',
  resubscribe: 'pause',
  correct: 'understood',
  'next-course': 'progress',
  delete: 'data',
};

/** A banner on the manage page, shown in the section it belongs to. */
export interface Banner {
  section: string;
  message: string;
}

/** Everything the manage page needs besides the snapshot: the link's token and form tokens. */
export interface ManageView {
  snapshot: ManageSnapshot;
  token: string;
  /** The hidden form token of each action. */
  formTokens: Record<ManageAction, string>;
  /** What a successful form said, shown in the section it came from. */
  notice: Banner | null;
  error: Banner | null;
}

/** The link's token and the form's own token: every manage form carries both. */
export function hidden(view: ManageView, action: ManageAction): string {
  return `<input type="hidden" name="t" value="${e(view.token)}"><input type="hidden" name="csrf" value="${e(view.formTokens[action])}">`;
}

/** Opens a manage form that posts to its action and lands back on its section. */
export function formOpen(view: ManageView, action: ManageAction, extraClass = ''): string {
  const cls = extraClass ? ` class="${extraClass}"` : '';
  return `<form method="post" action="/manage/${action}#${sectionOf[action]}"${cls}>${hidden(view, action)}`;
}

/** The answer to the last form, inside the section it came from, where the page lands. */
export function bannerFor(view: ManageView, section: string): string {
  const notice =
    view.notice?.section === section
      ? `<p class="notice" role="status">${e(view.notice.message)}</p>`
      : '';
  const error =
    view.error?.section === section
      ? `<p class="notice error" role="alert" id="${section}-error">${e(view.error.message)}</p>`
      : '';
  return notice + error;
}
