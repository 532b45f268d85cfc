import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../../console/main.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { coach, startConsoleStack } from '../support/console.ts';
import { header, inbox } from '../support/inbox.ts';

let env: Awaited<ReturnType<typeof startConsoleStack>>;
let scratch: string;
const course = compiledCourses.relationships;

beforeAll(async () => {
  env = await startConsoleStack();
  scratch = mkdtempSync(join(tmpdir(), 'drip-console-mail-'));
});

afterAll(async () => {
  await env?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('coach --help, as a real process', () => {
  it('lists every command with an example and exits 0', async () => {
    const bin = new URL('../../console/coach.mjs', import.meta.url);
    const { stdout } = await promisify(execFile)(process.execPath, [bin.pathname, '--help'], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    for (const command of [
      'stats',
      'subscriber',
      'preview',
      'send-test',
      'import',
      'export',
      'erase',
      'suppress',
      'course',
    ]) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(examples.some(([example]) => example.startsWith(`coach ${command}`))).toBe(true);
    }
    for (const [example] of examples) expect(stdout).toContain(example);
  });

  it('names an unknown command or option and exits non-zero', async () => {
    const unknown = await coach(['statz'], env.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'statz'");
    const option = await coach(['stats', '--sinse', '2026-01-01'], env.env);
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("unknown option '--sinse'");
  });
});

describe('coach preview', () => {
  it('writes every email of the course at two widths with its plain text, no script', async () => {
    const out = join(scratch, 'preview.html');
    const { code, stdout } = await coach(['preview', '--out', out, '--json'], env.env);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { emails: { emailId: string }[] };
    expect(listed.emails.map((e) => e.emailId).sort()).toEqual(
      Object.keys(course?.emails ?? {}).sort(),
    );
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<iframe /g)).toHaveLength(2 * listed.emails.length);
    expect(html).toContain('width="640"');
    expect(html).toContain('width="375"');
    // Sample data filled in, placeholders gone, the text beside each.
    expect(html).toContain('Hi Sam');
    expect(html).not.toContain('{{');
    expect(html).toContain('Manage your course: http://localhost:3000/manage?t=');
  });

  it('is served by the local stack at /_dev/preview', async () => {
    const response = await fetch(`${env.stack.url}/_dev/preview`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain(`${course?.title}: every email`);
    expect(html).toContain(`${env.stack.url}/manage?t=`);
  });

  it('names an unknown course', async () => {
    const run = await coach(['preview', '--course', 'knitting'], env.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '--course: no course "knitting" (known: keep-it-going, relationships)',
    );
  });
});

describe('coach send-test', () => {
  it('sends one email through the stack’s SES to the local inbox', async () => {
    const to = 'operator@example.com';
    const { code, stdout } = await env.run(['send-test', 'lesson-2', '--to', to]);
    expect(code).toBe(0);
    expect(stdout).toContain(`sent lesson-2 to ${to} through local stack ${env.stack.url}`);
    const [mail] = await inbox(env.stack.sesUrl, to);
    expect(mail?.subject).toBe(`[test] ${course?.emails['lesson-2']?.subject}`);
    expect(header(mail!, 'X-Coach-Email')).toBe('lesson-2');
    expect(mail?.body.text).toContain('Hi Sam');
  });

  it('names a missing --to, a bad address and an unknown email', async () => {
    expect((await env.run(['send-test', 'lesson-2'])).stderr).toContain(
      '--to <address> is required',
    );
    expect((await env.run(['send-test', 'lesson-2', '--to', 'nobody'])).stderr).toContain(
      '<email>: "nobody" is not a valid email address',
    );
    const unknown = await env.run(['send-test', 'lesson-9', '--to', 'a@example.com']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('<emailId>: course relationships has no email "lesson-9"');
  });

  it('says how to start a stack when none runs', async () => {
    const run = await coach(['send-test', 'lesson-2', '--to', 'a@example.com'], {
      DATA_DIR: scratch,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no local stack found');
    expect(run.stderr).toContain('npm start');
  });
});

describe('coach course check', () => {
  it('passes the shipped course', async () => {
    const run = await coach(['course', 'check', 'templates/relationships'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('relationships: 22 emails, no problems');
  });

  it('names file and line of every problem in a course an author still has to fix', async () => {
    // The fixture course beside the shipped layout, as a templates folder holds them.
    const courses = join(scratch, 'courses');
    cpSync('test/fixtures/templates/author-problems', courses, { recursive: true });
    for (const file of ['layout.mjml', 'layout.txt'])
      cpSync(join('templates', file), join(courses, file));
    const run = await coach(['course', 'check', join(courses, 'demo'), '--json'], {});
    expect(run.code).toBe(1);
    const { problems } = JSON.parse(run.stdout) as { problems: string[] };
    for (const problem of problems) expect(problem).toMatch(/^[^:]+:\d+: /);
    const all = problems.join('\n');
    expect(all).toMatch(/demo\/course\.json:5: missing emails the pacing sends: ack, nudge/);
    expect(all).toMatch(/demo\/course\.json:9: subject of "lesson-1" is 81 characters/);
    expect(all).toMatch(
      /demo\/lesson-1\.mjml:5: link "http:\/\/example\.com\/guide" must be https/,
    );
    expect(all).toMatch(
      /demo\/lesson-1\.mjml:5: the HTML says "Read the guide before you start\." but the text part does not/,
    );
    expect(all).toMatch(
      /demo\/lesson-1\.txt:3: the text part says "Bring a friend to the first meeting\." but the HTML does not/,
    );
  });
});
