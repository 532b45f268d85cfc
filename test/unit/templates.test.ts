import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCourse, CompiledEmail } from '../../functions/core/course.ts';
import { placeholderNames } from '../../functions/core/course.ts';
import {
  buildTemplates,
  TemplateBuildError,
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

/** The build error a fixture produces; fails the test if the build succeeds. */
async function buildFailure(fixture: string): Promise<TemplateBuildError> {
  const error = await buildTemplates(path.join(fixturesDir, fixture), {
    layoutDir: templatesDir,
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

describe('the relationships course', () => {
  let course: CompiledCourse;
  let emails: CompiledEmail[];

  beforeAll(async () => {
    const courses = await buildTemplates(templatesDir);
    const built = courses.relationships;
    if (built === undefined) throw new Error('the relationships course was not built');
    course = built;
    emails = Object.values(course.emails);
  });

  it('builds every email and the sequence the course promises', () => {
    expect(Object.keys(course.emails).sort()).toEqual(
      ['closing', 'confirm', 'lesson-1', 'lesson-2', 'lesson-3', 'lesson-4'].sort(),
    );
    expect(course.confirmEmail).toBe('confirm');
    expect(course.sequence).toEqual([
      { emailId: 'lesson-1', step: 1, gapDays: 0 },
      { emailId: 'lesson-2', step: 2, gapDays: 3 },
      { emailId: 'lesson-3', step: 3, gapDays: 4 },
      { emailId: 'lesson-4', step: 4, gapDays: 4 },
      { emailId: 'closing', step: null, gapDays: 5 },
    ]);
    expect(course.about).toContain('Travis Smith');
  });

  it('puts the manage link, unsubscribe link and postal address in every HTML part', () => {
    for (const email of emails) {
      expect(linkTexts(email.html, '{{manageUrl}}'), email.id).toContain('Manage your course');
      expect(linkTexts(email.html, '{{unsubscribeUrl}}'), email.id).toContain('Unsubscribe');
      expect(email.html, email.id).toContain('{{postalAddress}}');
    }
  });

  it('puts the same footer in every text part', () => {
    for (const email of emails) {
      expect(email.text, email.id).toContain('Manage your course: {{manageUrl}}');
      expect(email.text, email.id).toContain('Unsubscribe: {{unsubscribeUrl}}');
      expect(email.text, email.id).toContain('{{postalAddress}}');
      expect(email.text, email.id).not.toContain('{{body}}');
    }
  });

  it('asks for confirmation with a Confirm link that expires in 7 days', () => {
    const confirm = course.emails.confirm;
    expect(confirm).toBeDefined();
    if (confirm === undefined) return;
    expect(linkTexts(confirm.html, '{{confirmUrl}}').some((text) => text.includes('Confirm'))).toBe(
      true,
    );
    expect(confirm.text).toContain('{{confirmUrl}}');
    for (const part of [confirm.html, confirm.text]) {
      expect(part).toContain('7 days');
      expect(part).toMatch(/ignore this email/i);
    }
  });

  it.each([
    ['lesson-1', /your why, and one thing you can offer/i],
    ['lesson-2', /names of the 2 or 3 people/i],
    ['lesson-3', /the event you picked and its date/i],
    ['lesson-4', /who you met/i],
    ['closing', /how it's going/i],
  ])('%s asks for a reply in both parts', (id, ask) => {
    const email = course.emails[id];
    expect(email).toBeDefined();
    for (const part of [email?.html ?? '', email?.text ?? '']) {
      expect(part).toMatch(/just hit reply/i);
      expect(part).toMatch(ask);
    }
  });

  it('keeps lessons between 150 and 350 words', async () => {
    for (const id of ['lesson-1', 'lesson-2', 'lesson-3', 'lesson-4']) {
      const text = await readFile(path.join(templatesDir, 'relationships', `${id}.txt`), 'utf8');
      const words = text.split(/\s+/).filter(Boolean).length;
      expect(words, id).toBeGreaterThanOrEqual(150);
      expect(words, id).toBeLessThanOrEqual(350);
    }
  });

  it('keeps placeholders intact, known, and out of subjects', () => {
    const known = new Set<string>(placeholderNames);
    for (const email of emails) {
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
    for (const email of emails.filter((candidate) => candidate.id !== 'confirm')) {
      expect(email.html + email.text, email.id).not.toContain('{{confirmUrl}}');
    }
  });

  it('keeps each HTML part small enough that mail clients do not clip it', () => {
    for (const email of emails) {
      // Gmail clips messages above about 102 kB; leave room for filled placeholders.
      expect(email.html.length, email.id).toBeLessThan(40_000);
      expect(email.html, email.id).not.toContain('fonts.googleapis.com');
    }
  });

  it('writes a generated module that loads back to the same courses', async () => {
    const courses = await buildTemplates(templatesDir);
    const dir = await mkdtemp(path.join(tmpdir(), 'drip-coach-templates-'));
    try {
      const file = path.join(dir, 'functions', 'generated', 'templates.ts');
      await writeGeneratedModule(file, courses);
      const source = await readFile(file, 'utf8');
      expect(source.split('\n')[0]).toMatch(/^\/\/ Generated by scripts\/build-templates\.ts/);
      expect(source).toContain("import type { CompiledCourse } from '../core/course.ts';");
      const loaded = (await import(pathToFileURL(file).href)) as {
        compiledCourses: Record<string, CompiledCourse>;
      };
      expect(loaded.compiledCourses).toEqual(courses);
    } finally {
      await rm(dir, { recursive: true, force: true });
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

  it('rejects a course.json that breaks the schema, naming the field', async () => {
    const error = await buildFailure('course-json-schema-error');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(
      `${fixtureFile('course-json-schema-error', 'course.json')}: sequence.0.gapDays`,
    );
  });

  it('rejects a placeholder in a subject and a sequence email that does not exist', async () => {
    const error = await buildFailure('broken-references');
    const courseFile = fixtureFile('broken-references', 'course.json');
    expect(error.problems).toEqual([
      `${courseFile}: subject of "lesson-1" must not contain placeholders: "Hello {{firstName}}"`,
      `${courseFile}: sequence email "lesson-2" is not one of the emails`,
    ]);
  });
});
