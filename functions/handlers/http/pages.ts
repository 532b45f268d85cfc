import { escapeHtml as e } from '../../core/render.ts';

/** An HTML page answer. */
export interface Page {
  status: number;
  title: string;
  body: string;
  /** `card` wraps the body in one card; `sections` lets it bring its own (the manage page). */
  layout?: 'card' | 'sections';
}

/** Wraps page content in the shared layout. Every interpolation in callers goes through `e`. */
export function renderPage(page: Page, siteName: string): string {
  const sections = page.layout === 'sections';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(page.title)} · ${e(siteName)}</title><link rel="stylesheet" href="/assets/style.css"></head>
<body><header class="site${sections ? ' wide' : ''}"><a class="brand" href="/"><span class="mark" aria-hidden="true"></span>${e(siteName)}</a></header>
<main${sections ? ' class="wide"' : ''}>${sections ? page.body : `<div class="card">${page.body}</div>`}<footer>${e(siteName)}</footer></main></body></html>`;
}

/** Values a re-shown signup form keeps. */
export interface SignupValues {
  email?: string;
  name?: string;
  timezone?: string;
  locale?: string;
  /** The course a form on another site named; kept when the form comes back. */
  course?: string;
}

/** The signup page: a plain form that works without JavaScript. */
export function signupPage(
  courseTitle: string,
  about: string,
  error?: { field: string; message: string },
  values: SignupValues = {},
): Page {
  const err = error ? `<p class="error" role="alert" id="form-error">${e(error.message)}</p>` : '';
  const described = error ? ' aria-describedby="form-error"' : '';
  return {
    status: error ? 400 : 200,
    title: courseTitle,
    body: `<h1>${e(courseTitle)}</h1><p>${e(about)}</p>
<p>A short email course in four steps. Every lesson asks you to reply, and what you reply shapes what comes next.</p>
${err}<form method="post" action="/subscribe">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${e(values.email ?? '')}"${error?.field === 'email' ? `${described} aria-invalid="true"` : ''}>
<label for="name">First name <span class="hint">(optional)</span></label><input id="name" name="name" type="text" autocomplete="given-name" maxlength="80" value="${e(values.name ?? '')}"${error?.field === 'name' ? `${described} aria-invalid="true"` : ''}>
<input type="hidden" name="timezone" value="${e(values.timezone ?? '')}">
<input type="hidden" name="locale" value="${e(values.locale ?? '')}">
${values.course ? `<input type="hidden" name="course" value="${e(values.course)}">\n` : ''}<button type="submit">Start the course</button>
<p class="hint">We will email you a link to confirm. Unsubscribe any time with one click.</p>
</form><script src="/assets/signup.js" defer></script>`,
  };
}

/** The JSON answer to every signup (from the signup script), whatever we know about the address. */
export const checkInboxMessage =
  'Check your inbox: if the address can receive mail, a confirmation email is on its way.';

/** The answer to every signup, whatever we know about the address. */
export function checkInboxPage(): Page {
  return {
    status: 200,
    title: 'Check your inbox',
    body: `<h1>Check your inbox</h1><p>If the address can receive mail, a confirmation email is on its way. Open it and press <strong>Confirm</strong> to start the course.</p><p class="hint">Nothing there after a few minutes? Check your spam folder.</p>`,
  };
}

/** Confirming needs a press, so link scanners that open links cannot subscribe anyone. */
export function confirmPromptPage(token: string): Page {
  return {
    status: 200,
    title: 'Confirm your subscription',
    body: `<h1>One more step</h1><p>Press the button to confirm your address and start the course.</p>
<form method="post" action="/confirm"><input type="hidden" name="t" value="${e(token)}"><button type="submit">Confirm my subscription</button></form>`,
  };
}

/** Shown after confirming (or on confirming again). */
export function confirmedPage(courseTitle: string, already: boolean): Page {
  return {
    status: 200,
    title: 'You are in',
    body: `<h1>${already ? 'You are already confirmed' : 'You are in'}</h1><p>Lesson 1 of ${e(courseTitle)} is on its way. When it arrives, just hit reply: your answers shape the rest of the course.</p>`,
  };
}

/** A GET on the unsubscribe link changes nothing: it offers a button that POSTs. */
export function unsubscribePromptPage(token: string): Page {
  return {
    status: 200,
    title: 'Unsubscribe',
    body: `<h1>Unsubscribe?</h1><p>You will get no more emails from this course.</p>
<form method="post" action="/unsubscribe?t=${e(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  };
}

/** Shown after unsubscribing. */
export function unsubscribedPage(): Page {
  return {
    status: 200,
    title: 'Unsubscribed',
    body: `<h1>You are unsubscribed</h1><p>No more emails will be sent to you. If you change your mind, you can sign up again at any time.</p>`,
  };
}

/** A clear error page; never a stack trace. */
export function errorPage(status: number, title: string, message: string): Page {
  return {
    status,
    title,
    body: `<h1>${e(title)}</h1><p>${e(message)}</p><p><a href="/">Back to the start</a></p>`,
  };
}

/** No route has this path. */
export function notFoundPage(): Page {
  return errorPage(404, 'Page not found', 'There is no page at this address.');
}

/** A route has this path, but not for this method. */
export function methodNotAllowedPage(): Page {
  return errorPage(405, 'Method not allowed', 'This page does not accept that request.');
}
