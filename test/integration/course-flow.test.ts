import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocal } from '../../functions/core/send-window.ts';
import { header, inbox, linkByText } from '../support/inbox.ts';
import {
  advance as advanceAt,
  confirmFromInbox as confirmAt,
  signup as signupAt,
  startTestStack,
} from '../support/local-stack.ts';
import { silentCourse } from '../support/pacing-driver.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.cleanup();
});

const signup = (fields: Record<string, string>) => signupAt(stack, fields);
const advance = (hours: number) => advanceAt(stack, hours);
const confirmFromInbox = (email: string) => confirmAt(stack, email);

describe('signup -> confirm -> four lessons -> unsubscribe', () => {
  it('runs the whole course on the real emulators', async () => {
    const email = 'ada@example.com';
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/name="email"[\s\S]*name="name"[\s\S]*name="timezone"/);

    const answer = await signup({
      email: 'Ada@Example.com',
      name: 'Ada Lovelace',
      timezone: 'America/New_York',
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Check your inbox');

    const [confirmMail] = await inbox(stack.sesUrl, email);
    expect(header(confirmMail!, 'X-Coach-Email')).toBe('confirm');
    expect(header(confirmMail!, 'X-Coach-Course')).toBe('relationships');
    // Nothing is scheduled before the address is confirmed.
    expect((await advance(24 * 6)).sent.filter((s) => s.to === email)).toEqual([]);

    await confirmFromInbox(email);
    const first = await advance(0);
    const lesson1 = first.sent.filter((s) => s.to === email);
    const nowHour = toLocal(new Date(first.now), 'America/New_York').hour;
    if (nowHour >= 7 && nowHour < 21) {
      expect(lesson1.map((s) => s.emailId)).toEqual(['lesson-1']);
    } else {
      expect(lesson1).toEqual([]); // confirmed at night there: lesson 1 waits for the morning
    }

    // Ada never replies: one nudge per lesson, and the pace slows with each silent lesson.
    const rest = await advance(24 * 40);
    const all = [...lesson1, ...rest.sent.filter((s) => s.to === email)];
    const course = [...silentCourse];
    // After the closing email the light check-ins begin.
    expect(all.map((s) => s.emailId).slice(0, course.length)).toEqual(course);
    const sent = all.filter((s) => s.emailId.startsWith('lesson') || s.emailId === 'closing');
    for (const s of sent.slice(1)) {
      const local = toLocal(new Date(s.at), 'America/New_York');
      expect({ hour: local.hour, minute: local.minute }).toEqual({ hour: 9, minute: 0 });
    }
    const gaps = sent
      .slice(1)
      .map((s, i) => Math.round((Date.parse(s.at) - Date.parse(sent[i]!.at)) / 86_400_000));
    // The normal pace's 4 days, widened by silence (x1.5, x2), the closing 5 days x2.
    expect(gaps).toEqual([4, 6, 8, 10]);

    const mails = await inbox(stack.sesUrl, email);
    expect(mails.map((m) => header(m, 'X-Coach-Email')).slice(0, course.length + 1)).toEqual([
      'confirm',
      ...course,
    ]);
    for (const mail of mails) {
      const unsubscribeUrl = linkByText(mail, 'Unsubscribe');
      expect(header(mail, 'List-Unsubscribe')).toBe(`<${unsubscribeUrl}>`);
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.replyTo[0]).toMatch(/^reply\+[a-z0-9-]+@reply\.drip-coach\.test$/);
      expect(mail.replyTo[0]!.split('@')[0]!.length).toBeLessThanOrEqual(64);
      expect(linkByText(mail, 'Manage')).toContain('/manage?t=');
      expect(mail.body.html).toContain('1 Example Street');
      expect(mail.body.text).toContain(unsubscribeUrl);
      expect(mail.body.html).not.toMatch(/\{\{|<mj-/);
    }
    expect(mails[1]!.body.html).toContain('Hi Ada');

    // RFC 8058 one-click: a form-encoded POST to the List-Unsubscribe URL, no cookie, no redirect.
    const unsubscribeUrl = header(mails[4]!, 'List-Unsubscribe')!.slice(1, -1);
    const getPage = await fetch(unsubscribeUrl);
    expect(await getPage.text()).toContain('Unsubscribe?');
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(oneClick.status).toBe(200);
    const manage = await fetch(linkByText(mails.at(-1)!, 'Manage'));
    expect(await manage.text()).toContain(
      '<span class="badge badge-unsubscribed">Unsubscribed</span>',
    );
  });

  it('sends nothing after a one-click unsubscribe sent as multipart/form-data', async () => {
    const email = 'grace@example.com';
    await signup({ email, timezone: 'Asia/Tokyo' });
    await confirmFromInbox(email);
    await advance(24);
    const lesson1 = (await inbox(stack.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    );
    expect(lesson1).toBeDefined();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(header(lesson1!, 'List-Unsubscribe')!.slice(1, -1), {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
    const later = await advance(24 * 60);
    expect(later.sent.filter((s) => s.to === email)).toEqual([]);
  });

  it('a GET on the unsubscribe link changes nothing', async () => {
    const email = 'katherine@example.com';
    await signup({ email, timezone: 'Europe/Berlin' });
    await confirmFromInbox(email);
    await advance(24);
    const lesson1 = (await inbox(stack.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    )!;
    const unsubscribeUrl = header(lesson1, 'List-Unsubscribe')!.slice(1, -1);
    expect((await fetch(unsubscribeUrl)).status).toBe(200);
    expect((await fetch(unsubscribeUrl)).status).toBe(200);
    const later = await advance(24 * 5);
    expect(
      later.sent
        .filter((s) => s.to === email && s.emailId.startsWith('lesson'))
        .map((s) => s.emailId),
    ).toEqual(['lesson-2']);
  });

  it('rejects a tampered or foreign token with a 4xx and changes nothing', async () => {
    const email = 'dorothy@example.com';
    await signup({ email, timezone: 'Europe/London' });
    await confirmFromInbox(email);
    await advance(24);
    const lesson1 = (await inbox(stack.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    )!;
    const url = new URL(header(lesson1, 'List-Unsubscribe')!.slice(1, -1));
    const token = url.searchParams.get('t')!;
    const last = token.at(-1) === 'a' ? 'b' : 'a';
    const forged = `${url.origin}/unsubscribe?t=${token.slice(0, -1)}${last}`;
    const post = await fetch(forged, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(post.status).toBe(400);
    // A manage token is signed for another purpose: it cannot unsubscribe.
    const manageToken = new URL(linkByText(lesson1, 'Manage')).searchParams.get('t')!;
    const foreign = await fetch(`${url.origin}/unsubscribe?t=${manageToken}`, { method: 'POST' });
    expect(foreign.status).toBe(400);
    const later = await advance(24 * 5);
    expect(
      later.sent
        .filter((s) => s.to === email && s.emailId.startsWith('lesson'))
        .map((s) => s.emailId),
    ).toEqual(['lesson-2']);
  });

  it('answers every signup alike and does not flood an address with confirmations', async () => {
    const email = 'hedy@example.com';
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await signup({ email, timezone: 'UTC' });
      expect(response.status).toBe(200);
      bodies.add(await response.text());
    }
    expect((await inbox(stack.sesUrl, email)).length).toBe(1);
    await confirmFromInbox(email);
    const again = await signup({ email, timezone: 'UTC' });
    bodies.add(await again.text());
    expect(bodies.size).toBe(1);
    expect(
      (await inbox(stack.sesUrl, email)).filter((m) => header(m, 'X-Coach-Email') === 'confirm')
        .length,
    ).toBe(1);
    // The confirm link is single use: a second confirm changes nothing and says so.
    const [mail] = await inbox(stack.sesUrl, email);
    const t = new URL(linkByText(mail!, 'Confirm')).searchParams.get('t')!;
    const second = await fetch(`${stack.url}/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ t }),
    });
    expect(await second.text()).toContain('already confirmed');
  });

  it('expires confirm links after seven days', async () => {
    const email = 'mary@example.com';
    await signup({ email, timezone: 'UTC' });
    const [mail] = await inbox(stack.sesUrl, email);
    await advance(24 * 7 + 1);
    const expired = await fetch(linkByText(mail!, 'Confirm'));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
  });

  it('gives a clear 400 naming the problem for bad input', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ email: 'not-an-address' }, 'email'],
      [{ email: 'x@example.com', name: 'n'.repeat(81) }, 'name'],
      [{ email: 'x@example.com', timezone: 'Mars/Olympus' }, 'timezone'],
    ];
    for (const [fields, field] of cases) {
      const json = await fetch(`${stack.url}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      });
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: { field: string } }).error.field).toBe(field);
      const form = await signup(fields);
      expect(form.status).toBe(400);
      expect(await form.text()).toContain('role="alert"');
    }
    const unsupported = await fetch(`${stack.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(unsupported.status).toBe(415);
    const malformed = await fetch(`${stack.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    expect((await inbox(stack.sesUrl, 'x@example.com')).length).toBe(0);
  });

  it('answers the dev clock with an error for a negative advance', async () => {
    const response = await fetch(`${stack.url}/_dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceHours: -1 }),
    });
    expect(response.status).toBe(400);
  });
});
