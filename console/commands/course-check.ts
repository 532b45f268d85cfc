import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCourses } from '../../scripts/templates/course-check.ts';
import { ConsoleError, type ConsoleIo, printJson } from '../io.ts';

/**
 * `coach course check [dir]`: validates a course folder (or every course in
 * a folder of courses) without a stack: each problem as `file:line: message`.
 */
export async function courseCheckCommand(
  io: ConsoleIo,
  dir: string,
  options: { json?: boolean },
): Promise<void> {
  const folder = resolve(io.cwd, dir);
  if (!existsSync(folder)) throw new ConsoleError(`[dir]: ${dir} does not exist`);
  const { courses, problems } = await checkCourses(folder);
  if (options.json) {
    printJson(io, {
      ok: problems.length === 0,
      courses: courses.map((c) => ({ id: c.id, emails: Object.keys(c.emails).length })),
      problems,
    });
  } else if (problems.length === 0) {
    io.stdout.write(
      `${courses.map((c) => `${c.id}: ${Object.keys(c.emails).length} emails, no problems`).join('\n')}\n`,
    );
  } else {
    io.stderr.write(`${problems.join('\n')}\n`);
  }
  if (problems.length > 0) {
    throw new ConsoleError(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}`,
    );
  }
}
