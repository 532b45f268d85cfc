import type { CoachDeps } from '../functions/app/deps.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import type { Logger } from '../functions/ports/runtime.ts';
import { createDeps } from '../functions/wiring.ts';
import { ConsoleError, type ConsoleIo } from './io.ts';
import type { Target } from './target.ts';

/** The use cases' warnings and errors as plain lines on stderr; their info lines are dropped. */
export function stderrLogger(io: ConsoleIo): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    io.stderr.write(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  return {
    info() {},
    warn: (message, fields) => line('warning', message, fields),
    error: (message, fields) => line('error', message, fields),
  };
}

/**
 * The coach's dependencies on the target, wired as the functions wire them
 * (createDeps: the same stores, mailer and counters). The operator's own
 * requests answer at once: no floor evens their timing out.
 */
export function consoleDeps(target: Target, io: ConsoleIo): CoachDeps {
  const deps = createDeps(target.config, target.keys, compiledCourses, {
    dynamodb: target.dynamodb,
    ses: target.ses,
    clock: target.clock,
    logger: stderrLogger(io),
    ...(target.sentMail ? { sentMail: target.sentMail } : {}),
  });
  return { ...deps, answerFloorMs: 0 };
}

/** The course named by `--course`, or the deployment's default; an unknown id is an error naming the option. */
export function courseIdOption(given: string | undefined, fallback: string): string {
  const id = given ?? fallback;
  if (!compiledCourses[id]) {
    throw new ConsoleError(
      `--course: no course "${id}" (known: ${Object.keys(compiledCourses).join(', ')})`,
    );
  }
  return id;
}
