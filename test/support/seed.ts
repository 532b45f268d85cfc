import { createHash } from 'node:crypto';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { courseOf } from '../../functions/app/deps.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import { decideSignup } from '../../functions/core/signup.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { nextItem } from '../../functions/core/subscriber.ts';
import { base32 } from '../../functions/core/tokens.ts';
import { pacingContextFor } from '../../functions/courses.ts';

/**
 * Stores `count` confirmed subscribers, as signup and confirmation leave them
 * (lesson 1 on the agenda), through the store's own writes. Ids are fixed
 * length, as production's are. Returns them with the time lesson 1 is due.
 */
export async function seedConfirmed(
  deps: CoachDeps,
  count: number,
  now: Date,
  prefix: string,
): Promise<{ subscribers: Subscriber[]; dueAt: Date }> {
  const course = courseOf(deps, deps.defaultCourse);
  const subscribers: Subscriber[] = [];
  for (let i = 0; i < count; i++) {
    const id = base32(createHash('sha256').update(`${prefix}:${i}`).digest().subarray(0, 10));
    const email = `${prefix}-${i}@example.com`;
    const { state: pending } = decideSignup(
      null,
      { email, name: null, timezone: 'UTC' },
      'json',
      now,
      { id, nonce: 'n0nce' },
      course.id,
    );
    subscribers.push(pace(pending, { type: 'confirmed' }, now, pacingContextFor(course)).state);
  }
  let cursor = 0;
  const writer = async () => {
    while (cursor < subscribers.length) {
      const subscriber = subscribers[cursor++] as Subscriber;
      if (!(await deps.subscribers.save(subscriber)))
        throw new Error(`seed ${subscriber.id} exists`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
  const due = subscribers.map((s) => Date.parse(nextItem(s)?.dueAt ?? ''));
  return {
    subscribers: subscribers.map((s) => ({ ...s, version: s.version + 1 })),
    dueAt: new Date(Math.max(...due)),
  };
}
