import { escapeHtml as e } from '../../core/render.ts';
import type { Page } from './pages.ts';

/** Why someone is asked for their address: a dead manage link, or they came to ask for one. */
export type LinkRequestReason = 'expired' | 'invalid' | 'request';

const linkHelp: Record<LinkRequestReason, { title: string; message: string }> = {
  expired: {
    title: 'This link has expired',
    message:
      'For your safety, links to your course page work for 30 days. Enter your address and we will email you a fresh one.',
  },
  invalid: {
    title: 'This link does not work',
    message:
      'It may have been cut short or changed on the way. Enter your address and we will email you a fresh one.',
  },
  request: {
    title: 'Get a link to your course page',
    message: 'Enter the address you signed up with and we will email you a fresh link.',
  },
};

/**
 * Asks for an address to email a fresh manage link to: when a link has
 * expired or is broken (so a dead link is never a dead end), or on request.
 * `error` is a refused address, shown above the form.
 */
export function linkRequestPage(status: number, reason: LinkRequestReason, error?: string): Page {
  const { title, message } = linkHelp[reason];
  const err = error ? `<p class="notice error" role="alert" id="link-error">${e(error)}</p>` : '';
  return {
    status,
    title,
    body: `<h1>${e(title)}</h1><p>${e(message)}</p>
${err}<form method="post" action="/manage/link"><label for="email">Your email address</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="254"${error ? ' aria-invalid="true" aria-describedby="link-error"' : ''}>
<button type="submit">Email me a fresh link</button></form>`,
  };
}

/** The answer to every fresh-link request, whatever we know about the address. */
export function linkSentPage(): Page {
  return {
    status: 200,
    title: 'Check your inbox',
    body: `<h1>Check your inbox</h1><p>If this address has a course with us, a fresh link to your course page is on its way. It works for 30 days.</p><p class="hint">Nothing there after a few minutes? Check your spam folder.</p>`,
  };
}
