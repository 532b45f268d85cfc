import { describe, expect, it } from 'vitest';
import { formToken } from '../../functions/core/csrf.ts';
import { NotFoundError, ValidationError } from '../../functions/core/errors.ts';
import { signToken } from '../../functions/core/tokens.ts';
import type { FunctionUrlEvent } from '../../functions/handlers/http/function-url.ts';
import { json, page } from '../../functions/handlers/http/respond.ts';
import type { RouteInput } from '../../functions/handlers/http/route-input.ts';
import { createRouter, defineRoute, type Route } from '../../functions/handlers/http/router.ts';
import { createWebHandler, type WebDeps } from '../../functions/handlers/web-handler.ts';

const keys = [{ id: 'k1', secret: 'r'.repeat(40) }];
const origin = 'https://coach.example';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function event(
  method: string,
  path: string,
  options: { query?: string; headers?: Record<string, string>; body?: string } = {},
): FunctionUrlEvent {
  return {
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: options.headers ?? {},
    requestContext: { http: { method } },
    ...(options.body === undefined ? {} : { body: options.body }),
  };
}

/** A router over `routes`, with a log that records what it was told. */
function routerOf(routes: Route[]) {
  const logged: [string, string, Record<string, unknown>][] = [];
  const router = createRouter(routes, {
    siteName: 'Test Coach',
    ownOrigins: [origin],
    keys,
    log: {
      warn: (message, fields) => logged.push(['warn', message, fields]),
      error: (message, fields) => logged.push(['error', message, fields]),
    },
  });
  return { router, logged };
}

/** A fake use case that records each input it was run with. */
function recorder<T>(result: T) {
  const calls: RouteInput[] = [];
  const run = (input: RouteInput) => {
    calls.push(input);
    return result;
  };
  return { calls, run };
}

describe('createRouter', () => {
  it('runs the route its method and path name, then renders its answer', async () => {
    // Prepare
    const hello = recorder('Ada');
    const { router } = routerOf([
      defineRoute({
        method: 'GET',
        path: '/hello',
        run: hello.run,
        answer: (name) => page({ status: 200, title: `Hello ${name}`, body: '' }),
      }),
    ]);

    // Act
    const result = await router(event('GET', '/hello'));

    // Assess
    expect(hello.calls).toHaveLength(1);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('<title>Hello Ada · Test Coach</title>');
    expect(result.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  it('answers 404 for an unknown path and 405 for a known path with another method', async () => {
    // Prepare
    const { router } = routerOf([
      defineRoute({ method: 'POST', path: '/form', answer: () => json(200, {}) }),
    ]);

    // Act
    const [unknown, wrongMethod] = await Promise.all([
      router(event('GET', '/nowhere')),
      router(event('GET', '/form')),
    ]);

    // Assess
    expect([unknown.statusCode, wrongMethod.statusCode]).toEqual([404, 405]);
    expect(unknown.body).toContain('Page not found');
    expect(wrongMethod.body).toContain('Method not allowed');
  });

  it('answers a malformed event with a JSON 400 and a warning, running nothing', async () => {
    // Prepare
    const { router, logged } = routerOf([]);

    // Act
    const result = await router({ rawPath: 'no-slash' });

    // Assess
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({
      error: { code: 'bad_event', message: 'malformed request event' },
    });
    expect(logged.map(([level, message]) => [level, message])).toEqual([
      ['warn', 'malformed web event'],
    ]);
  });

  it('reads the body, then the token from the query or else the form, as the route declares', async () => {
    // Prepare
    const seen = recorder(null);
    const { router } = routerOf([
      defineRoute({
        method: 'POST',
        path: '/either',
        input: { body: true, token: 'query-or-form' },
        run: seen.run,
        answer: () => json(200, {}),
      }),
      defineRoute({
        method: 'POST',
        path: '/query-only',
        input: { body: true, token: 'query' },
        run: seen.run,
        answer: () => json(200, {}),
      }),
    ]);

    // Act
    const fromForm = await router(event('POST', '/either', { headers: form, body: 't=abc&x=1' }));
    const fromQuery = await router(
      event('POST', '/either', { query: 't=q', headers: form, body: 't=f' }),
    );
    const notFromForm = await router(
      event('POST', '/query-only', { headers: form, body: 't=abc' }),
    );

    // Assess
    expect([fromForm.statusCode, fromQuery.statusCode, notFromForm.statusCode]).toEqual([
      200, 200, 400,
    ]);
    expect(seen.calls.map((input) => [input.token, input.fields, input.format])).toEqual([
      ['abc', { t: 'abc', x: '1' }, 'form'],
      ['q', { t: 'f' }, 'form'],
    ]);
  });

  it('checks a manage form’s origin and form token before its use case runs', async () => {
    // Prepare
    const t = signToken(keys, 'manage', { subscriberId: 'abc', expiresAt: null, data: '' });
    const saved = recorder(null);
    const { router } = routerOf([
      defineRoute({
        method: 'POST',
        path: '/manage/save',
        input: { body: true, token: 'query-or-form' },
        csrf: 'save',
        manageLink: true,
        run: saved.run,
        answer: () => ({ kind: 'redirect', location: '/manage' }),
      }),
    ]);
    const post = (csrf: string, headers: Record<string, string> = {}) =>
      router(
        event('POST', '/manage/save', {
          headers: { ...form, ...headers },
          body: `t=${t}&csrf=${csrf}`,
        }),
      );

    // Act
    const foreign = await post(formToken(keys, t, 'save'), { origin: 'https://evil.example' });
    const otherForm = await post(formToken(keys, t, 'delete'), { origin });
    const noToken = await post('', {});
    const own = await post(formToken(keys, t, 'save'), { origin });

    // Assess
    expect([foreign, otherForm, noToken].map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe('/manage');
    expect(saved.calls).toHaveLength(1);
  });

  it('shows the form again for a field its use case refused, but not for a bad body', async () => {
    // Prepare
    const { router } = routerOf([
      defineRoute({
        method: 'POST',
        path: '/signup',
        input: { body: true },
        run: () => {
          throw new ValidationError('email', 'is not an address');
        },
        answer: () => json(200, {}),
        invalid: (error) => page({ status: 400, title: 'Sign up', body: `again: ${error.field}` }),
      }),
    ]);

    // Act
    const refused = await router(event('POST', '/signup', { headers: form, body: 'email=x' }));
    const unreadable = await router(
      event('POST', '/signup', { headers: { 'content-type': 'text/plain' }, body: 'x' }),
    );

    // Assess
    expect([refused.statusCode, unreadable.statusCode]).toEqual([400, 415]);
    expect(refused.body).toContain('again: email');
    expect(unreadable.body).toContain('Unsupported request format');
  });

  it('answers through the error policy when showing the form again fails too', async () => {
    // Prepare
    const { router } = routerOf([
      defineRoute({
        method: 'POST',
        path: '/manage/save',
        input: { body: true, token: 'query-or-form' },
        manageLink: true,
        run: () => {
          throw new ValidationError('sendHour', 'must be a whole hour from 7 to 20');
        },
        answer: () => json(200, {}),
        invalid: () => {
          throw new NotFoundError('We hold no data for this link any more.');
        },
      }),
    ]);

    // Act
    const result = await router(event('POST', '/manage/save', { headers: form, body: 't=abc' }));

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.body).toContain('We hold no data for this link any more.');
  });

  it('logs server errors with their route, and only those', async () => {
    // Prepare
    const { router, logged } = routerOf([
      defineRoute({
        method: 'GET',
        path: '/broken',
        run: () => {
          throw new Error('the table is down');
        },
        answer: () => json(200, {}),
      }),
      defineRoute({
        method: 'GET',
        path: '/gone',
        run: () => {
          throw new NotFoundError('gone');
        },
        answer: () => json(200, {}),
      }),
    ]);

    // Act
    const broken = await router(event('GET', '/broken'));
    const gone = await router(event('GET', '/gone'));

    // Assess
    expect([broken.statusCode, gone.statusCode]).toEqual([500, 404]);
    expect(broken.body).not.toContain('the table is down');
    expect(logged).toEqual([
      ['error', 'web request failed', { route: 'GET /broken', error: expect.any(String) }],
    ]);
  });

  it('puts CORS headers on every answer of a route that declares it, errors included', async () => {
    // Prepare
    const { router } = routerOf([
      defineRoute({
        method: 'POST',
        path: '/public',
        input: { body: true },
        cors: true,
        answer: () => json(202, { ok: true }),
      }),
      defineRoute({
        method: 'POST',
        path: '/private',
        input: { body: true },
        answer: () => json(202, { ok: true }),
      }),
    ]);
    const tooBig = { headers: form, body: 'x'.repeat(20_000) };

    // Act
    const ok = await router(event('POST', '/public', { headers: form, body: 'a=1' }));
    const failed = await router(event('POST', '/public', tooBig));
    const privateFailed = await router(event('POST', '/private', tooBig));

    // Assess
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect(failed.statusCode).toBe(413);
    expect(failed.headers['access-control-allow-origin']).toBe('*');
    expect(privateFailed.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the web routing table', () => {
  // Enough for routes that fail before any store is read: links are checked
  // against the keys and the clock, bodies are read before the use case runs.
  const deps = {
    settings: { keys, senderName: 'Test Coach', baseUrl: origin },
    clock: { now: () => new Date('2030-01-01T00:00:00Z') },
    log: { info() {}, warn() {}, error() {} },
    courses: { c1: { id: 'c1', title: 'A Course', about: 'About it.' } },
    defaultCourse: 'c1',
  } as unknown as WebDeps;
  const handler = createWebHandler(deps);

  it('answers /subscribe with CORS headers, errors included', async () => {
    // Prepare
    const preflight = event('OPTIONS', '/subscribe');
    const unreadable = event('POST', '/subscribe', {
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });

    // Act
    const [options, failed] = await Promise.all([handler(preflight), handler(unreadable)]);

    // Assess
    expect(options.statusCode).toBe(204);
    expect(failed.statusCode).toBe(400);
    expect(JSON.parse(failed.body)).toMatchObject({ error: { code: 'invalid_input' } });
    for (const result of [options, failed]) {
      expect(result.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('checks confirm and unsubscribe links through the app before showing their prompt', async () => {
    // Prepare
    const expired = signToken(keys, 'confirm', {
      subscriberId: 'abc',
      expiresAt: new Date('2029-12-31T00:00:00Z'),
      data: 'nonce',
    });
    const unsubscribe = signToken(keys, 'unsubscribe', {
      subscriberId: 'abc',
      expiresAt: null,
      data: '',
    });

    // Act
    const [confirm, forged, prompt] = await Promise.all([
      handler(event('GET', '/confirm', { query: `t=${expired}` })),
      handler(event('GET', '/unsubscribe', { query: `t=${unsubscribe}x` })),
      handler(event('GET', '/unsubscribe', { query: `t=${unsubscribe}` })),
    ]);

    // Assess
    expect([confirm.statusCode, forged.statusCode, prompt.statusCode]).toEqual([410, 400, 200]);
    expect(prompt.body).toContain('<h1>Unsubscribe?</h1>');
  });

  it('offers a fresh link for a dead manage link, and JSON to a client that asks', async () => {
    // Prepare
    const expired = signToken(keys, 'manage', {
      subscriberId: 'abc',
      expiresAt: new Date('2029-12-31T00:00:00Z'),
      data: '',
    });
    const open = (headers: Record<string, string> = {}) =>
      handler(event('GET', '/manage', { query: `t=${expired}`, headers }));

    // Act
    const html = await open();
    const asJson = await open({ accept: 'application/json' });

    // Assess
    expect(html.statusCode).toBe(410);
    expect(html.body).toContain('<h1>This link has expired</h1>');
    expect(html.body).toContain('action="/manage/link"');
    expect(asJson.statusCode).toBe(410);
    expect(JSON.parse(asJson.body)).toEqual({
      error: { code: 'expired_link', message: 'this link has expired' },
    });
  });
});
