import type { CompiledCourse } from '../../functions/core/course.ts';
import {
  type CounterSnapshot,
  counter,
  type StatusBucket,
  statusBuckets,
} from '../../functions/core/stats-counters.ts';

/**
 * `coach stats` from the counter items (core/stats-counters.ts): pure, so the
 * arithmetic is tested without a table. Days are UTC dates `YYYY-MM-DD`.
 */

/** The days a report covers, inclusive, and the last day counters exist for. */
export interface StatsWindow {
  since: string;
  until: string;
  /** Today (the stack's clock): the day the status totals are as of. */
  today: string;
}

/** What a course is, as the report names its steps. */
export type CourseShape = Pick<CompiledCourse, 'id' | 'title' | 'sequence' | 'emails'>;

export interface FunnelRow {
  key: string;
  label: string;
  count: number;
  /** Share of the confirmed (of the signed up, for the confirmed row); null when there is none. */
  share: number | null;
}

export interface StepRate {
  step: number;
  title: string;
  sent: number;
  replied: number;
  /** Replies read as check-ins per lesson sent; someone who replies twice counts twice. */
  rate: number | null;
}

export interface CohortRow {
  week: string;
  confirmed: number;
  /** Lessons sent, by step, to people who confirmed that week. */
  lessonsSent: number[];
  replies: number;
  firstMeetings: number;
  monthlyTarget: number;
  finished: number;
  left: number;
}

export interface CourseStats {
  course: string;
  title: string;
  since: string;
  until: string;
  funnel: FunnelRow[];
  replyRates: StepRate[];
  meetings: {
    /** People logged as met in the window. */
    logged: number;
    firstMeetings: number;
    /** Median whole days from confirming to the first logged meeting, over first meetings in the window. */
    medianDaysToFirst: number | null;
    /** Subscriber-months spent in the course (active or paused) in the window. */
    activeSubscriberMonths: number;
    perActiveSubscriberPerMonth: number | null;
  };
  leaving: {
    byReason: Record<string, number>;
    /** Every reason and step with a count, most first. */
    byStep: { reason: string; step: number | null; count: number }[];
    graduated: number;
  };
  reader: {
    checkIns: number;
    autoReplies: number;
    rejected: number;
    duplicates: number;
    commands: Record<string, number>;
    corrections: Record<string, number>;
    sendsUnknown: number;
  };
  /** How many people are in each status now (the status totals, not the window). */
  now: Record<StatusBucket, number>;
  cohorts: CohortRow[];
}

const dayMs = 86_400_000;
/** Average days in a month, for subscriber-months. */
const monthDays = 30.436875;

/** Adds the counts of every item into one record. */
export function sumCounts(items: readonly { counts: Record<string, number> }[]) {
  const sum: Record<string, number> = {};
  for (const { counts } of items) {
    for (const [name, value] of Object.entries(counts)) sum[name] = (sum[name] ?? 0) + value;
  }
  return sum;
}

/** Counters whose name starts with `prefix|`, keyed by the rest of the name. */
function byPrefix(counts: Record<string, number>, prefix: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [name, value] of Object.entries(counts)) {
    if (name.startsWith(`${prefix}|`) && value !== 0) found[name.slice(prefix.length + 1)] = value;
  }
  return found;
}

/** The median of a histogram `{value: how many}`; null when it is empty. */
export function histogramMedian(histogram: Record<string, number>): number | null {
  const values = Object.entries(histogram)
    .map(([value, count]) => [Number(value), count] as const)
    .filter(([value, count]) => Number.isFinite(value) && count > 0)
    .sort((a, b) => a[0] - b[0]);
  const n = values.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const [value, count] of values) {
      seen += count;
      if (index < seen) return value;
    }
    return values.at(-1)?.[0] ?? 0;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** Every date from `since` to `until`, inclusive. */
export function datesBetween(since: string, until: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(since); t <= Date.parse(until); t += dayMs) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/**
 * Subscriber-days in the course over the window: the in-course total now,
 * walked back through each day's net change to the end of every window day.
 */
export function inCourseDays(snapshot: CounterSnapshot, window: StatsWindow): number {
  const name = counter.status('in-course');
  const change = new Map(snapshot.days.map((d) => [d.date, d.counts[name] ?? 0]));
  let atEndOfDay = snapshot.total[name] ?? 0;
  let total = 0;
  for (const date of datesBetween(window.since, window.today).reverse()) {
    if (date <= window.until) total += Math.max(0, atEndOfDay);
    atEndOfDay -= change.get(date) ?? 0;
  }
  return total;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The report of one course over the window, from its counter items. */
export function computeStats(
  snapshot: CounterSnapshot,
  course: CourseShape,
  window: StatsWindow,
): CourseStats {
  const inWindow = snapshot.days.filter((d) => d.date >= window.since && d.date <= window.until);
  const sum = sumCounts(inWindow);
  const get = (name: string) => sum[name] ?? 0;
  const lessons = course.sequence.filter((entry) => entry.step !== null);
  const closing = course.sequence.filter((entry) => entry.step === null).at(-1);
  const title = (emailId: string) => course.emails[emailId]?.subject ?? emailId;

  const confirmed = get(counter.confirmed);
  const funnel: FunnelRow[] = [
    { key: 'signed-up', label: 'signed up', count: get(counter.signedUp), share: null },
    {
      key: 'confirmed',
      label: 'confirmed',
      count: confirmed,
      share: share(confirmed, get(counter.signedUp)),
    },
  ];
  const row = (key: string, label: string, count: number) =>
    funnel.push({ key, label, count, share: share(count, confirmed) });
  const replyRates: StepRate[] = [];
  for (const entry of lessons) {
    const step = entry.step as number;
    const sent = get(counter.sent(entry.emailId));
    const replied = get(counter.replied(step));
    row(`sent-${step}`, `lesson ${step} sent`, sent);
    row(`replied-${step}`, `replied to lesson ${step}`, replied);
    replyRates.push({
      step,
      title: title(entry.emailId),
      sent,
      replied,
      rate: share(replied, sent),
    });
  }
  if (closing) row('finished', 'finished the course', get(counter.sent(closing.emailId)));
  row('monthly-target', '2+ meetings logged in a month', get(counter.monthlyTarget));

  const activeSubscriberMonths = inCourseDays(snapshot, window) / monthDays;
  const logged = get(counter.met);
  const leftCounts = byPrefix(sum, 'left');
  const byReason: Record<string, number> = {};
  const byStep = Object.entries(leftCounts)
    .map(([key, count]) => {
      const [reason = '', step = '-'] = key.split('|');
      byReason[reason] = (byReason[reason] ?? 0) + count;
      return { reason, step: step === '-' ? null : Number(step), count };
    })
    .sort(
      (a, b) =>
        b.count - a.count || (a.step ?? 0) - (b.step ?? 0) || a.reason.localeCompare(b.reason),
    );

  const now = Object.fromEntries(
    statusBuckets.map((bucket) => [bucket, snapshot.total[counter.status(bucket)] ?? 0]),
  ) as Record<StatusBucket, number>;

  const cohorts = snapshot.cohorts.map(({ week, counts }) => {
    const c = (name: string) => counts[name] ?? 0;
    return {
      week,
      confirmed: c(counter.confirmed),
      lessonsSent: lessons.map((entry) => c(counter.sent(entry.emailId))),
      replies: Object.values(byPrefix(counts, 'replied')).reduce((a, b) => a + b, 0),
      firstMeetings: c(counter.firstMet),
      monthlyTarget: c(counter.monthlyTarget),
      finished: closing ? c(counter.sent(closing.emailId)) : 0,
      left: Object.values(byPrefix(counts, 'left')).reduce((a, b) => a + b, 0),
    };
  });

  return {
    course: course.id,
    title: course.title,
    since: window.since,
    until: window.until,
    funnel,
    replyRates,
    meetings: {
      logged,
      firstMeetings: get(counter.firstMet),
      medianDaysToFirst: histogramMedian(byPrefix(sum, 'firstMetDays')),
      activeSubscriberMonths,
      perActiveSubscriberPerMonth:
        activeSubscriberMonths > 0 ? logged / activeSubscriberMonths : null,
    },
    leaving: { byReason, byStep, graduated: get(counter.finished) },
    reader: {
      checkIns: get(counter.reply('check-in')),
      autoReplies: get(counter.reply('auto-reply')),
      rejected: get(counter.reply('rejected')),
      duplicates: get(counter.reply('duplicate')),
      commands: byPrefix(sum, 'command'),
      corrections: byPrefix(sum, 'correction'),
      sendsUnknown: get(counter.sendUnknown),
    },
    now,
    cohorts,
  };
}

/** Mail about nobody known (a stranger's reply, a forged address), counted apart from every course. */
export function unattributed(snapshot: CounterSnapshot, window: StatsWindow) {
  const sum = sumCounts(
    snapshot.days.filter((d) => d.date >= window.since && d.date <= window.until),
  );
  return {
    rejected: sum[counter.reply('rejected')] ?? 0,
    autoReplies: sum[counter.reply('auto-reply')] ?? 0,
    duplicates: sum[counter.reply('duplicate')] ?? 0,
  };
}
