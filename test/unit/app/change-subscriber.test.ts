import { describe, expect, it } from 'vitest';
import { memoryStores } from '../../../functions/adapters/memory-stores.ts';
import { changeAttempts, changeSubscriber } from '../../../functions/app/change-subscriber.ts';
import { ConflictError } from '../../../functions/core/errors.ts';
import type { Subscriber } from '../../../functions/core/subscriber.ts';
import type { Subscribers } from '../../../functions/ports/stores.ts';
import { pendingSubscriber } from '../../support/pacing-driver.ts';

const clock = { now: () => new Date('2026-03-02T10:00:00Z') };
const quiet = { events: { record: async () => {} }, log: { info() {}, warn() {}, error() {} } };

/** Memory subscribers whose saves lose to another writer `losses` times first. */
async function contested(losses: number) {
  const stores = memoryStores();
  await stores.subscribers.save(pendingSubscriber('UTC', clock.now(), 'contested'));
  let left = losses;
  let saves = 0;
  const subscribers: Subscribers = Object.assign(Object.create(stores.subscribers), {
    save: async (state: Subscriber) => {
      saves++;
      if (left-- > 0) {
        // Another writer wins: the stored version moves on under us.
        const stored = await stores.subscribers.get(state.id);
        await stores.subscribers.save({ ...stored!, pace: 'gentle' });
        return false;
      }
      return stores.subscribers.save(state);
    },
  });
  return { subscribers, saves: () => saves, stores };
}

describe('changing a subscriber', () => {
  it('reads again and decides again when another writer wins, then saves', async () => {
    const { subscribers, saves } = await contested(2);
    const seen: number[] = [];

    const result = await changeSubscriber(
      { subscribers, clock, ...quiet },
      'contested',
      (current) => {
        seen.push(current!.version);
        return { state: { ...current!, skipWeekends: true } };
      },
    );

    expect(seen).toEqual([1, 2, 3]);
    expect(saves()).toBe(3);
    expect(result).toMatchObject({ changed: true, subscriber: { skipWeekends: true, version: 4 } });
  });

  it('gives up with one ConflictError when other writers keep winning', async () => {
    const { subscribers, saves } = await contested(Number.POSITIVE_INFINITY);

    const change = changeSubscriber({ subscribers, clock, ...quiet }, 'contested', (current) => ({
      state: { ...current!, skipWeekends: true },
    }));

    await expect(change).rejects.toBeInstanceOf(ConflictError);
    expect(saves()).toBe(changeAttempts);
  });

  it('saves nothing when the decision changes nothing', async () => {
    const { subscribers, saves } = await contested(0);

    const same = await changeSubscriber(
      { subscribers, clock, ...quiet },
      'contested',
      (current) => ({
        state: current!,
      }),
    );
    const none = await changeSubscriber({ subscribers, clock, ...quiet }, 'contested', () => null);

    expect(saves()).toBe(0);
    expect(same).toMatchObject({ changed: false, subscriber: { id: 'contested' }, emails: [] });
    expect(none.changed).toBe(false);
  });
});
