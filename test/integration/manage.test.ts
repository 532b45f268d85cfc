import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteEverything } from '../../functions/app/manage.ts';
import { loadConfig } from '../../functions/config.ts';
import { formToken } from '../../functions/core/csrf.ts';
import type { DataExport } from '../../functions/core/data-export.ts';
import { addressHash } from '../../functions/core/erasure.ts';
import { toLocal } from '../../functions/core/send-window.ts';
import { signToken } from '../../functions/core/tokens.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { createDeps } from '../../functions/wiring.ts';
import { FolderRawMailStore } from '../../local/folder-raw-mail.ts';
import { header, inbox, linkByText } from '../support/inbox.ts';
import {
  advance,
  confirmFromInbox,
  signup,
  stackDeps,
  startTestStack,
} from '../support/local-stack.ts';
import { hostileText, manageLink, tableOf, testKeys, testKeysEnv } from '../support/manage.ts';
import { replyTo } from '../support/reply.ts';

/** The stack's own dependencies, for calling a use case directly. */
function stackDepsOf() {
  return stackDeps(stack, testKeysEnv);
}

const dataDir = mkdtempSync(join(tmpdir(), 'drip-manage-'));
let stack: Awaited<ReturnType<typeof startTestStack>>;
let table: ReturnType<typeof tableOf>;

beforeAll(async () => {
  stack = await startTestStack({ dataDir, inMemory: false, env: { TOKEN_KEYS: testKeysEnv } });
  table = tableOf(stack);
});

afterAll(async () => {
  await stack?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A confirmed subscriber with lesson 1 in the inbox, and their manage link
 * from it. With `acceptLanguage`, signs up as a browser without JavaScript
 * would: that header, and no locale field.
 */
async function subscriber(
  email: string,
  name = 'Robin',
  timezone = 'Europe/London',
  acceptLanguage?: string,
) {
  if (acceptLanguage) {
    const answer = await fetch(`${stack.url}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({ email, name, timezone }),
      headers: { 'accept-language': acceptLanguage },
    });
    expect(answer.status).toBe(200);
  } else {
    await signup(stack, { email, name, timezone });
  }
  await confirmFromInbox(stack, email);
  for (let i = 0; i < 48; i++) {
    const lesson = (await inbox(stack.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    );
    if (lesson) {
      const url = linkByText(lesson, 'Manage');
      const id = (await table.stores.subscribers.findIdByEmail(email))!;
      return { email, id, url, t: new URL(url).searchParams.get('t')! };
    }
    await advance(stack, 1);
  }
  throw new Error('lesson 1 never came');
}

type Who = Awaited<ReturnType<typeof subscriber>>;

async function open(url: string) {
  const response = await fetch(url);
  return { status: response.status, html: await response.text(), response };
}

/** The hidden `csrf` value of each manage form on a page. */
function formTokens(html: string): Record<string, string> {
  const tokens: Record<string, string> = {};
  const form =
    /action="\/manage\/([a-z-]+)[^"]*"[^>]*><input type="hidden" name="t" value="[^"]+"><input type="hidden" name="csrf" value="([^"]+)">/g;
  for (const match of html.matchAll(form)) tokens[match[1]!] = match[2]!;
  return tokens;
}

/** Posts a manage form the way the page does, from our own origin unless told otherwise. */
async function post(
  who: Who,
  action: string,
  fields: Record<string, string> = {},
  options: { csrf?: string | null; headers?: Record<string, string> } = {},
) {
  const page = await open(who.url);
  const csrf = options.csrf === undefined ? formTokens(page.html)[action] : options.csrf;
  const body = new URLSearchParams({ t: who.t, ...(csrf ? { csrf } : {}), ...fields });
  const response = await fetch(`${stack.url}/manage/${action}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: options.headers ?? { origin: stack.url },
  });
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get('location'),
  };
}

describe('the manage page', () => {
  it('shows progress, the course map and what comes next in the subscriber’s zone', async () => {
    const who = await subscriber('map@example.com', 'Map', 'Asia/Tokyo');
    const { status, html, response } = await open(who.url);
    expect(status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(html).toContain('Hi Map');
    expect(html).toContain('Step 1 of 4: Know why you are building relationships');
    expect(html.match(/<li class="(done|current|upcoming)"/g)).toHaveLength(4);
    // Without a locale from the browser, the default (en-US) writes the date.
    expect(html).toMatch(
      /Lesson 2: Two or three coffees<\/strong><br>\w+, \w+ \d+ at 9:00 AM <span class="muted">\(Asia\/Tokyo\)/,
    );
    // No inline script or style anywhere: the strict CSP would block it.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=/i);
  });

  it('lists check-ins newest first and shows hostile text as text', async () => {
    const who = await subscriber('xss@example.com', '<img src=x onerror=alert(1)>');
    const now = stack.clock.now();
    await table.addCheckIn(dataDir, who.id, 'x1', hostileText, now);
    await table.addCheckIn(dataDir, who.id, 'x2', 'Second, newer', new Date(now.getTime() + 1000));
    await post(who, 'people', { op: 'add', name: '"><script>alert(2)</script>' });
    const { html } = await open(who.url);
    expect(html.indexOf('Second, newer')).toBeLessThan(html.indexOf('went well'));
    expect(html).toContain('&lt;script&gt;window.__xss = 1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss = 2&quot;&gt;');
    expect(html).toContain('&lt;a href=&quot;javascript:window.__xss = 3&quot;&gt;');
    expect(html).toContain('Hi &lt;img');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<script>|<img |href="javascript:|onerror=(?!&quot;)|onerror="/i);
  });
});

describe('preferences, pause and people', () => {
  let who: Who;
  beforeAll(async () => {
    who = await subscriber('prefs@example.com', 'Pat', 'Europe/London');
  });

  it('changes pace, send hour, time zone and weekends through the pacing', async () => {
    const answer = await post(who, 'preferences', {
      pace: 'gentle',
      sendHour: '7',
      timezone: 'America/New_York',
      skipWeekends: 'yes',
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/manage?t=${who.t}&done=preferences#preferences`);
    const saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved).toMatchObject({
      pace: 'gentle',
      sendHour: 7,
      timezone: 'America/New_York',
      skipWeekends: true,
    });
    for (const item of saved.agenda.filter((i) => i.kind !== 'note')) {
      const local = toLocal(new Date(item.dueAt), 'America/New_York');
      expect(local.hour, item.emailId).toBe(7);
      expect([0, 6], item.emailId).not.toContain(local.weekday);
    }
    const page = await open(`${stack.url}${answer.location}`);
    expect(page.html).toContain('<p class="notice" role="status">Your preferences are saved.</p>');
    expect(page.html).toContain('<option value="America/New_York" selected>');
  });

  it.each([
    [{ sendHour: '6' }, 'Send time must be a whole hour from 7 to 20.'],
    [{ sendHour: '21' }, 'Send time must be a whole hour from 7 to 20.'],
    [{ sendHour: '9.5' }, 'Send time must be a whole hour from 7 to 20.'],
    [{ timezone: 'Mars/Olympus' }, 'Time zone is not a known IANA time zone.'],
    [{ pace: 'warp' }, 'Pace must be gentle, normal or intense.'],
    [{ skipWeekends: 'maybe' }, 'Weekends must be yes or no.'],
    [
      { locale: 'Klingon!' },
      'Date and time format must be a language tag like en-GB, de-DE or pt-BR.',
    ],
  ])('rejects %j with a message, changing nothing', async (fields, message) => {
    const before = (await table.stores.subscribers.get(who.id))!;
    const answer = await post(who, 'preferences', fields);
    expect(answer.status).toBe(400);
    expect(answer.html).toContain(
      `role="alert" id="preferences-error">${message.replace(/"/g, '&quot;')}</p>`,
    );
    expect((await table.stores.subscribers.get(who.id))!.version).toBe(before.version);
  });

  it('edits the people list: add, rename, mark met (counted), unmark, remove', async () => {
    expect((await post(who, 'people', { op: 'add', name: '  Sam   Lee ' })).status).toBe(303);
    expect((await post(who, 'people', { op: 'add', name: 'Priya' })).status).toBe(303);
    const duplicate = await post(who, 'people', { op: 'add', name: 'sam lee' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.html).toContain('“sam lee” is already on your list.');
    expect(
      (await post(who, 'people', { op: 'rename', name: 'Priya', to: 'Priya Shah' })).status,
    ).toBe(303);
    expect((await post(who, 'people', { op: 'met', name: 'Sam Lee', met: 'true' })).status).toBe(
      303,
    );
    let saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved.people.map((p) => [p.name, p.met])).toEqual([
      ['Sam Lee', true],
      ['Priya Shah', false],
    ]);
    expect(saved.meetings.map((m) => m.names)).toEqual([['Sam Lee']]);
    expect((await open(who.url)).html).toContain('This month: 1 meeting logged.');
    // A stale second press logs nothing twice.
    await post(who, 'people', { op: 'met', name: 'Sam Lee', met: 'true' });
    expect((await table.stores.subscribers.get(who.id))!.meetings).toHaveLength(1);
    await post(who, 'people', { op: 'met', name: 'Sam Lee', met: 'false' });
    saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved.people[0]).toMatchObject({ met: false, lastContactAt: null });
    expect(saved.meetings).toEqual([]);
    await post(who, 'people', { op: 'remove', name: 'Sam Lee' });
    expect((await table.stores.subscribers.get(who.id))!.people.map((p) => p.name)).toEqual([
      'Priya Shah',
    ]);
    const gone = await post(who, 'people', { op: 'remove', name: 'Sam Lee' });
    expect(gone.status).toBe(400);
    expect(gone.html).toContain('“Sam Lee” is no longer on your list.');
    expect((await post(who, 'people', { op: 'add', name: 'x'.repeat(61) })).status).toBe(400);
  });

  it('pauses until a date, resumes by itself then, and pauses and resumes by hand', async () => {
    const who = await subscriber('pause@example.com', 'Pia', 'America/New_York');
    await post(who, 'preferences', { sendHour: '7' });
    const today = toLocal(stack.clock.now(), 'America/New_York');
    const past = await post(who, 'pause', {
      until: `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`,
    });
    expect(past.status).toBe(400);
    expect(past.html).toContain('The date must be after today.');
    const page = await open(who.url);
    const min = /name="until" type="date" min="([\d-]+)"/.exec(page.html)![1]!;
    expect((await post(who, 'pause', { until: min })).status).toBe(303);
    let saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved.status).toBe('paused');
    expect(toLocal(new Date(saved.pausedUntil!), 'America/New_York').hour).toBe(7);
    const paused = await open(who.url);
    expect(paused.html).toContain('<span class="badge badge-paused">Paused</span>');
    expect(paused.html).toContain('Resume now');
    await advance(stack, 24 * 3);
    expect((await table.stores.subscribers.get(who.id))!.status).toBe('active');

    expect((await post(who, 'pause', { until: '' })).status).toBe(303);
    saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved).toMatchObject({ status: 'paused', pausedUntil: null });
    const quiet = await advance(stack, 24 * 7);
    expect(quiet.sent.filter((s) => s.to === who.email && s.emailId.startsWith('lesson'))).toEqual(
      [],
    );
    expect((await post(who, 'resume')).status).toBe(303);
    expect((await table.stores.subscribers.get(who.id))!.status).toBe('active');
  });
});

describe('the subscriber’s locale', () => {
  it('comes from Accept-Language without JavaScript, shows on the page and can change', async () => {
    const who = await subscriber('lena@example.com', 'Lena', 'Europe/Berlin', 'de-DE,de;q=0.9');
    expect((await table.stores.subscribers.get(who.id))!.locale).toBe('de-DE');

    const before = await open(who.url);
    expect(before.html).toContain('<option value="de-DE" selected>German (Germany) · 23.12.2026');
    expect(before.html).toMatch(
      /Lesson 2: Two or three coffees<\/strong><br>\w+ \d+ \w+ at 09:00 <span class="muted">\(Europe\/Berlin\)/,
    );

    const answer = await post(who, 'preferences', { locale: 'en-us' });
    expect(answer.status).toBe(303);
    const saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved).toMatchObject({ locale: 'en-US', timezone: 'Europe/Berlin', sendHour: 9 });
    const after = await open(who.url);
    expect(after.html).toContain('<option value="en-US" selected>');
    expect(after.html).not.toContain('<option value="de-DE" selected>');
    expect(after.html).toMatch(
      /Lesson 2: Two or three coffees<\/strong><br>\w+, \w+ \d+ at 9:00 AM <span class="muted">\(Europe\/Berlin\)/,
    );
    const data = (await (await fetch(`${stack.url}/manage/data?t=${who.t}`)).json()) as DataExport;
    expect(data.preferences.locale).toBe('en-US');
  });
});

describe('what I understood from your replies', () => {
  it('lists what a reply over SMTP logged, and takes a meeting back out of the tally in one post', async () => {
    const who = await subscriber('understood@example.com', 'Uma', 'Europe/London');
    const lesson1 = (await inbox(stack.sesUrl, who.email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    )!;
    const sent = await replyTo(stack, lesson1, 'I had coffee with Priya yesterday, it went well.');
    expect(sent.response).toMatch(/^250 /);
    expect((await table.stores.subscribers.get(who.id))!.meetings).toHaveLength(1);

    const page = await open(who.url);
    expect(page.html).toContain(
      '<h2 id="understood-title">What I understood from your replies</h2>',
    );
    expect(page.html).toContain(
      '<span class="person-name">Priya</span><span class="person-meta">Met</span>',
    );
    const checkInId = /name="checkIn" value="([^"]+)"/.exec(page.html)![1]!;

    const answer = await post(who, 'correct', {
      checkIn: checkInId,
      field: 'met',
      op: 'remove',
      name: 'Priya',
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/manage?t=${who.t}&done=correct#understood`);
    const saved = (await table.stores.subscribers.get(who.id))!;
    expect(saved.meetings).toEqual([]);
    expect(saved.people).toEqual([expect.objectContaining({ name: 'Priya', met: false })]);
    const after = await open(`${stack.url}${answer.location}`);
    expect(after.html).toContain('This month: 0 meetings logged.');
    expect(after.html).toContain('You corrected this reply once.');

    // Stored on DynamoDB beside the reading it corrects, and in the download.
    const data = (await (await fetch(`${stack.url}/manage/data?t=${who.t}`)).json()) as DataExport;
    expect(data.checkIns[0]).toMatchObject({
      understood: expect.objectContaining({ met: ['Priya'] }),
      corrections: [{ field: 'met', from: 'Priya', to: null, at: expect.any(String) }],
    });
    // The same post again (a second press) is taken, and changes nothing more.
    expect(
      (
        await post(who, 'correct', {
          checkIn: checkInId,
          field: 'met',
          op: 'remove',
          name: 'Priya',
        })
      ).status,
    ).toBe(303);
    expect((await table.stores.checkIns.list(who.id))[0]!.corrections).toHaveLength(1);
  });

  it('refuses a correction without its form token, or for a reply that is not theirs', async () => {
    const who = await subscriber('understood-csrf@example.com', 'Ugo');
    const other = await subscriber('understood-other@example.com', 'Ola');
    await table.addCheckIn(dataDir, other.id, 'o1', 'Coffee with Sam', stack.clock.now());
    const fields = { checkIn: 'o1', field: 'people', op: 'remove', name: 'Sam' };
    expect((await post(who, 'correct', fields, { csrf: null })).status).toBe(403);
    // The page shows no correction form without a reply; the token is the one it would carry.
    const csrf = formToken(testKeys, who.t, 'correct');
    expect((await post(who, 'correct', fields, { csrf })).status).toBe(404);
    expect((await table.stores.checkIns.list(other.id))[0]!.corrections).toBeUndefined();
  });
});

describe('the follow-on course', () => {
  it('is offered once the course is done, starts from the page, and its first lesson arrives', async () => {
    let who = await subscriber('follow-on@example.com', 'Flo', 'Europe/London');
    const early = await open(who.url);
    expect(early.html).not.toContain('Start Keep It Going');
    await advance(stack, 24 * 45);
    // The emailed link has expired by now: a fresh one, as "email me a fresh link" would send.
    const url = manageLink(stack, who.id, new Date(stack.clock.now().getTime() + 86_400_000));
    who = { ...who, url, t: new URL(url).searchParams.get('t')! };
    const done = await open(who.url);
    expect(done.html).toContain(
      'You have finished the course. Keep It Going is a short follow-on: three emails over a month.',
    );

    const answer = await post(who, 'next-course');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/manage?t=${who.t}&done=next-course#progress`);
    expect((await table.stores.subscribers.get(who.id))!.courseId).toBe('keep-it-going');
    await advance(stack, 24);
    const mail = await inbox(stack.sesUrl, who.email);
    expect(mail.map((m) => header(m, 'X-Coach-Email'))).toContain('keep-1');
    expect((await open(who.url)).html).not.toContain('Start Keep It Going');
  });
});

describe('unsubscribe and resubscribe from the page', () => {
  it('stops everything, then restarts from lesson 1 without a new confirmation email', async () => {
    const who = await subscriber('again@example.com', 'Sage', 'UTC');
    expect((await post(who, 'unsubscribe')).status).toBe(303);
    const stopped = (await table.stores.subscribers.get(who.id))!;
    expect(stopped.status).toBe('unsubscribed');
    const page = await open(who.url);
    expect(page.html).toContain('Unsubscribed</span>');
    expect(page.html).toContain('Resubscribe');
    expect((await advance(stack, 24 * 10)).sent.filter((s) => s.to === who.email)).toEqual([]);

    const confirmsBefore = (await inbox(stack.sesUrl, who.email)).filter(
      (m) => header(m, 'X-Coach-Email') === 'confirm',
    ).length;
    expect((await post(who, 'resubscribe')).status).toBe(303);
    const back = (await table.stores.subscribers.get(who.id))!;
    expect(back).toMatchObject({
      status: 'active',
      run: 2,
      consent: { source: 'manage-link', unsubscribedAt: null },
    });
    expect(back.consent.confirmedAt).toBe(back.consent.signedUpAt);
    expect(back.consent.history).toEqual([
      expect.objectContaining({ source: 'form', unsubscribedAt: stopped.consent.unsubscribedAt }),
    ]);
    await advance(stack, 24);
    const mails = await inbox(stack.sesUrl, who.email);
    expect(mails.filter((m) => header(m, 'X-Coach-Email') === 'confirm')).toHaveLength(
      confirmsBefore,
    );
    expect(mails.filter((m) => header(m, 'X-Coach-Email') === 'lesson-1')).toHaveLength(2);
  });
});

describe('CSRF protection', () => {
  let who: Who;
  let other: Who;
  beforeAll(async () => {
    who = await subscriber('csrf@example.com');
    other = await subscriber('csrf-other@example.com');
  });

  const unchanged = async () =>
    expect((await table.stores.subscribers.get(who.id))!.pace).toBe('normal');

  it('refuses a form without its token, or with another form’s or subscriber’s token', async () => {
    const otherPage = await open(other.url);
    const cases = [
      null,
      'k1-aaaaaaaaaaaaaaaaaaaaaaaaaa',
      formTokens((await open(who.url)).html).pause!,
      formTokens(otherPage.html).preferences!,
      `k9-${formTokens((await open(who.url)).html).preferences!.slice(3)}`,
    ];
    for (const csrf of cases) {
      const answer = await post(who, 'preferences', { pace: 'intense' }, { csrf });
      expect(answer.status, String(csrf)).toBe(403);
      expect(answer.html).toContain('This form cannot be accepted');
    }
    await unchanged();
  });

  it('refuses a foreign Origin or Referer even with the right token', async () => {
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
      { origin: `http://127.0.0.1:${Number(new URL(stack.url).port) + 1}` },
    ];
    for (const headers of foreign) {
      const answer = await post(who, 'preferences', { pace: 'intense' }, { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    await unchanged();
    // No Origin and no Referer (old clients): the form token alone decides.
    expect((await post(who, 'preferences', { pace: 'normal' }, { headers: {} })).status).toBe(303);
    expect(
      (
        await post(
          who,
          'preferences',
          { pace: 'normal' },
          { headers: { referer: `${stack.url}/manage?t=x` } },
        )
      ).status,
    ).toBe(303);
  });

  it('accepts a form posted from the other loopback name of the same port', async () => {
    // Prepare: the page opened at 127.0.0.1 while BASE_URL names localhost.
    const loopback = stack.url.replace('localhost', '127.0.0.1');
    const fromLoopback = { headers: { origin: loopback } };

    // Act
    const own = await post(who, 'preferences', { pace: 'gentle' }, fromLoopback);
    const afterOwn = (await table.stores.subscribers.get(who.id))!.pace;
    const foreign = await post(
      who,
      'preferences',
      { pace: 'intense' },
      { headers: { origin: 'https://evil.example' } },
    );
    const afterForeign = (await table.stores.subscribers.get(who.id))!.pace;
    const back = await post(who, 'preferences', { pace: 'normal' }, fromLoopback);

    // Assess
    expect(loopback).not.toBe(stack.url);
    expect(own.status).toBe(303);
    expect(afterOwn).toBe('gentle');
    expect(foreign.status).toBe(403);
    expect(afterForeign).toBe('gentle');
    expect(back.status).toBe(303);
    await unchanged();
  });

  it('protects deletion the same way', async () => {
    const answer = await post(who, 'delete', {}, { csrf: null });
    expect(answer.status).toBe(403);
    expect(await table.stores.subscribers.get(who.id)).not.toBeNull();
  });

  it('keeps the one-click unsubscribe exempt, as RFC 8058 requires', async () => {
    const unsubscribeUrl = signToken(testKeys, 'unsubscribe', {
      subscriberId: other.id,
      expiresAt: null,
      data: '',
    });
    const response = await fetch(`${stack.url}/unsubscribe?t=${unsubscribeUrl}`, {
      method: 'POST',
      headers: {
        origin: 'https://mail.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect((await table.stores.subscribers.get(other.id))!.status).toBe('unsubscribed');
  });
});

describe('bad links', () => {
  let who: Who;
  beforeAll(async () => {
    who = await subscriber('links@example.com', 'Lee');
  });

  const tampered = (t: string) => `${t.slice(0, -1)}${t.endsWith('a') ? 'b' : 'a'}`;

  it('answers a tampered, foreign or malformed token with a 400 that offers a fresh link', async () => {
    const foreignKey = signToken([{ id: 'k1', secret: 'z'.repeat(64) }], 'manage', {
      subscriberId: who.id,
      expiresAt: new Date(stack.clock.now().getTime() + 86_400_000),
      data: '',
    });
    const unsubscribeToken = signToken(testKeys, 'unsubscribe', {
      subscriberId: who.id,
      expiresAt: null,
      data: '',
    });
    const otherId = signToken(testKeys, 'manage', {
      subscriberId: `${who.id.slice(0, -1)}${who.id.endsWith('a') ? 'b' : 'a'}`,
      expiresAt: null,
      data: '',
    });
    for (const t of [tampered(who.t), foreignKey, unsubscribeToken, 'nonsense', 'a'.repeat(500)]) {
      for (const path of ['/manage', '/manage/data', '/manage/delete']) {
        const { status, html } = await open(`${stack.url}${path}?t=${encodeURIComponent(t)}`);
        expect(status, `${path} ${t}`).toBe(400);
        expect(html).toContain('This link does not work');
        expect(html).toContain('action="/manage/link"');
        expect(html).not.toContain(who.email);
      }
    }
    expect((await open(`${stack.url}/manage`)).status).toBe(400);
    // A valid signature for an id nobody holds: nothing to show, and nobody else's data.
    const nobody = await open(`${stack.url}/manage?t=${otherId}`);
    expect(nobody.status).toBe(404);
    expect(nobody.html).not.toContain('@example.com');
  });

  it('answers an expired link with a 410 and the fresh-link form', async () => {
    const expired = manageLink(stack, who.id, new Date(stack.clock.now().getTime() - 1000));
    for (const url of [expired, expired.replace('/manage?', '/manage/data?')]) {
      const { status, html } = await open(url);
      expect(status).toBe(410);
      expect(html).toContain('This link has expired');
      expect(html).toContain('Email me a fresh link');
      expect(html).not.toContain(who.email);
    }
    const t = new URL(expired).searchParams.get('t')!;
    const page = await open(who.url);
    const posted = await fetch(`${stack.url}/manage/preferences`, {
      method: 'POST',
      headers: { origin: stack.url },
      body: new URLSearchParams({ t, csrf: formTokens(page.html).preferences!, pace: 'intense' }),
    });
    // The form token is bound to the page's own link, so a swapped-in link fails first.
    expect(posted.status).toBe(403);
  });

  it('emails a fresh link to a known address only, answering every address alike, throttled', async () => {
    const ask = (email: string) =>
      fetch(`${stack.url}/manage/link`, { method: 'POST', body: new URLSearchParams({ email }) });
    const known = await ask('Links@Example.com');
    const unknown = await ask('nobody-here@example.com');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    const links = (await inbox(stack.sesUrl, who.email)).filter(
      (m) => header(m, 'X-Coach-Email') === 'manage-link',
    );
    expect(links).toHaveLength(1);
    expect(links[0]!.subject).toBe('Your link to manage your course');
    expect(links[0]!.body.text).toContain('/manage?t=');
    expect(header(links[0]!, 'List-Unsubscribe')).toMatch(/^<http/);
    const fresh = await open(linkByText(links[0]!, 'Manage'));
    expect(fresh.status).toBe(200);
    expect(fresh.html).toContain('Hi Lee');
    expect(await inbox(stack.sesUrl, 'nobody-here@example.com')).toEqual([]);
    // Throttled like confirmations: one per ten minutes.
    await ask(who.email);
    expect(
      (await inbox(stack.sesUrl, who.email)).filter(
        (m) => header(m, 'X-Coach-Email') === 'manage-link',
      ),
    ).toHaveLength(1);
    const invalid = await ask('not an address');
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Email is not a valid email address.');
  });
});

describe('download and delete', () => {
  it('downloads every record as a JSON attachment', async () => {
    const who = await subscriber('export@example.com', 'Eve', 'Europe/Paris');
    await table.addCheckIn(
      dataDir,
      who.id,
      'e1',
      'My why: learning from others.',
      stack.clock.now(),
    );
    await post(who, 'people', { op: 'add', name: 'Noor' });
    const response = await fetch(`${stack.url}/manage/data?t=${who.t}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="drip-coach-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = (await response.json()) as DataExport;
    expect(Object.keys(data)).toEqual([
      'format',
      'exportedAt',
      'about',
      'profile',
      'preferences',
      'consent',
      'progress',
      'whatYouToldUs',
      'people',
      'meetings',
      'checkIns',
      'repliesReceived',
      'emailsSent',
      'delivery',
      'bookkeeping',
    ]);
    expect(data.profile).toMatchObject({
      id: who.id,
      email: who.email,
      name: 'Eve',
      status: 'active',
    });
    expect(data.preferences).toEqual({
      pace: 'normal',
      sendHour: 9,
      timezone: 'Europe/Paris',
      locale: 'en-US',
      skipWeekends: false,
    });
    expect(data.consent).toMatchObject({ source: 'form', confirmedAt: expect.any(String) });
    expect(data.checkIns).toEqual([
      expect.objectContaining({ id: 'e1', text: 'My why: learning from others.' }),
    ]);
    expect(data.people).toEqual([expect.objectContaining({ name: 'Noor', met: false })]);
    expect(data.emailsSent.map((s) => s.emailId).slice(0, 2)).toEqual(['confirm', 'lesson-1']);
    for (const sent of data.emailsSent) expect(sent.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(data)).not.toMatch(/confirmNonce|rawKey/);
  });

  it('downloads every reply that came in over SMTP, each in its own words', async () => {
    const who = await subscriber('export-replies@example.com', 'Ria', 'Europe/Paris');
    const lesson1 = (await inbox(stack.sesUrl, who.email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    )!;
    const replies = [
      'My why: I want to learn from people who have done this before.',
      'I can offer help with data analysis and honest feedback.',
    ];
    for (const text of replies) {
      const answer = await replyTo(stack, lesson1, text);
      expect(answer.response).toMatch(/^250 /);
    }

    const response = await fetch(`${stack.url}/manage/data?t=${who.t}`);
    const data = (await response.json()) as DataExport;

    expect(data.checkIns).toHaveLength(replies.length);
    const texts = data.checkIns.map((c) => c.text);
    for (const text of replies) expect(texts).toContain(text);
    expect(data.repliesReceived.filter((r) => r.outcome === 'check-in')).toHaveLength(2);
  });

  it('deletes every record, the lookup and the raw replies, keeping only a keyed hash', async () => {
    const who = await subscriber('erase@example.com', 'Eli');
    const raw = await table.addCheckIn(
      dataDir,
      who.id,
      'd1',
      'A reply to forget.',
      stack.clock.now(),
    );
    await table.stores.inbound.add({
      id: 'd2',
      at: stack.clock.now().toISOString(),
      subscriberId: who.id,
      outcome: 'auto-reply',
      reason: 'out of office',
      rawKey: 'inbound/d2',
    });
    const autoRaw = await table.addCheckIn(
      dataDir,
      'someone-else',
      'd2',
      'Out of office',
      stack.clock.now(),
    );
    expect((await table.items(`sub#${who.id}`)).length).toBeGreaterThan(3);

    const confirmPage = await open(`${stack.url}/manage/delete?t=${who.t}`);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.html).toContain('Delete everything?');
    const csrf = /name="csrf" value="([^"]+)"/.exec(confirmPage.html)![1]!;
    const done = await fetch(`${stack.url}/manage/delete`, {
      method: 'POST',
      headers: { origin: stack.url },
      body: new URLSearchParams({ t: who.t, csrf }),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Everything is deleted');

    expect(await table.items(`sub#${who.id}`)).toEqual([]);
    expect(await table.lookup(who.email)).toBeNull();
    expect(existsSync(raw)).toBe(false);
    expect(existsSync(autoRaw)).toBe(false);
    const { kid, hash } = addressHash(testKeys, who.email);
    const suppression = (await table.items(`suppress#${kid}#${hash}`))[0];
    expect(suppression).toMatchObject({
      reason: 'erased',
      erasedAt: expect.any(String),
      unsubscribedAt: expect.any(String),
    });
    expect(JSON.stringify(suppression)).not.toMatch(/erase@|example\.com|Eli/);

    expect((await open(who.url)).status).toBe(404);
    expect((await advance(stack, 24 * 20)).sent.filter((s) => s.to === who.email)).toEqual([]);
    // Signing up again is a fresh start: a new id, and double opt-in again.
    await signup(stack, { email: who.email, timezone: 'UTC' });
    const newId = await table.stores.subscribers.findIdByEmail(who.email);
    expect(newId).not.toBe(who.id);
    expect((await table.stores.subscribers.get(newId!))!).toMatchObject({
      status: 'pending',
      people: [],
      run: 0,
    });
    const confirms = (await inbox(stack.sesUrl, who.email)).filter(
      (m) => header(m, 'X-Coach-Email') === 'confirm',
    );
    expect(confirms).toHaveLength(2);
  });

  it('keeps nothing of a reply that arrives after the erase', async () => {
    const who = await subscriber('late-reply@example.com', 'Lou');
    const lesson1 = (await inbox(stack.sesUrl, who.email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    )!;
    await deleteEverything({ ...stackDepsOf(), rawMail: new FolderRawMailStore(dataDir) }, who.t);

    const answer = await replyTo(stack, lesson1, 'Sorry I was away, here is my why.');

    const messageId = /queued as (\S+):/.exec(answer.response)?.[1];
    expect(answer.response).toMatch(/rejected/);
    expect(messageId).toBeDefined();
    expect(existsSync(join(dataDir, 'inbound', messageId!))).toBe(false);
    expect(await table.items(`sub#${who.id}`)).toEqual([]);
  });

  it('still deletes every record when no raw mail store is configured, with a warning', async () => {
    const who = await subscriber('noraw@example.com');
    const raw = await table.addCheckIn(dataDir, who.id, 'n1', 'Kept on disk', stack.clock.now());
    const warnings: string[] = [];
    const config = loadConfig({
      TABLE_NAME: stack.tableName,
      FROM_ADDRESS: 'coach@drip-coach.test',
      OPERATOR_EMAIL: 'operator@drip-coach.test',
      REPLY_DOMAIN: 'reply.drip-coach.test',
      BASE_URL: stack.url,
      POSTAL_ADDRESS: '1 Example Street, Springfield',
      TOKEN_KEYS: testKeysEnv,
    });
    const deps = createDeps(config, testKeys, compiledCourses, {
      clock: stack.clock,
      logger: { info() {}, error() {}, warn: (message) => warnings.push(message) },
    });
    await deleteEverything({ ...deps, rawMail: null }, who.t);
    expect(await table.items(`sub#${who.id}`)).toEqual([]);
    expect(existsSync(raw)).toBe(true);
    expect(warnings).toEqual(['no raw mail store configured: raw replies not deleted']);
  });
});
