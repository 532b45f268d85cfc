import { ExpiredTokenError } from '../core/errors.ts';
import { confirmSignup } from '../core/signup.ts';
import { verifyToken } from '../core/tokens.ts';
import { type CoachDeps, courseOf } from './deps.ts';

/** `confirmed` the first time; `already` when the subscriber was active before. */
export type ConfirmResult = 'confirmed' | 'already';

/**
 * Confirms a subscription from the emailed link: single use, expiring, signed.
 * What that signup said takes effect now and the course starts; lesson 1 is
 * then due at once (or at the next morning).
 */
export async function confirm(deps: CoachDeps, token: string): Promise<ConfirmResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const claims = verifyToken(deps.settings.keys, 'confirm', token, now);
    const subscriber = await deps.store.get(claims.subscriberId);
    if (!subscriber)
      throw new ExpiredTokenError('this confirmation link was already used or replaced');
    const decision = confirmSignup(subscriber, claims.data, now, {
      course: courseOf(deps, subscriber.courseId),
    });
    if (decision.kind === 'already') return 'already';
    if (await deps.store.save(decision.result.state)) return 'confirmed';
  }
  throw new ExpiredTokenError('this confirmation link is being used elsewhere; try again');
}
