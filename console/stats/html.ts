import { escapeHtml } from '../../functions/core/render.ts';
import type { CourseStats } from './compute.ts';
import { decimal, percent } from './text.ts';

/**
 * `coach stats --html`: the report as one self-contained page. The charts are
 * inline SVG; there is no script and nothing is fetched (a CSP says so), so
 * the file can be mailed or archived as it is.
 */

const colors = ['#2f6f5e', '#8fb9a8', '#c9812f', '#5b6f9e', '#b5495b'];
const esc = (value: string | number) => escapeHtml(String(value));

function funnelChart(stats: CourseStats): string {
  const rows = stats.funnel;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const labelWidth = 230;
  const barWidth = 380;
  const rowHeight = 26;
  const height = rows.length * rowHeight + 10;
  const bars = rows
    .map((row, i) => {
      const y = 5 + i * rowHeight;
      const width = Math.max(row.count > 0 ? 2 : 0, (row.count / max) * barWidth);
      const fill = row.key.startsWith('replied') ? colors[1] : colors[0];
      const share = row.share === null ? '' : ` (${percent(row.share)})`;
      return [
        `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${esc(row.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${fill}" rx="2"/>`,
        `<text x="${labelWidth + width + 6}" y="${y + 16}">${esc(row.count)}${esc(share)}</text>`,
      ].join('');
    })
    .join('\n');
  return svg(labelWidth + barWidth + 90, height, 'Funnel', bars);
}

function replyRateChart(stats: CourseStats): string {
  const steps = stats.replyRates;
  const chartHeight = 160;
  const barWidth = 64;
  const gap = 36;
  const left = 44;
  const width = left + steps.length * (barWidth + gap) + 10;
  const axis = [0, 0.25, 0.5, 0.75, 1]
    .map((tick) => {
      const y = 10 + chartHeight - tick * chartHeight;
      return `<line x1="${left - 4}" x2="${width - 6}" y1="${y}" y2="${y}" stroke="#d9e2ec"/><text x="${left - 8}" y="${y + 4}" text-anchor="end" class="small">${tick * 100}%</text>`;
    })
    .join('');
  const bars = steps
    .map((s, i) => {
      const x = left + gap / 2 + i * (barWidth + gap);
      const rate = Math.min(1, s.rate ?? 0);
      const h = rate * chartHeight;
      const y = 10 + chartHeight - h;
      return [
        `<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}" fill="${colors[0]}" rx="2"/>`,
        `<text x="${x + barWidth / 2}" y="${(y - 5).toFixed(1)}" text-anchor="middle">${esc(percent(s.rate))}</text>`,
        `<text x="${x + barWidth / 2}" y="${chartHeight + 28}" text-anchor="middle">Lesson ${s.step}</text>`,
        `<text x="${x + barWidth / 2}" y="${chartHeight + 44}" text-anchor="middle" class="small">${s.replied} of ${s.sent}</text>`,
      ].join('');
    })
    .join('\n');
  return svg(width, chartHeight + 52, 'Reply rate per lesson', axis + bars);
}

function cohortChart(stats: CourseStats): string {
  const series = [
    { name: 'confirmed', value: (c: CourseStats['cohorts'][number]) => c.confirmed },
    {
      name: `got lesson ${stats.replyRates.at(-1)?.step ?? ''}`,
      value: (c: CourseStats['cohorts'][number]) => c.lessonsSent.at(-1) ?? 0,
    },
    { name: 'first meeting', value: (c: CourseStats['cohorts'][number]) => c.firstMeetings },
    {
      name: '2+ meetings in a month',
      value: (c: CourseStats['cohorts'][number]) => c.monthlyTarget,
    },
    { name: 'left', value: (c: CourseStats['cohorts'][number]) => c.left },
  ];
  const cohorts = stats.cohorts;
  const max = Math.max(1, ...cohorts.flatMap((c) => series.map((s) => s.value(c))));
  const chartHeight = 150;
  const bar = 14;
  const groupWidth = series.length * bar + 26;
  const left = 36;
  const width = Math.max(420, left + cohorts.length * groupWidth + 10);
  const groups = cohorts
    .map((c, i) => {
      const x0 = left + i * groupWidth + 10;
      const bars = series
        .map((s, j) => {
          const h = (s.value(c) / max) * chartHeight;
          const y = 10 + chartHeight - h;
          return `<rect x="${x0 + j * bar}" y="${y.toFixed(1)}" width="${bar - 2}" height="${h.toFixed(1)}" fill="${colors[j]}"><title>${esc(c.week)}: ${esc(s.name)} ${s.value(c)}</title></rect>`;
        })
        .join('');
      return `${bars}<text x="${x0 + (series.length * bar) / 2}" y="${chartHeight + 28}" text-anchor="middle" class="small">${esc(c.week)}</text>`;
    })
    .join('\n');
  const legend = series
    .map(
      (s, j) =>
        `<rect x="${left + j * 150}" y="${chartHeight + 42}" width="12" height="12" fill="${colors[j]}"/><text x="${left + j * 150 + 18}" y="${chartHeight + 52}" class="small">${esc(s.name)}</text>`,
    )
    .join('');
  const baseline = `<line x1="${left}" x2="${width - 6}" y1="${10 + chartHeight}" y2="${10 + chartHeight}" stroke="#9aa5b1"/>`;
  return svg(
    Math.max(width, left + series.length * 150),
    chartHeight + 64,
    'Weekly cohorts',
    baseline + groups + legend,
  );
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" role="img" aria-label="${esc(title)}">${body}</svg>`;
}

function rows(cells: readonly (readonly (string | number)[])[]): string {
  return cells
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => (i === 0 ? `<th>${esc(cell)}</th>` : `<td>${esc(cell)}</td>`)).join('')}</tr>`,
    )
    .join('');
}

/** Leaving by reason (rows) and lesson (columns), with each reason's total. */
function leavingTable(stats: CourseStats, reasons: readonly string[]): string {
  const steps: (number | null)[] = [null, ...stats.replyRates.map((r) => r.step)];
  const count = (reason: string, step: number | null) =>
    stats.leaving.byStep.find((l) => l.reason === reason && l.step === step)?.count ?? 0;
  const head = `<tr><th></th>${steps.map((s) => `<td>${s === null ? 'before L1' : `L${s}`}</td>`).join('')}<td><b>all</b></td></tr>`;
  const body = reasons
    .map(
      (reason) =>
        `<tr><th>${esc(reason)}</th>${steps.map((s) => `<td>${count(reason, s)}</td>`).join('')}<td><b>${stats.leaving.byReason[reason] ?? 0}</b></td></tr>`,
    )
    .join('');
  const graduated = `<tr><th>graduated</th><td colspan="${steps.length}"></td><td><b>${stats.leaving.graduated}</b></td></tr>`;
  return `<table>${head}${body}${graduated}</table>`;
}

function courseSection(stats: CourseStats): string {
  const m = stats.meetings;
  const reasons = ['unsubscribed', 'bounced', 'complained', 'suppressed'];
  return `<section>
<h2>${esc(stats.title)} <span class="muted">(${esc(stats.course)})</span></h2>
<div class="cards">
${[
  ['signed up', stats.funnel[0]?.count ?? 0],
  ['confirmed', stats.funnel[1]?.count ?? 0],
  ['in the course now', stats.now['in-course']],
  ['people met', m.logged],
  ['meetings per active subscriber per month', decimal(m.perActiveSubscriberPerMonth, 2)],
  ['median days to a first meeting', decimal(m.medianDaysToFirst)],
]
  .map(
    ([label, value]) =>
      `<div class="card"><b>${esc(value ?? '-')}</b><span>${esc(label ?? '')}</span></div>`,
  )
  .join('\n')}
</div>
<h3>Funnel</h3>
${funnelChart(stats)}
<h3>Reply rate per lesson</h3>
${replyRateChart(stats)}
<h3>Weekly cohorts</h3>
${stats.cohorts.length > 0 ? cohortChart(stats) : '<p class="muted">No one confirmed in these weeks.</p>'}
<div class="columns">
<div><h3>Where people leave</h3>${leavingTable(stats, reasons)}</div>
<div><h3>What the reader did</h3><table>${rows([
    ['check-ins', stats.reader.checkIns],
    ['automatic replies', stats.reader.autoReplies],
    ['rejected mail', stats.reader.rejected],
    ['duplicates', stats.reader.duplicates],
    ['reader corrections', Object.values(stats.reader.corrections).reduce((a, b) => a + b, 0)],
    ...Object.entries(stats.reader.commands).map(([c, n]) => [`command: ${c}`, n]),
    ...Object.entries(stats.reader.corrections).map(([c, n]) => [`correction: ${c}`, n]),
  ])}</table></div>
<div><h3>Now</h3><table>${rows(Object.entries(stats.now))}</table></div>
</div>
</section>`;
}

const style = `
body { font: 15px/1.5 -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2933; background: #f4f1ec; margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
section { background: #fff; border-radius: 8px; padding: 8px 24px 24px; margin-bottom: 24px; }
h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 20px; } h3 { font-size: 15px; margin: 20px 0 6px; color: #3e4c59; }
.muted, .small { color: #52606d; } .small { font-size: 11px; fill: #52606d; }
svg { display: block; max-width: 100%; height: auto; font-size: 13px; fill: #1f2933; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(135px, 1fr)); gap: 12px; }
.card { background: #e8f0ec; border-radius: 6px; padding: 10px 14px; }
.card b { display: block; font-size: 22px; } .card span { font-size: 12px; color: #3e4c59; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; } .columns > div { flex: 1; min-width: 220px; }
.columns > div:first-child { flex: 2; min-width: 340px; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 3px 6px; border-bottom: 1px solid #e4e7eb; font-size: 13px; }
th { text-align: left; font-weight: normal; } td { text-align: right; }
`;

/** The whole report page. */
export function statsHtml(
  report: { since: string; until: string; generatedAt: string; courses: CourseStats[] },
  unattributed: { rejected: number },
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>drip-coach stats ${esc(report.since)} to ${esc(report.until)}</title>
<style>${style}</style>
</head>
<body><main>
<h1>How the course is doing</h1>
<p class="muted">${esc(report.since)} to ${esc(report.until)} (UTC days); statuses and cohorts as of ${esc(report.generatedAt)}. Mail from unknown senders rejected: ${esc(unattributed.rejected)}.</p>
${report.courses.map(courseSection).join('\n')}
</main></body>
</html>
`;
}
