import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CompiledCourse,
  CompiledEmail,
  CourseSource,
  PlaceholderName,
  Placeholders,
} from '../../functions/core/course.ts';
import { placeholderNames } from '../../functions/core/course.ts';
import { renderEmail } from '../../functions/core/render.ts';
import {
  buildTemplates,
  type SystemEmails,
  systemEmailIds,
  systemEmails,
  TemplateBuildError,
  templateFiles,
  writeGeneratedModule,
} from '../../scripts/build-templates.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const templatesDir = path.join(root, 'templates');
const fixturesDir = path.join(root, 'test', 'fixtures', 'templates');

/** Visible texts of the links pointing exactly at `href`, tags stripped. */
function linkTexts(html: string, href: string): string[] {
  const texts: string[] = [];
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
    const attributes = match[1] ?? '';
    if (attributes.includes(`href="${href}"`)) {
      texts.push((match[2] ?? '').replace(/<[^>]*>/g, '').trim());
    }
  }
  return texts;
}

/** Every placeholder filled with a recognisable value, or with `''` where `empty` says so. */
function sampleValues(empty: readonly PlaceholderName[] = []): Placeholders {
  return Object.fromEntries(
    placeholderNames.map((name) => [name, empty.includes(name) ? '' : `<${name} value>`]),
  );
}

/** Words in a plain-text body source, a placeholder counting as one. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * The build error a fixture produces; fails the test if the build succeeds.
 * The small demo fixtures leave out the pacing's emails unless a test asks for that check.
 */
async function buildFailure(
  fixture: string,
  required: SystemEmails = {},
): Promise<TemplateBuildError> {
  const error = await buildTemplates(path.join(fixturesDir, fixture), {
    layoutDir: templatesDir,
    systemEmails: required,
  }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TemplateBuildError);
  return error as TemplateBuildError;
}

function fixtureFile(fixture: string, file: string): string {
  return path.relative(process.cwd(), path.join(fixturesDir, fixture, 'demo', file));
}

/** The shipped courses: every folder of templates/ with a course.json (templates/shared/ is not one). */
const courseIds = readdirSync(templatesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => existsSync(path.join(templatesDir, name, 'course.json')))
  .sort();

function courseSource(courseId: string): CourseSource {
  return JSON.parse(
    readFileSync(path.join(templatesDir, courseId, 'course.json'), 'utf8'),
  ) as CourseSource;
}

/** An email's plain-text source, read through its course.json `template` (which may be `shared/...`). */
function textSource(courseId: string, emailId: string): string {
  const email = courseSource(courseId).emails.find((candidate) => candidate.id === emailId);
  if (email === undefined) throw new Error(`${courseId} has no email ${emailId}`);
  const { textFile } = templateFiles(
    templatesDir,
    path.join(templatesDir, courseId),
    email.template,
  );
  return readFileSync(textFile, 'utf8');
}

/** Every .mjml and .txt under templates/, with its path relative to it. */
function allTemplateSources(dir = templatesDir): { file: string; source: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return allTemplateSources(full);
    if (!/\.(mjml|txt)$/.test(entry.name)) return [];
    return [{ file: path.relative(templatesDir, full), source: readFileSync(full, 'utf8') }];
  });
}

const systemEmailList = [
  ...['confirm', 'ack', 'nudge', 'follow-up', 'check-in', 'still-there', 'paused'],
  ...['resumed', 'stopped', 'pace-changed', 'skipped', 'not-yet', 'graduated'],
  ...['manage-link', 'clarify', 'encourage', 'question-received'],
];

/** What each course is made of besides the system emails, and its schedule. */
const expectedCourses: Record<string, { lessons: string[]; sequence: CourseSource['sequence'] }> = {
  relationships: {
    lessons: ['lesson-1', 'lesson-2', 'lesson-3', 'lesson-4', 'closing'],
    sequence: [
      {
        emailId: 'lesson-1',
        step: 1,
        gapDays: 0,
        replyAsk: 'your why, and one thing you can offer',
      },
      {
        emailId: 'lesson-2',
        step: 2,
        gapDays: 3,
        replyAsk: 'the names of the 2 or 3 people you picked',
      },
      {
        emailId: 'lesson-3',
        step: 3,
        gapDays: 4,
        replyAsk: 'the event you picked and its date',
      },
      { emailId: 'lesson-4', step: 4, gapDays: 4, replyAsk: 'who you met' },
      { emailId: 'closing', step: null, gapDays: 5 },
    ],
  },
  'keep-it-going': {
    lessons: ['keep-1', 'keep-2', 'keep-3'],
    sequence: [
      {
        emailId: 'keep-1',
        step: 1,
        gapDays: 0,
        replyAsk: 'the name of one person you reconnected with',
      },
      {
        emailId: 'keep-2',
        step: 2,
        gapDays: 10,
        replyAsk: 'one thing you offered someone, or plan to',
      },
      { emailId: 'keep-3', step: null, gapDays: 10 },
    ],
  },
};

/**
 * Values each email shows alone in its own paragraph (HTML) and line (text),
 * so that an empty one collapses: what the person reported, acknowledgements
 * folded into the day's email, quotes, the encouragement.
 */
const ownParagraphs: Record<string, Record<string, readonly PlaceholderName[]>> = {
  relationships: {
    'lesson-1': ['ackText'],
    'lesson-2': ['openingText', 'ackText', 'whyQuote'],
    'lesson-3': ['openingText', 'ackText', 'whyQuote', 'peopleQuote'],
    'lesson-4': ['openingText', 'ackText', 'whyQuote', 'peopleQuote'],
    closing: ['openingText', 'ackText', 'whyQuote', 'peopleQuote'],
    'check-in': ['ackText', 'whyQuote', 'peopleQuote'],
    'follow-up': ['ackText'],
    resumed: ['ackText'],
    encourage: ['encouragement'],
    'question-received': ['ackText'],
  },
  'keep-it-going': {
    'keep-1': ['openingText', 'ackText'],
    'keep-2': ['openingText', 'ackText'],
    'keep-3': ['openingText', 'ackText'],
    'check-in': ['ackText', 'whyQuote', 'peopleQuote'],
    'follow-up': ['ackText'],
    resumed: ['ackText'],
    encourage: ['encouragement'],
    'question-received': ['ackText'],
  },
};

/** Lessons that open, right after the greeting, with what the person actually reported. */
const opensWithReport: Record<string, string[]> = {
  relationships: ['lesson-2', 'lesson-3', 'lesson-4'],
  'keep-it-going': ['keep-1', 'keep-2', 'keep-3'],
};

let compiled: Record<string, CompiledCourse>;

beforeAll(async () => {
  compiled = await buildTemplates(templatesDir);
});

function courseOf(courseId: string): CourseCtx {
  const course = compiled[courseId];
  if (course === undefined) throw new Error(`the ${courseId} course was not built`);
  return { course, emails: Object.values(course.emails) };
}

interface CourseCtx {
  course: CompiledCourse;
  emails: CompiledEmail[];
}

describe('the shipped courses', () => {
  it('builds every course folder, and templates/shared/ is not one of them', () => {
    expect(courseIds).toEqual(['keep-it-going', 'relationships']);
    expect(Object.keys(compiled).sort()).toEqual(courseIds);
    expect(existsSync(path.join(templatesDir, 'shared', 'course.json'))).toBe(false);
  });

  it('has every email the pacing sends', () => {
    expect([...systemEmailIds].sort()).toEqual([...systemEmailList].sort());
  });

  it('uses every shared template from some course', () => {
    const used = new Set(
      courseIds.flatMap((id) => courseSource(id).emails.map((email) => email.template)),
    );
    const shared = readdirSync(path.join(templatesDir, 'shared'))
      .filter((file) => file.endsWith('.mjml'))
      .map((file) => `shared/${file.replace(/\.mjml$/, '')}`);
    expect(shared.length).toBeGreaterThan(0);
    for (const template of shared) expect(used.has(template), template).toBe(true);
  });

  it('points both courses at the same shared system emails; only confirm is per course', () => {
    for (const id of courseIds) {
      for (const email of courseSource(id).emails) {
        if (!(email.id in systemEmails)) continue;
        expect(email.template, `${id}/${email.id}`).toBe(
          email.id === 'confirm' ? 'confirm' : `shared/${email.id}`,
        );
      }
    }
  });

  it('states no progress the person may not have made, in any template or subject', () => {
    const claims = [
      'you have a why',
      'coffees booked or behind you',
      "you've done it",
      'you have done it',
      'thank you for doing the work',
      'the work you have put in',
      'you have built the habit',
    ];
    const sources = allTemplateSources();
    expect(sources.length).toBeGreaterThan(40);
    for (const { file, source } of sources) {
      const readable = source.replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();
      for (const claim of claims) expect(readable, `${file}: ${claim}`).not.toContain(claim);
    }
    for (const id of courseIds) {
      for (const email of courseSource(id).emails) {
        for (const claim of claims) {
          expect(email.subject.toLowerCase(), `${id}/${email.id}`).not.toContain(claim);
        }
      }
    }
  });

  it('offers the follow-on course at the end of the first, with the link to start it', () => {
    const closing = compiled.relationships?.emails.closing;
    if (closing === undefined) throw new Error('no closing');
    expect(closing.text).toMatch(/Keep It Going: three emails over a month/);
    expect(closing.text).toMatch(/start it from your course page: \{\{manageUrl\}\}/);
    expect(closing.html).toMatch(
      /start it from <a href="\{\{manageUrl\}\}"[^>]*>your course page<\/a>/,
    );
    expect(compiled['keep-it-going']?.title).toBe('Keep It Going');
  });

  it('writes a generated module that loads back to the same courses', async () => {
    const courses = await buildTemplates(templatesDir);
    const dir = await mkdtemp(path.join(tmpdir(), 'drip-coach-templates-'));
    try {
      const file = path.join(dir, 'functions', 'generated', 'templates.ts');
      await writeGeneratedModule(file, courses);
      const source = await readFile(file, 'utf8');
      expect(source.split('\n')[0]).toMatch(/^\/\/ Generated by scripts\/build-templates\.ts/);
      expect(source).toContain(
        "import type { CompiledCourse, CompiledEmail } from '../core/course.ts';",
      );
      // The emails are packed: no email text stands in the source as it is.
      const anyHtml = Object.values(courses)[0]?.emails.confirm?.html ?? '';
      expect(anyHtml.length).toBeGreaterThan(1_000);
      expect(source).not.toContain(anyHtml.slice(0, 200));
      expect(source.length).toBeLessThan(JSON.stringify(courses).length / 4);
      const loaded = (await import(pathToFileURL(file).href)) as {
        compiledCourses: Record<string, CompiledCourse>;
      };
      expect(loaded.compiledCourses).toEqual(courses);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(courseIds)('the %s course', (courseId) => {
  const expected = expectedCourses[courseId];
  const lessonIds = () => courseOf(courseId).course.sequence.map((entry) => entry.emailId);

  it('builds every email and the sequence the course promises', () => {
    const { course } = courseOf(courseId);
    expect(expected, `no expectations for ${courseId}`).toBeDefined();
    expect(Object.keys(course.emails).sort()).toEqual(
      [...(expected?.lessons ?? []), ...systemEmailList].sort(),
    );
    expect(course.confirmEmail).toBe('confirm');
    expect(course.sequence).toEqual(expected?.sequence);
    // The idea is credited to its author, as the course's own words are not his.
    expect(course.about).toContain('Travis Smith');
    expect(course.about).toContain('Square-1 Engineering');
  });

  it('puts the manage link, unsubscribe link and postal address in every HTML part', () => {
    for (const email of courseOf(courseId).emails) {
      expect(linkTexts(email.html, '{{manageUrl}}'), email.id).toContain('Manage your course');
      expect(linkTexts(email.html, '{{unsubscribeUrl}}'), email.id).toContain('Unsubscribe');
      expect(email.html, email.id).toContain('{{postalAddress}}');
    }
  });

  it('puts the same footer in every text part', () => {
    for (const email of courseOf(courseId).emails) {
      expect(email.text, email.id).toContain('Manage your course: {{manageUrl}}');
      expect(email.text, email.id).toContain('Unsubscribe: {{unsubscribeUrl}}');
      expect(email.text, email.id).toContain('{{postalAddress}}');
      expect(email.text, email.id).not.toContain('{{body}}');
    }
  });

  it('asks for confirmation with a Confirm link that expires in 7 days', () => {
    const confirm = courseOf(courseId).course.emails.confirm;
    if (confirm === undefined) throw new Error('no confirm email');
    expect(linkTexts(confirm.html, '{{confirmUrl}}').some((text) => text.includes('Confirm'))).toBe(
      true,
    );
    expect(confirm.text).toContain('{{confirmUrl}}');
    for (const part of [confirm.html, confirm.text]) {
      expect(part).toContain('7 days');
      expect(part).toMatch(/ignore this email/i);
    }
  });

  it('asks in each lesson, in both parts, for exactly what its nudge repeats', () => {
    const { course } = courseOf(courseId);
    for (const entry of course.sequence) {
      const email = course.emails[entry.emailId];
      // The closing of a course asks lightly how it is going; lessons ask for their replyAsk.
      const ask = entry.step === null ? "how it's going" : entry.replyAsk;
      expect(ask, entry.emailId).toBeDefined();
      for (const part of [email?.html ?? '', email?.text ?? '']) {
        expect(part, entry.emailId).toMatch(/just hit reply/i);
        expect(part, entry.emailId).toContain(ask ?? '(none)');
      }
      const replyLine = (email?.text ?? '')
        .split('\n')
        .find((line) => line.startsWith('YOUR REPLY:'));
      expect(replyLine, entry.emailId).toContain(ask ?? '(none)');
    }
  });

  it('keeps lessons between 150 and 350 words', () => {
    for (const id of lessonIds()) {
      const words = wordCount(textSource(courseId, id));
      expect(words, id).toBeGreaterThanOrEqual(150);
      expect(words, id).toBeLessThanOrEqual(350);
    }
  });

  it('keeps the short emails the pacing sends between 40 and 120 words', () => {
    for (const id of systemEmailIds.filter((candidate) => candidate !== 'confirm')) {
      const words = wordCount(textSource(courseId, id));
      expect(words, id).toBeGreaterThanOrEqual(40);
      expect(words, id).toBeLessThanOrEqual(120);
    }
  });

  it('has every email the pacing sends, each with a static subject', () => {
    const { course } = courseOf(courseId);
    for (const id of systemEmailIds) {
      const email = course.emails[id];
      expect(email, id).toBeDefined();
      expect(email?.subject, id).toMatch(/\S/);
      expect(email?.subject, id).not.toMatch(/[{}\n]/);
    }
  });

  it.each(Object.entries(systemEmails).filter(([, names]) => names.length > 0))(
    '%s shows what the pacing fills in, in both parts',
    (id, names) => {
      const email = courseOf(courseId).course.emails[id];
      if (email === undefined) throw new Error(`no email ${id}`);
      const rendered = renderEmail(email, sampleValues());
      for (const name of names) {
        // The HTML part escapes the sample's angle brackets, as it does subscriber text.
        expect(rendered.html, `${id} HTML`).toContain(`&lt;${name} value&gt;`);
        expect(rendered.text, `${id} text`).toContain(`<${name} value>`);
      }
    },
  );

  it.each([
    ['nudge', ['"not yet"', '"skip"', '"pause"']],
    ['check-in', ['"done"', '"slower"', '"pause"', 'who you met']],
    ['still-there', ['"resume"', 'unsubscribe link']],
    ['paused', ['"resume"']],
    ['clarify', ['"done"', '"skip"', 'Nothing has been moved or skipped']],
  ])('%s tells the subscriber what they can reply', (id, phrases) => {
    const email = courseOf(courseId).course.emails[id];
    for (const part of [email?.html ?? '', email?.text ?? '']) {
      // MJML keeps straight quotes in text content; decode the entity form just in case.
      const readable = part.replace(/&quot;|&#34;/g, '"');
      for (const phrase of phrases) expect(readable, `${id}: ${phrase}`).toContain(phrase);
    }
  });

  it('says honestly that a person answers questions, and that the course goes on', () => {
    const email = courseOf(courseId).course.emails['question-received'];
    for (const part of [email?.html ?? '', email?.text ?? '']) {
      expect(part).toMatch(/course goes on as usual/);
    }
  });

  it.each(Object.entries(ownParagraphs[courseId] ?? {}))(
    '%s shows %j, each on its own',
    (id, names) => {
      const email = courseOf(courseId).course.emails[id];
      if (email === undefined) throw new Error(`no email ${id}`);
      for (const name of names) {
        // Alone in a paragraph: an empty <p></p> collapses, so no gap and no dangling words.
        expect(email.html, `${id} HTML`).toMatch(new RegExp(`<p\\b[^>]*>\\{\\{${name}\\}\\}</p>`));
        expect(email.text, `${id} text`).toMatch(new RegExp(`^\\{\\{${name}\\}\\}$`, 'm'));
      }
      const filled = renderEmail(email, sampleValues());
      const empty = renderEmail(email, sampleValues([...names]));
      for (const name of names) {
        expect(filled.text).toContain(`<${name} value>`);
        expect(empty.text).not.toContain(`<${name} value>`);
      }
      // An empty value costs at most one blank line in the text part, never a wide gap.
      expect(empty.text).not.toMatch(/\n[ \t]*\n[ \t]*\n[ \t]*\n/);
    },
  );

  it('opens each lesson after the first with what the person reported, and only that', () => {
    const { course } = courseOf(courseId);
    for (const id of opensWithReport[courseId] ?? []) {
      const email = course.emails[id];
      expect(email?.text, id).toMatch(/Hi \{\{firstName\}\},\n\n\{\{openingText\}\}\n/);
      expect(email?.html, id).toMatch(
        /Hi \{\{firstName\}\},<\/p>\s*<p\b[^>]*>\{\{openingText\}\}<\/p>/,
      );
    }
  });

  it('keeps placeholders intact, known, and out of subjects', () => {
    const known = new Set<string>(placeholderNames);
    for (const email of courseOf(courseId).emails) {
      expect(email.subject, email.id).not.toMatch(/[{}]/);
      for (const part of [email.html, email.text]) {
        expect(part, email.id).not.toMatch(/%7B%7B|%7D%7D/i);
        for (const match of part.matchAll(/\{\{([^{}]*)\}\}/g)) {
          expect(known.has(match[1] ?? ''), `${email.id}: ${match[0]}`).toBe(true);
        }
      }
    }
  });

  it('only offers {{confirmUrl}} in the confirm email', () => {
    for (const email of courseOf(courseId).emails.filter(
      (candidate) => candidate.id !== 'confirm',
    )) {
      expect(email.html + email.text, email.id).not.toContain('{{confirmUrl}}');
    }
  });

  it('keeps each HTML part small enough that mail clients do not clip it', () => {
    for (const email of courseOf(courseId).emails) {
      // Gmail clips messages above about 102 kB; leave room for filled placeholders.
      expect(email.html.length, email.id).toBeLessThan(40_000);
      expect(email.html, email.id).not.toContain('fonts.googleapis.com');
    }
  });
});

describe('build failures', () => {
  it('rejects an unknown placeholder, naming the file and the placeholder', async () => {
    const error = await buildFailure('unknown-placeholder');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(fixtureFile('unknown-placeholder', 'lesson-1.txt'));
    expect(error.message).toContain('unknown placeholder {{favouriteColour}}');
  });

  it('rejects invalid MJML, naming the body file, its line and the tag', async () => {
    const error = await buildFailure('invalid-mjml');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(`${fixtureFile('invalid-mjml', 'lesson-1.mjml')}:2`);
    expect(error.message).toMatch(/<mj-text>: mj-text cannot be used inside mj-section/);
  });

  it('rejects a course.json that breaks the schema, naming the field and its line', async () => {
    const error = await buildFailure('course-json-schema-error');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(
      `${fixtureFile('course-json-schema-error', 'course.json')}:10: sequence.0.gapDays`,
    );
  });

  it('rejects a placeholder in a subject and a sequence email that does not exist', async () => {
    const error = await buildFailure('broken-references');
    const courseFile = fixtureFile('broken-references', 'course.json');
    expect(error.problems).toEqual([
      `${courseFile}:7: subject of "lesson-1" must not contain placeholders: "Hello {{firstName}}"`,
      `${courseFile}:12: sequence email "lesson-2" is not one of the emails`,
    ]);
  });

  it('resolves shared/<name> under the templates folder, naming a missing one at its line', async () => {
    const error = await buildFailure('missing-shared');
    const courseFile = fixtureFile('missing-shared', 'course.json');
    const missing = (ext: string) =>
      path.relative(
        process.cwd(),
        path.join(fixturesDir, 'missing-shared', 'shared', `goodbye.${ext}`),
      );
    // shared/hello exists and builds; shared/goodbye does not exist.
    expect(error.problems).toEqual([
      `${courseFile}:9: ${missing('mjml')}: file not found`,
      `${courseFile}:9: ${missing('txt')}: file not found`,
    ]);
  });

  it('rejects a course without the emails the pacing sends, or without what they show', async () => {
    const error = await buildFailure('missing-system-emails', systemEmails);
    const courseFile = fixtureFile('missing-system-emails', 'course.json');
    const missing = systemEmailIds.filter((id) => !['confirm', 'ack'].includes(id));
    expect(error.problems).toEqual([
      `${courseFile}:5: missing emails the pacing sends: ${missing.join(', ')} (each needs an entry in "emails" and its .mjml and .txt)`,
      `${courseFile}:11: sequence.0.replyAsk: step 1 ("lesson-1") needs one; nudges repeat it`,
      `${fixtureFile('missing-system-emails', 'ack.mjml')}:1: demo/ack HTML: must show {{nextText}}`,
      `${fixtureFile('missing-system-emails', 'ack.txt')}:1: demo/ack text: must show {{nextText}}`,
    ]);
  });
});
