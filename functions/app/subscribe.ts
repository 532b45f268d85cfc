import { decideSignup } from '../core/signup.ts';
import { parseSignup, type SignupInput, type SignupSource } from '../core/subscriber.ts';
import { deliver } from './deliver.ts';
import type { CoachDeps } from './deps.ts';
import { answerEvenly } from './even-answer.ts';

/**
 * Signs an address up with double opt-in. Whatever is known about the address,
 * the caller learns nothing: the function returns the same way for all of them,
 * and takes the same time (at least `answerFloorMs`).
 * Throws ValidationError for bad input.
 */
export async function subscribe(
  deps: CoachDeps,
  raw: Record<string, unknown>,
  source: SignupSource,
): Promise<void> {
  const input = parseSignup(raw, deps.defaultTimezone);
  await answerEvenly(deps, deps.answerFloorMs, () => signUp(deps, input, source));
}

async function signUp(deps: CoachDeps, input: SignupInput, source: SignupSource): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const fresh = { id: deps.ids.subscriberId(), nonce: deps.ids.nonce() };
    const id = await deps.store.claimEmail(input.email, fresh.id);
    // A lookup can outlive a profile write that failed; then the id is reused.
    const existing = await deps.store.get(id);
    const { state, request } = decideSignup(
      existing,
      input,
      source,
      now,
      { ...fresh, id },
      deps.defaultCourse,
    );
    // Unchanged (active, or throttled): nothing is written, so a concurrent
    // signup's confirmation still passes its re-check before sending.
    if (!request) return;
    if (!(await deps.store.save(state))) continue;
    const saved = { ...state, version: state.version + 1 };
    const emailId = deps.courses[saved.courseId]?.confirmEmail ?? 'confirm';
    const planned = {
      emailId,
      template: emailId,
      sendKey: `confirm-${request.nonce}`,
      step: null,
      vars: {},
    };
    await deliver(deps, saved, planned, saved.status);
    return;
  }
  deps.log.warn('signup gave up after concurrent updates', {});
}
