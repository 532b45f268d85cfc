import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CompiledCourse,
  CompiledEmail,
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
      [
        ...['closing', 'lesson-1', 'lesson-2', 'lesson-3', 'lesson-4'],
        ...['confirm', 'ack', 'nudge', 'follow-up', 'check-in', 'still-there', 'paused'],
        ...['resumed', 'stopped', 'pace-changed', 'skipped', 'not-yet', 'graduated'],
        'manage-link',
      ].sort(),
    );
    expect(course.confirmEmail).toBe('confirm');
    expect(course.sequence).toEqual([
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
      { emailId: 'lesson-3', step: 3, gapDays: 4, replyAsk: 'the event you picked and its date' },
      { emailId: 'lesson-4', step: 4, gapDays: 4, replyAsk: 'who you met' },
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

  it('asks in each lesson for exactly what its nudge repeats', () => {
    for (const entry of course.sequence.filter((item) => item.step !== null)) {
      const email = course.emails[entry.emailId];
      expect(entry.replyAsk, entry.emailId).toBeDefined();
      for (const part of [email?.html ?? '', email?.text ?? '']) {
        expect(part, entry.emailId).toContain(entry.replyAsk ?? '(none)');
      }
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

  it('has every email the pacing sends, each with a static subject', () => {
    expect([...systemEmailIds].sort()).toEqual(
      [
        ...['confirm', 'ack', 'nudge', 'follow-up', 'check-in', 'still-there', 'paused'],
        ...['resumed', 'stopped', 'pace-changed', 'skipped', 'not-yet', 'graduated'],
        'manage-link',
      ].sort(),
    );
    for (const id of systemEmailIds) {
      const email = course.emails[id];
      expect(email, id).toBeDefined();
      expect(email?.subject, id).toMatch(/\S/);
      expect(email?.subject, id).not.toMatch(/[{}]/);
    }
  });

  it.each(Object.entries(systemEmails).filter(([, names]) => names.length > 0))(
    '%s shows what the pacing fills in, in both parts',
    (id, names) => {
      const email = course.emails[id];
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
  ])('%s tells the subscriber what they can reply', (id, phrases) => {
    const email = course.emails[id];
    for (const part of [email?.html ?? '', email?.text ?? '']) {
      // MJML keeps straight quotes in text content; decode the entity form just in case.
      const readable = part.replace(/&quot;|&#34;/g, '"');
      for (const phrase of phrases) expect(readable, `${id}: ${phrase}`).toContain(phrase);
    }
  });

  it('keeps the short emails the pacing sends between 40 and 120 words', async () => {
    for (const id of systemEmailIds.filter((candidate) => candidate !== 'confirm')) {
      const text = await readFile(path.join(templatesDir, 'relationships', `${id}.txt`), 'utf8');
      const words = wordCount(text);
      expect(words, id).toBeGreaterThanOrEqual(40);
      expect(words, id).toBeLessThanOrEqual(120);
    }
  });

  it.each([
    ['lesson-2', ['whyQuote']],
    ['lesson-3', ['whyQuote', 'peopleQuote']],
    ['lesson-4', ['whyQuote', 'peopleQuote']],
    ['closing', ['whyQuote', 'peopleQuote']],
    ['check-in', ['whyQuote', 'peopleQuote']],
  ] as const)('%s quotes back %j, each on its own', (id, names) => {
    const email = course.emails[id];
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
    // An empty quote costs at most one blank line in the text part, never a wide gap.
    expect(empty.text).not.toMatch(/\n[ \t]*\n[ \t]*\n[ \t]*\n/);
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
      expect(source).toContain("import type { CompiledCourse, CompiledEmail } from '../core/course.ts';");
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
