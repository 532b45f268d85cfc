import { describe, expect, it } from 'vitest';
import { confirm } from '../../../functions/app/confirm.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import { unsubscribe } from '../../../functions/app/unsubscribe.ts';
import {
  ExpiredTokenError,
  InvalidTokenError,
  ValidationError,
} from '../../../functions/core/errors.ts';
import { signToken } from '../../../functions/core/tokens.ts';
import { memoryDeps, memoryKeys, type RecordingMailer } from '../../support/memory-deps.ts';

/** The token of the confirm link in the newest confirmation email to `to`. */
function confirmToken(mailer: RecordingMailer, to: string): string {
  const mail = mailer.sent.filter((m) => m.to === to).at(-1);
  const token = /\/confirm\?t=([a-z0-9-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no confirm link mailed to ${to}`);
  return token;
}

describe('signing up, on the memory stores', () => {
  it('mails one confirmation, and its link starts the course', async () => {
    const { deps, stores, mailer } = memoryDeps();

    await subscribe(
      deps,
      { email: 'Ann@Example.com', name: 'Ann', timezone: 'Europe/Paris' },
      'form',
    );
    const result = await confirm(deps, confirmToken(mailer, 'ann@example.com'));

    expect(mailer.to('ann@example.com')).toEqual(['confirm']);
    expect(result).toBe('confirmed');
    const id = await stores.subscribers.findIdByEmail('ann@example.com');
    const ann = await stores.subscribers.get(id!);
    expect(ann).toMatchObject({ status: 'active', timezone: 'Europe/Paris', name: 'Ann' });
    expect(ann?.agenda.map((i) => i.emailId)).toContain('lesson-1');
  });

  it('signs up to the course the form names, with that course’s own emails', async () => {
    const { deps, stores, mailer } = memoryDeps();

    await subscribe(deps, { email: 'kim@example.com', course: 'keep-it-going' }, 'form');
    await confirm(deps, confirmToken(mailer, 'kim@example.com'));

    const id = await stores.subscribers.findIdByEmail('kim@example.com');
    const kim = await stores.subscribers.get(id!);
    expect(kim).toMatchObject({ courseId: 'keep-it-going', status: 'active' });
    expect(mailer.sent[0]?.subject).toContain('Keep It Going');
    expect(kim?.agenda.map((i) => i.emailId)).toContain('keep-1');
  });

  it('refuses a course the deployment does not run, writing and mailing nothing', async () => {
    const { deps, stores, mailer } = memoryDeps();

    const refused = subscribe(deps, { email: 'nope@example.com', course: 'cooking' }, 'json');

    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ field: 'course' });
    expect(await stores.subscribers.findIdByEmail('nope@example.com')).toBeNull();
    expect(mailer.sent).toEqual([]);
  });

  it('mails exactly one confirmation for 25 signups of one address at once', async () => {
    const { deps, mailer } = memoryDeps();

    await Promise.all(
      Array.from({ length: 25 }, () => subscribe(deps, { email: 'burst@example.com' }, 'json')),
    );

    expect(mailer.to('burst@example.com')).toEqual(['confirm']);
  });

  it('writes nothing and mails nothing for an active subscriber', async () => {
    const { deps, stores, mailer, clock } = memoryDeps();
    await subscribe(deps, { email: 'active@example.com' }, 'form');
    await confirm(deps, confirmToken(mailer, 'active@example.com'));
    const id = (await stores.subscribers.findIdByEmail('active@example.com'))!;
    const before = await stores.subscribers.get(id);
    clock.advance(86_400_000);

    await subscribe(deps, { email: 'active@example.com', name: 'Mallory' }, 'form');

    expect(await stores.subscribers.get(id)).toEqual(before);
    expect(mailer.to('active@example.com')).toEqual(['confirm']);
  });

  it('answers a used link "already", and refuses a forged or expired one', async () => {
    const { deps, mailer, clock } = memoryDeps();
    await subscribe(deps, { email: 'links@example.com' }, 'form');
    const token = confirmToken(mailer, 'links@example.com');
    await subscribe(deps, { email: 'late@example.com' }, 'form');
    const late = confirmToken(mailer, 'late@example.com');

    const first = await confirm(deps, token);
    const again = await confirm(deps, token);
    const forged = confirm(deps, `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`);
    clock.advance(8 * 86_400_000);
    const expired = confirm(deps, late);

    expect([first, again]).toEqual(['confirmed', 'already']);
    await expect(forged).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(expired).rejects.toBeInstanceOf(ExpiredTokenError);
  });
});

describe('unsubscribing, on the memory stores', () => {
  it('stops the course once, however often the link is used, and never throws for the gone', async () => {
    const { deps, stores, mailer } = memoryDeps();
    await subscribe(deps, { email: 'leave@example.com' }, 'form');
    await confirm(deps, confirmToken(mailer, 'leave@example.com'));
    const id = (await stores.subscribers.findIdByEmail('leave@example.com'))!;
    const token = signToken(memoryKeys, 'unsubscribe', {
      subscriberId: id,
      expiresAt: null,
      data: '',
    });
    const nobody = signToken(memoryKeys, 'unsubscribe', {
      subscriberId: 'gone',
      expiresAt: null,
      data: '',
    });

    await unsubscribe(deps, token);
    const once = await stores.subscribers.get(id);
    await unsubscribe(deps, token);
    await unsubscribe(deps, nobody);

    expect(once).toMatchObject({ status: 'unsubscribed', agenda: [] });
    expect(await stores.subscribers.get(id)).toEqual(once);
    expect((await stores.due.list(new Date('2030-01-01'), 10)).ids).not.toContain(id);
  });
});

describe('counting what happens, on the memory stores', () => {
  it('counts a signup, its confirmation, each email sent and the leaving', async () => {
    const { deps, stores, mailer, events } = memoryDeps();

    await subscribe(deps, { email: 'count@example.com' }, 'form');
    await confirm(deps, confirmToken(mailer, 'count@example.com'));
    const id = (await stores.subscribers.findIdByEmail('count@example.com'))!;
    await unsubscribe(
      deps,
      signToken(memoryKeys, 'unsubscribe', { subscriberId: id, expiresAt: null, data: '' }),
    );

    expect(events.map((e) => e.type)).toEqual([
      ...['signed-up', 'status', 'email-sent', 'confirmed', 'status', 'left', 'status'],
    ]);
    expect(events.filter((e) => e.type === 'status')).toMatchObject([
      { from: null, to: 'pending' },
      { from: 'pending', to: 'active' },
      { from: 'active', to: 'unsubscribed' },
    ]);
    expect(events[2]).toMatchObject({ emailId: 'confirm', courseId: 'relationships' });
  });
});
