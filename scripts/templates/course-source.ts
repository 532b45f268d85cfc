import {
  type CourseSource,
  courseSourceSchema,
  type PlaceholderName,
} from '../../functions/core/course.ts';
import { jsonPathLines, lineOfPath } from './json-lines.ts';
import { at, errorMessage, lineAt } from './problems.ts';

/** Email ids mapped to the dynamic placeholders each must show, in both parts. */
export type SystemEmails = Readonly<Record<string, readonly PlaceholderName[]>>;

/**
 * The emails the coach sends by id, besides the lesson sequence: those the
 * pacing plans (see functions/core/pacing/) and `manage-link`, the fresh
 * manage link a subscriber asks for when theirs expired (functions/app/manage.ts).
 * Each lists the values filled in that the email must therefore show. Every
 * course must have all of them, or a reply, command, silence or request would
 * fail at send time. All but `confirm` are course-neutral and usually point at
 * `shared/<name>` templates (templates/shared/).
 */
export const systemEmails = {
  confirm: [],
  ack: ['ackText', 'nextText'],
  nudge: ['lessonTitle', 'replyAsk'],
  'follow-up': ['followUpText'],
  'check-in': ['tallyText'],
  'still-there': [],
  paused: ['untilText'],
  // What they wrote while paused is acknowledged when the course runs again.
  resumed: ['ackText', 'nextText'],
  stopped: [],
  'pace-changed': ['paceText', 'nextText'],
  skipped: ['nextText'],
  'not-yet': ['nextText'],
  graduated: [],
  'manage-link': [],
  // A bare "done" the coach cannot read: did they do it? It repeats the lesson's ask.
  clarify: ['replyAsk'],
  // A discouraged reply: the course's other ways in, and the hold on the next lesson.
  encourage: ['encouragement'],
  // A question: a person will answer it by email.
  'question-received': ['ackText'],
} as const satisfies SystemEmails;

/** The ids of {@link systemEmails}. */
export const systemEmailIds = Object.keys(systemEmails) as readonly (keyof typeof systemEmails)[];

/** A course.json read, with the line of every value in it. */
export interface CourseFile {
  file: string;
  source: CourseSource;
  /** `file:line` of a path in the document (`sequence.0.gapDays`), or of its nearest parent. */
  where(path: string): string;
}

/** Reads and validates a course.json; every problem names the line. */
export function parseCourseFile(
  courseFile: string,
  raw: string,
  problems: string[],
): CourseFile | undefined {
  const lines = jsonPathLines(raw);
  const where = (path: string) => at(courseFile, lineOfPath(lines, path));
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const position = /position (\d+)/.exec(errorMessage(error));
    const line = position ? lineAt(raw, Number(position[1])) : 1;
    problems.push(`${at(courseFile, line)}: not valid JSON (${errorMessage(error)})`);
    return undefined;
  }
  const parsed = courseSourceSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      problems.push(`${where(path)}: ${path || '(top level)'}: ${issue.message}`);
    }
    return undefined;
  }
  return { file: courseFile, source: parsed.data, where };
}

/** Cross-references the schema cannot express. */
export function structureProblems(course: CourseFile, folderName: string): string[] {
  const { source, where } = course;
  const problems: string[] = [];
  if (source.id !== folderName) {
    problems.push(`${where('id')}: id "${source.id}" must match its folder name "${folderName}"`);
  }
  const emailIds = new Set<string>();
  for (const [index, email] of source.emails.entries()) {
    if (emailIds.has(email.id)) {
      problems.push(`${where(`emails.${index}.id`)}: email id "${email.id}" is used twice`);
    }
    emailIds.add(email.id);
    problems.push(
      ...subjectProblems(
        email.subject,
        `${where(`emails.${index}.subject`)}: subject of "${email.id}"`,
      ),
    );
  }
  if (!emailIds.has(source.confirmEmail)) {
    problems.push(
      `${where('confirmEmail')}: confirmEmail "${source.confirmEmail}" is not one of the emails`,
    );
  }
  const sequenced = new Set<string>();
  const steps = new Set<number>();
  for (const [index, item] of source.sequence.entries()) {
    const here = where(`sequence.${index}.emailId`);
    if (!emailIds.has(item.emailId)) {
      problems.push(`${here}: sequence email "${item.emailId}" is not one of the emails`);
    }
    if (item.emailId === source.confirmEmail) {
      problems.push(`${here}: the confirm email "${item.emailId}" cannot be part of the sequence`);
    }
    if (sequenced.has(item.emailId)) {
      problems.push(`${here}: sequence lists "${item.emailId}" twice`);
    }
    sequenced.add(item.emailId);
    if (item.step !== null) {
      if (steps.has(item.step)) {
        problems.push(`${where(`sequence.${index}.step`)}: sequence uses step ${item.step} twice`);
      }
      steps.add(item.step);
    }
  }
  return problems;
}

/** The emails the pacing sends by id must exist, and the nudge needs each lesson's `replyAsk`. */
export function systemEmailProblems(course: CourseFile, required: SystemEmails): string[] {
  const { source, where } = course;
  const problems: string[] = [];
  const emailIds = new Set(source.emails.map((email) => email.id));
  const missing = Object.keys(required).filter((id) => !emailIds.has(id));
  if (missing.length > 0) {
    problems.push(
      `${where('emails')}: missing emails the pacing sends: ${missing.join(', ')} (each needs an entry in "emails" and its .mjml and .txt)`,
    );
  }
  if (Object.values(required).some((names) => names.includes('replyAsk'))) {
    for (const [index, item] of source.sequence.entries()) {
      if (item.step !== null && item.replyAsk === undefined) {
        problems.push(
          `${where(`sequence.${index}`)}: sequence.${index}.replyAsk: step ${item.step} ("${item.emailId}") needs one; nudges repeat it`,
        );
      }
    }
  }
  return problems;
}

function subjectProblems(subject: string, where: string): string[] {
  const problems: string[] = [];
  // Subjects become a mail header: nothing filled at send time may reach it, and no line breaks.
  if (subject.includes('{{') || subject.includes('}}')) {
    problems.push(`${where} must not contain placeholders: "${subject}"`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected
  if (/[\u0000-\u001f\u007f]/.test(subject)) {
    problems.push(`${where} must be a single line without control characters`);
  }
  return problems;
}
