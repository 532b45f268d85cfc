/** A target a figure is held to. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

/** One measured figure, its target and what else is worth printing beside it. */
export interface Figure {
  /** Stable key, also used in the JSON output. */
  name: string;
  /** The measured value, or null when it could not be measured (see `notes`). */
  value: number | null;
  /** Unit shown after the value (`x` for ratios). */
  unit: string;
  /** The target it is held to, or null for a figure reported without one. */
  target: Target | null;
  /** Supporting numbers, printed under the figure and included in the JSON. */
  details: Record<string, number | string>;
  /** What the number means or why it is missing; also what dominates a miss. */
  notes: string[];
}

/** True when the figure meets its target (or has none); a figure that could not be measured fails. */
export function passes(figure: Figure): boolean {
  if (figure.value === null || !Number.isFinite(figure.value)) return false;
  if (figure.target === null) return true;
  return figure.target.op === '<='
    ? figure.value <= figure.target.value
    : figure.value >= figure.target.value;
}

/** Rounds for display: more digits for small numbers, none for large ones. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** The figures as a plain-text table: value beside target, PASS or MISS, details indented below. */
export function renderTable(figures: readonly Figure[]): string {
  // Ratios keep two decimals (1.00x, not 1x): the targets sit close to 1.
  const show = (value: number, unit: string) =>
    unit === 'x'
      ? `${Math.abs(value) < 100 ? value.toFixed(2) : formatNumber(value)}x`
      : `${formatNumber(value)} ${unit}`;
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? 'n/a' : show(f.value, f.unit),
    f.target
      ? `${f.target.op} ${formatNumber(f.target.value)}${f.unit === 'x' ? 'x' : ` ${f.unit}`}`
      : '-',
    f.target === null && f.value !== null ? 'REPORTED' : passes(f) ? 'PASS' : 'MISS',
  ]);
  const header = ['figure', 'value', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  figures.forEach((figure, index) => {
    out.push(line(rows[index] ?? []));
    for (const [key, value] of Object.entries(figure.details)) {
      out.push(`    ${key}: ${typeof value === 'number' ? formatNumber(value) : value}`);
    }
    for (const note of figure.notes) out.push(`    - ${note}`);
  });
  return out.join('\n');
}

/** Progress and diagnostics: always stderr, so `--json` keeps stdout to one object. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
