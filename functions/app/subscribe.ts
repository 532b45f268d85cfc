import { decideSignup } from '../core/pacing.ts';
import { parseSignup, type SignupSource } from '../core/subscriber.ts';
import { deliver } from './deliver.ts';
import type { CoachDeps } from './deps.ts';

/**
 * Signs an address up with double opt-in. Whatever is known about the address,
 * the caller learns nothing: the function returns the same way for all of them.
 * Throws ValidationError for bad input.
 */
export async function subscribe(
  deps: CoachDeps,
  raw: Record<string, unknown>,
  source: SignupSource,
): Promise<void> {
  const input = parseSignup(raw, deps.defaultTimezone);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const fresh = { id: deps.ids.subscriberId(), nonce: deps.ids.nonce() };
    const id = await deps.store.claimEmail(input.email, fresh.id);
    // A lookup can outlive a profile write that failed; then the id is reused.
    const existing = await deps.store.get(id);
    const decision = decideSignup(
      existing,
      input,
      source,
      now,
      { ...fresh, id },
      deps.defaultCourse,
    );
    if (decision.state === existing) return;
    if (!(await deps.store.save(decision.state))) continue;
    if (!decision.sendConfirm) return;
    const saved = { ...decision.state, version: decision.state.version + 1 };
    const course = deps.courses[saved.courseId];
    const emailId = course?.confirmEmail ?? 'confirm';
    const planned = {
      emailId,
      template: emailId,
      sendKey: `confirm-${now.getTime()}`,
      step: null,
      vars: {},
    };
    await deliver(deps, saved, planned, 'pending');
    return;
  }
  deps.log.warn('signup gave up after concurrent updates', {});
}
