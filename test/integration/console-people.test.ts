import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../console/timeline.ts';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { latestMail, nextMondayAt, startConsoleStack } from '../support/console.ts';
import { header, inbox } from '../support/inbox.ts';
import { advance, confirmFromInbox, signup, stackDeps } from '../support/local-stack.ts';
import { testKeysEnv } from '../support/manage.ts';
import { replyTo } from '../support/reply.ts';

let env: Awaited<ReturnType<typeof startConsoleStack>>;
let deps: CoachDeps;
let scratch: string;
const ada = 'ada@example.com';

async function subscriber(email: string) {
  const id = await deps.subscribers.findIdByEmail(email);
  return id ? deps.subscribers.get(id) : null;
}

async function mailIds(email: string): Promise<string[]> {
  return (await inbox(env.stack.sesUrl, email)).map((m) => header(m, 'X-Coach-Email') ?? '');
}

function csv(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  env = await startConsoleStack();
  deps = stackDeps(env.stack, testKeysEnv);
  scratch = mkdtempSync(join(tmpdir(), 'drip-console-people-'));
  env.stack.clock.advanceTo(nextMondayAt(env.stack.clock.now(), 10));
  await signup(env.stack, { email: ada, name: 'Ada Lovelace', timezone: 'Europe/London' });
  await confirmFromInbox(env.stack, ada);
  await advance(env.stack, 0);
  await replyTo(
    env.stack,
    await latestMail(env.stack, ada, 'lesson-1'),
    'My why: I want to move into product management. I can offer help with data analysis.',
  );
});

afterAll(async () => {
  await env?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('coach subscriber', () => {
  it('shows emails sent, the reply and what was read from it, and what comes next', async () => {
    const { code, stdout } = await env.run(['subscriber', 'ADA@example.com', '--json']);
    expect(code).toBe(0);
    const timeline = JSON.parse(stdout) as Timeline;
    expect(timeline.profile).toMatchObject({ email: ada, name: 'Ada Lovelace', status: 'active' });
    const texts = timeline.entries.map((e) => `${e.kind}: ${e.text}`);
    expect(texts[0]).toBe('consent: signed up (form)');
    expect(texts).toContain('consent: confirmed: course started');
    expect(texts).toContain('email: confirm sent');
    expect(texts).toContain('email: lesson-1 sent');
    const reply = timeline.entries.find((e) => e.kind === 'reply');
    expect(reply?.text).toContain('reply to lesson 1');
    expect(reply?.text).toContain('My why: I want to move into product management.');
    expect(reply?.read).toMatchObject({ why: expect.stringContaining('product management') });
    expect(timeline.next.map((n) => n.emailId)).toContain('lesson-2');

    const text = await env.run(['subscriber', ada]);
    expect(text.stdout).toContain('Ada Lovelace <ada@example.com>');
    expect(text.stdout).toMatch(/Timeline \(UTC\)[\s\S]*reply to lesson 1[\s\S]*read: \{"why"/);
    // Next: the acknowledgement in the morning (one email a day), then lesson 2.
    expect(text.stdout).toMatch(/Next\n.*ack \(note\)[\s\S]*lesson-2 \(lesson\): Lesson 2: /);
  });

  it('names an address nobody has, and one that is no address', async () => {
    const unknown = await env.run(['subscriber', 'nobody@example.com']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('coach: no subscriber has the address nobody@example.com\n');
    expect((await env.run(['subscriber', 'not-an-address'])).stderr).toContain(
      '<email>: "not-an-address" is not a valid email address',
    );
  });
});

describe('coach import', () => {
  const list = [
    'email,name,timezone,locale,consented_at,source',
    'bea@example.com,Bea Okafor,Europe/London,en-GB,2026-10-03,"Webinar sign-up sheet, October"',
    'cal@example.com,Cal,UTC,,,',
    `${ada},Ada,UTC,,,`,
  ].join('\n');

  it('refuses a file with a bad row, naming each line, and imports nothing', async () => {
    const file = csv(
      'bad.csv',
      `${list}\nbad-address,,Mars/Base,,,\ndan@example.com,,,,2026-10-03,\n`,
    );
    const run = await env.run(['import', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:5: email: is not a valid email address ("bad-address")`);
    expect(run.stderr).toContain(
      `${file}:5: timezone: is not a known IANA time zone ("Mars/Base")`,
    );
    expect(run.stderr).toContain(`${file}:6: source: says where the consent was given`);
    expect(run.stderr).toContain('coach: 3 problems in');
    expect(await subscriber('bea@example.com')).toBeNull();
    const header = await env.run([
      'import',
      csv('columns.csv', 'email,consent_at\na@example.com,x\n'),
    ]);
    expect(header.stderr).toContain(':1: unknown column "consent_at"');
  });

  it('says in a dry run what it would do, changing and sending nothing', async () => {
    const run = await env.run(['import', csv('people.csv', list), '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { results: { line: number; outcome: string }[] };
    expect(report.results.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'started'],
      [3, 'invited'],
      [4, 'known'],
    ]);
    expect(await subscriber('bea@example.com')).toBeNull();
    expect(await mailIds('cal@example.com')).toEqual([]);
  });

  it('starts the consented, invites the rest, leaves the known alone, and imports nothing twice', async () => {
    const file = join(scratch, 'people.csv');
    const run = await env.run(['import', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${file}:2: bea@example.com: started the course (consent on file); sent lesson-1`,
    );
    expect(run.stdout).toContain(`${file}:3: cal@example.com: sent the confirmation email`);
    expect(run.stdout).toContain(`${file}:4: ${ada}: already known, left as it is`);
    expect(run.stdout).toContain(
      '3 rows into relationships: 1 were started, 1 were invited, 1 already known; 2 emails sent now',
    );

    const bea = await subscriber('bea@example.com');
    expect(bea).toMatchObject({
      status: 'active',
      name: 'Bea Okafor',
      timezone: 'Europe/London',
      consent: {
        source: 'import',
        origin: 'Webinar sign-up sheet, October',
        signedUpAt: '2026-10-03T00:00:00.000Z',
      },
    });
    expect(await mailIds('bea@example.com')).toEqual(['lesson-1']);
    expect((await subscriber('cal@example.com'))?.status).toBe('pending');
    expect(await mailIds('cal@example.com')).toEqual(['confirm']);

    const again = await env.run(['import', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({
      started: 0,
      invited: 0,
      known: 3,
      emailsSent: 0,
    });
    expect(await mailIds('bea@example.com')).toEqual(['lesson-1']);
    expect(await mailIds('cal@example.com')).toEqual(['confirm']);
  });
});

describe('coach export, suppress and erase', () => {
  it('exports every subscriber as JSON lines, to stdout or a file', async () => {
    const run = await env.run(['export']);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.profile.email).sort()).toEqual([
      ada,
      'bea@example.com',
      'cal@example.com',
    ]);
    expect(lines.every((l) => l.format === 'drip-coach-export/1')).toBe(true);
    const bea = lines.find((l) => l.profile.email === 'bea@example.com');
    expect(bea.consent).toMatchObject({
      source: 'import',
      origin: 'Webinar sign-up sheet, October',
    });
    expect(lines.find((l) => l.profile.email === ada).checkIns).toHaveLength(1);

    const out = join(scratch, 'all.jsonl');
    const toFile = await env.run(['export', '--out', out, '--json']);
    expect(JSON.parse(toFile.stdout)).toEqual({ out, subscribers: 3 });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('suppresses an address for good, as a hard bounce does', async () => {
    const run = await env.run(['suppress', 'cal@example.com']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('suppressed cal@example.com');
    expect(await subscriber('cal@example.com')).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'suppressed by the operator',
      agenda: [],
    });
    expect((await env.run(['suppress', 'cal@example.com'])).stdout).toContain('already suppressed');
    const unknown = await env.run(['suppress', 'nobody@example.com', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no subscriber has the address nobody@example.com');
    // A signup for a suppressed address changes nothing and mails nothing.
    await signup(env.stack, { email: 'cal@example.com' });
    expect(await mailIds('cal@example.com')).toEqual(['confirm']);
  });

  it('erases everything held about an address, raw replies too, only with --yes', async () => {
    const id = (await deps.subscribers.findIdByEmail(ada)) as string;
    const [checkIn] = await deps.checkIns.list(id);
    const raw = join(env.dataDir, checkIn?.rawKey ?? 'missing');
    expect(existsSync(raw)).toBe(true);

    const refused = await env.run(['erase', ada]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot be undone: run again with --yes');
    expect(await subscriber(ada)).not.toBeNull();

    const run = await env.run(['erase', ada, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ erased: ada, subscriberId: id });
    expect(await deps.subscribers.findIdByEmail(ada)).toBeNull();
    expect(await deps.subscribers.get(id)).toBeNull();
    expect(existsSync(raw)).toBe(false);
    expect((await env.run(['subscriber', ada])).code).toBe(1);
  });
});
