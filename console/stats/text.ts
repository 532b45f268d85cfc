import type { CourseStats } from './compute.ts';

/** `0.4231` as `42%`; null as `-`. */
export function percent(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 100)}%`;
}

/** A number with at most one decimal; null as `-`. */
export function decimal(value: number | null, digits = 1): string {
  return value === null ? '-' : String(Number(value.toFixed(digits)));
}

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('   ')
        .trimEnd(),
  );
}

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

const listed = (counts: Record<string, number>) =>
  Object.keys(counts).length === 0
    ? 'none'
    : Object.entries(counts)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, count]) => `${name} ${count}`)
        .join(', ');

/** One course's report as plain text for a terminal. */
export function statsText(stats: CourseStats): string {
  const lines = [
    `${stats.title} (${stats.course}), ${stats.since} to ${stats.until} (UTC days)`,
    '',
    'Funnel',
    ...table([
      ['', 'people', 'of confirmed'],
      ...stats.funnel.map((row) => [
        row.label,
        String(row.count),
        row.key === 'signed-up'
          ? ''
          : row.key === 'confirmed'
            ? `${percent(row.share)} of signed up`
            : percent(row.share),
      ]),
    ]),
    '',
    'Reply rate per lesson (check-ins per lesson sent)',
    ...table([
      ['', 'sent', 'replies', 'rate'],
      ...stats.replyRates.map((r) => [
        `${r.step}. ${r.title.replace(/^Lesson \d+:\s*/i, '')}`,
        String(r.sent),
        String(r.replied),
        percent(r.rate),
      ]),
    ]),
    '',
    'Meetings',
    ...table([
      ['people logged as met', String(stats.meetings.logged)],
      ['first meetings', String(stats.meetings.firstMeetings)],
      ['median days, confirming to first meeting', decimal(stats.meetings.medianDaysToFirst)],
      ['subscriber-months in the course', decimal(stats.meetings.activeSubscriberMonths)],
      [
        'meetings per active subscriber per month',
        decimal(stats.meetings.perActiveSubscriberPerMonth, 2),
      ],
    ]),
    '',
    'Where people leave',
    ...table([
      ...['unsubscribed', 'bounced', 'complained', 'suppressed'].map((reason) => [
        reason,
        String(stats.leaving.byReason[reason] ?? 0),
      ]),
      ['graduated (said the habit is theirs)', String(stats.leaving.graduated)],
    ]),
    ...(stats.leaving.byStep.length > 0
      ? [
          '  by step:',
          ...stats.leaving.byStep.map(
            (l) =>
              `    ${l.reason} ${l.step === null ? 'before lesson 1' : `at lesson ${l.step}`}: ${l.count}`,
          ),
        ]
      : []),
    '',
    'What the reader did',
    ...table([
      ['check-ins', String(stats.reader.checkIns)],
      ['automatic replies', String(stats.reader.autoReplies)],
      ['rejected mail', String(stats.reader.rejected)],
      ['duplicates', String(stats.reader.duplicates)],
      ['sends with an unknown outcome', String(stats.reader.sendsUnknown)],
      // What subscribers corrected on their manage page: the reader's misreadings they caught.
      ['reader corrections', String(total(stats.reader.corrections))],
    ]),
    `  commands: ${listed(stats.reader.commands)}`,
    `  corrections: ${listed(stats.reader.corrections)}`,
    '',
    'Now',
    `  ${Object.entries(stats.now)
      .map(([bucket, count]) => `${bucket} ${count}`)
      .join(', ')}`,
  ];
  if (stats.cohorts.length > 0) {
    const steps = stats.replyRates.map((r) => `L${r.step}`);
    lines.push(
      '',
      'Weekly cohorts (by the week people confirmed; counts to date)',
      ...table([
        ['week', 'confirmed', ...steps, 'replies', 'met', '2+/month', 'finished', 'left'],
        ...stats.cohorts.map((c) => [
          c.week,
          String(c.confirmed),
          ...c.lessonsSent.map(String),
          String(c.replies),
          String(c.firstMeetings),
          String(c.monthlyTarget),
          String(c.finished),
          String(c.left),
        ]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}
