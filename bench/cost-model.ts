import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoSentMailRecord } from '../functions/adapters/dynamo-sent-mail.ts';
import { addLocalDays, toLocal } from '../functions/core/send-window.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import { createSesEventsHandler } from '../functions/handlers/ses-events-handler.ts';
import type { Logger } from '../functions/ports/runtime.ts';
import { type LocalStack, startLocalStack } from '../local/stack.ts';
import { formField, header, linkByText, type StoredEmail } from '../test/support/inbox.ts';
import { replyTo } from '../test/support/reply.ts';
import { diffCounts, type ServiceCounts } from './counting-proxy.ts';
import {
  type CourseRun,
  costFigure,
  lambdaAssumptions,
  type PhaseCounts,
  priceCourse,
} from './course-pricing.ts';
import { benchDeps, benchTokenKeys } from './deps.ts';
import { type BenchEmulators, localAwsEnv, startBenchEmulators } from './emulators.ts';
import type { FunctionName } from './lambda.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';
import { seedTimezones } from './seed.ts';

const tableName = 'drip-coach-bench';

/** The replies the default course asks for, as a keen subscriber writes them. */
function replyText(emailId: string, localDate: string): string | null {
  if (emailId === 'lesson-1') {
    return 'My why: I want to move into product management. I can offer help with data analysis.';
  }
  if (emailId === 'lesson-2') return 'Sam, Priya and Jordan';
  if (emailId === 'lesson-3') {
    const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
    const at = addLocalDays({ year: y, month: m, day: d }, 4);
    const date = `${at.year}-${String(at.month).padStart(2, '0')}-${String(at.day).padStart(2, '0')}`;
    return `I am going to the Product Design Meetup on ${date}.`;
  }
  return null;
}

function localDate(at: Date, timezone: string): string {
  const l = toLocal(at, timezone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** A logger that counts the bytes CloudWatch Logs would ingest from the coach's own lines. */
function countingLogger(): Logger & { bytes: number; lines: number } {
  const sink = {
    bytes: 0,
    lines: 0,
    info: (message: string, fields?: Record<string, unknown>) => count('info', message, fields),
    warn: (message: string, fields?: Record<string, unknown>) => count('warn', message, fields),
    error: (message: string, fields?: Record<string, unknown>) => count('error', message, fields),
  };
  function count(level: string, message: string, fields?: Record<string, unknown>) {
    sink.lines += 1;
    sink.bytes +=
      JSON.stringify({ level, message, ...fields }).length + 1 + lambdaAssumptions.logEnvelopeBytes;
  }
  return sink;
}

function emptyCounts(): ServiceCounts {
  return { operations: {}, indexWriteUnits: 0, requestBytes: 0, unitsMissing: 0 };
}

function addInto(into: ServiceCounts, more: ServiceCounts): void {
  into.indexWriteUnits += more.indexWriteUnits;
  into.requestBytes += more.requestBytes;
  into.unitsMissing += more.unitsMissing;
  for (const [name, op] of Object.entries(more.operations)) {
    const t = into.operations[name] ?? { requests: 0, readUnits: 0, writeUnits: 0, itemsRead: 0 };
    into.operations[name] = t;
    t.requests += op.requests;
    t.readUnits += op.readUnits;
    t.writeUnits += op.writeUnits;
    t.itemsRead += op.itemsRead;
  }
}

async function fetchInbox(emulators: BenchEmulators): Promise<StoredEmail[]> {
  const response = await fetch(`${emulators.sesv2}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  await emulators.clearInbox();
  return emails;
}

async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function folderBytes(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync(folder);
  } catch {
    return { files, bytes };
  }
  for (const entry of entries) {
    const full = path.join(folder, entry);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      const inner = folderBytes(full);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

/**
 * The SES events of one email on the default bus, as a configuration set
 * publishes them: its Send (tagged with the coach's `send` ref, so the
 * ses-events function keeps it as the record of the send) and its Delivery.
 */
function sesEventsOf(email: StoredEmail, at: Date): unknown[] {
  const to = email.destination.to[0] ?? '';
  const send = header(email, 'X-Coach-Send');
  const mail = {
    timestamp: at.toISOString(),
    source: email.from,
    messageId: email.messageId,
    destination: [to],
    tags: { 'ses:configuration-set': ['bench'], ...(send ? { send: [send] } : {}) },
  };
  const envelope = (detailType: string, detail: unknown) => ({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: at.toISOString(),
    region: 'us-east-1',
    resources: [],
    detail,
  });
  return [
    envelope('Email Sent', { eventType: 'Send', mail, send: {} }),
    envelope('Email Delivered', {
      eventType: 'Delivery',
      mail,
      delivery: {
        timestamp: at.toISOString(),
        recipients: [to],
        processingTimeMillis: 800,
        smtpResponse: '250 2.0.0 OK',
        reportingMTA: 'a8-1.smtp-out.amazonses.com',
      },
    }),
  ];
}

/** Options of {@link measureCost}. */
export interface CostOptions {
  subscribers: number;
  /** Longest course to simulate, in days. */
  maxDays?: number;
  quickLabel: string;
}

/**
 * Runs the whole course for `subscribers` people on the local stack (signup,
 * confirm from the emailed link, every email the pacing sends, three replies
 * each through the local SMTP server, and SES delivery events through the
 * ses-events handler) and counts every AWS request by function and
 * operation through the counting proxies. `course-pricing.ts` prices it.
 */
async function simulateCourse(options: CostOptions): Promise<CourseRun> {
  const n = options.subscribers;
  const maxDays = options.maxDays ?? 45;
  const emulators = await startBenchEmulators();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'drip-bench-cost-'));
  const logger = countingLogger();
  const savedEnv = { ...process.env };
  let stack: LocalStack | undefined;
  const events = benchDeps(tableName, {
    dynamodb: emulators.countedDynamodb,
    sesv2: emulators.countedSesv2,
  });
  try {
    stack = await startLocalStack({
      port: 0,
      smtpPort: 0,
      dataDir,
      tickIntervalMs: 0,
      logger,
      env: {
        ...localAwsEnv,
        AWS_ENDPOINT_URL_DYNAMODB: emulators.countedDynamodb,
        AWS_ENDPOINT_URL_SESV2: emulators.countedSesv2,
        TABLE_NAME: tableName,
        TOKEN_KEYS: benchTokenKeys,
        SES_MAX_SEND_RATE: '10000',
      },
    });
    const running = stack;
    const sesEvents = createSesEventsHandler({
      subscribers: events.deps.subscribers,
      once: events.deps.once,
      events: events.deps.events,
      sendEvents: new DynamoSentMailRecord(events.dynamodb, tableName),
      clock: running.clock,
      log: logger,
      courses: compiledCourses,
    });

    const phases: PhaseCounts = {
      web: { dynamodb: emptyCounts(), sesv2: emptyCounts() },
      tick: { dynamodb: emptyCounts(), sesv2: emptyCounts() },
      inbound: { dynamodb: emptyCounts(), sesv2: emptyCounts() },
      'ses-events': { dynamodb: emptyCounts(), sesv2: emptyCounts() },
    };
    await emulators.reset(); // table creation is not part of the course
    let last = await emulators.counts();
    const mark = async (phase: FunctionName) => {
      const now = await emulators.counts();
      addInto(phases[phase].dynamodb, diffCounts(now.dynamodb, last.dynamodb));
      addInto(phases[phase].sesv2, diffCounts(now.sesv2, last.sesv2));
      last = now;
    };

    const invocations: Record<FunctionName, number> = {
      web: 0,
      tick: 0,
      inbound: 0,
      'ses-events': 0,
    };
    const timezoneOf = new Map<string, string>();
    const emailsByKind = new Map<string, number>();
    const closed = new Set<string>();
    let emailsSeen = 0;
    let replyBytes = 0;

    const deliverEvents = async (mails: StoredEmail[]) => {
      for (const mail of mails) {
        const kind = (header(mail, 'X-Coach-Email') ?? '?').replace(/-\d+$/, '');
        emailsByKind.set(kind, (emailsByKind.get(kind) ?? 0) + 1);
        if (kind === 'closing') closed.add(mail.destination.to[0] ?? '');
      }
      emailsSeen += mails.length;
      const published = mails.flatMap((mail) => sesEventsOf(mail, running.clock.now()));
      await inParallel(published, 8, async (event) => {
        await sesEvents(event);
      });
      invocations['ses-events'] += published.length;
      await mark('ses-events');
    };

    // ---- signup and confirm (the web function) ----
    progress(`cost: ${n} signups and confirmations${options.quickLabel}`);
    const startedAt = running.clock.now();
    const people = Array.from({ length: n }, (_, i) => ({
      email: `person${i}@example.com`,
      name: `Person ${i}`,
      timezone: seedTimezones[i % seedTimezones.length] as string,
    }));
    for (const p of people) timezoneOf.set(p.email, p.timezone);
    await inParallel(people, 8, async (p) => {
      const response = await fetch(`${running.url}/subscribe`, {
        method: 'POST',
        body: new URLSearchParams(p),
      });
      await response.arrayBuffer();
    });
    invocations.web += n;
    await mark('web');
    const confirmations = await fetchInbox(emulators);
    await inParallel(confirmations, 8, async (mail) => {
      const prompt = await fetch(linkByText(mail, 'Confirm'));
      const t = formField(await prompt.text(), 't');
      const done = await fetch(`${running.url}/confirm`, {
        method: 'POST',
        body: new URLSearchParams({ t }),
      });
      await done.arrayBuffer();
    });
    invocations.web += 2 * confirmations.length;
    await mark('web');
    await deliverEvents(confirmations);

    // ---- the course: two-hour steps of the dev clock, replies when their time comes ----
    const pending: { at: number; mail: StoredEmail; text: string }[] = [];
    const stepHours = 2;
    let step = 0;
    let lastReport = 0;
    while (closed.size < n && step * stepHours < maxDays * 24) {
      step++;
      await running.advance(stepHours);
      await mark('tick');
      const mails = await fetchInbox(emulators);
      const nowMs = running.clock.now().getTime();
      for (const mail of mails) {
        const to = mail.destination.to[0] ?? '';
        const text = replyText(
          header(mail, 'X-Coach-Email') ?? '',
          localDate(new Date(nowMs), timezoneOf.get(to) ?? 'UTC'),
        );
        // People answer an hour to five hours later.
        if (text)
          pending.push({
            at: nowMs + (1 + ((to.length + emailsSeen) % 5)) * 3_600_000,
            mail,
            text,
          });
      }
      await deliverEvents(mails);
      const due = pending.filter((r) => r.at <= nowMs);
      for (const reply of due) {
        pending.splice(pending.indexOf(reply), 1);
        await replyTo(running, reply.mail, reply.text);
        replyBytes += reply.text.length;
      }
      invocations.inbound += due.length;
      await mark('inbound');
      // Acknowledgements go out from the inbound function at once.
      await deliverEvents(await fetchInbox(emulators));
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        progress(
          `  day ${((step * stepHours) / 24).toFixed(1)}: ${emailsSeen} emails, ${invocations.inbound} replies, ${closed.size}/${n} finished`,
        );
      }
    }
    const days = (running.clock.now().getTime() - startedAt.getTime()) / 86_400_000;
    void replyBytes;
    const raw = folderBytes(path.join(dataDir, 'inbound'));
    return {
      n,
      days,
      phases,
      invocations,
      logBytes: logger.bytes,
      logLines: logger.lines,
      rawReplies: raw,
      emailsByKind,
      finished: closed.size,
      quickLabel: options.quickLabel,
    };
  } finally {
    await stack?.stop();
    events.destroy();
    // startLocalStack points the SDK's standard variables at the emulators; put them back.
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    rmSync(dataDir, { recursive: true, force: true });
    await emulators.stop();
  }
}

/** Courses already run in this process, by size: the bench's cost figures share one run. */
const courses = new Map<number, Promise<CourseRun>>();

/** The course for `options.subscribers` people, simulated once per process and size. */
export function runCourse(options: CostOptions): Promise<CourseRun> {
  let run = courses.get(options.subscribers);
  if (!run) {
    run = simulateCourse(options);
    courses.set(options.subscribers, run);
    run.catch(() => courses.delete(options.subscribers));
  }
  return run;
}

/** The `cost_vs_ses_floor` figure: the whole course, priced, over what SES alone charges. */
export async function measureCost(options: CostOptions): Promise<Figure> {
  return costFigure(priceCourse(await runCourse(options)));
}
