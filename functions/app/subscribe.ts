import { decideSignup, parseCourseField } from '../core/signup.ts';
import { parseSignup, type SignupInput, type SignupSource } from '../core/subscriber.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { deliver } from './deliver.ts';
import { type CoachDeps, registeredCourses } from './deps.ts';
import { answerEvenly } from './even-answer.ts';

/**
 * Signs an address up with double opt-in, to the course the form names
 * (`course`, one the deployment runs) or else the default course. Whatever is known about the address,
 * the caller learns nothing: the function returns the same way for all of them,
 * and takes the same time (at least `answerFloorMs`).
 * Throws ValidationError for bad input.
 */
export async function subscribe(
  deps: CoachDeps,
  raw: Record<string, unknown>,
  source: SignupSource,
): Promise<void> {
  const input = parseSignup(raw, deps.defaultTimezone, deps.defaultLocale);
  const courseId = parseCourseField(raw, registeredCourses(deps), deps.defaultCourse);
  await answerEvenly(deps, deps.answerFloorMs, () => signUp(deps, input, source, courseId));
}

async function signUp(
  deps: CoachDeps,
  input: SignupInput,
  source: SignupSource,
  courseId: string,
): Promise<void> {
  const fresh = { id: deps.ids.subscriberId(), nonce: deps.ids.nonce() };
  // A lookup can outlive a profile write that failed; then its id is reused.
  const id = await deps.subscribers.claimEmail(input.email, fresh.id);
  let nonce: string | null = null;
  // Unchanged (active, or throttled) writes nothing, so a concurrent signup's
  // confirmation still passes its re-check before sending.
  const { changed, subscriber } = await changeSubscriber(deps, id, (current, now) => {
    const { state, request } = decideSignup(
      current,
      input,
      source,
      now,
      { ...fresh, id },
      courseId,
    );
    nonce = request?.nonce ?? null;
    return request ? { state } : null;
  });
  if (!changed || !subscriber || !nonce) return;
  const emailId = deps.courses[subscriber.courseId]?.confirmEmail ?? 'confirm';
  const planned = { emailId, template: emailId, sendKey: `confirm-${nonce}`, step: null, vars: {} };
  await deliver(deps, subscriber, planned, subscriber.status);
}
