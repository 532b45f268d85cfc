import { Command, CommanderError, Option } from 'commander';
import { courseCheckCommand } from './commands/course-check.ts';
import { eraseCommand, suppressCommand } from './commands/erase.ts';
import { importCommand } from './commands/import.ts';
import { previewCommand, sendTestCommand } from './commands/preview.ts';
import { statsCommand } from './commands/stats.ts';
import { exportCommand, subscriberCommand } from './commands/subscriber.ts';
import { ConsoleError, type ConsoleIo } from './io.ts';

/** One example per command, shown by `coach --help`. */
export const examples: readonly [string, string][] = [
  ['coach stats --since 2026-03-01', 'the funnel, replies, meetings and leaving, in the terminal'],
  ['coach stats --html report.html', 'the same as a page with charts'],
  ['coach subscriber ada@example.com', "one person's timeline and what is scheduled next"],
  ['coach preview --out preview.html', 'every email of the course, desktop and phone'],
  ['coach send-test lesson-2 --to me@example.com', 'one email through SES (the local inbox)'],
  ['coach import people.csv --dry-run', 'check a list and say what importing it would do'],
  ['coach export --out subscribers.jsonl', 'every subscriber as JSON lines'],
  ['coach erase ada@example.com --yes', 'delete everything held about an address'],
  ['coach suppress ada@example.com', 'never mail an address again'],
  ['coach course check templates/relationships', 'validate a course folder'],
  ['coach stats --stack DripCoach --json', 'a deployed stack, as JSON'],
];

const stackOption = () =>
  new Option(
    '--stack <name>',
    'a deployed CloudFormation stack (its outputs and your AWS credentials) instead of the local stack',
  );
const jsonOption = () => new Option('--json', 'print JSON (and no progress bar)');

/** The program, its commands wired to `io`. A new one per run: tests run many. */
function program(io: ConsoleIo): Command {
  const root = new Command('coach')
    .description(
      "drip-coach's operator console. Works on the local stack found through DATA_DIR (default .data) " +
        'or AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SESV2 and TABLE_NAME; on a deployed stack with --stack <name>.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(coach --help lists every command)')
    .addHelpText(
      'after',
      `\nExamples:\n${examples.map(([command, what]) => `  ${command.padEnd(46)} ${what}`).join('\n')}\n`,
    );

  root
    .command('stats')
    .description(
      'the funnel, reply rate per lesson, meetings, where people leave, what the reader did',
    )
    .option('--since <date>', 'first UTC day counted, YYYY-MM-DD (default: the first day counted)')
    .option('--until <date>', 'last UTC day counted, YYYY-MM-DD (default: today)')
    .option('--course <id>', 'one course (default: every course)')
    .option('--html <file>', 'write the report as an HTML page with charts (no script, no network)')
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach stats --since 2026-03-01 --html report.html')
    .action((options) => statsCommand(io, options));

  root
    .command('subscriber <email>')
    .description(
      'one subscriber: emails sent, replies and what was read, state changes, what is next',
    )
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach subscriber ada@example.com')
    .action((email, options) => subscriberCommand(io, email, options));

  root
    .command('preview')
    .description(
      'an HTML gallery of every email of a course with sample data, desktop and phone widths',
    )
    .option('--course <id>', 'the course (default: DEFAULT_COURSE or relationships)')
    .option('--out <file>', 'where to write it (default: preview-<course>.html)')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample: coach preview --out preview.html')
    .action((options) => previewCommand(io, options));

  root
    .command('send-test <emailId>')
    .description(
      'send one email of the course, filled with sample data, through the configured SES',
    )
    .option('--to <address>', 'who gets it (required)')
    .option('--course <id>', 'the course (default: DEFAULT_COURSE)')
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach send-test lesson-2 --to me@example.com')
    .action((emailId, options) => sendTestCommand(io, emailId, options));

  root
    .command('import <file>')
    .description(
      'import a CSV list (email, name, timezone, locale, consented_at, source): double opt-in, or the course at once with consent evidence',
    )
    .option('--dry-run', 'check the file and say what would happen; change and send nothing')
    .option('--course <id>', 'the course they join (default: DEFAULT_COURSE)')
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach import people.csv --dry-run')
    .action((file, options) => importCommand(io, file, options));

  root
    .command('export')
    .description('every subscriber as JSON lines (the "Download my data" document of each)')
    .option('--out <file>', 'write to a file instead of stdout')
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach export --out subscribers.jsonl')
    .action((options) => exportCommand(io, options));

  root
    .command('erase <email>')
    .description(
      'delete every record of an address, as "Delete everything" on the manage page does',
    )
    .option('--yes', 'really erase (it cannot be undone)')
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach erase ada@example.com --yes')
    .action((email, options) => eraseCommand(io, email, options));

  root
    .command('suppress <email>')
    .description('stop all mail to an address for good, as a hard bounce or a complaint does')
    .addOption(jsonOption())
    .addOption(stackOption())
    .addHelpText('after', '\nExample: coach suppress ada@example.com')
    .action((email, options) => suppressCommand(io, email, options));

  root
    .command('course')
    .description('course authoring: `coach course check [dir]`')
    .addHelpText('after', '\nExample: coach course check templates/relationships')
    .command('check [dir]')
    .description(
      'validate a course folder (or every course under a folder): placeholders, subjects, links, text and HTML saying the same, every system email',
    )
    .addOption(jsonOption())
    .addHelpText('after', '\nExample: coach course check templates/relationships')
    .action((dir, options) => courseCheckCommand(io, dir ?? 'templates', options));

  return root;
}

/**
 * Runs the console with `argv` (without node and the script) on `io`;
 * resolves to the exit code: 0, or 1 after an error it printed.
 */
export async function runConsole(argv: readonly string[], io: ConsoleIo): Promise<number> {
  try {
    await program(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed what was wrong (or the help, or the version) already.
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof ConsoleError) {
      io.stderr.write(`coach: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`coach: failed: ${message}\n`);
    return 1;
  }
}

/** The real process's streams and environment. */
export function processIo(): ConsoleIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
