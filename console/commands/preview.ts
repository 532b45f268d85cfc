import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SenderSettings } from '../../functions/core/compose.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { consoleDeps, courseIdOption } from '../deps.ts';
import { ConsoleError, type ConsoleIo, printJson } from '../io.ts';
import { galleryHtml, previewEmails } from '../preview.ts';
import { localDefaults, openTarget } from '../target.ts';
import { emailArgument } from './subscriber.ts';

/** Sender settings for a preview made without a stack: the local stack's. */
function offlineSettings(): SenderSettings {
  const local = localDefaults('http://localhost:3000');
  return {
    baseUrl: local.BASE_URL ?? '',
    replyDomain: local.REPLY_DOMAIN ?? '',
    fromAddress: local.FROM_ADDRESS ?? '',
    senderName: local.SENDER_NAME ?? '',
    postalAddress: local.POSTAL_ADDRESS ?? '',
    keys: [{ id: 'pv', secret: 'preview-only-key-that-signs-links-to-nowhere' }],
  };
}

/**
 * `coach preview`: every email of a course, filled with sample data, at
 * desktop and phone widths beside its plain text, as one HTML file. Needs no
 * stack: it renders the compiled templates with the local stack's settings.
 */
export function previewCommand(
  io: ConsoleIo,
  options: { course?: string; out?: string; json?: boolean },
): void {
  const courseId = courseIdOption(options.course, io.env.DEFAULT_COURSE || 'relationships');
  const course = compiledCourses[courseId];
  if (!course) throw new ConsoleError(`--course: no course "${courseId}"`);
  const emails = previewEmails(course, offlineSettings(), new Date());
  const out = resolve(io.cwd, options.out ?? `preview-${courseId}.html`);
  writeFileSync(out, galleryHtml(course, emails));
  if (options.json) {
    printJson(io, {
      out,
      course: courseId,
      emails: emails.map((e) => ({ emailId: e.emailId, role: e.role, subject: e.email.subject })),
    });
    return;
  }
  io.stdout.write(`wrote ${emails.length} emails of ${courseId} to ${options.out ?? out}\n`);
}

/**
 * `coach send-test <emailId> --to <address>`: one email of the course,
 * filled with sample data, sent through the stack's SES (locally the local
 * inbox). The subject says it is a test; its links are signed for nobody.
 */
export async function sendTestCommand(
  io: ConsoleIo,
  emailId: string,
  options: { to?: string; course?: string; json?: boolean; stack?: string },
): Promise<void> {
  if (!options.to) throw new ConsoleError('--to <address> is required');
  const to = emailArgument(options.to);
  const target = await openTarget(io, options);
  try {
    const deps = consoleDeps(target, io);
    const courseId = courseIdOption(options.course, target.config.DEFAULT_COURSE);
    const course = deps.courses[courseId];
    if (!course?.emails[emailId]) {
      throw new ConsoleError(
        `<emailId>: course ${courseId} has no email "${emailId}" (it has: ${Object.keys(course?.emails ?? {}).join(', ')})`,
      );
    }
    const preview = previewEmails(course, deps.settings, deps.clock.now(), to).find(
      (e) => e.emailId === emailId,
    );
    if (!preview) throw new ConsoleError(`<emailId>: "${emailId}" could not be rendered`);
    const email = { ...preview.email, subject: `[test] ${preview.email.subject}` };
    const { messageId } = await deps.mailer.send(email);
    if (options.json) printJson(io, { sent: emailId, to, messageId, via: target.description });
    else io.stdout.write(`sent ${emailId} to ${to} through ${target.description} (${messageId})\n`);
  } finally {
    target.destroy();
  }
}
