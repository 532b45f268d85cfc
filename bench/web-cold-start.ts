import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { confirmSignup, decideSignup } from '../functions/core/signup.ts';
import { signToken } from '../functions/core/tokens.ts';
import { pacingContextFor } from '../functions/courses.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import { bundleFileName, bundleFunction, projectRoot } from '../infra/bundling/bundler.ts';
import { runBundleChild } from './bundle-child.ts';
import { benchDeps, benchSettings, benchTokenKeys } from './deps.ts';
import { createTable, localAwsEnv, startBenchEmulators } from './emulators.ts';
import { type Figure, progress } from './report.ts';

const tableName = 'drip-coach-web-cold';

/**
 * What a person waits for on a cold web function: import the bundle, then
 * answer `GET /` and a first manage page (one profile read and one check-ins
 * query). The baseline does the same imports and reads with nothing but the
 * DynamoDB and SES clients: a bundle whose only job is those two clients.
 */
const webScript = `
const started = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE_URL);
const imported = performance.now();
const get = (rawPath, rawQueryString = '') => handler({
  rawPath, rawQueryString, headers: { accept: 'text/html' },
  requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' }, requestId: 'bench' },
}, { awsRequestId: 'bench' });
const home = await get('/');
const served = performance.now();
const manage = await get('/manage', 't=' + process.env.BENCH_MANAGE_TOKEN);
if (home.statusCode !== 200 || manage.statusCode !== 200) {
  throw new Error('web answered ' + home.statusCode + ' and ' + manage.statusCode);
}
const done = performance.now();
process.stdout.write('BENCH_PHASES ' + [imported - started, served - imported, done - served].join(' ') + '\\n');
process.stdout.write('BENCH_MS ' + (done - started) + '\\n');
`;

const baselineEntry = `
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
const dynamodb = new DynamoDBClient({});
export const ses = new SESv2Client({});
export async function handler(id) {
  await dynamodb.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: 'sub#' + id }, sk: { S: 'profile' } }, ConsistentRead: true }));
  await dynamodb.send(new QueryCommand({ TableName: process.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'sub#' + id } }, Limit: 50 }));
}
`;

const baselineScript = `
const started = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE_URL);
await handler(process.env.BENCH_SUBSCRIBER_ID);
process.stdout.write('BENCH_MS ' + (performance.now() - started) + '\\n');
`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * `web_cold_start_ms`: the web function's cold start as a person feels it
 * (import plus its first two pages, in a fresh process against dynalite), the
 * median of `runs`, with the same for a DynamoDB-and-SES-only bundle beside
 * it; the ratio is held to 2x.
 */
export async function measureWebColdStart(runs = 9): Promise<Figure> {
  progress(`web cold start: ${runs} fresh processes each, interleaved`);
  const emulators = await startBenchEmulators();
  const work = mkdtempSync(path.join(projectRoot, 'node_modules', '.cache', 'drip-web-cold-'));
  const bench = benchDeps(tableName, { dynamodb: emulators.dynamodb, sesv2: emulators.sesv2 });
  try {
    await createTable(emulators.dynamodb, tableName);
    const course = compiledCourses.relationships;
    if (!course) throw new Error('the relationships course is missing');
    const now = new Date();
    const signup = decideSignup(
      null,
      { email: 'cold@example.com', name: 'Cold', timezone: 'UTC' },
      'form',
      now,
      { id: 'coldstartaaaaaaa', nonce: 'n' },
      course.id,
    );
    const confirmed = confirmSignup(signup.state, 'n', now, pacingContextFor(course));
    if (confirmed.kind !== 'confirmed') throw new Error('seed did not confirm');
    await bench.deps.subscribers.save(confirmed.result.state);
    const [kid, secret] = benchTokenKeys.split(':') as [string, string];
    const token = signToken([{ id: kid, secret }], 'manage', {
      subscriberId: 'coldstartaaaaaaa',
      expiresAt: new Date(now.getTime() + 86_400_000),
      data: '',
    });

    const web = await bundleFunction('functions/handlers/web.ts', path.join(work, 'web'));
    writeFileSync(path.join(work, 'baseline-entry.mjs'), baselineEntry);
    const baseline = await bundleFunction(
      path.join(work, 'baseline-entry.mjs'),
      path.join(work, 'baseline'),
    );
    const env = {
      ...benchSettings(tableName),
      ...localAwsEnv,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodb,
      AWS_ENDPOINT_URL_SESV2: emulators.sesv2,
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      BENCH_MANAGE_TOKEN: token,
      BENCH_SUBSCRIBER_ID: 'coldstartaaaaaaa',
    };
    // The web function's phases: import, GET /, GET /manage.
    const phases: number[][] = [[], [], []];
    const time = async (script: string, outdir: string) => {
      const { code, stdout, stderr } = await runBundleChild(
        script,
        path.join(outdir, bundleFileName),
        env,
      );
      const match = /BENCH_MS ([\d.]+)/.exec(stdout);
      if (code !== 0 || !match?.[1]) throw new Error(`cold start failed: ${stderr.slice(-1500)}`);
      const phased = /BENCH_PHASES ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stdout);
      if (phased) for (const [i, list] of phases.entries()) list.push(Number(phased[i + 1]));
      return Number(match[1]);
    };
    const webDir = path.join(work, 'web');
    const baseDir = path.join(work, 'baseline');
    const webMs: number[] = [];
    const baseMs: number[] = [];
    await time(webScript, webDir);
    await time(baselineScript, baseDir);
    for (const list of phases) list.length = 0;
    for (let run = 0; run < runs; run++) {
      webMs.push(await time(webScript, webDir));
      baseMs.push(await time(baselineScript, baseDir));
    }
    const webMedian = median(webMs);
    const baseMedian = median(baseMs);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    return {
      name: 'web_cold_start_ms',
      value: webMedian,
      unit: 'ms',
      target: { op: '<=', value: Number((2 * baseMedian).toFixed(1)) },
      details: {
        web_ms: Number(webMedian.toFixed(1)),
        dynamodb_and_ses_only_ms: Number(baseMedian.toFixed(1)),
        ratio: Number((webMedian / baseMedian).toFixed(2)),
        web_phases_ms: `import ${median(phases[0] ?? []).toFixed(1)}, GET / ${median(phases[1] ?? []).toFixed(1)}, GET /manage ${median(phases[2] ?? []).toFixed(1)}`,
        web_bundle: kb(
          web.files.filter((f) => f.name.endsWith('.mjs')).reduce((s, f) => s + f.bytes, 0),
        ),
        baseline_bundle: kb(
          baseline.files.filter((f) => f.name.endsWith('.mjs')).reduce((s, f) => s + f.bytes, 0),
        ),
      },
      notes: [
        `median of ${runs} fresh node processes each (source maps on), interleaved: import, GET /, GET /manage (a profile read and a check-ins query) against dynalite; the baseline imports only the DynamoDB and SES clients and makes the same two reads. Target: at most twice the baseline (issue 17).`,
      ],
    };
  } finally {
    bench.destroy();
    rmSync(work, { recursive: true, force: true });
    await emulators.stop();
  }
}
