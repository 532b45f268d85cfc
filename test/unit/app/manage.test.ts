import { describe, expect, it } from 'vitest';
import { confirm } from '../../../functions/app/confirm.ts';
import {
  deleteEverything,
  exportData,
  openManage,
  pauseCourse,
  requestManageLink,
  resubscribeHere,
  unsubscribeHere,
} from '../../../functions/app/manage.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import { NotFoundError } from '../../../functions/core/errors.ts';
import { signToken } from '../../../functions/core/tokens.ts';
import { MemoryRawMail, memoryDeps, memoryKeys } from '../../support/memory-deps.ts';

/** A confirmed subscriber and a manage link for them. */
async function member(env: ReturnType<typeof memoryDeps>, email: string) {
  await subscribe(env.deps, { email, name: 'Mo' }, 'form');
  const mail = env.mailer.sent.filter((m) => m.to === email).at(-1)!;
  await confirm(env.deps, /\/confirm\?t=([a-z0-9-]+)/.exec(mail.text)![1]!);
  const id = (await env.stores.subscribers.findIdByEmail(email))!;
  const expiresAt = new Date(env.clock.now().getTime() + 30 * 86_400_000);
  return { id, token: signToken(memoryKeys, 'manage', { subscriberId: id, expiresAt, data: '' }) };
}

describe('the manage use cases, on the memory stores', () => {
  it('pauses at once and sends the "paused" note without waiting for a tick', async () => {
    const env = memoryDeps();
    const { id, token } = await member(env, 'pause@example.com');

    await pauseCourse(env.deps, token, { until: '' });

    expect(await env.stores.subscribers.get(id)).toMatchObject({ status: 'paused' });
    expect(env.mailer.to('pause@example.com')).toEqual(['confirm', 'paused']);
  });

  it('leaves and comes back from the same link, with the earlier consent kept', async () => {
    const env = memoryDeps();
    const { id, token } = await member(env, 'back@example.com');

    await unsubscribeHere(env.deps, token);
    await resubscribeHere(env.deps, token);

    const back = await env.stores.subscribers.get(id);
    expect(back).toMatchObject({ status: 'active', run: 2, consent: { source: 'manage-link' } });
    expect(back?.consent.history).toHaveLength(1);
  });

  it('downloads everything and then deletes everything, raw replies included', async () => {
    const env = memoryDeps();
    const { id, token } = await member(env, 'erase@example.com');
    const rawMail = new MemoryRawMail();
    rawMail.objects.set('inbound/r1', Buffer.from('a reply'));
    await env.stores.checkIns.add({
      subscriberId: id,
      id: 'r1',
      at: env.clock.now().toISOString(),
      step: 1,
      text: 'a reply',
      understood: {},
      rawKey: 'inbound/r1',
    });

    const { data } = await exportData(env.deps, token);
    await deleteEverything({ ...env.deps, rawMail }, token);

    expect(data.checkIns.map((c) => c.text)).toEqual(['a reply']);
    expect(await env.stores.subscribers.get(id)).toBeNull();
    expect(await env.stores.subscribers.findIdByEmail('erase@example.com')).toBeNull();
    expect(rawMail.objects.size).toBe(0);
    expect(env.stores.suppressed()).toHaveLength(1);
    await expect(openManage(env.deps, token)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('mails a fresh link to a known address only, and not again within ten minutes', async () => {
    const env = memoryDeps();
    await member(env, 'known@example.com');

    await requestManageLink(env.deps, { email: 'known@example.com' });
    await requestManageLink(env.deps, { email: 'known@example.com' });
    await requestManageLink(env.deps, { email: 'stranger@example.com' });
    env.clock.advance(11 * 60_000);
    await requestManageLink(env.deps, { email: 'known@example.com' });

    expect(env.mailer.to('known@example.com')).toEqual(['confirm', 'manage-link', 'manage-link']);
    expect(env.mailer.to('stranger@example.com')).toEqual([]);
  });
});
