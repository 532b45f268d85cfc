import { meetingsThisMonth } from './pacing-text.ts';
import type { Subscriber, SubscriberStatus } from './subscriber.ts';

/** Why a subscriber stopped getting mail; `suppressed` is the operator's `coach suppress`. */
export type LeaveReason = 'unsubscribed' | 'bounced' | 'complained' | 'suppressed';

/** What the operator's console writes as the reason of a suppression it made. */
export const operatorSuppression = 'suppressed by the operator';

/** What a reply turned out to be, as the inbound log records it. */
export type ReplyOutcome = 'check-in' | 'auto-reply' | 'rejected' | 'duplicate';

/**
 * Something that happened in a course, as the operator counts it: the
 * metrics in AWS and the daily counters `coach stats` reads. `courseId` is
 * null for mail nobody could be found for; `cohort` is the ISO week
 * (`2026-W10`) the subscriber confirmed in, when they have.
 */
export type CourseEvent = {
  at: string;
  courseId: string | null;
  cohort: string | null;
} & (
  | { type: 'signed-up' }
  | { type: 'confirmed' }
  | { type: 'email-sent'; emailId: string; step: number | null }
  | { type: 'send-unknown'; emailId: string }
  /** A tick found an unknown send SES's record could not settle yet. */
  | { type: 'send-unresolved'; emailId: string }
  | { type: 'reply'; outcome: ReplyOutcome; step: number | null }
  | { type: 'command'; command: string }
  | { type: 'correction'; field: string }
  | { type: 'left'; reason: LeaveReason; step: number | null }
  | { type: 'finished' }
  /**
   * The status changed (`from` null: a new record). The tick moves subscribers
   * between active and paused without a change, so counters read those two
   * together as "in the course".
   */
  | { type: 'status'; from: SubscriberStatus | null; to: SubscriberStatus }
  /** Meetings logged in one change; `firstAfterDays` on the subscriber's first ever. */
  | { type: 'met'; count: number; firstAfterDays: number | null; reachedMonthlyTarget: boolean }
);

/** The monthly meetings target the course counts towards (2-3 a month). */
export const monthlyMeetingTarget = 2;

/** The ISO week (`YYYY-Www`) an instant falls in, in UTC. */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  // Thursday decides the week's year (ISO 8601).
  day.setUTCDate(day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7));
  const firstThursday = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      ((day.getTime() - firstThursday.getTime()) / 86_400_000 -
        3 +
        ((firstThursday.getUTCDay() + 6) % 7)) /
        7,
    );
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The course step a subscriber is at: the lesson awaited, or how far the sequence got. */
function stepOf(s: Subscriber): number | null {
  return s.awaiting?.step ?? (s.position > 0 ? s.position : null);
}

const leaveReasons: Record<string, LeaveReason> = {
  complaint: 'complained',
  'permanent bounce': 'bounced',
  'repeated soft bounces': 'bounced',
  [operatorSuppression]: 'suppressed',
};

/**
 * The events a saved change stands for, read from the states before and
 * after it: a signup, a confirmation, leaving (and why), finishing the
 * course, the status it moved between, meetings logged. What a change
 * cannot show (a command, a reply's outcome, an email sent) its use case
 * records itself.
 */
export function changeEvents(
  before: Subscriber | null,
  after: Subscriber,
  now: Date,
): CourseEvent[] {
  const confirmedAt = after.consent.confirmedAt;
  const base = {
    at: now.toISOString(),
    courseId: after.courseId,
    cohort: confirmedAt ? isoWeek(new Date(confirmedAt)) : null,
  };
  const events: CourseEvent[] = [];
  if (!before) events.push({ ...base, type: 'signed-up' });
  if (confirmedAt && before?.consent.confirmedAt !== confirmedAt) {
    events.push({ ...base, type: 'confirmed' });
  }
  const left = before && before.status !== after.status;
  if (left && (after.status === 'unsubscribed' || after.status === 'suppressed')) {
    const reason =
      after.status === 'unsubscribed'
        ? 'unsubscribed'
        : (leaveReasons[after.suppressedReason ?? ''] ?? 'bounced');
    events.push({ ...base, type: 'left', reason, step: stepOf(before) });
  }
  if (left && after.status === 'graduated') events.push({ ...base, type: 'finished' });
  if (before?.status !== after.status) {
    events.push({ ...base, type: 'status', from: before?.status ?? null, to: after.status });
  }
  const count = countNew(before, after);
  if (count > 0) {
    const hadMet = (before?.meetings.length ?? 0) > 0;
    const firstAfterDays =
      !hadMet && confirmedAt
        ? Math.max(0, Math.floor((now.getTime() - Date.parse(confirmedAt)) / 86_400_000))
        : null;
    const month = (s: Subscriber | null) =>
      s ? meetingsThisMonth(s.meetings, now, s.timezone).count : 0;
    const reachedMonthlyTarget =
      month(before) < monthlyMeetingTarget && month(after) >= monthlyMeetingTarget;
    events.push({ ...base, type: 'met', count, firstAfterDays, reachedMonthlyTarget });
  }
  return events;
}

/** People logged as met by this change (meetings are appended, the list capped at its end). */
function countNew(before: Subscriber | null, after: Subscriber): number {
  const seen = new Set((before?.meetings ?? []).map((m) => `${m.at}|${m.names.join(',')}`));
  return after.meetings
    .filter((m) => !seen.has(`${m.at}|${m.names.join(',')}`))
    .reduce((sum, m) => sum + m.names.length, 0);
}

/** The course and cohort fields of events about `subscriber`. */
export function eventBase(subscriber: Subscriber | null, now: Date) {
  const confirmedAt = subscriber?.consent.confirmedAt;
  return {
    at: now.toISOString(),
    courseId: subscriber?.courseId ?? null,
    cohort: confirmedAt ? isoWeek(new Date(confirmedAt)) : null,
  };
}
