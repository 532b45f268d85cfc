import { parse } from 'csv-parse/sync';
import type { ImportedPerson } from '../functions/app/operator.ts';
import { ValidationError } from '../functions/core/errors.ts';
import { normalizeEmail, parseSignup } from '../functions/core/subscriber.ts';

/**
 * Reading the CSV `coach import` takes. Pure: every problem names its line
 * (the file's own line numbers, header = 1), and one bad row stops nothing
 * from being reported: the operator fixes the file in one pass.
 */

/** The columns a list may have; only `email` is required. */
export const importColumns = ['email', 'name', 'timezone', 'locale', 'consented_at', 'source'];

export interface ImportRow {
  line: number;
  person: ImportedPerson;
}

export interface RowProblem {
  line: number;
  message: string;
}

const maxOriginLength = 200;

/** `2025-11-03` or an ISO date-time with its zone, as an ISO instant; null when unreadable. */
function consentTime(value: string): string | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(
    value,
  );
  if (!dateOnly && !dateTime) return null;
  const at = new Date(dateOnly ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
  if (Number.isNaN(at.getTime())) return null;
  if (dateOnly && at.toISOString().slice(0, 10) !== value) return null;
  return at.toISOString();
}

function personOf(
  fields: Record<string, string>,
  line: number,
  options: { defaultTimezone: string; defaultLocale: string; now: Date },
): { person?: ImportedPerson; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ line, message: `${field}: ${message}` });
  // The signup's own validation stops at the first bad field: stand in a
  // valid value for it and read on, so every bad field of the row is named.
  const signup: Record<string, string> = {
    email: fields.email ?? '',
    name: fields.name ?? '',
    timezone: fields.timezone ?? '',
    locale: fields.locale ?? '',
  };
  const standIns: Record<string, string> = { email: 'valid@example.com' };
  let input: ImportedPerson['input'] | undefined;
  for (let attempt = 0; attempt < 4 && !input; attempt++) {
    try {
      input = parseSignup(signup, options.defaultTimezone, options.defaultLocale);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problem(error.field, `${error.reason} ("${fields[error.field] ?? ''}")`);
      signup[error.field] = standIns[error.field] ?? '';
    }
  }
  if (problems.length > 0) input = undefined;
  const consentedAt = fields.consented_at ?? '';
  const origin = (fields.source ?? '').replace(/\s+/g, ' ');
  let consent: ImportedPerson['consent'] = null;
  if (consentedAt) {
    const at = consentTime(consentedAt);
    if (!at) {
      problem(
        'consented_at',
        `"${consentedAt}" is not a date like 2025-11-03 or 2025-11-03T09:30:00Z`,
      );
    } else if (Date.parse(at) > options.now.getTime()) {
      problem('consented_at', `"${consentedAt}" is in the future`);
    }
    if (!origin) {
      problem('source', 'says where the consent was given; required with consented_at');
    } else if (origin.length > maxOriginLength) {
      problem('source', `must be at most ${maxOriginLength} characters`);
    } else if (/[\p{Cc}\p{Cf}]/u.test(origin)) {
      problem('source', 'has control characters');
    }
    if (at) consent = { at, origin };
  } else if (origin) {
    problem(
      'source',
      'is given without consented_at: add when the consent was given, or leave source empty to send the confirmation email',
    );
  }
  return problems.length > 0 || !input ? { problems } : { person: { input, consent }, problems };
}

/** Parses a whole list: the rows to import, or every problem found. */
export function parseImportCsv(
  text: string,
  options: { defaultTimezone: string; defaultLocale: string; now: Date },
): { rows: ImportRow[]; problems: RowProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, '') : '';
    return { rows: [], problems: [{ line, message: `not readable as CSV: ${message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const problems: RowProblem[] = [];
  const headerLine = header.info.lines;
  for (const [i, name] of columns.entries()) {
    if (!importColumns.includes(name)) {
      problems.push({
        line: headerLine,
        message: `unknown column "${header.record[i]}" (columns: ${importColumns.join(', ')})`,
      });
    } else if (columns.indexOf(name) !== i) {
      problems.push({ line: headerLine, message: `column "${name}" appears twice` });
    }
  }
  if (!columns.includes('email')) {
    problems.push({ line: headerLine, message: 'no "email" column in the header' });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: ImportRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of body) {
    // `lines` is where the record ends; a quoted field may span lines.
    const line = info.lines - record.join('').split('\n').length + 1;
    if (record.length !== columns.length) {
      problems.push({
        line,
        message: `has ${record.length} fields where the header has ${columns.length}`,
      });
      continue;
    }
    const fields = Object.fromEntries(columns.map((name, i) => [name, record[i] ?? '']));
    const parsed = personOf(fields, line, options);
    problems.push(...parsed.problems);
    // Twice in one file is a mistake whether or not the first row was right.
    const email = normalizeEmail(fields.email ?? '');
    const seen = email ? firstLine.get(email) : undefined;
    if (seen !== undefined) {
      problems.push({ line, message: `email: ${email} is already on line ${seen}` });
      continue;
    }
    if (email) firstLine.set(email, line);
    if (parsed.person) rows.push({ line, person: parsed.person });
  }
  return { rows, problems };
}
