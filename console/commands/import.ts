import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { type ImportOutcome, importSubscriber } from '../../functions/app/operator.ts';
import { pacedMailer } from '../../functions/app/paced-mailer.ts';
import { defaultTickOptions } from '../../functions/app/run-due.ts';
import { tickSendRate } from '../../functions/core/send-rate.ts';
import { consoleDeps, courseIdOption } from '../deps.ts';
import { type ImportRow, parseImportCsv } from '../import-csv.ts';
import { ConsoleError, type ConsoleIo, printJson, progressBar } from '../io.ts';
import { openTarget } from '../target.ts';

export interface ImportOptions {
  dryRun?: boolean;
  course?: string;
  json?: boolean;
  stack?: string;
}

/** What one row did (or, in a dry run, would do). */
interface RowResult {
  line: number;
  email: string;
  outcome: ImportOutcome | 'failed';
  /** Emails sent for this row right away (lesson 1, or the confirmation). */
  sent: string[];
  error?: string;
}

/** Rows imported at once; the sends they make share one paced mailer. */
const workers = 4;

const describe: Record<RowResult['outcome'], string> = {
  started: 'started the course (consent on file)',
  invited: 'sent the confirmation email (double opt-in)',
  known: 'already known, left as it is',
  failed: 'failed',
};

function summary(results: readonly RowResult[], dryRun: boolean) {
  const count = (outcome: RowResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length;
  return {
    rows: results.length,
    started: count('started'),
    invited: count('invited'),
    known: count('known'),
    failed: count('failed'),
    emailsSent: dryRun ? 0 : results.reduce((n, r) => n + r.sent.length, 0),
  };
}

/** Sends at the tick's share of the account's rate: SES_MAX_SEND_RATE, or what SES says. */
async function pacedDeps(deps: CoachDeps, maxSendRate: number | undefined): Promise<CoachDeps> {
  const rate = maxSendRate ?? (await deps.mailer.maxSendRate?.());
  if (rate === undefined) throw new ConsoleError('no SES maximum send rate: set SES_MAX_SEND_RATE');
  return {
    ...deps,
    mailer: pacedMailer(deps.mailer, deps.timer, {
      ratePerSecond: tickSendRate(rate),
      maxAttempts: defaultTickOptions.maxSendAttempts,
    }),
  };
}

/**
 * `coach import <file.csv>`: brings a list in. Every row is checked first and
 * nothing is imported while any row is wrong; then each person gets the
 * double opt-in, or, with consent evidence, the course at once. A known
 * address is never changed, so a rerun imports nothing twice.
 */
export async function importCommand(
  io: ConsoleIo,
  file: string,
  options: ImportOptions,
): Promise<void> {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new ConsoleError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code})`);
  }
  const target = await openTarget(io, options);
  try {
    const deps = consoleDeps(target, io);
    const courseId = courseIdOption(options.course, deps.defaultCourse);
    const { rows, problems } = parseImportCsv(text, {
      defaultTimezone: deps.defaultTimezone,
      defaultLocale: target.config.DEFAULT_LOCALE,
      now: deps.clock.now(),
    });
    if (problems.length > 0) {
      const lines = problems.map((p) => `${file}:${p.line}: ${p.message}`);
      if (options.json) printJson(io, { imported: 0, problems: lines });
      else io.stderr.write(`${lines.join('\n')}\n`);
      throw new ConsoleError(
        `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}; nothing was imported`,
      );
    }
    const results: RowResult[] = [];
    const progress = progressBar(io, {
      label: options.dryRun ? 'checking' : 'importing',
      total: rows.length,
      json: options.json,
    });
    const sending = options.dryRun ? deps : await pacedDeps(deps, target.maxSendRate);
    let next = 0;
    const work = async (row: ImportRow): Promise<RowResult> => {
      const { email } = row.person.input;
      if (options.dryRun) {
        const known = await deps.subscribers.findIdByEmail(email);
        const outcome = known ? 'known' : row.person.consent ? 'started' : 'invited';
        return { line: row.line, email, outcome, sent: [] };
      }
      try {
        const done = await importSubscriber(sending, row.person, courseId);
        const sent =
          done.outcome === 'invited' ? ['confirm'] : done.sent.map((mail) => mail.emailId);
        return { line: row.line, email, outcome: done.outcome, sent };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { line: row.line, email, outcome: 'failed', sent: [], error: message };
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(workers, rows.length) }, async () => {
        while (next < rows.length) {
          const row = rows[next++] as ImportRow;
          results.push(await work(row));
          progress.increment();
        }
      }),
    );
    progress.stop();
    results.sort((a, b) => a.line - b.line);
    const totals = summary(results, !!options.dryRun);
    if (options.json) {
      printJson(io, { file, course: courseId, dryRun: !!options.dryRun, ...totals, results });
    } else {
      const verb = options.dryRun ? 'would be' : 'were';
      io.stdout.write(
        [
          ...results.map(
            (r) =>
              `${file}:${r.line}: ${r.email}: ${options.dryRun && r.outcome !== 'known' ? 'would be ' : ''}${describe[r.outcome]}${r.error ? ` (${r.error})` : ''}${r.sent.length > 0 ? `; sent ${r.sent.join(', ')}` : ''}`,
          ),
          '',
          `${totals.rows} rows into ${courseId}: ${totals.started} ${verb} started, ${totals.invited} ${verb} invited, ${totals.known} already known${totals.failed ? `, ${totals.failed} failed` : ''}${options.dryRun ? ' (dry run: nothing changed, nothing sent)' : `; ${totals.emailsSent} emails sent now`}`,
          '',
        ].join('\n'),
      );
    }
    if (totals.failed > 0) {
      throw new ConsoleError(`${totals.failed} rows failed; run the import again to retry them`);
    }
  } finally {
    target.destroy();
  }
}
