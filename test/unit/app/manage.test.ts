import { describe, expect, it } from 'vitest';
import { changeSubscriber } from '../../../functions/app/change-subscriber.ts';
import { confirm } from '../../../functions/app/confirm.ts';
import { pacingContext } from '../../../functions/app/deps.ts';
import {
  correctCheckIn,
  deleteEverything,
  exportData,
  openManage,
  pauseCourse,
  requestManageLink,
  resubscribeHere,
  startFollowOn,
  unsubscribeHere,
} from '../../../functions/app/manage.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import { NotFoundError, ValidationError } from '../../../functions/core/errors.ts';
import { pace, type ReplyFacts } from '../../../functions/core/pacing/index.ts';
import { noUnderstanding } from '../../../functions/core/reading/index.ts';
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

/**
 * A reply as receive-reply leaves it: the pacing applied to the subscriber,
 * and the check-in stored with what was understood.
 */
async function replied(
  env: ReturnType<typeof memoryDeps>,
  id: string,
  partial: Partial<ReplyFacts>,
  checkInId = 'r1',
) {
  const facts = { ...noUnderstanding(), ...partial };
  await changeSubscriber(env.deps, id, (state, now) =>
    state
      ? pace(
          state,
          { type: 'reply', step: null, facts },
          now,
          pacingContext(env.deps, state.courseId),
        )
      : null,
  );
  await env.stores.checkIns.add({
    subscriberId: id,
    id: checkInId,
    at: env.clock.now().toISOString(),
    step: null,
    text: 'the reply',
    understood: { ...facts },
    rawKey: null,
  });
}

describe('correcting what the reader logged, on the memory stores', () => {
  it('undoes an unwanted pause at once, then logs the correction on the check-in and counts it', async () => {
    // Prepare
    const env = memoryDeps();
    const { id, token } = await member(env, 'fix@example.com');
    await replied(env, id, { command: 'pause', until: '2026-04-01' });
    expect(await env.stores.subscribers.get(id)).toMatchObject({ status: 'paused' });

    // Act
    await correctCheckIn(env.deps, token, { checkIn: 'r1', field: 'command', op: 'remove' });

    // Assess
    expect(await env.stores.subscribers.get(id)).toMatchObject({ status: 'active' });
    expect(env.mailer.to('fix@example.com').at(-1)).toBe('resumed');
    const [checkIn] = await env.stores.checkIns.list(id);
    expect(checkIn?.understood).toMatchObject({ command: 'pause' });
    expect(checkIn?.corrections).toEqual([
      { at: env.clock.now().toISOString(), field: 'command', from: 'pause', to: null },
    ]);
    expect(env.events.filter((e) => e.type === 'correction')).toEqual([
      expect.objectContaining({ type: 'correction', field: 'command', courseId: 'relationships' }),
    ]);
  });

  it('changes, writes and counts nothing more when the same form comes again', async () => {
    // Prepare
    const env = memoryDeps();
    const { id, token } = await member(env, 'twice@example.com');
    await replied(env, id, { people: ['Ben'], met: ['Ben'] });
    const fields = { checkIn: 'r1', field: 'met', op: 'remove', name: 'Ben' };
    await correctCheckIn(env.deps, token, fields);
    const once = await env.stores.subscribers.get(id);

    // Act
    await correctCheckIn(env.deps, token, fields);

    // Assess
    expect(once?.meetings).toEqual([]);
    expect((await env.stores.subscribers.get(id))?.version).toBe(once?.version);
    expect((await env.stores.checkIns.list(id))[0]?.corrections).toHaveLength(1);
    expect(env.events.filter((e) => e.type === 'correction')).toHaveLength(1);
  });

  it('finds only the link’s own check-ins, and refuses a bad form before reading any', async () => {
    // Prepare
    const env = memoryDeps();
    const mine = await member(env, 'mine@example.com');
    const theirs = await member(env, 'theirs@example.com');
    await replied(env, theirs.id, { people: ['Sam'] }, 'theirs-1');

    // Act
    const foreign = correctCheckIn(env.deps, mine.token, {
      checkIn: 'theirs-1',
      field: 'people',
      op: 'remove',
      name: 'Sam',
    });
    const malformed = correctCheckIn(env.deps, mine.token, { checkIn: 'r1', field: 'salary' });

    // Assess
    await expect(foreign).rejects.toBeInstanceOf(NotFoundError);
    await expect(malformed).rejects.toMatchObject({ name: 'ValidationError', field: 'field' });
    expect((await env.stores.checkIns.list(theirs.id))[0]?.corrections).toBeUndefined();
  });

  it('shows the corrections in the download', async () => {
    const env = memoryDeps();
    const { id, token } = await member(env, 'export@example.com');
    await replied(env, id, { people: ["I'Ll"] });
    await correctCheckIn(env.deps, token, {
      checkIn: 'r1',
      field: 'people',
      op: 'rename',
      name: "I'Ll",
      to: 'Tom',
    });

    const { data } = await exportData(env.deps, token);

    expect(data.people.map((p) => p.name)).toEqual(['Tom']);
    expect(data.checkIns[0]).toMatchObject({
      understood: { people: ["I'Ll"] },
      corrections: [{ field: 'people', from: "I'Ll", to: 'Tom' }],
    });
  });
});

describe('starting the follow-on course, on the memory stores', () => {
  /** A member whose course is done: the closing went, nothing but check-ins is left. */
  async function finished(env: ReturnType<typeof memoryDeps>, email: string) {
    const who = await member(env, email);
    await changeSubscriber(env.deps, who.id, (state) =>
      state
        ? {
            state: {
              ...state,
              position: 5,
              awaiting: null,
              coursesDone: ['relationships'],
              agenda: state.agenda.filter((i) => i.kind !== 'lesson' && i.kind !== 'nudge'),
            },
          }
        : null,
    );
    return who;
  }

  it('is offered once the course is done, and sends its first lesson at the send time', async () => {
    // Prepare: the next morning at 09:00 UTC, the subscriber's send hour.
    const env = memoryDeps();
    const { id, token } = await finished(env, 'next@example.com');
    env.clock.set(new Date('2026-03-03T09:00:00Z'));
    expect((await openManage(env.deps, token)).nextCourse?.id).toBe('keep-it-going');

    // Act
    await startFollowOn(env.deps, token);
    await startFollowOn(env.deps, token);

    // Assess
    expect(await env.stores.subscribers.get(id)).toMatchObject({
      courseId: 'keep-it-going',
      status: 'active',
      run: 2,
      coursesDone: ['relationships'],
    });
    expect(env.mailer.to('next@example.com').filter((e) => e === 'keep-1')).toEqual(['keep-1']);
    expect((await openManage(env.deps, token)).nextCourse).toBeNull();
  });

  it('is neither offered nor started before the course is done', async () => {
    const env = memoryDeps();
    const { id, token } = await member(env, 'early@example.com');

    expect((await openManage(env.deps, token)).nextCourse).toBeNull();
    await expect(startFollowOn(env.deps, token)).rejects.toBeInstanceOf(ValidationError);
    expect(await env.stores.subscribers.get(id)).toMatchObject({ courseId: 'relationships' });
  });
});
