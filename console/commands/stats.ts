import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DailyCounters } from '../../functions/adapters/daily-counters.ts';
import { isoWeek } from '../../functions/core/course-events.ts';
import { type CounterSnapshot, noCourse } from '../../functions/core/stats-counters.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { courseIdOption } from '../deps.ts';
import { ConsoleError, type ConsoleIo, printJson } from '../io.ts';
import {
  type CourseStats,
  computeStats,
  type StatsWindow,
  unattributed,
} from '../stats/compute.ts';
import { statsHtml } from '../stats/html.ts';
import { statsText } from '../stats/text.ts';
import { openTarget } from '../target.ts';

export interface StatsOptions {
  since?: string;
  until?: string;
  course?: string;
  html?: string;
  json?: boolean;
  stack?: string;
}

/** Reads `YYYY-MM-DD` (a real date) for an option, or throws naming it. */
export function dayOption(name: string, value: string): string {
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid) throw new ConsoleError(`${name}: "${value}" is not a date like 2026-03-02`);
  return value;
}

/** The earliest day any snapshot has counters for. */
function firstDay(snapshots: readonly CounterSnapshot[]): string | undefined {
  return snapshots
    .flatMap((s) => s.days.map((d) => d.date))
    .sort()
    .at(0);
}

/** `coach stats`: the funnel and everything beside it, from the daily counters. */
export async function statsCommand(io: ConsoleIo, options: StatsOptions): Promise<void> {
  const since = options.since === undefined ? undefined : dayOption('--since', options.since);
  const untilGiven = options.until === undefined ? undefined : dayOption('--until', options.until);
  if (since && untilGiven && since > untilGiven) {
    throw new ConsoleError(`--since ${since} is after --until ${untilGiven}`);
  }
  const target = await openTarget(io, options);
  try {
    const courseIds = options.course
      ? [courseIdOption(options.course, target.config.DEFAULT_COURSE)]
      : Object.keys(compiledCourses);
    const today = target.clock.now().toISOString().slice(0, 10);
    const until = untilGiven ?? today;
    if (since && since > until) {
      throw new ConsoleError(`--since ${since} is after --until ${until} (today, unless given)`);
    }
    const last = [until, today].sort().at(-1) ?? today;
    const counters = new DailyCounters(target.dynamodb, target.config.TABLE_NAME);
    const range = {
      fromDate: since ?? '0000-01-01',
      toDate: last,
      fromWeek: since ? isoWeek(new Date(`${since}T00:00:00Z`)) : '0000-W00',
      toWeek: isoWeek(new Date(`${until}T00:00:00Z`)),
    };
    const snapshots = await Promise.all(
      [...courseIds, noCourse].map((course) => counters.read(course, range)),
    );
    const window: StatsWindow = {
      since: since ?? firstDay(snapshots) ?? until,
      until,
      today: last,
    };
    const courses: CourseStats[] = courseIds.flatMap((id, i) => {
      const course = compiledCourses[id];
      const snapshot = snapshots[i];
      if (!course || !snapshot) return [];
      const stats = computeStats(snapshot, course, window);
      // Unasked, a course nobody has taken yet (a new follow-on) is left out rather than charted as zeros.
      const taken =
        stats.funnel.some((r) => r.count > 0) || Object.values(stats.now).some((n) => n > 0);
      return options.course || taken ? [stats] : [];
    });
    const strangers = unattributed(snapshots.at(-1) as CounterSnapshot, window);
    const report = {
      since: window.since,
      until: window.until,
      generatedAt: target.clock.now().toISOString(),
      courses,
      unattributed: strangers,
    };
    if (options.html) {
      const file = resolve(io.cwd, options.html);
      writeFileSync(file, statsHtml(report, strangers));
      if (options.json) printJson(io, { html: file, ...report });
      else io.stdout.write(`wrote ${options.html} (${window.since} to ${window.until})\n`);
      return;
    }
    if (options.json) {
      printJson(io, report);
      return;
    }
    io.stdout.write(courses.map(statsText).join('\n'));
    io.stdout.write(
      `\nMail from unknown senders: ${strangers.rejected} rejected, ${strangers.autoReplies} automatic, ${strangers.duplicates} duplicates.\n`,
    );
  } finally {
    target.destroy();
  }
}
