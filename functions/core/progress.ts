import type { CompiledCourse } from './course.ts';
import { localDay, localText, meetingsThisMonth, type Reader } from './pacing-text.ts';
import { type AgendaItem, nextItem, type Subscriber, type SubscriberStatus } from './subscriber.ts';

/** Where one course step stands for a subscriber. */
export type StepState = 'done' | 'current' | 'upcoming';

/** One step on the course map. */
export interface StepView {
  step: number;
  title: string;
  state: StepState;
  /** A check-in answered this step. */
  replied: boolean;
}

/** What the manage page says about a subscriber's progress. */
export interface ProgressView {
  status: SubscriberStatus;
  /** A short label for the status badge. */
  statusLabel: string;
  /** The one line that says where they are, e.g. "Step 2 of 4: Two or three coffees". */
  headline: string;
  /** One calm sentence about the status (pause, unsubscribe, suppression), or null. */
  statusNote: string | null;
  steps: StepView[];
  /** After the last step: the repeat phase of light check-ins. */
  repeatPhase: StepState;
  /** The next course email and when, in the subscriber's zone; null unless active (the status note says when a pause ends). */
  next: { label: string; when: string } | null;
  /** Meetings logged this local month, against the 2-3 target. */
  meetingsThisMonth: number;
}

/** "Thursday 3 December at 09:00" (en-GB), "Thursday, December 3 at 9:00 AM" (en-US). */
export function formatLocal(instant: Date, reader: Reader): string {
  return `${localDay(instant, reader)} at ${localText(instant, reader, 'time')}`;
}

/** "03/12/2026" (en-GB), "3.12.2026" (de-DE), "12/3/2026" (en-US), for lists. */
export function formatShortDate(instant: Date, reader: Reader): string {
  return localText(instant, reader, 'shortDate');
}

const statusLabels: Record<SubscriberStatus, string> = {
  pending: 'Waiting for confirmation',
  active: 'Active',
  paused: 'Paused',
  unsubscribed: 'Unsubscribed',
  graduated: 'Graduated',
  suppressed: 'Emails stopped',
};

/** A lesson's title without its "Lesson 2: " prefix, which the map shows as a number. */
export function stepTitle(course: Pick<CompiledCourse, 'emails'>, emailId: string): string {
  const subject = course.emails[emailId]?.subject ?? emailId;
  return subject.replace(/^Lesson \d+:\s*/i, '');
}

function itemLabel(item: AgendaItem, course: Pick<CompiledCourse, 'emails' | 'sequence'>): string {
  switch (item.kind) {
    case 'lesson': {
      const entry = course.sequence.find((e) => e.emailId === item.emailId);
      const subject = course.emails[item.emailId]?.subject ?? item.emailId;
      return entry?.step ? subject : `The closing email: “${subject}”`;
    }
    case 'nudge':
      return item.step ? `A short reminder about step ${item.step}` : 'A short reminder';
    case 'follow-up':
      return 'A follow-up: how did it go?';
    case 'check-in':
      return 'Your check-in: who did you meet?';
    default:
      return course.emails[item.template]?.subject ?? 'A short note';
  }
}

function statusNote(subscriber: Subscriber): string | null {
  const { status, pausedUntil, suppressedReason } = subscriber;
  switch (status) {
    case 'pending':
      return 'Press Confirm in the confirmation email to start the course.';
    case 'paused':
      if (pausedUntil) {
        return `Paused until ${formatLocal(new Date(pausedUntil), subscriber)}. The course picks up again by itself then.`;
      }
      if (suppressedReason === 'repeated soft bounces') {
        return 'Paused because our emails to you kept bouncing. Resume once your inbox works again.';
      }
      return 'Paused until you resume.';
    case 'unsubscribed':
      return 'You get no emails from us. Your progress is kept, so you can come back at any time.';
    case 'graduated':
      return 'The habit is yours: no more emails are scheduled. Reply to any email if you want check-ins again.';
    case 'suppressed':
      return suppressedReason === 'complaint'
        ? 'One of our emails was reported as spam, so we will not email this address again.'
        : 'Your mail server told us this address cannot receive mail, so we stopped sending.';
    default:
      return null;
  }
}

/**
 * Builds the progress part of the manage page: the course map, where the
 * subscriber is, and what comes next when. Pure; every time is shown in the
 * subscriber's own zone and locale.
 */
export function progressView(
  subscriber: Subscriber,
  courseInfo: Pick<CompiledCourse, 'emails' | 'sequence'>,
  checkIns: readonly { step: number | null }[],
  now: Date,
): ProgressView {
  const { sequence } = courseInfo;
  const lessons = sequence.filter((e) => e.step !== null);
  const sent = sequence.slice(0, subscriber.position).filter((e) => e.step !== null);
  const current = sent.at(-1)?.step ?? 0;
  const courseDone = subscriber.position >= sequence.length;
  const answered = new Set(checkIns.map((c) => c.step));
  if (subscriber.awaiting?.replied) answered.add(subscriber.awaiting.step);
  const steps: StepView[] = lessons.map((entry) => {
    const step = entry.step as number;
    const state: StepState =
      step < current || (step === current && courseDone)
        ? 'done'
        : step === current
          ? 'current'
          : 'upcoming';
    return {
      step,
      title: stepTitle(courseInfo, entry.emailId),
      state,
      replied: answered.has(step),
    };
  });
  const total = lessons.length;
  const currentView = steps.find((s) => s.state === 'current');
  let headline: string;
  if (subscriber.status === 'pending') headline = 'Waiting for your confirmation';
  else if (subscriber.status === 'graduated') headline = 'You graduated';
  else if (courseDone) headline = `All ${total} steps done`;
  else if (currentView) headline = `Step ${currentView.step} of ${total}: ${currentView.title}`;
  else headline = 'Getting started';

  let next: ProgressView['next'] = null;
  if (subscriber.status === 'active') {
    // Nudges only come if no reply does and notes are receipts: "next" is the course's next step.
    const course = subscriber.agenda.filter((i) => i.kind === 'lesson' || i.kind === 'check-in');
    const others = subscriber.agenda.filter((i) => i.kind === 'follow-up');
    const upcoming = nextItem({ agenda: course }) ?? nextItem({ agenda: others });
    if (upcoming) {
      next = {
        label: itemLabel(upcoming, courseInfo),
        when: formatLocal(new Date(upcoming.dueAt), subscriber),
      };
    }
  }
  return {
    status: subscriber.status,
    statusLabel: statusLabels[subscriber.status],
    headline,
    statusNote: statusNote(subscriber),
    steps,
    repeatPhase: subscriber.status === 'graduated' ? 'done' : courseDone ? 'current' : 'upcoming',
    next,
    meetingsThisMonth: meetingsThisMonth(subscriber.meetings, now, subscriber.timezone).count,
  };
}
