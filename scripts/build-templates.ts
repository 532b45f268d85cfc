import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CompiledCourse,
  type CompiledEmail,
  type CourseSource,
  courseSourceSchema,
  type PlaceholderName,
  placeholderNames,
} from '../functions/core/course.ts';

/** Where `layout.mjml` takes each email's body sections. A comment keeps the layout valid MJML on its own. */
export const MJML_BODY_SLOT = '<!-- slot:body -->';
/** Where `layout.txt` takes each email's plain-text body. */
export const TEXT_BODY_SLOT = '{{body}}';

/** Email ids mapped to the dynamic placeholders each must show, in both parts. */
export type SystemEmails = Readonly<Record<string, readonly PlaceholderName[]>>;

/**
 * The emails the coach sends by id, besides the lesson sequence: those the
 * pacing plans (see functions/core/pacing.ts) and `manage-link`, the fresh
 * manage link a subscriber asks for when theirs expired (functions/app/manage.ts).
 * Each lists the values filled in that the email must therefore show. Every
 * course must have all of them, or a reply, command, silence or request would
 * fail at send time.
 */
export const systemEmails = {
  confirm: [],
  ack: ['ackText', 'nextText'],
  nudge: ['lessonTitle', 'replyAsk'],
  'follow-up': ['followUpText'],
  'check-in': ['tallyText'],
  'still-there': [],
  paused: ['untilText'],
  resumed: ['nextText'],
  stopped: [],
  'pace-changed': ['paceText', 'nextText'],
  skipped: ['nextText'],
  'not-yet': ['nextText'],
  graduated: [],
  'manage-link': [],
} as const satisfies SystemEmails;

/** The ids of {@link systemEmails}. */
export const systemEmailIds = Object.keys(systemEmails) as readonly (keyof typeof systemEmails)[];

interface MjmlIssue {
  line?: number;
  message?: string;
  tagName?: string;
}

interface MjmlOptions {
  validationLevel: 'strict' | 'soft' | 'skip';
  keepComments: boolean;
  fonts: Record<string, string>;
  minify: boolean;
  minifyOptions: { minifyCss: false };
  ignoreIncludes: boolean;
}

type Mjml2Html = (input: string, options: MjmlOptions) => Promise<{ html: string }>;

// mjml ships no type declarations; a narrow local signature is safer than an untyped import.
/** MJML's compiler (CommonJS, no types): build time only, never in a runtime bundle. */
export const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;

/** How the templates are compiled; the benchmark compiles with the same options. */
export const mjmlOptions: MjmlOptions = {
  // Strict makes unknown tags and misplaced components fail the build instead of rendering oddly.
  validationLevel: 'strict',
  // Author comments stay out of subscribers' inboxes (and out of the byte count).
  keepComments: false,
  // The layout uses system fonts; MJML's default Google Fonts links would add a tracking-capable fetch.
  fonts: {},
  // Whitespace collapsing only: the CSS minifier needs cssnano, which is not installed, and gains little.
  minify: true,
  minifyOptions: { minifyCss: false },
  // Includes would let a template read arbitrary files at build time; nothing here needs them.
  ignoreIncludes: true,
};

const knownPlaceholders: ReadonlySet<string> = new Set(placeholderNames);
const placeholderToken = /\{\{([^{}]*)\}\}/g;
const validPlaceholderName = /^[A-Za-z][A-Za-z0-9]*$/;
// Every email must carry these, in both parts, or it cannot legally be sent.
const footerPlaceholders = ['manageUrl', 'unsubscribeUrl', 'postalAddress'] as const;
const linkPlaceholders = ['manageUrl', 'unsubscribeUrl'] as const;

/** The build found problems; `problems` lists each one with the file it comes from. */
export class TemplateBuildError extends Error {
  override name = 'TemplateBuildError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`template build failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Options for {@link buildTemplates}. */
export interface BuildTemplatesOptions {
  /** Folder holding `layout.mjml` and `layout.txt`; defaults to the templates folder itself. */
  layoutDir?: string;
  /** Emails every course must have; defaults to {@link systemEmails}. */
  systemEmails?: SystemEmails;
}

interface Layout {
  mjmlFile: string;
  mjmlBefore: string;
  mjmlAfter: string;
  textBefore: string;
  textAfter: string;
}

/**
 * Compiles every course under `templatesDir` (each `<course>/course.json` with its
 * `<template>.mjml` and `<template>.txt` files) into precompiled HTML and text.
 * Collects every problem it finds and throws one {@link TemplateBuildError} naming
 * each file, so an author fixes everything in one pass.
 */
export async function buildTemplates(
  templatesDir: string,
  options: BuildTemplatesOptions = {},
): Promise<Record<string, CompiledCourse>> {
  const problems: string[] = [];
  const layout = await loadLayout(options.layoutDir ?? templatesDir, problems);
  const courseDirs = await findCourseDirs(templatesDir);
  if (courseDirs.length === 0) {
    problems.push(`${show(templatesDir)}: no course found (expected <course>/course.json)`);
  }
  const courses: Record<string, CompiledCourse> = {};
  const required = options.systemEmails ?? systemEmails;
  if (layout !== undefined) {
    for (const courseDir of courseDirs) {
      const course = await buildCourse(courseDir, layout, required, problems);
      if (course !== undefined) courses[course.id] = course;
    }
  }
  if (problems.length > 0) throw new TemplateBuildError(problems);
  return courses;
}

/** Renders the generated runtime module; kept separate from writing so it can be checked without I/O. */
export function renderGeneratedModule(courses: Record<string, CompiledCourse>): string {
  return [
    '// Generated by scripts/build-templates.ts from templates/. Do not edit:',
    '// change the templates and run `npm run build:templates`.',
    "import type { CompiledCourse } from '../core/course.ts';",
    '',
    `export const compiledCourses: Record<string, CompiledCourse> = ${JSON.stringify(courses, null, 2)};`,
    '',
  ].join('\n');
}

/** Writes the generated module, replacing any previous one in a single rename so readers never see half a file. */
export async function writeGeneratedModule(
  outFile: string,
  courses: Record<string, CompiledCourse>,
): Promise<void> {
  await mkdir(path.dirname(outFile), { recursive: true });
  const partFile = `${outFile}.${process.pid}.part`;
  await writeFile(partFile, renderGeneratedModule(courses), 'utf8');
  await rename(partFile, outFile);
}

async function loadLayout(layoutDir: string, problems: string[]): Promise<Layout | undefined> {
  const mjmlFile = path.join(layoutDir, 'layout.mjml');
  const textFile = path.join(layoutDir, 'layout.txt');
  const mjml = await readSource(mjmlFile, problems);
  const text = await readSource(textFile, problems);
  if (mjml === undefined || text === undefined) return undefined;
  const mjmlParts = splitOnSlot(mjml, MJML_BODY_SLOT, mjmlFile, problems);
  const textParts = splitOnSlot(text, TEXT_BODY_SLOT, textFile, problems);
  if (mjmlParts === undefined || textParts === undefined) return undefined;
  const before = problems.length;
  problems.push(...placeholderProblems(mjmlParts.join(''), show(mjmlFile)));
  problems.push(...placeholderProblems(textParts.join(''), show(textFile)));
  if (problems.length > before) return undefined;
  return {
    mjmlFile,
    mjmlBefore: mjmlParts[0],
    mjmlAfter: mjmlParts[1],
    textBefore: textParts[0],
    textAfter: textParts[1],
  };
}

function splitOnSlot(
  source: string,
  slot: string,
  file: string,
  problems: string[],
): [string, string] | undefined {
  const parts = source.split(slot);
  const [before, after] = parts;
  if (parts.length !== 2 || before === undefined || after === undefined) {
    problems.push(`${show(file)}: must contain the body slot ${slot} exactly once`);
    return undefined;
  }
  return [before, after];
}

async function findCourseDirs(templatesDir: string): Promise<string[]> {
  const entries = await readdir(templatesDir, { withFileTypes: true });
  const dirs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(templatesDir, entry.name);
    const files = await readdir(dir);
    if (files.includes('course.json')) dirs.push(dir);
  }
  // Sorted so the generated module is byte-identical across machines.
  return dirs.sort();
}

async function buildCourse(
  courseDir: string,
  layout: Layout,
  required: SystemEmails,
  problems: string[],
): Promise<CompiledCourse | undefined> {
  const courseFile = path.join(courseDir, 'course.json');
  const source = await readCourseSource(courseFile, problems);
  if (source === undefined) return undefined;
  const before = problems.length;
  problems.push(...structureProblems(source, path.basename(courseDir), show(courseFile)));
  problems.push(...systemEmailProblems(source, required, show(courseFile)));

  const emails: Record<string, CompiledEmail> = {};
  for (const email of source.emails) {
    const shows = required[email.id] ?? [];
    const compiled = await buildEmail(courseDir, email, source, layout, shows, problems);
    if (compiled !== undefined) emails[email.id] = compiled;
  }
  if (problems.length > before) return undefined;
  return {
    id: source.id,
    title: source.title,
    about: source.about,
    confirmEmail: source.confirmEmail,
    sequence: source.sequence,
    emails,
  };
}

async function readCourseSource(
  courseFile: string,
  problems: string[],
): Promise<CourseSource | undefined> {
  const raw = await readSource(courseFile, problems);
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    problems.push(`${show(courseFile)}: not valid JSON (${errorMessage(error)})`);
    return undefined;
  }
  const parsed = courseSourceSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      problems.push(`${show(courseFile)}: ${where}: ${issue.message}`);
    }
    return undefined;
  }
  return parsed.data;
}

/** Cross-references the schema cannot express. */
function structureProblems(source: CourseSource, folderName: string, where: string): string[] {
  const problems: string[] = [];
  if (source.id !== folderName) {
    problems.push(`${where}: id "${source.id}" must match its folder name "${folderName}"`);
  }
  const emailIds = new Set<string>();
  for (const email of source.emails) {
    if (emailIds.has(email.id)) problems.push(`${where}: email id "${email.id}" is used twice`);
    emailIds.add(email.id);
    problems.push(...subjectProblems(email.subject, `${where}: subject of "${email.id}"`));
  }
  if (!emailIds.has(source.confirmEmail)) {
    problems.push(`${where}: confirmEmail "${source.confirmEmail}" is not one of the emails`);
  }
  const sequenced = new Set<string>();
  const steps = new Set<number>();
  for (const item of source.sequence) {
    if (!emailIds.has(item.emailId)) {
      problems.push(`${where}: sequence email "${item.emailId}" is not one of the emails`);
    }
    if (item.emailId === source.confirmEmail) {
      problems.push(`${where}: the confirm email "${item.emailId}" cannot be part of the sequence`);
    }
    if (sequenced.has(item.emailId)) {
      problems.push(`${where}: sequence lists "${item.emailId}" twice`);
    }
    sequenced.add(item.emailId);
    if (item.step !== null) {
      if (steps.has(item.step)) problems.push(`${where}: sequence uses step ${item.step} twice`);
      steps.add(item.step);
    }
  }
  return problems;
}

/** The emails the pacing sends by id must exist, and the nudge needs each lesson's `replyAsk`. */
function systemEmailProblems(
  source: CourseSource,
  required: SystemEmails,
  where: string,
): string[] {
  const problems: string[] = [];
  const emailIds = new Set(source.emails.map((email) => email.id));
  const missing = Object.keys(required).filter((id) => !emailIds.has(id));
  if (missing.length > 0) {
    problems.push(
      `${where}: missing emails the pacing sends: ${missing.join(', ')} (each needs an entry in "emails" and its .mjml and .txt)`,
    );
  }
  if (Object.values(required).some((names) => names.includes('replyAsk'))) {
    for (const [index, item] of source.sequence.entries()) {
      if (item.step !== null && item.replyAsk === undefined) {
        problems.push(
          `${where}: sequence.${index}.replyAsk: step ${item.step} ("${item.emailId}") needs one; nudges repeat it`,
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

async function buildEmail(
  courseDir: string,
  email: CourseSource['emails'][number],
  source: CourseSource,
  layout: Layout,
  shows: readonly string[],
  problems: string[],
): Promise<CompiledEmail | undefined> {
  const mjmlFile = path.join(courseDir, `${email.template}.mjml`);
  const textFile = path.join(courseDir, `${email.template}.txt`);
  const body = await readSource(mjmlFile, problems);
  const textBody = await readSource(textFile, problems);
  if (body === undefined || textBody === undefined) return undefined;

  const before = problems.length;
  problems.push(...bodyStructureProblems(body, show(mjmlFile)));
  if (textBody.trim() === '') problems.push(`${show(textFile)}: is empty`);
  problems.push(...placeholderProblems(body, show(mjmlFile)));
  problems.push(...placeholderProblems(textBody, show(textFile)));
  if (problems.length > before) return undefined;

  const html = await compileMjml(body, mjmlFile, layout, problems);
  if (html === undefined) return undefined;
  const text = `${layout.textBefore}${textBody.trim()}${layout.textAfter}`.replace(/\r\n?/g, '\n');

  const label = `${source.id}/${email.id}`;
  const isConfirm = email.id === source.confirmEmail;
  problems.push(...outputProblems(html, text, label, isConfirm, layout.mjmlFile));
  // The pacing fills these for this email; leaving one out would silently drop what it says.
  for (const name of shows) {
    if (!html.includes(`{{${name}}}`)) problems.push(`${label} HTML: must show {{${name}}}`);
    if (!text.includes(`{{${name}}}`)) problems.push(`${label} text: must show {{${name}}}`);
  }
  // Placeholders in the sources must survive compilation verbatim, or the runtime cannot fill them.
  for (const name of placeholdersIn(body)) {
    if (!html.includes(`{{${name}}}`)) {
      problems.push(
        `${label} HTML: placeholder {{${name}}} from ${show(mjmlFile)} did not survive MJML`,
      );
    }
  }
  if (problems.length > before) return undefined;
  return { id: email.id, subject: email.subject, html, text };
}

// Components whose content is HTML rather than MJML; their inner text is what a subscriber reads.
const contentTags: ReadonlySet<string> = new Set([
  'mj-text',
  'mj-button',
  'mj-raw',
  'mj-table',
  'mj-navbar-link',
  'mj-accordion-title',
  'mj-accordion-text',
  'mj-social-element',
]);

// Components that hold only other components; text directly inside them is dropped by MJML.
const layoutTags: ReadonlySet<string> = new Set([
  'mj-wrapper',
  'mj-section',
  'mj-group',
  'mj-column',
  'mj-hero',
  'mj-navbar',
  'mj-social',
  'mj-accordion',
  'mj-accordion-element',
  'mj-carousel',
]);

/**
 * Checks tag balance and stray text in a body before it is wrapped. MJML's parser
 * silently closes an unclosed tag at the end of the document, which would pull the
 * layout's footer inside the body and blame the layout; and it drops text that is
 * not inside a content component without a word.
 */
function bodyStructureProblems(body: string, where: string): string[] {
  if (body.trim() === '') return [`${where}: is empty`];
  const lineAt = (index: number): number => body.slice(0, index).split('\n').length;
  const stack: { tag: string; line: number }[] = [];
  let textStart = 0;
  for (const match of body.matchAll(/<!--[\s\S]*?-->|<(\/?)(mj-[a-z-]+)\b[^>]*?(\/?)>/g)) {
    const [token, closing, tag, selfClosing] = match;
    const top = stack.at(-1);
    if (top !== undefined && contentTags.has(top.tag)) {
      if (closing === '/' && tag === top.tag) {
        stack.pop();
        textStart = match.index + token.length;
      }
      continue;
    }
    const text = body.slice(textStart, match.index).trim();
    // Text inside an unknown tag is left for MJML, which names the unknown tag instead.
    if (text !== '' && (top === undefined || layoutTags.has(top.tag))) {
      return [
        `${where}:${lineAt(textStart)}: text "${text.slice(0, 40)}" must sit inside <mj-text>`,
      ];
    }
    textStart = match.index + token.length;
    if (tag === undefined) continue;
    if (closing === '/') {
      if (top?.tag !== tag) {
        const expected =
          top === undefined ? 'nothing is open' : `<${top.tag}> from line ${top.line} is open`;
        return [`${where}:${lineAt(match.index)}: </${tag}> closes nothing (${expected})`];
      }
      stack.pop();
    } else if (selfClosing !== '/') {
      stack.push({ tag, line: lineAt(match.index) });
    }
  }
  const open = stack.at(-1);
  if (open !== undefined) return [`${where}:${open.line}: <${open.tag}> is never closed`];
  const trailing = body.slice(textStart).trim();
  if (trailing !== '') {
    return [
      `${where}:${lineAt(textStart)}: text "${trailing.slice(0, 40)}" must sit inside <mj-text>`,
    ];
  }
  return [];
}

async function compileMjml(
  body: string,
  bodyFile: string,
  layout: Layout,
  problems: string[],
): Promise<string | undefined> {
  try {
    const { html } = await mjml2html(`${layout.mjmlBefore}${body}${layout.mjmlAfter}`, mjmlOptions);
    return html;
  } catch (error) {
    const issues = mjmlIssues(error);
    if (issues.length === 0) {
      problems.push(`${show(bodyFile)}: MJML failed: ${errorMessage(error)}`);
    }
    for (const issue of issues) {
      const where = locateLine(issue.line, body, bodyFile, layout);
      const tag = issue.tagName === undefined ? '' : ` <${issue.tagName}>`;
      problems.push(`${where}: invalid MJML${tag}: ${issue.message ?? 'unknown problem'}`);
    }
    return undefined;
  }
}

function mjmlIssues(error: unknown): MjmlIssue[] {
  if (typeof error !== 'object' || error === null || !('errors' in error)) return [];
  const { errors } = error;
  return Array.isArray(errors) ? (errors as MjmlIssue[]) : [];
}

/** Maps a line of the wrapped document back to the file the author edits. */
function locateLine(
  line: number | undefined,
  body: string,
  bodyFile: string,
  layout: Layout,
): string {
  if (line === undefined) return show(bodyFile);
  const bodyFirstLine = layout.mjmlBefore.split('\n').length;
  const bodyLines = body.split('\n').length;
  if (line < bodyFirstLine) return `${show(layout.mjmlFile)}:${line}`;
  if (line < bodyFirstLine + bodyLines) return `${show(bodyFile)}:${line - bodyFirstLine + 1}`;
  return `${show(layout.mjmlFile)}:${line - bodyLines + 1}`;
}

function outputProblems(
  html: string,
  text: string,
  label: string,
  isConfirm: boolean,
  layoutFile: string,
): string[] {
  const problems: string[] = [];
  const hint = `(the footer lives in ${show(layoutFile)} and layout.txt)`;
  if (/%7B%7B|%7D%7D|&#123;|&lbrace;/i.test(html)) {
    problems.push(
      `${label} HTML: MJML encoded a placeholder's braces; the runtime would not fill it`,
    );
  }
  for (const name of linkPlaceholders) {
    if (!html.includes(`href="{{${name}}}"`)) {
      problems.push(`${label} HTML: no link to {{${name}}} ${hint}`);
    }
  }
  for (const name of footerPlaceholders) {
    if (!html.includes(`{{${name}}}`)) problems.push(`${label} HTML: missing {{${name}}} ${hint}`);
    if (!text.includes(`{{${name}}}`)) problems.push(`${label} text: missing {{${name}}} ${hint}`);
  }
  if (isConfirm) {
    if (!html.includes('href="{{confirmUrl}}"')) {
      problems.push(`${label} HTML: the confirm email needs a link to {{confirmUrl}}`);
    }
    if (!text.includes('{{confirmUrl}}')) {
      problems.push(`${label} text: the confirm email needs {{confirmUrl}}`);
    }
  } else if (html.includes('{{confirmUrl}}') || text.includes('{{confirmUrl}}')) {
    // Only the confirm email is sent with a confirm token.
    problems.push(`${label}: {{confirmUrl}} is only available in the confirm email`);
  }
  return problems;
}

function placeholderProblems(content: string, where: string): string[] {
  const problems: string[] = [];
  for (const match of content.matchAll(placeholderToken)) {
    const name = match[1] ?? '';
    if (!validPlaceholderName.test(name)) {
      problems.push(`${where}: malformed placeholder "${match[0]}" (write {{name}}, no spaces)`);
    } else if (!knownPlaceholders.has(name)) {
      problems.push(
        `${where}: unknown placeholder {{${name}}} (allowed: ${placeholderNames.join(', ')})`,
      );
    }
  }
  const rest = content.replace(placeholderToken, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    problems.push(`${where}: unbalanced "{{" or "}}"; placeholders are written {{name}}`);
  }
  return problems;
}

function placeholdersIn(content: string): Set<string> {
  return new Set(Array.from(content.matchAll(placeholderToken), (match) => match[1] ?? ''));
}

async function readSource(file: string, problems: string[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push(`${show(file)}: ${missing ? 'file not found' : errorMessage(error)}`);
    return undefined;
  }
}

/** Paths in messages are relative to where the build runs, which is how authors think of them. */
function show(file: string): string {
  return path.relative(process.cwd(), file) || '.';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const courses = await buildTemplates(path.join(root, 'templates'));
  const outFile = path.join(root, 'functions', 'generated', 'templates.ts');
  await writeGeneratedModule(outFile, courses);
  const summary = Object.values(courses)
    .map((course) => `${course.id} (${Object.keys(course.emails).length} emails)`)
    .join(', ');
  console.log(`wrote ${show(outFile)}: ${summary}`);
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main().catch((error: unknown) => {
    console.error(errorMessage(error));
    process.exitCode = 1;
  });
}
