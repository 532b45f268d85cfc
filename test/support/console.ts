import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConsole } from '../../console/main.ts';
import type { LocalStack } from '../../local/stack.ts';
import { header, inbox, type StoredEmail } from './inbox.ts';
import { startTestStack } from './local-stack.ts';
import { testKeysEnv } from './manage.ts';

/** What one console run printed, and its exit code. */
export interface ConsoleRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `coach <argv>` in this process, as the operator would in `cwd`, with `env`. */
export async function coach(
  argv: readonly string[],
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<ConsoleRun> {
  let stdout = '';
  let stderr = '';
  const code = await runConsole(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

/** A local stack in a data folder of its own, and a console that finds it through DATA_DIR. */
export async function startConsoleStack() {
  const dataDir = mkdtempSync(join(tmpdir(), 'drip-console-'));
  const stack = await startTestStack({ dataDir, env: { TOKEN_KEYS: testKeysEnv } });
  const env = { DATA_DIR: dataDir };
  return {
    stack,
    dataDir,
    env,
    run: (argv: readonly string[], cwd?: string) => coach(argv, env, cwd),
    cleanup: async () => {
      await stack.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The latest email with this `X-Coach-Email` id that reached `to`. */
export async function latestMail(
  stack: LocalStack,
  to: string,
  emailId: string,
): Promise<StoredEmail> {
  const mail = (await inbox(stack.sesUrl, to))
    .filter((m) => header(m, 'X-Coach-Email') === emailId)
    .at(-1);
  if (!mail) throw new Error(`no ${emailId} for ${to}`);
  return mail;
}

/**
 * The next Monday at `hour` UTC after `now`: scenarios start at the same
 * weekday and time whenever the suite runs, since sends wait for the daytime.
 */
export function nextMondayAt(now: Date, hour: number): Date {
  const start = new Date(now);
  start.setUTCHours(hour, 0, 0, 0);
  const daysAhead = (8 - start.getUTCDay()) % 7 || 7;
  start.setUTCDate(start.getUTCDate() + daysAhead);
  return start;
}
