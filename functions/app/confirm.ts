import { ExpiredTokenError } from '../core/errors.ts';
import { confirmSignup } from '../core/signup.ts';
import { verifyToken } from '../core/tokens.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { type CoachDeps, pacingContext } from './deps.ts';

/** `confirmed` the first time; `already` when the subscriber was active before. */
export type ConfirmResult = 'confirmed' | 'already';

/**
 * Confirms a subscription from the emailed link: single use, expiring, signed.
 * What that signup said takes effect now and the course starts; lesson 1 is
 * then due at once (or at the next morning). Throws InvalidTokenError or
 * ExpiredTokenError for a link that does not (or no longer) work.
 */
export async function confirm(deps: CoachDeps, token: string): Promise<ConfirmResult> {
  const claims = verifyToken(deps.settings.keys, 'confirm', token, deps.clock.now());
  const { changed } = await changeSubscriber(deps, claims.subscriberId, (current, now) => {
    if (!current)
      throw new ExpiredTokenError('this confirmation link was already used or replaced');
    const decision = confirmSignup(
      current,
      claims.data,
      now,
      pacingContext(deps, current.courseId),
    );
    return decision.kind === 'already' ? null : decision.result;
  });
  return changed ? 'confirmed' : 'already';
}
