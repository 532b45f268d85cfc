import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, inbox } from '../support/inbox.ts';
import { confirmFromInbox, signup, startTestStack } from '../support/local-stack.ts';
import { manageLink, tableOf, testKeysEnv } from '../support/manage.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let table: ReturnType<typeof tableOf>;

beforeAll(async () => {
  stack = await startTestStack({ env: { TOKEN_KEYS: testKeysEnv } });
  table = tableOf(stack);
});

afterAll(async () => {
  await stack?.cleanup();
});

async function confirmations(email: string) {
  return (await inbox(stack.sesUrl, email)).filter((m) => header(m, 'X-Coach-Email') === 'confirm');
}

describe('signing up at once from many requests', () => {
  it('sends exactly one confirmation for 25 parallel signups of one new address', async () => {
    const email = 'burst@example.com';

    const answers = await Promise.all(
      Array.from({ length: 25 }, () => signup(stack, { email, name: 'Bea', timezone: 'UTC' })),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(25).fill(200));
    expect(await confirmations(email)).toHaveLength(1);
    await confirmFromInbox(stack, email);
    const id = await table.stores.subscribers.findIdByEmail(email);
    expect((await table.stores.subscribers.get(id!))?.status).toBe('active');
  });

  it('sends one confirmation to each of 30 addresses whose form was double-clicked', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `double-${i}@example.com`);

    await Promise.all(
      emails.flatMap((email) => [
        signup(stack, { email, timezone: 'UTC' }),
        signup(stack, { email, timezone: 'UTC' }),
      ]),
    );

    const counts = await Promise.all(emails.map(async (e) => (await confirmations(e)).length));
    expect(counts).toEqual(Array(30).fill(1));
  });
});

describe('a signup form that names the course', () => {
  it('signs up to that course, with its own confirmation email', async () => {
    const email = 'named-course@example.com';

    const answer = await signup(stack, { email, timezone: 'UTC', course: 'keep-it-going' });

    expect(answer.status).toBe(200);
    const [mail] = await confirmations(email);
    expect(mail?.subject).toContain('Keep It Going');
    await confirmFromInbox(stack, email);
    const id = await table.stores.subscribers.findIdByEmail(email);
    expect(await table.stores.subscribers.get(id!)).toMatchObject({
      courseId: 'keep-it-going',
      status: 'active',
    });
  });

  it('answers a course it does not run with a 400 naming the field, as a page or as JSON', async () => {
    const email = 'unknown-course@example.com';

    const form = await signup(stack, { email, timezone: 'UTC', course: 'cooking' });
    const asJson = await fetch(`${stack.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, course: 'cooking' }),
    });

    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('Course must be one of the courses we run: ');
    expect(html).toContain('value="unknown-course@example.com"');
    expect(html).not.toContain('name="course"');
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({
      error: { code: 'invalid_input', field: 'course' },
    });
    expect(await table.stores.subscribers.findIdByEmail(email)).toBeNull();
  });
});

describe('a signup for a known address', () => {
  async function unsubscribed(email: string) {
    await signup(stack, { email, name: 'Olive Owner', timezone: 'Europe/London' });
    await confirmFromInbox(stack, email);
    const id = (await table.stores.subscribers.findIdByEmail(email))!;
    const confirm = (await confirmations(email))[0]!;
    const unsubscribeUrl = header(confirm, 'List-Unsubscribe')!.slice(1, -1);
    // RFC 8058 one-click, as a mail client sends it.
    const left = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(left.status).toBe(200);
    return { id, before: (await table.stores.subscribers.get(id))! };
  }

  it('changes nothing the owner sees until the emailed link is used', async () => {
    const email = 'owner@example.com';
    const { id, before } = await unsubscribed(email);
    expect(before.status).toBe('unsubscribed');

    // Past the confirmation throttle, so the stranger's signup does mail a link.
    stack.clock.advanceTo(new Date(stack.clock.now().getTime() + 3_600_000));
    await signup(stack, { email, name: 'Mallory', timezone: 'Pacific/Auckland' });

    const after = (await table.stores.subscribers.get(id))!;
    expect(after).toMatchObject({
      status: 'unsubscribed',
      name: 'Olive Owner',
      timezone: 'Europe/London',
      consent: before.consent,
    });
    const mails = await confirmations(email);
    expect(mails).toHaveLength(2);
    const newest = mails.at(-1)!;
    expect(`${newest.body.text}${newest.body.html}`).not.toContain('Mallory');
    const page = await fetch(manageLink(stack, id, new Date(Date.now() + 86_400_000)));
    const html = await page.text();
    expect(html).toContain('Resubscribe');
    expect(html).toContain('Olive');
    expect(html).not.toContain('Mallory');

    await confirmFromInbox(stack, email, mails.length - 1);
    expect(await table.stores.subscribers.get(id)).toMatchObject({
      status: 'active',
      name: 'Mallory',
      timezone: 'Pacific/Auckland',
    });
  });
});
