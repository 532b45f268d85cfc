import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CompiledCourse } from '../../functions/core/course.ts';
import { type BuildTemplatesOptions, buildCourses, findCourseDirs } from '../build-templates.ts';
import type { CourseFile } from './course-source.ts';
import type { BuiltEmail } from './email-checks.ts';
import { at, lineAt, TemplateBuildError } from './problems.ts';

/**
 * `coach course check [dir]`: everything the build checks, and what only an
 * author needs told: subjects short enough to read on a phone, links that
 * work, and a plain-text part that says what the HTML says. Every problem
 * names its file and line.
 */

/** Inboxes cut subjects off near here, phones sooner. */
export const maxSubjectLength = 70;

/** URL placeholders the runtime fills with signed links. */
const linkPlaceholders = new Set(['{{manageUrl}}', '{{unsubscribeUrl}}', '{{confirmUrl}}']);

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  middot: '·',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** The words a person reads in an MJML body or a text body, lowercase, placeholders kept whole. */
export function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/\{\{(\w+)\}\}/g, ' ph$1ph ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The text an MJML body shows: tags out, entities decoded, blocks on lines of their own. */
export function visibleText(mjml: string): string {
  return mjml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(br|\/p|\/li|\/h\d|\/blockquote|\/mj-text|\/mj-button|\/div)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1]?.toLowerCase() === 'x'
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return entities[name.toLowerCase()] ?? whole;
    });
}

/** Sentences of a text: split at sentence ends, colons and line breaks; three words or more. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?:;])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => words(s).split(' ').length >= 3);
}

/** The line of `source` a sentence starts on: the first whose words hold its first few. */
function lineOfSentence(source: string, sentence: string, show: (s: string) => string): number {
  const start = words(sentence).split(' ').slice(0, 4).join(' ');
  const lines = source.split('\n');
  const index = lines.findIndex((line) => words(show(line)).includes(start));
  return index < 0 ? 1 : index + 1;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** What one part says that the other does not. */
function parityProblems(email: BuiltEmail): string[] {
  const problems: string[] = [];
  const htmlWords = ` ${words(visibleText(email.body))} `;
  const textWords = ` ${words(email.textBody)} `;
  // A heading may stay out of the text part: its reader has the subject line.
  const withoutHeadings = email.body.replace(
    /<mj-text\b[^>]*mj-class="(?:heading|eyebrow)"[^>]*>[\s\S]*?<\/mj-text>/g,
    (block) => '\n'.repeat(block.split('\n').length - 1),
  );
  for (const sentence of sentences(visibleText(withoutHeadings))) {
    if (!textWords.includes(` ${words(sentence)} `)) {
      const line = lineOfSentence(email.body, sentence, visibleText);
      problems.push(
        `${at(email.mjmlFile, line)}: the HTML says "${clip(sentence)}" but the text part does not`,
      );
    }
  }
  for (const sentence of sentences(email.textBody)) {
    if (!htmlWords.includes(` ${words(sentence)} `)) {
      const line = lineOfSentence(email.textBody, sentence, (s) => s);
      problems.push(
        `${at(email.textFile, line)}: the text part says "${clip(sentence)}" but the HTML does not`,
      );
    }
  }
  return problems;
}

/** Links: https or a signed-link placeholder, and the same ones in both parts. */
function linkProblems(email: BuiltEmail): string[] {
  const problems: string[] = [];
  const htmlLinks = new Map<string, number>();
  for (const match of email.body.matchAll(/href\s*=\s*"([^"]*)"/gi)) {
    const href = (match[1] ?? '').trim();
    const line = lineAt(email.body, match.index);
    htmlLinks.set(href, line);
    // A signed link may point at a section of its page: "{{manageUrl}}#understood".
    if (
      linkPlaceholders.has(href.replace(/#[a-z0-9-]+$/, '')) ||
      /^https:\/\/[^\s{}]+$/.test(href) ||
      /^mailto:\S+@\S+$/.test(href)
    ) {
      continue;
    }
    problems.push(
      `${at(email.mjmlFile, line)}: link "${clip(href)}" must be https://, mailto: or one of ${[...linkPlaceholders].join(', ')}`,
    );
  }
  const textLinks = new Map<string, number>();
  for (const match of email.textBody.matchAll(
    /\b(?:https?:\/\/|mailto:)[^\s<>"')\]]+|\{\{(?:manageUrl|unsubscribeUrl|confirmUrl)\}\}(?:#[a-z0-9-]+)?/g,
  )) {
    const link = match[0].replace(/[.,;:!?]+$/, '');
    const line = lineAt(email.textBody, match.index);
    textLinks.set(link, line);
    if (link.startsWith('http://')) {
      problems.push(`${at(email.textFile, line)}: link "${clip(link)}" must be https://`);
    }
  }
  for (const [href, line] of htmlLinks) {
    if (!textLinks.has(href) && !href.startsWith('http://')) {
      problems.push(
        `${at(email.mjmlFile, line)}: the HTML links to "${clip(href)}" but the text part does not`,
      );
    }
  }
  for (const [link, line] of textLinks) {
    if (!htmlLinks.has(link) && !link.startsWith('http://')) {
      problems.push(
        `${at(email.textFile, line)}: the text part links to "${clip(link)}" but the HTML does not`,
      );
    }
  }
  return problems;
}

/** The author's checks on one compiled email. */
export function authorProblems(email: BuiltEmail, course: CourseFile): string[] {
  const index = course.source.emails.findIndex(
    (e) => `${course.source.id}/${e.id}` === email.label,
  );
  const subject = course.source.emails[index]?.subject ?? '';
  const problems: string[] = [];
  if (subject.length > maxSubjectLength) {
    problems.push(
      `${course.where(`emails.${index}.subject`)}: subject of "${course.source.emails[index]?.id}" is ${subject.length} characters; inboxes cut subjects off near ${maxSubjectLength}`,
    );
  }
  return [...problems, ...linkProblems(email), ...parityProblems(email)];
}

/** The result of a check: the courses that passed, and every problem. */
export interface CourseCheck {
  courses: CompiledCourse[];
  problems: string[];
}

/**
 * Checks a course folder (with `course.json`), or every course under a
 * folder. The layout comes from the folder that holds the courses.
 */
export async function checkCourses(
  dir: string,
  options: Pick<BuildTemplatesOptions, 'layoutDir' | 'systemEmails'> = {},
): Promise<CourseCheck> {
  const single = existsSync(path.join(dir, 'course.json'));
  const templatesDir = single ? path.dirname(path.resolve(dir)) : dir;
  const courseDirs = single ? [path.resolve(dir)] : await findCourseDirs(dir);
  try {
    const courses = await buildCourses(courseDirs, templatesDir, {
      checkEmail: authorProblems,
      ...options,
    });
    return { courses: Object.values(courses), problems: [] };
  } catch (error) {
    if (error instanceof TemplateBuildError) return { courses: [], problems: [...error.problems] };
    throw error;
  }
}
