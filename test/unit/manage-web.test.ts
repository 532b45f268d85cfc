import { describe, expect, it } from 'vitest';
import { changeSubscriber } from '../../functions/app/change-subscriber.ts';
import { confirm } from '../../functions/app/confirm.ts';
import { pacingContext } from '../../functions/app/deps.ts';
import { subscribe } from '../../functions/app/subscribe.ts';
import { pace, type ReplyFacts } from '../../functions/core/pacing/index.ts';
import { noUnderstanding } from '../../functions/core/reading/index.ts';
import { signToken } from '../../functions/core/tokens.ts';
import type { FunctionUrlEvent } from '../../functions/handlers/http/function-url.ts';
import { createWebHandler } from '../../functions/handlers/web-handler.ts';
import { memoryDeps, memoryKeys } from '../support/memory-deps.ts';

/**
 * The manage page's correction and follow-on forms through the real web
 * handler (router, CSRF, pages) over the memory stores. The same page runs
 * on the emulators in test/integration/manage.test.ts.
 */

const origin = 'https://coach.example.com';

function request(method: string, path: string, query: string, body?: Record<string, string>) {
  const event: FunctionUrlEvent = {
    rawPath: path,
    rawQueryString: query,
    headers: body ? { 'content-type': 'application/x-www-form-urlencoded', origin } : {},
    requestContext: { http: { method } },
    ...(body ? { body: new URLSearchParams(body).toString() } : {}),
  };
  return event;
}

/** A confirmed subscriber with one reply logged, the web handler, and how to use the page. */
async function withReply(partial: Partial<ReplyFacts>) {
  const env = memoryDeps();
  const email = 'web@example.com';
  await subscribe(env.deps, { email, name: 'Wen' }, 'form');
  await confirm(env.deps, /\/confirm\?t=([a-z0-9-]+)/.exec(env.mailer.sent[0]!.text)![1]!);
  const id = (await env.stores.subscribers.findIdByEmail(email))!;
  const facts = { ...noUnderstanding(), ...partial };
  await changeSubscriber(env.deps, id, (state, now) =>
    state
      ? pace(state, { type: 'reply', step: 2, facts }, now, pacingContext(env.deps, state.courseId))
      : null,
  );
  await env.stores.checkIns.add({
    subscriberId: id,
    id: 'r1',
    at: env.clock.now().toISOString(),
    step: 2,
    text: 'Coffee with <b>Ben</b> was great',
    understood: { ...facts },
    rawKey: null,
  });
  const expiresAt = new Date(env.clock.now().getTime() + 30 * 86_400_000);
  const t = signToken(memoryKeys, 'manage', { subscriberId: id, expiresAt, data: '' });
  const handler = createWebHandler(env.deps);
  const open = async (query = '') => handler(request('GET', '/manage', `t=${t}${query}`));
  /** Posts a manage form with the token the page gave it, unless told otherwise. */
  const post = async (action: string, fields: Record<string, string>, csrf?: string) => {
    const html = (await open()).body;
    const token = new RegExp(
      `action="/manage/${action}#[a-z-]+"[^>]*><input type="hidden" name="t" value="[^"]+"><input type="hidden" name="csrf" value="([^"]+)"`,
    ).exec(html)?.[1];
    return handler(
      request('POST', `/manage/${action}`, '', { t, csrf: csrf ?? token ?? '', ...fields }),
    );
  };
  return { env, id, t, open, post };
}

describe('the manage page: what I understood from your replies', () => {
  it('lists each logged item with its own correct or remove form, escaped', async () => {
    // Prepare
    const { open } = await withReply({
      people: ['Ben', '<img src=x onerror=alert(1)>'],
      met: ['Ben'],
      plans: [{ text: 'coffee with Ben', people: ['Ben'], date: '2026-03-10' }],
      event: { name: 'the design meetup', date: '2026-03-20' },
    });

    // Act
    const page = await open();

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<section class="card" id="understood"');
    expect(page.body).toContain('What I understood from your replies');
    expect(page.body).toContain('<a href="#understood">');
    expect(page.body).toContain('“Coffee with &lt;b&gt;Ben&lt;/b&gt; was great”');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toMatch(/<img |<b>Ben/);
    const forms = page.body.match(/<form method="post" action="\/manage\/correct#understood"/g);
    // Ben met (not met, rename), the other name (remove, rename), the plan and the event (remove, date).
    expect(forms).toHaveLength(8);
    expect(page.body).toContain('<input type="hidden" name="field" value="met">');
    expect(page.body).toContain('Planned, on Tuesday, March 10');
    expect(page.body).toContain('Event, on Friday, March 20');
  });

  it('corrects an item in one post, lands back on the section, and refuses a forged form', async () => {
    // Prepare
    const { env, id, open, post } = await withReply({ people: ['Ben'], met: ['Ben'] });

    // Act
    const forged = await post(
      'correct',
      { checkIn: 'r1', field: 'met', op: 'remove', name: 'Ben' },
      'k1-forged',
    );
    const done = await post('correct', { checkIn: 'r1', field: 'met', op: 'remove', name: 'Ben' });

    // Assess
    expect(forged.statusCode).toBe(403);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/^\/manage\?t=[^&]+&done=correct#understood$/);
    expect((await env.stores.subscribers.get(id))?.meetings).toEqual([]);
    const after = await open('&done=correct');
    expect(after.body).toContain('<p class="notice" role="status">Thank you: it is corrected');
    expect(after.body).toContain('You corrected this reply once.');
    expect(after.body).toContain('This month: 0 meetings logged.');
  });

  it('shows a refused correction in its section, changing nothing', async () => {
    // Prepare
    const { env, id, post } = await withReply({ people: ['Ben'] });
    const before = await env.stores.subscribers.get(id);

    // Act
    const stale = await post('correct', {
      checkIn: 'r1',
      field: 'people',
      op: 'remove',
      name: 'Priya',
    });
    const badDate = await post('correct', {
      checkIn: 'r1',
      field: 'event',
      op: 'date',
      date: 'soon',
    });

    // Assess
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain(
      'id="understood-error">“Priya” is no longer logged for this reply.</p>',
    );
    expect(badDate.body).toContain(
      'id="understood-error">The date must be a date like 2026-03-14.</p>',
    );
    expect((await env.stores.subscribers.get(id))?.version).toBe(before?.version);
  });

  it('offers an unwanted pause back as "resume" while the course is paused', async () => {
    const { env, id, open, post } = await withReply({ command: 'pause', until: '2026-04-01' });

    const page = await open();
    const answer = await post('correct', { checkIn: 'r1', field: 'command', op: 'remove' });

    expect(page.body).toContain('Not meant: resume my course');
    expect(page.body).toContain('Pause until Wednesday, April 1');
    expect(answer.statusCode).toBe(303);
    expect((await env.stores.subscribers.get(id))?.status).toBe('active');
  });
});

describe('the manage page: the follow-on course', () => {
  it('offers Keep It Going in plain words once the course is done, and starts it', async () => {
    // Prepare
    const { env, id, open, post } = await withReply({});
    const before = await open();
    await changeSubscriber(env.deps, id, (state) =>
      state
        ? {
            state: {
              ...state,
              coursesDone: ['relationships'],
              awaiting: null,
              agenda: state.agenda.filter((i) => i.kind !== 'lesson' && i.kind !== 'nudge'),
            },
          }
        : null,
    );

    // Act
    const offered = await open();
    const started = await post('next-course', {});

    // Assess
    expect(before.body).not.toContain('Start Keep It Going');
    expect(offered.body).toContain(
      'You have finished the course. Keep It Going is a short follow-on: three emails over a month.',
    );
    expect(offered.body).toMatch(
      /action="\/manage\/next-course#progress"[^>]*><input type="hidden" name="t"/,
    );
    expect(offered.body).toContain('<button type="submit">Start Keep It Going</button>');
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toMatch(/&done=next-course#progress$/);
    expect(await env.stores.subscribers.get(id)).toMatchObject({ courseId: 'keep-it-going' });
    const after = await open('&done=next-course');
    expect(after.body).toContain('Your new course has started.');
    expect(after.body).not.toContain('Start Keep It Going');
  });

  it('refuses the start form without its own token', async () => {
    const { post } = await withReply({});
    expect((await post('next-course', {}, 'k1-nope')).statusCode).toBe(403);
  });
});
