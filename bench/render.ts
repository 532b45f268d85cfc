import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeEmail, type SenderSettings } from '../functions/core/compose.ts';
import type { CompiledCourse, CourseSource } from '../functions/core/course.ts';
import { pace } from '../functions/core/pacing/index.ts';
import { nextItem } from '../functions/core/subscriber.ts';
import { pacingContextFor } from '../functions/courses.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
// The same compiler and options the build uses, so both sides produce the same HTML.
import {
  MJML_BODY_SLOT,
  mjml2html,
  mjmlOptions,
  templateFiles,
} from '../scripts/build-templates.ts';
import { benchTokenKeys } from './deps.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';
import { buildArchetype } from './seed.ts';

/** Calls `work` repeatedly for at least `minMs` (and `minRuns` times); returns µs per call. */
async function microsPerCall(
  work: () => unknown | Promise<unknown>,
  minMs: number,
  minRuns: number,
): Promise<number> {
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < minMs || runs < minRuns) {
    await work();
    runs++;
  }
  return ((performance.now() - started) * 1000) / runs;
}

/**
 * Renders lesson 2 for a mid-course subscriber the way the coach does (the
 * precompiled template filled by `composeEmail`: signed links, escaping,
 * headers) against compiling the same lesson's MJML per email and then
 * filling it the same way: µs per email each and the speed-up.
 */
export async function measureRender(): Promise<Figure> {
  progress('render: precompiled fill vs mjml2html per email');
  const course = compiledCourses.relationships as CompiledCourse;
  const now = new Date();
  const subscriber = buildArchetype(
    'Europe/Berlin',
    'replied-once',
    new Date(now.getTime() - 7 * 86_400_000),
  );
  const due = nextItem(subscriber);
  const planned = pace(
    subscriber,
    { type: 'due' },
    new Date(due?.dueAt ?? now),
    pacingContextFor(course),
  ).emails[0];
  if (!planned) throw new Error('the render subscriber has nothing due');
  const [kid, secret] = benchTokenKeys.split(':') as [string, string];
  const settings: SenderSettings = {
    baseUrl: 'https://coach.drip-coach.test',
    replyDomain: 'reply.drip-coach.test',
    fromAddress: 'coach@drip-coach.test',
    senderName: 'Drip Coach',
    postalAddress: 'Drip Coach (bench), 1 Example Street, Springfield',
    keys: [{ id: kid, secret }],
  };

  const templates = new URL('../templates/', import.meta.url);
  const courseDir = new URL(`${course.id}/`, templates);
  const layout = await readFile(new URL('layout.mjml', templates), 'utf8');
  // The email's template as course.json names it: its own, or a shared one (`shared/<name>`).
  const courseSource = JSON.parse(
    await readFile(new URL('course.json', courseDir), 'utf8'),
  ) as CourseSource;
  const template =
    courseSource.emails.find((email) => email.id === planned.template)?.template ??
    planned.template;
  const { mjmlFile } = templateFiles(fileURLToPath(templates), fileURLToPath(courseDir), template);
  const body = await readFile(mjmlFile, 'utf8');
  const source = layout.replace(MJML_BODY_SLOT, body);
  const compiled = course.emails[planned.template];
  if (!compiled) throw new Error(`no compiled ${planned.template}`);

  const precompiled = () => composeEmail(subscriber, planned, course, settings, now);
  const perEmailMjml = async () => {
    const { html } = await mjml2html(source, mjmlOptions);
    const fresh: CompiledCourse = {
      ...course,
      emails: { ...course.emails, [planned.template]: { ...compiled, html } },
    };
    return composeEmail(subscriber, planned, fresh, settings, now);
  };

  // Same output either way, or the comparison would be meaningless.
  const a = precompiled();
  const b = await perEmailMjml();
  const sameShape = Math.abs(a.html.length - b.html.length) < 64;

  await microsPerCall(precompiled, 300, 200); // warm-up
  const fillUs = await microsPerCall(precompiled, 1500, 1000);
  await microsPerCall(perEmailMjml, 300, 3); // warm-up
  const mjmlUs = await microsPerCall(perEmailMjml, 3000, 20);
  return {
    name: 'render_speedup_vs_mjml',
    value: mjmlUs / fillUs,
    unit: 'x',
    target: { op: '>=', value: 100 },
    details: {
      'precompiled fill, µs per email': fillUs,
      'mjml2html + fill, µs per email': mjmlUs,
      email: `${planned.emailId} (${(a.html.length / 1024).toFixed(1)} KB HTML, ${(a.text.length / 1024).toFixed(1)} KB text)`,
    },
    notes: [
      'both sides include composeEmail (3 signed links, escaping, headers); the MJML side compiles the lesson with the build options first',
      ...(sameShape ? [] : ['the two HTML outputs differ in length by 64+ bytes']),
    ],
  };
}
