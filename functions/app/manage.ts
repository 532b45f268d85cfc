import { applyCorrection, type CorrectionResult, parseCorrection } from '../core/corrections.ts';
import type { CompiledCourse } from '../core/course.ts';
import { eventBase } from '../core/course-events.ts';
import { buildDataExport, type DataExport } from '../core/data-export.ts';
import { addressHash, rawKeysOf } from '../core/erasure.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { parsePause, parsePreferences, resubscribe as restart } from '../core/manage.ts';
import {
  canStartCourse,
  type PacingContext,
  type PacingResult,
  pace,
  startNextCourse,
} from '../core/pacing/index.ts';
import { editPeople, parsePeopleEdit } from '../core/people.ts';
import { type ProgressView, progressView } from '../core/progress.ts';
import type { CheckIn } from '../core/records.ts';
import { throttleSend } from '../core/signup.ts';
import { parseEmailField, type Subscriber } from '../core/subscriber.ts';
import { verifyToken } from '../core/tokens.ts';
import type { RawMailStore } from '../ports/raw-mail.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { deliver } from './deliver.ts';
import {
  type CoachDeps,
  courseOf,
  pacingContext,
  recordEvents,
  registeredCourses,
} from './deps.ts';
import { answerEvenly } from './even-answer.ts';
import { sendNow } from './run-due.ts';

/** What the manage use cases need beyond the coach's usual dependencies. */
export interface ManageDeps extends CoachDeps {
  /**
   * Where raw replies are kept, to delete them with everything else. Absent
   * when the deployment has no raw mail bucket: deleting then skips raw
   * messages with a logged warning.
   */
  rawMail?: RawMailStore | null;
}

/** How many check-ins the page lists; the download has all of them. */
export const pageCheckIns = 50;

/** Everything the manage page shows, read at one moment. */
export interface ManageSnapshot {
  subscriber: Subscriber;
  course: CompiledCourse;
  checkIns: CheckIn[];
  progress: ProgressView;
  /** The follow-on course the page offers to start, once the subscriber's own is finished. */
  nextCourse: CompiledCourse | null;
  now: Date;
}

/** The follow-on course offered on the manage page to those who finished theirs. */
export const followOnCourse = 'keep-it-going';

/**
 * The follow-on course the subscriber may start now, or null: it must be
 * registered (compiled and with rules) and their own course finished
 * (core/pacing `canStartCourse`).
 */
export function followOnFor(
  deps: Pick<CoachDeps, 'courses'>,
  subscriber: Subscriber,
): CompiledCourse | null {
  if (!registeredCourses(deps).includes(followOnCourse)) return null;
  return canStartCourse(subscriber, followOnCourse) ? courseOf(deps, followOnCourse) : null;
}

/**
 * Verifies a manage link and reads its subscriber. Throws InvalidTokenError
 * (tampered or foreign), ExpiredTokenError, or NotFoundError once the data is deleted.
 */
export async function subscriberOfLink(deps: CoachDeps, token: string): Promise<Subscriber> {
  const claims = verifyToken(deps.settings.keys, 'manage', token, deps.clock.now());
  const subscriber = await deps.subscribers.get(claims.subscriberId);
  if (!subscriber) throw new NotFoundError(goneMessage);
  return subscriber;
}

const goneMessage = 'We hold no data for this link any more.';

/** Reads what the manage page shows for the link's subscriber. */
export async function openManage(deps: CoachDeps, token: string): Promise<ManageSnapshot> {
  const subscriber = await subscriberOfLink(deps, token);
  const course = courseOf(deps, subscriber.courseId);
  const checkIns = await deps.checkIns.list(subscriber.id, pageCheckIns);
  const now = deps.clock.now();
  return {
    subscriber,
    course,
    checkIns,
    progress: progressView(subscriber, course, checkIns, now),
    nextCourse: followOnFor(deps, subscriber),
    now,
  };
}

type Change = (state: Subscriber, now: Date, ctx: PacingContext) => PacingResult | Subscriber;

/**
 * Applies one change to the link's subscriber (through the one change use
 * case), then sends what became due (the "paused" note, lesson 1 after a
 * resubscribe) at once rather than at the next tick, the way replies do.
 */
async function change(deps: CoachDeps, token: string, apply: Change): Promise<Subscriber> {
  const claims = verifyToken(deps.settings.keys, 'manage', token, deps.clock.now());
  const result = await changeSubscriber(deps, claims.subscriberId, (current, now) => {
    if (!current) throw new NotFoundError(goneMessage);
    const outcome = apply(current, now, pacingContext(deps, current.courseId));
    return 'state' in outcome ? outcome : { state: outcome };
  });
  const subscriber = result.subscriber as Subscriber;
  if (result.changed) await sendNow(deps, subscriber, result.emails);
  return subscriber;
}

/** Pace, send hour, time zone and weekends, through the pure pacing. Throws ValidationError. */
export function updatePreferences(deps: CoachDeps, token: string, fields: Record<string, unknown>) {
  const event = parsePreferences(fields);
  return change(deps, token, (state, now, ctx) => pace(state, event, now, ctx));
}

/** Pauses until a local date, or until the subscriber resumes. Throws ValidationError. */
export function pauseCourse(deps: CoachDeps, token: string, fields: Record<string, unknown>) {
  return change(deps, token, (state, now, ctx) =>
    pace(state, parsePause(fields, now, state.timezone), now, ctx),
  );
}

/** Resumes a paused course. */
export function resumeCourse(deps: CoachDeps, token: string) {
  return change(deps, token, (state, now, ctx) => pace(state, { type: 'resume' }, now, ctx));
}

/** Adds, renames, marks met or removes a person. Throws ValidationError. */
export function editPeopleList(deps: CoachDeps, token: string, fields: Record<string, unknown>) {
  const edit = parsePeopleEdit(fields);
  return change(deps, token, (state, now) => editPeople(state, edit, now));
}

/**
 * Corrects one thing the reader logged from one of the link's subscriber's
 * replies (core/corrections.ts). The subscriber is changed first, through
 * the one change use case, and what that made due (the "resumed" note of a
 * pause undone) is sent at once; the check-in, with the correction added,
 * is written after. A failure between the two leaves no half-written
 * record: the same form again finds the subscriber already corrected and
 * completes the check-in, and once both are written it changes nothing.
 * Each correction counts once as a `correction` course event. Throws
 * ValidationError for a bad form or an item no longer logged, NotFoundError
 * for a check-in that is not the subscriber's.
 */
export async function correctCheckIn(
  deps: CoachDeps,
  token: string,
  fields: Record<string, unknown>,
): Promise<Subscriber> {
  const correction = parseCorrection(fields);
  const claims = verifyToken(deps.settings.keys, 'manage', token, deps.clock.now());
  // Listed under the link's own subscriber: another subscriber's check-in is never found.
  const checkIn = (await deps.checkIns.list(claims.subscriberId)).find(
    (c) => c.id === correction.checkInId,
  );
  if (!checkIn) throw new NotFoundError('That reply is not on your page any more.');
  const made: { result?: CorrectionResult } = {};
  const subscriber = await change(deps, token, (state, now, ctx) => {
    made.result = applyCorrection(state, checkIn, correction, now, ctx);
    return made.result;
  });
  const record = made.result?.record;
  if (made.result && record) {
    // A put under the check-in's own key: writing it again writes the same record.
    await deps.checkIns.add(made.result.checkIn);
    const base = eventBase(subscriber, deps.clock.now());
    await recordEvents(deps, [{ ...base, type: 'correction', field: record.field }]);
  }
  return subscriber;
}

/**
 * Starts the follow-on course for a subscriber who finished theirs (core/pacing
 * `startNextCourse`, with the new course's context); its first lesson goes
 * out through `sendNow` when it is due at once, else at its send slot. A
 * second press changes nothing. Throws ValidationError (field `course`) when
 * the course is not offered to them.
 */
export function startFollowOn(deps: CoachDeps, token: string) {
  return change(deps, token, (state, now) => {
    if (state.courseId === followOnCourse) return state;
    if (!followOnFor(deps, state)) {
      throw new ValidationError('course', 'can be started once you have finished your course');
    }
    return startNextCourse(state, now, pacingContext(deps, followOnCourse));
  });
}

/** Unsubscribes from the manage page; idempotent. */
export function unsubscribeHere(deps: CoachDeps, token: string) {
  return change(deps, token, (state, now, ctx) =>
    state.status === 'unsubscribed' ? state : pace(state, { type: 'unsubscribed' }, now, ctx),
  );
}

/**
 * Restarts an unsubscribed course without a new confirmation email: the signed
 * manage link proves control of the mailbox (see core/manage.ts `resubscribe`).
 */
export function resubscribeHere(deps: CoachDeps, token: string) {
  return change(deps, token, (state, now, ctx) => restart(state, now, ctx));
}

/** Everything held about the link's subscriber, as a JSON document to download. */
export async function exportData(
  deps: CoachDeps,
  token: string,
): Promise<{ filename: string; data: DataExport }> {
  const subscriber = await subscriberOfLink(deps, token);
  const [checkIns, sends, inbound] = await Promise.all([
    deps.checkIns.list(subscriber.id),
    deps.ledger.list(subscriber.id),
    deps.inbound.list(subscriber.id),
  ]);
  const now = deps.clock.now();
  const data = buildDataExport({
    subscriber,
    courseTitle: deps.courses[subscriber.courseId]?.title ?? subscriber.courseId,
    checkIns,
    sends,
    inbound,
    now,
  });
  return { filename: `drip-coach-data-${now.toISOString().slice(0, 10)}.json`, data };
}

/**
 * Deletes every record of the link's subscriber: the course is stopped first
 * (nothing more is sent), then the raw replies, then every item under the
 * subscriber and the address lookup. What stays is only a keyed hash of the
 * address (core/erasure.ts), written first so an interrupted erase still
 * leaves its proof. Safe to retry with the same link until the profile is gone.
 */
export async function deleteEverything(deps: ManageDeps, token: string): Promise<void> {
  const stopped = await change(deps, token, (state, now, ctx) =>
    state.status === 'unsubscribed' || state.status === 'suppressed'
      ? state
      : pace(state, { type: 'unsubscribed' }, now, ctx),
  );
  const now = deps.clock.now();
  const [checkIns, inbound] = await Promise.all([
    deps.checkIns.list(stopped.id),
    deps.inbound.list(stopped.id),
  ]);
  await deps.suppressions.add({
    ...addressHash(deps.settings.keys, stopped.email),
    reason: 'erased',
    erasedAt: now.toISOString(),
    unsubscribedAt: stopped.consent.unsubscribedAt ?? now.toISOString(),
  });
  // Raw replies first, while the records naming them remain: an interrupted
  // erase is retried with the same link and finds them again.
  const known = rawKeysOf([...checkIns, ...inbound]);
  await deleteRawMail(deps, stopped.id, known);
  const erased = await deps.subscribers.erase(stopped.id, stopped.email);
  // A reply stored while the erase ran names a raw message the first list missed.
  const late = erased.rawKeys.filter((key) => !known.includes(key));
  await deleteRawMail(deps, stopped.id, late);
  // The id alone: the address is exactly what must not outlive the erase.
  deps.log.info('subscriber erased', {
    subscriberId: stopped.id,
    items: erased.items,
    rawMessages: deps.rawMail ? known.length + late.length : 0,
  });
}

async function deleteRawMail(deps: ManageDeps, subscriberId: string, rawKeys: readonly string[]) {
  if (deps.rawMail) {
    for (const key of rawKeys) await deps.rawMail.delete(key);
  } else if (rawKeys.length > 0) {
    deps.log.warn('no raw mail store configured: raw replies not deleted', {
      subscriberId,
      rawMessages: rawKeys.length,
    });
  }
}

/**
 * Emails a fresh manage link to an address, when it belongs to a subscriber we
 * may still write to. The caller learns nothing either way: every valid
 * address gets the same answer, in the same time (at least `answerFloorMs`).
 * Throttled like confirmations, and sent through
 * the same at-most-once delivery. Throws ValidationError for a malformed address.
 */
export async function requestManageLink(
  deps: CoachDeps,
  fields: Record<string, unknown>,
): Promise<void> {
  const email = parseEmailField(fields);
  await answerEvenly(deps, deps.answerFloorMs, () => sendManageLink(deps, email));
}

async function sendManageLink(deps: CoachDeps, email: string): Promise<void> {
  const id = await deps.subscribers.findIdByEmail(email);
  if (!id) return;
  const { changed, subscriber } = await changeSubscriber(deps, id, (current, now) => {
    // A complaint or a hard bounce means never again, not even this.
    if (!current || current.status === 'suppressed') return null;
    const { allowed, sends } = throttleSend(current.manageLinkSends, now);
    return allowed ? { state: { ...current, manageLinkSends: sends } } : null;
  });
  if (!changed || !subscriber) return;
  const sentAt = subscriber.manageLinkSends.at(-1) ?? '';
  const planned = {
    emailId: 'manage-link',
    template: 'manage-link',
    sendKey: `manage-link-${Date.parse(sentAt)}`,
    step: null,
    vars: {},
  };
  const outcome = await deliver(deps, subscriber, planned, subscriber.status);
  if (outcome.kind !== 'sent') {
    deps.log.warn('fresh manage link not sent', { subscriberId: id, outcome: outcome.kind });
  }
}
