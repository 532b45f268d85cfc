import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseStats } from '../../console/stats/compute.ts';
import { DynamoSentMailRecord } from '../../functions/adapters/dynamo-sent-mail.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { editPeopleList } from '../../functions/app/manage.ts';
import { isoWeek } from '../../functions/core/course-events.ts';
import { createSesEventsHandler } from '../../functions/handlers/ses-events-handler.ts';
import { latestMail, nextMondayAt, startConsoleStack } from '../support/console.ts';
import { header } from '../support/inbox.ts';
import { advance, confirmFromInbox, signup, stackDeps } from '../support/local-stack.ts';
import { manageLink, testKeysEnv } from '../support/manage.ts';
import { replyTo } from '../support/reply.ts';

/**
 * `coach stats` against a scenario whose answers are known: six people sign
 * up on the local stack, five confirm, three answer lesson 1 over SMTP, one
 * unsubscribes and one bounces, two log meetings (one of them two in the
 * month), one sends an out-of-office, a stranger's reply is rejected,
 * lesson 2 goes to the three still in the course, and the one who answers it
 * (having met people) gets lesson 3 the next day.
 */

let env: Awaited<ReturnType<typeof startConsoleStack>>;
let start: Date;
const people = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'].map((n) => `${n}@example.com`);
const [ann, ben, cat, dan, eve] = people as [string, string, string, string, string];

async function idOf(email: string): Promise<string> {
  const id = await stackDeps(env.stack, testKeysEnv).subscribers.findIdByEmail(email);
  if (!id) throw new Error(`no subscriber ${email}`);
  return id;
}

/** Marks people met through the manage page's use case, as the person would. */
async function meet(email: string, names: string[]) {
  const deps = stackDeps(env.stack, testKeysEnv);
  const token = new URL(
    manageLink(env.stack, await idOf(email), new Date(Date.now() + 86_400_000 * 365)),
  ).searchParams.get('t') as string;
  for (const name of names) {
    await editPeopleList(deps, token, { op: 'add', name });
    await editPeopleList(deps, token, { op: 'met', name, met: 'true' });
  }
  // As the web function does at the end of each request.
  await deps.events.flush?.();
}

function bounceEvent(to: string): unknown {
  const text = readFileSync(
    new URL('../fixtures/ses-events/eventbridge-permanent-bounce.json', import.meta.url),
    'utf8',
  )
    .replaceAll(/recipient@example\.com/gi, to)
    .replaceAll(/(example-0{6}|examp-0{6})/g, 'stats-000000');
  return JSON.parse(text);
}

beforeAll(async () => {
  env = await startConsoleStack();
  const { stack } = env;
  start = nextMondayAt(stack.clock.now(), 10);
  stack.clock.advanceTo(start);
  for (const email of people) await signup(stack, { email, timezone: 'UTC' });
  for (const email of [ann, ben, cat, dan, eve]) await confirmFromInbox(stack, email);
  await advance(stack, 0); // lesson 1 to the five

  for (const email of [ann, ben, cat]) {
    await replyTo(stack, await latestMail(stack, email, 'lesson-1'), 'My why: to find a mentor.');
  }
  const lesson1 = await latestMail(stack, dan, 'lesson-1');
  const unsubscribe = await fetch(header(lesson1, 'List-Unsubscribe')?.slice(1, -1) ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(unsubscribe.status).toBe(200);
  const client = dynamoDbClient({ endpoint: stack.dynamoEndpoint });
  const eventDeps = stackDeps(stack, testKeysEnv);
  const sesEvents = createSesEventsHandler({
    ...eventDeps,
    sendEvents: new DynamoSentMailRecord(client, stack.tableName),
  });
  await sesEvents(bounceEvent(eve));
  // As the Lambda does at the end of the invocation.
  await eventDeps.events.flush?.();
  await replyTo(stack, await latestMail(stack, cat, 'lesson-1'), 'I am out of the office.', {
    subject: 'Automatic reply: Lesson 1',
    headers: { 'Auto-Submitted': 'auto-replied' },
    quote: false,
  });
  // A reply address nobody was given: rejected, and counted apart from the course.
  const forged = (await latestMail(stack, ann, 'lesson-1')).replyTo[0]?.replace(
    /([a-z2-7])@/,
    (_, c: string) => `${c === 'a' ? 'b' : 'a'}@`,
  );
  await replyTo(stack, await latestMail(stack, ann, 'lesson-1'), 'hello', { to: forged });
  await meet(ann, ['Sam', 'Priya']);

  await advance(stack, 4 * 24); // lesson 2 to the three still in the course, on day 4 (the spacing)
  await meet(ben, ['Jordan']);
  await replyTo(stack, await latestMail(stack, ann, 'lesson-2'), 'Sam, Priya and Jordan');
  // Ben slows down: his lesson 3 waits the gentle pace's week; Ann and Cat get theirs on day 8.
  await replyTo(stack, await latestMail(stack, ben, 'lesson-2'), 'slower please');
  await advance(stack, 4 * 24);
}, 120_000);

afterAll(async () => {
  await env?.cleanup();
});

describe('coach stats on a known scenario', () => {
  it('counts the funnel, replies, meetings, leaving and the reader exactly', async () => {
    const { code, stdout, stderr } = await env.run(['stats', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      since: string;
      until: string;
      courses: CourseStats[];
      unattributed: { rejected: number };
    };
    const today = env.stack.clock.now().toISOString().slice(0, 10);
    expect(report.since).toBe(start.toISOString().slice(0, 10));
    expect(report.until).toBe(today);
    // Only courses someone has taken: the follow-on has nobody yet.
    expect(report.courses.map((c) => c.course)).toEqual(['relationships']);
    const stats = report.courses.find((c) => c.course === 'relationships');
    expect(stats?.course).toBe('relationships');
    expect(Object.fromEntries(stats?.funnel.map((r) => [r.key, r.count]) ?? [])).toEqual({
      'signed-up': 6,
      confirmed: 5,
      'sent-1': 5,
      'replied-1': 3,
      'sent-2': 3,
      'replied-2': 2,
      'sent-3': 2,
      'replied-3': 0,
      'sent-4': 0,
      'replied-4': 0,
      finished: 0,
      'monthly-target': 1,
    });
    expect(stats?.funnel[1]?.share).toBeCloseTo(5 / 6);
    expect(stats?.replyRates.map((r) => [r.step, r.sent, r.replied])).toEqual([
      [1, 5, 3],
      [2, 3, 2],
      [3, 2, 0],
      [4, 0, 0],
    ]);
    expect(stats?.replyRates[0]?.rate).toBeCloseTo(0.6);
    expect(stats?.leaving.byReason).toEqual({ unsubscribed: 1, bounced: 1 });
    expect(stats?.leaving.byStep).toEqual([
      { reason: 'bounced', step: 1, count: 1 },
      { reason: 'unsubscribed', step: 1, count: 1 },
    ]);
    expect(stats?.reader).toMatchObject({
      checkIns: 5,
      autoReplies: 1,
      commands: { slower: 1 },
      corrections: {},
      sendsUnknown: 0,
    });
    expect(report.unattributed.rejected).toBe(1);
    expect(stats?.now).toEqual({
      pending: 1,
      'in-course': 3,
      graduated: 0,
      unsubscribed: 1,
      suppressed: 1,
    });
    // Ann met two people on day 0, Ben one on day 4: a median of 2 days.
    expect(stats?.meetings).toMatchObject({ logged: 3, firstMeetings: 2, medianDaysToFirst: 2 });
    const days = (Date.parse(today) - Date.parse(report.since)) / 86_400_000 + 1;
    const months = (3 * days) / 30.436875;
    expect(stats?.meetings.activeSubscriberMonths).toBeCloseTo(months);
    expect(stats?.meetings.perActiveSubscriberPerMonth).toBeCloseTo(3 / months);
    expect(stats?.cohorts).toEqual([
      {
        week: isoWeek(start),
        confirmed: 5,
        lessonsSent: [5, 3, 2, 0],
        replies: 5,
        firstMeetings: 2,
        monthlyTarget: 1,
        finished: 0,
        left: 2,
      },
    ]);
  });

  it('shows a course nobody has taken only when asked for by name', async () => {
    const { stdout } = await env.run(['stats', '--json', '--course', 'keep-it-going']);
    const [stats] = (JSON.parse(stdout) as { courses: CourseStats[] }).courses;
    expect(stats?.course).toBe('keep-it-going');
    expect(stats?.funnel.every((r) => r.count === 0)).toBe(true);
  });

  it('limits the window with --since and --until, naming a bad date', async () => {
    const day0 = start.toISOString().slice(0, 10);
    const { stdout } = await env.run(['stats', '--json', '--until', day0]);
    const stats = (JSON.parse(stdout) as { courses: CourseStats[] }).courses.find(
      (c) => c.course === 'relationships',
    );
    const counts = Object.fromEntries(stats?.funnel.map((r) => [r.key, r.count]) ?? []);
    expect(counts).toMatchObject({ 'signed-up': 6, 'sent-1': 5, 'sent-2': 0 });
    expect(stats?.meetings.logged).toBe(2);

    const later = await env.run(['stats', '--json', '--since', '2999-01-01']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('--since 2999-01-01 is after --until');
    const bad = await env.run(['stats', '--since', '2026-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--since: "2026-02-30" is not a date');
    const course = await env.run(['stats', '--course', 'knitting']);
    expect(course.stderr).toContain('--course: no course "knitting"');
  });

  it('prints the same report for a terminal', async () => {
    const { code, stdout } = await env.run(['stats', '--course', 'relationships']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/signed up\s+6/);
    expect(stdout).toMatch(/confirmed\s+5\s+83% of signed up/);
    expect(stdout).toMatch(/replied to lesson 1\s+3\s+60%/);
    expect(stdout).toMatch(/unsubscribed\s+1/);
    expect(stdout).toContain('Weekly cohorts');
    expect(stdout).toContain('Mail from unknown senders: 1 rejected');
  });
});
