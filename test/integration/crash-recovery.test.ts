import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { sendRecordGraceMs } from '../../functions/app/deliver.ts';
import { loadConfig } from '../../functions/config.ts';
import type { SendRecord } from '../../functions/core/records.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { createDeps } from '../../functions/wiring.ts';
import { EmulatorSentMailRecord } from '../../local/emulator-sent-mail.ts';
import { type RunningEmulator, startSes } from '../../local/emulators.ts';
import type { RunningStackFile } from '../../local/stack.ts';
import { seededRandom } from '../support/faults.ts';
import { header, type StoredEmail } from '../support/inbox.ts';
import { quietLogger } from '../support/local-stack.ts';
import { seedConfirmed } from '../support/seed.ts';

/**
 * The local stack as a process of its own, killed with SIGKILL in the middle
 * of its sends and started again on the same data folder, as a power cut or
 * an OOM kill would leave it. SES is the one thing that survives, as in AWS:
 * the emulator runs here, outside the killed process, and its store is both
 * the inbox this test counts and SES's record the coach settles sends from.
 */

const TOKEN_KEYS = `k1:${'c'.repeat(64)}`;
const subscribers = 240;
const kills = 4;
const dataDir = mkdtempSync(join(tmpdir(), 'drip-crash-'));
const random = seededRandom(20261202);
let ses: RunningEmulator;
let child: ChildProcess | undefined;

beforeAll(async () => {
  ses = await startSes(0);
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await ses?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `npm start`'s entry on the data folder and waits until it is ready. */
async function startStack(): Promise<RunningStackFile> {
  const file = join(dataDir, 'stack.json');
  // Vitest's own BASE_URL ('/') must not become the stack's.
  const { BASE_URL: _vite, MODE: _mode, ...inherited } = process.env;
  const env = {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: '0',
    SMTP_PORT: '0',
    TICK_SECONDS: '0',
    TOKEN_KEYS,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  const started = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  started.stderr?.on('data', (chunk) => {
    stderr = `${stderr}${chunk}`.slice(-4_000);
  });
  child = started;
  for (let i = 0; i < 600; i++) {
    if (started.exitCode !== null) throw new Error(`stack exited: ${stderr}`);
    if (existsSync(file)) {
      const running = JSON.parse(readFileSync(file, 'utf8')) as RunningStackFile;
      if (running.pid === started.pid) return running;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`stack did not start: ${stderr}`);
}

async function kill(): Promise<void> {
  const running = child;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGKILL');
  await exited;
}

async function clock(stack: RunningStackFile, hours: number) {
  const response = await fetch(`${stack.url}/_dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceHours: hours }),
  });
  return (await response.json()) as { now: string; sent: unknown[] };
}

/** Moves the stack's clock to `target` (it may already be part of the way there). */
async function advanceTo(stack: RunningStackFile, target: number) {
  const { now } = await clock(stack, 0);
  return clock(stack, Math.max(0, (target - Date.parse(now)) / 3_600_000));
}

async function sesStore(): Promise<StoredEmail[]> {
  return ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredEmail[] })
    .emails;
}

/** The coach's deps on the running stack's table, for seeding and reading the ledger. */
function depsOn(stack: RunningStackFile) {
  const config = loadConfig({
    TABLE_NAME: stack.tableName,
    FROM_ADDRESS: 'coach@drip-coach.test',
    OPERATOR_EMAIL: 'operator@drip-coach.test',
    REPLY_DOMAIN: 'reply.drip-coach.test',
    BASE_URL: stack.url,
    POSTAL_ADDRESS: '1 Example Street',
    TOKEN_KEYS,
  });
  return createDeps(config, config.TOKEN_KEYS ?? [], compiledCourses, {
    logger: quietLogger,
    dynamodb: dynamoDbClient({
      endpoint: stack.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    sentMail: new EmulatorSentMailRecord(ses.endpoint),
  });
}

describe('a local stack killed in the middle of its sends', () => {
  it('sends every email exactly once, and settles every unknown within the grace period', async () => {
    let stack = await startStack();
    const start = Date.now();
    const seeded = await seedConfirmed(depsOn(stack), subscribers, new Date(start), 'crash');
    const days = (n: number) => seeded.dueAt.getTime() + n * 86_400_000;
    // Each round moves the clock a few days on (lesson 1, nudges, lesson 2...)
    // and is killed once a random share of what it sends has reached SES.
    const targets = [days(0), days(3), days(6), days(9)];
    for (let round = 0; round < kills; round++) {
      const before = (await sesStore()).length;
      const cutAfter = 5 + Math.floor(random() * (subscribers / 2));
      const advancing = advanceTo(stack, targets[round] as number).catch(() => null);
      for (let i = 0; i < 600 && (await sesStore()).length < before + cutAfter; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await kill();
      await advancing;
      stack = await startStack();
    }

    // After the last restart: within the grace period every unknown is settled.
    const { now } = await clock(stack, 0);
    await advanceTo(stack, Date.parse(now) + sendRecordGraceMs + 60_000);
    const deps = depsOn(stack);
    const ledgers = await Promise.all(seeded.subscribers.map((s) => deps.ledger.list(s.id)));
    const unsettled = (records: SendRecord[]) =>
      records.filter((r) => r.status === 'claimed' || r.status === 'unknown');
    const unresolved = ledgers.flatMap(unsettled).length;

    // Then the course runs on, with no more kills, to day 12.
    await advanceTo(stack, days(12));
    const mail = await sesStore();
    const byRef = new Map<string, StoredEmail[]>();
    for (const email of mail) {
      const ref = header(email, 'X-Coach-Send') ?? '';
      byRef.set(ref, [...(byRef.get(ref) ?? []), email]);
    }
    const duplicates = [...byRef.values()].filter((copies) => copies.length > 1).length;
    const finalLedgers = await Promise.all(seeded.subscribers.map((s) => deps.ledger.list(s.id)));
    const states = await Promise.all(seeded.subscribers.map((s) => deps.subscribers.get(s.id)));
    // Lost: a send the ledger calls sent that never reached SES, one still unsettled,
    // or a lesson the course moved past that the person never got.
    let lost = finalLedgers.flatMap(unsettled).length;
    seeded.subscribers.forEach((s, i) => {
      for (const record of finalLedgers[i] ?? []) {
        if (record.status === 'sent' && !byRef.has(`${s.id}_${record.sendKey}`)) lost++;
      }
      const lessons = mail
        .filter((m) => m.destination.to.includes(s.email))
        .map((m) => header(m, 'X-Coach-Email') ?? '')
        .filter((id) => id.startsWith('lesson-'));
      const reached = Math.min(states[i]?.position ?? 0, 4);
      const expected = Array.from({ length: reached }, (_, n) => `lesson-${n + 1}`);
      lost += expected.filter((id) => !lessons.includes(id)).length;
    });

    console.log(
      `crash test: ${kills} kills, ${mail.length} emails; duplicates ${duplicates}, lost ${lost}, unresolved after the grace period ${unresolved}`,
    );
    expect({ duplicates, lost, unresolved }).toEqual({ duplicates: 0, lost: 0, unresolved: 0 });
    // The kills did land mid-course: everyone got at least lesson 2.
    expect(states.every((s) => (s?.position ?? 0) >= 2)).toBe(true);
    await kill();
  }, 300_000);
});
