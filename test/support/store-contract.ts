import { describe, expect, it } from 'vitest';
import type { SendRecord } from '../../functions/core/records.ts';
import { confirmSignup, decideSignup } from '../../functions/core/signup.ts';
import { nextItem, type Subscriber } from '../../functions/core/subscriber.ts';
import { pacingContextFor } from '../../functions/courses.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import type { Stores } from '../../functions/ports/stores.ts';

const course = compiledCourses.relationships!;
const t0 = new Date('2026-04-06T08:00:00Z');
let serial = 0;

/** A confirmed subscriber with lesson 1 on the agenda; ids unique across one run. */
function confirmedSubscriber(label: string, at = t0): Subscriber {
  serial++;
  // Fixed-length lowercase base32 ids, as production's are.
  const id =
    `${label.replace(/[^a-z]/g, '').slice(0, 8)}${'a'.repeat(8)}`.slice(0, 8) +
    serial
      .toString(32)
      .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)
      .padStart(8, 'a');
  const email = `${label}-${serial}@example.com`;
  const signup = decideSignup(
    null,
    { email, name: null, timezone: 'UTC' },
    'form',
    at,
    { id, nonce: 'n' },
    course.id,
  );
  const decision = confirmSignup(signup.state, 'n', at, pacingContextFor(course));
  if (decision.kind !== 'confirmed') throw new Error('not confirmed');
  return decision.result.state;
}

function sendRecord(
  subscriberId: string,
  sendKey: string,
  claimedAt = t0.toISOString(),
): SendRecord {
  return { subscriberId, sendKey, emailId: sendKey, status: 'claimed', claimedAt };
}

/**
 * The behaviour every store adapter promises, run against each of them (the
 * DynamoDB stores on dynalite, the memory stores), so a use-case test on the
 * memory stores says something about the deployed ones.
 */
export function storeContract(name: string, stores: () => Stores): void {
  describe(`${name}: subscribers`, () => {
    it('saves a new profile once, then only over the version it read', async () => {
      const { subscribers } = stores();
      const state = confirmedSubscriber('save');

      const first = await subscribers.save(state);
      const again = await subscribers.save(state);
      const stored = await subscribers.get(state.id);
      const next = await subscribers.save({ ...stored!, pace: 'gentle' });
      const stale = await subscribers.save({ ...stored!, pace: 'intense' });

      expect([first, again, next, stale]).toEqual([true, false, true, false]);
      expect(await subscribers.get(state.id)).toMatchObject({ pace: 'gentle', version: 2 });
      expect(await subscribers.get('nobody')).toBeNull();
    });

    it('registers an address for the first id only', async () => {
      const { subscribers } = stores();

      const [a, b] = await Promise.all([
        subscribers.claimEmail('race@example.com', 'firstid'),
        subscribers.claimEmail('race@example.com', 'secondid'),
      ]);

      expect(a).toBe(b);
      expect(await subscribers.findIdByEmail('race@example.com')).toBe(a);
      expect(await subscribers.findIdByEmail('none@example.com')).toBeNull();
    });

    it('erases every record of a subscriber and its lookup, naming the raw messages', async () => {
      const { subscribers, ledger, checkIns, inbound } = stores();
      const state = confirmedSubscriber('erase');
      await subscribers.save(state);
      await subscribers.claimEmail(state.email, state.id);
      await ledger.claim(sendRecord(state.id, 'r1-lesson-1'));
      const at = t0.toISOString();
      await checkIns.add({
        subscriberId: state.id,
        id: 'c1',
        at,
        step: 1,
        text: 'hi',
        understood: {},
        rawKey: 'inbound/c1',
      });
      await inbound.add({
        id: 'i1',
        at,
        subscriberId: state.id,
        outcome: 'auto-reply',
        reason: 'ooo',
        rawKey: 'inbound/i1',
      });

      const erased = await subscribers.erase(state.id, state.email);

      expect(erased.rawKeys.sort()).toEqual(['inbound/c1', 'inbound/i1']);
      expect(erased.items).toBeGreaterThanOrEqual(4);
      expect(await subscribers.get(state.id)).toBeNull();
      expect(await subscribers.findIdByEmail(state.email)).toBeNull();
      expect(await ledger.list(state.id)).toEqual([]);
      expect(await checkIns.list(state.id)).toEqual([]);
      expect(await inbound.list(state.id)).toEqual([]);
    });

    it('leaves a lookup a later signup made for the same address', async () => {
      const { subscribers } = stores();
      const state = confirmedSubscriber('relook');
      await subscribers.save(state);

      await subscribers.claimEmail(state.email, 'laterid');
      await subscribers.erase(state.id, state.email);

      expect(await subscribers.findIdByEmail(state.email)).toBe('laterid');
    });
  });

  describe(`${name}: due index`, () => {
    it('lists due subscribers oldest first, page by page, and nothing not yet due', async () => {
      const { subscribers, due } = stores();
      const saved: Subscriber[] = [];
      for (let i = 0; i < 7; i++) {
        const state = confirmedSubscriber('due', new Date(t0.getTime() + i * 60_000));
        await subscribers.save(state);
        saved.push(state);
      }
      const dueAts = saved.map((s) => Date.parse(nextItem(s)!.dueAt));
      const last = new Date(Math.max(...dueAts));
      const ours = (ids: string[]) => ids.filter((id) => saved.some((s) => s.id === id));

      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page = await due.list(last, 3, after);
        seen.push(...ours(page.ids));
        after = page.next;
        if (after === null) break;
      }
      const early = await due.list(new Date(Math.min(...dueAts) - 1_000), 10);

      expect(seen).toEqual(
        [...saved]
          .sort(
            (a, b) =>
              nextItem(a)!.dueAt.localeCompare(nextItem(b)!.dueAt) || a.id.localeCompare(b.id),
          )
          .map((s) => s.id),
      );
      expect(ours(early.ids)).toEqual([]);
      const earliest = await due.earliest();
      expect(earliest!.getTime()).toBeLessThanOrEqual(Math.min(...dueAts));
    });

    it('drops a subscriber who has nothing due any more', async () => {
      const { subscribers, due } = stores();
      const state = confirmedSubscriber('undue');
      await subscribers.save(state);
      const stored = (await subscribers.get(state.id))!;
      const at = new Date(nextItem(stored)!.dueAt);

      await subscribers.save({ ...stored, status: 'unsubscribed', agenda: [] });

      expect((await due.list(at, 1_000)).ids).not.toContain(state.id);
    });
  });

  describe(`${name}: send ledger`, () => {
    it('claims a send once and hands the claim back to later claimants', async () => {
      const { ledger } = stores();
      const record = sendRecord('ledgerone', 'r1-lesson-1');

      const first = await ledger.claim(record);
      const second = await ledger.claim({ ...record, claimedAt: '2030-01-01T00:00:00.000Z' });

      expect(first).toBeNull();
      expect(second).toEqual(record);
    });

    it('finishes a send, and with a condition only while it still holds', async () => {
      const { ledger } = stores();
      const record = sendRecord('ledgertwo', 'r1-lesson-1');
      await ledger.claim(record);

      const wrong = await ledger.finish(
        record.subscriberId,
        record.sendKey,
        { status: 'sent' },
        { status: 'claimed', claimedAt: 'other' },
      );
      const right = await ledger.finish(
        record.subscriberId,
        record.sendKey,
        { status: 'sent', messageId: 'm1', sentAt: 'later' },
        record,
      );
      const missing = await ledger.finish('nobody', 'x', { status: 'sent' }, record);

      expect([wrong, right, missing]).toEqual([false, true, false]);
      expect(await ledger.list(record.subscriberId)).toEqual([
        { ...record, status: 'sent', messageId: 'm1', sentAt: 'later' },
      ]);
    });

    it('lets exactly one of two workers take over a send', async () => {
      const { ledger } = stores();
      const record = sendRecord('ledgerthree', 'r1-lesson-2');
      await ledger.claim(record);
      await ledger.finish(record.subscriberId, record.sendKey, {
        status: 'failed',
        reason: 'throttled',
      });

      const takes = await Promise.all([
        ledger.reclaim(
          record.subscriberId,
          record.sendKey,
          { status: 'failed', claimedAt: record.claimedAt },
          'a',
        ),
        ledger.reclaim(
          record.subscriberId,
          record.sendKey,
          { status: 'failed', claimedAt: record.claimedAt },
          'b',
        ),
      ]);

      expect(takes.filter(Boolean)).toHaveLength(1);
      const [stored] = await ledger.list(record.subscriberId);
      expect(stored).toMatchObject({ status: 'claimed' });
      expect(stored?.reason).toBeUndefined();
    });

    it('lists a subscriber’s sends in send-key order', async () => {
      const { ledger } = stores();
      for (const key of ['r1-lesson-2', 'confirm-x', 'r1-lesson-1'])
        await ledger.claim(sendRecord('ledgerfour', key));

      expect((await ledger.list('ledgerfour')).map((r) => r.sendKey)).toEqual([
        'confirm-x',
        'r1-lesson-1',
        'r1-lesson-2',
      ]);
    });
  });

  describe(`${name}: check-ins, inbound log, once claims, suppressions`, () => {
    it('keeps one check-in per message id, newest first, all of them or the newest few', async () => {
      const { checkIns } = stores();
      const add = (id: string, minute: number, text: string) =>
        checkIns.add({
          subscriberId: 'checker',
          id,
          at: new Date(t0.getTime() + minute * 60_000).toISOString(),
          step: 1,
          text,
          understood: {},
          rawKey: null,
        });
      await add('a', 1, 'first');
      await add('b', 2, 'second');
      await add('b', 2, 'second, redelivered');
      await add('c', 3, 'third');

      expect((await checkIns.list('checker')).map((c) => c.text)).toEqual([
        'third',
        'second, redelivered',
        'first',
      ]);
      expect((await checkIns.list('checker', 1)).map((c) => c.text)).toEqual(['third']);
    });

    it('files inbound outcomes under their subscriber, oldest first', async () => {
      const { inbound } = stores();
      const entry = (id: string, minute: number, subscriberId: string | null) => ({
        id,
        at: new Date(t0.getTime() + minute * 60_000).toISOString(),
        subscriberId,
        outcome: 'rejected' as const,
        reason: 'test',
        rawKey: null,
      });
      await inbound.add(entry('late', 5, 'filer'));
      await inbound.add(entry('early', 1, 'filer'));
      await inbound.add(entry('stranger', 2, null));

      expect((await inbound.list('filer')).map((e) => e.id)).toEqual(['early', 'late']);
    });

    it('claims a thing once until it is released', async () => {
      const { once } = stores();
      const expires = new Date(t0.getTime() + 86_400_000);

      const first = await once.claim('inbound', 'msg-1', expires);
      const second = await once.claim('inbound', 'msg-1', expires);
      const otherScope = await once.claim('ses-event', 'msg-1', expires);
      await once.release('inbound', 'msg-1');
      const afterRelease = await once.claim('inbound', 'msg-1', expires);

      expect([first, second, otherScope, afterRelease]).toEqual([true, false, true, true]);
    });

    it('keeps a suppression idempotently', async () => {
      const { suppressions } = stores();
      const record = {
        kid: 'k1',
        hash: 'abc',
        reason: 'erased' as const,
        erasedAt: t0.toISOString(),
        unsubscribedAt: null,
      };

      await suppressions.add(record);
      await expect(suppressions.add(record)).resolves.toBeUndefined();
    });
  });
}
