import { ConflictError } from '../core/errors.ts';
import { pace } from '../core/pacing.ts';
import { verifyToken } from '../core/tokens.ts';
import { type CoachDeps, courseOf } from './deps.ts';

/**
 * Unsubscribes the token's subscriber at once; idempotent. Unsubscribe tokens
 * never expire, so old emails keep working. Throws InvalidTokenError for a
 * tampered or foreign token, changing nothing.
 */
export async function unsubscribe(deps: CoachDeps, token: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now();
    const claims = verifyToken(deps.settings.keys, 'unsubscribe', token, now);
    const subscriber = await deps.store.get(claims.subscriberId);
    if (!subscriber || subscriber.status === 'unsubscribed') return;
    const { state } = pace(subscriber, { type: 'unsubscribed' }, now, {
      course: courseOf(deps, subscriber.courseId),
    });
    if (await deps.store.save(state)) {
      deps.log.info('unsubscribed', { subscriberId: subscriber.id });
      return;
    }
  }
  throw new ConflictError('the subscription is busy; try again');
}
