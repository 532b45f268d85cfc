import type { CourseEvent } from './course-events.ts';
import type { SubscriberStatus } from './subscriber.ts';

/**
 * The running counters `coach stats` reads: what each course event adds to
 * which item. Three kinds of item per course: one per UTC day (what happened
 * that day), one per weekly cohort (what happened, ever, to the people who
 * confirmed that ISO week) and one total (how many people are in each status
 * now). Pure: the DynamoDB adapter turns each item's additions into one
 * atomic `ADD`.
 */

/** Where a counter lives. */
export type CounterItem =
  | { kind: 'day'; date: string }
  | { kind: 'cohort'; week: string }
  | { kind: 'total' };

/** Additions to one item of one course. */
export interface CounterUpdate {
  /** The course, or {@link noCourse} for mail nobody could be found for. */
  course: string;
  item: CounterItem;
  add: Record<string, number>;
}

/** The course key of events about nobody known (a rejected stranger's mail). */
export const noCourse = '_none';

/**
 * Statuses as the counters keep them. The tick moves subscribers between
 * active and paused without a change event, so the two are one bucket.
 */
export type StatusBucket = 'pending' | 'in-course' | 'graduated' | 'unsubscribed' | 'suppressed';
export const statusBuckets: readonly StatusBucket[] = [
  'pending',
  'in-course',
  'graduated',
  'unsubscribed',
  'suppressed',
];

export function statusBucket(status: SubscriberStatus): StatusBucket {
  return status === 'active' || status === 'paused' ? 'in-course' : status;
}

/** Counter names: flat attribute names, so every update is a plain `ADD`. */
export const counter = {
  signedUp: 'signedUp',
  confirmed: 'confirmed',
  finished: 'finished',
  sendUnknown: 'sendUnknown',
  /** Ticks that found an unknown send SES's record could not settle yet. */
  sendUnresolved: 'sendUnresolved',
  /** People logged as met (the sum of every `met` event's count). */
  met: 'met',
  /** Subscribers whose first meeting was logged. */
  firstMet: 'firstMet',
  /** Subscriber-months that reached the monthly meetings target. */
  monthlyTarget: 'monthlyTarget',
  sent: (emailId: string) => `sent|${emailId}`,
  reply: (outcome: string) => `reply|${outcome}`,
  /** Replies read as check-ins that answer a lesson's step. */
  replied: (step: number) => `replied|${step}`,
  command: (command: string) => `command|${command}`,
  correction: (field: string) => `correction|${field}`,
  left: (reason: string, step: number | null) => `left|${reason}|${step ?? '-'}`,
  firstMetAfterDays: (days: number) => `firstMetDays|${days}`,
  /** Net change of a status bucket (day items), or its size (the total item). */
  status: (bucket: StatusBucket) => `status|${bucket}`,
} as const;

/** The counters one event adds to its day and cohort items; status changes apart. */
function eventCounters(event: CourseEvent): Record<string, number> {
  switch (event.type) {
    case 'signed-up':
      return { [counter.signedUp]: 1 };
    case 'confirmed':
      return { [counter.confirmed]: 1 };
    case 'finished':
      return { [counter.finished]: 1 };
    case 'email-sent':
      return { [counter.sent(event.emailId)]: 1 };
    case 'send-unknown':
      return { [counter.sendUnknown]: 1 };
    case 'send-unresolved':
      return { [counter.sendUnresolved]: 1 };
    case 'reply':
      return {
        [counter.reply(event.outcome)]: 1,
        ...(event.outcome === 'check-in' && event.step !== null
          ? { [counter.replied(event.step)]: 1 }
          : {}),
      };
    case 'command':
      return { [counter.command(event.command)]: 1 };
    case 'correction':
      return { [counter.correction(event.field)]: 1 };
    case 'left':
      return { [counter.left(event.reason, event.step)]: 1 };
    case 'met':
      return {
        [counter.met]: event.count,
        ...(event.firstAfterDays !== null
          ? { [counter.firstMet]: 1, [counter.firstMetAfterDays(event.firstAfterDays)]: 1 }
          : {}),
        ...(event.reachedMonthlyTarget ? { [counter.monthlyTarget]: 1 } : {}),
      };
    case 'status':
      return {};
  }
}

function statusDeltas(event: CourseEvent): Record<string, number> {
  if (event.type !== 'status') return {};
  const deltas: Record<string, number> = {};
  const to = statusBucket(event.to);
  deltas[counter.status(to)] = 1;
  if (event.from !== null) {
    const from = counter.status(statusBucket(event.from));
    deltas[from] = (deltas[from] ?? 0) - 1;
  }
  return deltas;
}

/**
 * Whether an email of a course is one the report counts: the course's own
 * sequence (lessons, the closing email). Acknowledgements, nudges and notes
 * are left to the metrics, so the common sends cost no counter write.
 */
export type CountedEmail = (courseId: string, emailId: string) => boolean;

/** The sequence emails of the given courses, as a {@link CountedEmail}. */
export function sequenceEmails(
  courses: Record<string, { sequence: readonly { emailId: string }[] }>,
): CountedEmail {
  const counted = new Set(
    Object.entries(courses).flatMap(([id, course]) =>
      course.sequence.map((entry) => `${id} ${entry.emailId}`),
    ),
  );
  return (courseId, emailId) => counted.has(`${courseId} ${emailId}`);
}

/**
 * What a batch of events adds, one update per item touched: a use case's
 * events land together, so a confirmation and its status change cost one
 * write. Additions that cancel out (active to paused) are left out, and so
 * are emails `counted` does not count.
 */
export function counterUpdates(
  events: readonly CourseEvent[],
  counted: CountedEmail = () => true,
): CounterUpdate[] {
  const updates = new Map<string, CounterUpdate>();
  const addTo = (course: string, item: CounterItem, add: Record<string, number>) => {
    const key = `${course} ${JSON.stringify(item)}`;
    let update = updates.get(key);
    if (!update) {
      update = { course, item, add: {} };
      updates.set(key, update);
    }
    for (const [name, value] of Object.entries(add)) {
      update.add[name] = (update.add[name] ?? 0) + value;
    }
  };
  for (const event of events) {
    const course = event.courseId ?? noCourse;
    if (event.type === 'email-sent' && !counted(course, event.emailId)) continue;
    const counts = eventCounters(event);
    const status = statusDeltas(event);
    addTo(course, { kind: 'day', date: event.at.slice(0, 10) }, { ...counts, ...status });
    if (event.cohort && Object.keys(counts).length > 0) {
      addTo(course, { kind: 'cohort', week: event.cohort }, counts);
    }
    if (Object.keys(status).length > 0) addTo(course, { kind: 'total' }, status);
  }
  const result: CounterUpdate[] = [];
  for (const update of updates.values()) {
    const add = Object.fromEntries(Object.entries(update.add).filter(([, value]) => value !== 0));
    if (Object.keys(add).length > 0) result.push({ ...update, add });
  }
  return result;
}

/** Counters as read back: one course's items over a range of days and weeks. */
export interface CounterSnapshot {
  /** Day items, oldest first (days without events have none). */
  days: { date: string; counts: Record<string, number> }[];
  /** Cohort items, oldest first. */
  cohorts: { week: string; counts: Record<string, number> }[];
  /** Status bucket sizes now. */
  total: Record<string, number>;
}
