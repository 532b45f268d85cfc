import { pace } from '../core/pacing/index.ts';
import { verifyToken } from '../core/tokens.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { type CoachDeps, pacingContext } from './deps.ts';

/**
 * Unsubscribes the token's subscriber at once; idempotent. Unsubscribe tokens
 * never expire, so old emails keep working. Throws InvalidTokenError for a
 * tampered or foreign token, changing nothing.
 */
export async function unsubscribe(deps: CoachDeps, token: string): Promise<void> {
  const claims = verifyToken(deps.settings.keys, 'unsubscribe', token, deps.clock.now());
  const { changed } = await changeSubscriber(deps, claims.subscriberId, (current, now) =>
    !current || current.status === 'unsubscribed'
      ? null
      : pace(current, { type: 'unsubscribed' }, now, pacingContext(deps, current.courseId)),
  );
  if (changed) deps.log.info('unsubscribed', { subscriberId: claims.subscriberId });
}
