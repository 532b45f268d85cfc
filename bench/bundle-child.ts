import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** What a bundle's child process printed, and how it ended. */
export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` (an ES module source) in a fresh Node process with the bundle's
 * URL in BENCH_BUNDLE_URL, source maps on as the functions run, and only the
 * environment given: a cold start, as Lambda's. Keeps the tail of a long stdout
 * (a function logs a line per event), where the script prints its result.
 */
export async function runBundleChild(
  script: string,
  bundleFile: string,
  env: Record<string, string>,
): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...env,
      BENCH_BUNDLE_URL: pathToFileURL(bundleFile).href,
      NODE_OPTIONS: '--enable-source-maps',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.length > 1_000_000) stdout = stdout.slice(-100_000);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
