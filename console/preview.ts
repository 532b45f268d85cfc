import {
  composeEmail,
  type OutgoingEmail,
  type SenderSettings,
} from '../functions/core/compose.ts';
import type { CompiledCourse } from '../functions/core/course.ts';
import { escapeHtml } from '../functions/core/render.ts';
import { confirmSignup, decideSignup } from '../functions/core/signup.ts';
import type { Subscriber } from '../functions/core/subscriber.ts';
import { pacingContextFor } from '../functions/courses.ts';

/**
 * Every email of a course filled with sample data: what `coach preview`,
 * `coach send-test` and the local stack's `GET /_dev/preview` show. Pure.
 */

/** Values the pacing would fill in, written as it writes them, for one sample person. */
export const sampleValues: Record<string, string> = {
  ackText: 'Your people are logged: Priya and Jordan. Time to send those coffee invitations.',
  nextText: 'Lesson 3 arrives on Thursday 12 March.',
  followUpText: 'You planned coffee with Priya on Tuesday. How did it go?',
  tallyText: 'This month you have met 1 person: Priya. One more makes two.',
  untilText: 'Your course is paused until Monday 16 March. It picks up again by itself then.',
  paceText: 'You asked for a gentler pace: about a week between lessons.',
  whyQuote: 'You told me your why: “to move into product management”.',
  peopleQuote: 'You picked Priya, Jordan and Sam.',
};

/** The sample person: Sam, in London, signed up and (for all but the confirm email) confirmed. */
export function sampleSubscribers(
  course: Pick<CompiledCourse, 'id' | 'sequence'>,
  email: string,
  now: Date,
): { pending: Subscriber; active: Subscriber } {
  const { state: pending } = decideSignup(
    null,
    { email, name: 'Sam Rivera', timezone: 'Europe/London' },
    'form',
    now,
    { id: 'previewsample0000', nonce: 'preview' },
    course.id,
  );
  const confirmed = confirmSignup(pending, 'preview', now, pacingContextFor(course));
  const active = confirmed.kind === 'confirmed' ? confirmed.result.state : pending;
  return { pending, active };
}

/** One previewed email. */
export interface PreviewEmail {
  emailId: string;
  /** What sends it: a lesson of the sequence, the confirmation, or a note the coach sends. */
  role: 'confirmation' | 'lesson' | 'sequence' | 'system';
  step: number | null;
  email: OutgoingEmail;
}

/** Every email of the course, in course order: confirmation, the sequence, then the rest. */
export function previewEmails(
  course: CompiledCourse,
  settings: SenderSettings,
  now: Date,
  to = 'sam@example.com',
): PreviewEmail[] {
  const { pending, active } = sampleSubscribers(course, to, now);
  const sequence = new Map(course.sequence.map((entry) => [entry.emailId, entry]));
  const ids = [
    course.confirmEmail,
    ...course.sequence.map((entry) => entry.emailId),
    ...Object.keys(course.emails)
      .filter((id) => id !== course.confirmEmail && !sequence.has(id))
      .sort(),
  ].filter((id) => course.emails[id]);
  const firstStep = course.sequence.find((entry) => entry.step !== null)?.step ?? null;
  return ids.map((emailId) => {
    const entry = sequence.get(emailId);
    const isConfirm = emailId === course.confirmEmail;
    // A nudge repeats the lesson's title and ask: show it for the first lesson.
    const step = entry ? entry.step : emailId.startsWith('nudge') ? firstStep : null;
    const email = composeEmail(
      isConfirm ? pending : active,
      { emailId, template: emailId, sendKey: `preview-${emailId}`, step, vars: sampleValues },
      course,
      settings,
      now,
    );
    return {
      emailId,
      role: isConfirm ? 'confirmation' : entry ? (entry.step ? 'lesson' : 'sequence') : 'system',
      step,
      email,
    };
  });
}

const widths = [
  { name: 'desktop', px: 640 },
  { name: 'phone', px: 375 },
];

/**
 * The gallery page: each email at desktop and phone widths, in sandboxed
 * frames (no script runs, nothing is fetched), with its plain text beside it.
 */
export function galleryHtml(course: CompiledCourse, emails: readonly PreviewEmail[]): string {
  const esc = escapeHtml;
  const index = emails
    .map((e) => `<li><a href="#${esc(e.emailId)}">${esc(e.emailId)}</a></li>`)
    .join('');
  const sections = emails
    .map((e) => {
      const frames = widths
        .map(
          (w) =>
            `<figure><figcaption>${w.name} (${w.px}px)</figcaption><iframe title="${esc(`${e.emailId}, ${w.name}`)}" sandbox="" width="${w.px}" height="760" srcdoc="${esc(e.email.html)}"></iframe></figure>`,
        )
        .join('');
      return `<section id="${esc(e.emailId)}">
<h2>${esc(e.emailId)} <span class="role">${esc(e.role)}${e.step ? ` ${e.step}` : ''}</span></h2>
<p class="subject"><b>Subject:</b> ${esc(e.email.subject)}</p>
<div class="row">${frames}<figure><figcaption>plain text</figcaption><pre>${esc(e.email.text)}</pre></figure></div>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(course.title)}: every email</title>
<style>
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2933; background: #e4e7eb; margin: 0; padding: 16px 24px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin: 0; } .role { font-size: 12px; color: #52606d; font-weight: normal; text-transform: uppercase; letter-spacing: .05em; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; list-style: none; }
section { background: #fff; border-radius: 8px; padding: 16px; margin: 16px 0; }
.row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; } figcaption { font-size: 12px; color: #52606d; }
iframe { border: 1px solid #cbd2d9; background: #fff; }
pre { white-space: pre-wrap; width: 420px; max-height: 760px; overflow: auto; background: #f5f7fa; border: 1px solid #cbd2d9; padding: 10px; margin: 0; font-size: 12px; }
</style>
</head>
<body>
<h1>${esc(course.title)}: every email</h1>
<p>${emails.length} emails of the course <code>${esc(course.id)}</code>, filled for a sample subscriber (Sam, Europe/London). Links are signed for nobody and lead nowhere.</p>
<nav><ul>${index}</ul></nav>
${sections}
</body>
</html>
`;
}
