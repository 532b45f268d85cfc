import { runBundleChild } from './bundle-child.ts';
import { localAwsEnv } from './emulators.ts';

/** What one Lambda-style tick in a fresh process reported. */
export interface LambdaTickRun {
  /** Peak resident set size of the whole process (`process.resourceUsage().maxRSS`). */
  maxRssMb: number;
  /** Time to import the bundle (the cold start's init phase, without the runtime's own). */
  initMs: number;
  /** Time of the one invocation. */
  invokeMs: number;
  sent: number;
  /** Lines the function wrote to stderr (warnings and errors), for the report. */
  stderrLines: number;
}

// Runs in a plain `node` process: import the bundle as the Lambda runtime would,
// invoke its handler once with a scheduled event, then report on a marked line.
const runner = `
const started = performance.now();
const mod = await import(process.env.BENCH_BUNDLE_URL);
const imported = performance.now();
const result = await mod.handler(
  { version: '0', source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
  { getRemainingTimeInMillis: () => 120000 },
);
const done = performance.now();
const usage = process.resourceUsage();
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({
  maxRssKb: usage.maxRSS, initMs: imported - started, invokeMs: done - imported, sent: result?.sent ?? 0,
}) + '\\n');
`;

/**
 * Runs the bundled tick once in a fresh Node process, as Lambda would (import,
 * one invocation), with the environment the stack gives it plus endpoints of
 * the emulators, and reads the process's peak memory.
 */
export async function runLambdaTick(
  bundleFile: string,
  env: Record<string, string>,
): Promise<LambdaTickRun> {
  // A clean environment: only what the function would have in Lambda.
  const { code, stdout, stderr } = await runBundleChild(runner, bundleFile, {
    ...env,
    ...localAwsEnv,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  });
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (code !== 0 || !line) {
    throw new Error(`the bundled tick failed (exit ${code}): ${stderr.slice(-2000)}`);
  }
  const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as {
    maxRssKb: number;
    initMs: number;
    invokeMs: number;
    sent: number;
  };
  return {
    maxRssMb: result.maxRssKb / 1024,
    initMs: result.initMs,
    invokeMs: result.invokeMs,
    sent: result.sent,
    stderrLines: stderr
      .split('\n')
      .filter(
        (l) =>
          l.trim() &&
          !/NodeVersionSupportWarning|node >=22|a\.co\/|trace-warnings|^\s*$|versions published|To continue|security updates|upgrade to node/.test(
            l,
          ),
      ).length,
  };
}
