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
import { diffCounts, type ServiceCounts, totalUnits } from './counting-proxy.ts';
import { benchDeps, benchTokenKeys } from './deps.ts';
import { type BenchEmulators, localAwsEnv, startBenchEmulators } from './emulators.ts';
import { type FunctionName, functionMemoryMb, lambdaVcpuShare } from './lambda.ts';
import { cost, fixedMonthly, prices, pricesTakenOn } from './prices.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';
import { seedTimezones } from './seed.ts';

const tableName = 'drip-coach-bench';

/**
 * Assumed Lambda durations, since a laptop says little about a 256 MB arm64
 * function (about 0.15 of a vCPU): handler time per invocation, CPU per email
 * sent, and in-region latency per AWS call. The tick overlaps its calls over
 * its 8 workers. These feed GB-seconds only, a small part of the total.
 */
export const lambdaAssumptions = {
  cpuMsPerInvocation: { web: 10, tick: 5, inbound: 60, 'ses-events': 5 } as Record<
    FunctionName,
    number
  >,
  /**
   * CPU per email sent, in milliseconds of one whole vCPU, scaled by the
   * function's share of a vCPU. The pipeline figure measures 4-5 ms of client
   * CPU per email for a whole tick on the bench machine, mostly the AWS SDK
   * making six calls.
   */
  vcpuMsPerEmail: 5,
  latencyMs: { dynamodb: 6, sesv2: 35, s3: 20 },
  tickOverlap: 8,
  /** Lambda's own START/END/REPORT lines (JSON log format) per invocation. */
  platformLogBytesPerInvocation: 700,
  /** The JSON envelope Lambda's JSON log format adds around each application log line. */
  logEnvelopeBytes: 110,
  /** KEYS_ONLY due-index entries per 4 KB read (about 100 bytes each). */
  dueEntriesPer4Kb: 40,
  tickMinutes: 5,
} as const;

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

/** Requests counted per function while the course ran. */
type PhaseCounts = Record<FunctionName, { dynamodb: ServiceCounts; sesv2: ServiceCounts }>;

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
 * ses-events handler), counts every AWS request by function and operation
 * through the counting proxies, adds what only AWS does (modeled), and prices
 * it all with bench/prices.ts.
 */
export async function measureCost(options: CostOptions): Promise<Figure> {
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
    return priceCourse({
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
    });
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

interface CourseRun {
  n: number;
  days: number;
  phases: PhaseCounts;
  invocations: Record<FunctionName, number>;
  logBytes: number;
  logLines: number;
  rawReplies: { files: number; bytes: number };
  emailsByKind: Map<string, number>;
  finished: number;
  quickLabel: string;
}

function priceCourse(run: CourseRun): Figure {
  const a = lambdaAssumptions;
  const fns = Object.keys(functionMemoryMb) as FunctionName[];
  const sum = (pick: (name: FunctionName) => number) => fns.reduce((s, f) => s + pick(f), 0);

  // ---- counted ----
  const sendEmails = sum((f) => run.phases[f].sesv2.operations.SendEmail?.requests ?? 0);
  const otherSes = sum(
    (f) =>
      totalUnits(run.phases[f].sesv2).requests -
      (run.phases[f].sesv2.operations.SendEmail?.requests ?? 0),
  );
  let readUnits = 0;
  let writeUnits = 0;
  let dynamoRequests = 0;
  let dueIndexRequests = 0;
  const byOperation = new Map<string, number>();
  for (const f of fns) {
    const counts = run.phases[f].dynamodb;
    writeUnits += counts.indexWriteUnits;
    for (const [name, op] of Object.entries(counts.operations)) {
      byOperation.set(name, (byOperation.get(name) ?? 0) + op.requests);
      // The dev clock queries the due index at every due instant; AWS ticks on a schedule (modeled below).
      if (name === 'Query:due') {
        dueIndexRequests += op.requests;
        continue;
      }
      readUnits += op.readUnits;
      writeUnits += op.writeUnits;
      dynamoRequests += op.requests;
    }
  }
  const replies = run.invocations.inbound;

  // ---- modeled: what only happens in AWS ----
  const ticks = Math.ceil((run.days * 24 * 60) / a.tickMinutes);
  const dueIndexReads = ticks * 0.5 + (sendEmails / a.dueEntriesPer4Kb) * 0.5;
  readUnits += dueIndexReads;
  const invocations = { ...run.invocations, tick: ticks };
  const s3Puts = replies; // the receipt rule's S3 action stores each reply
  const s3Gets = replies; // the inbound function reads it back
  const chunks = replies; // every reply is far below 256 KB
  const sesEventsPublished = 2 * sendEmails; // Send and Delivery, on the default bus
  const ms: Record<FunctionName, number> = { web: 0, tick: 0, inbound: 0, 'ses-events': 0 };
  for (const f of fns) {
    const d = totalUnits(run.phases[f].dynamodb).requests;
    const s = totalUnits(run.phases[f].sesv2).requests;
    const sends = run.phases[f].sesv2.operations.SendEmail?.requests ?? 0;
    const s3 = f === 'inbound' ? s3Gets : 0;
    const io = d * a.latencyMs.dynamodb + s * a.latencyMs.sesv2 + s3 * a.latencyMs.s3;
    ms[f] =
      invocations[f] * a.cpuMsPerInvocation[f] +
      (sends * a.vcpuMsPerEmail) / lambdaVcpuShare(functionMemoryMb[f]) +
      (f === 'tick' ? io / a.tickOverlap : io);
  }
  // Idle ticks still query the index once.
  ms.tick += ticks * a.latencyMs.dynamodb;
  const gbSeconds = sum((f) => (ms[f] / 1000) * (functionMemoryMb[f] / 1024));
  const lambdaInvocations = sum((f) => invocations[f]);
  const logGb = (run.logBytes + lambdaInvocations * a.platformLogBytesPerInvocation) / 1e9;
  const rawGbMonth = run.rawReplies.bytes / 1e9; // kept a month at most in this model

  const lines: [string, number, string][] = [
    ['SES outbound', cost(prices.sesOutbound, sendEmails), `${sendEmails} emails (counted)`],
    [
      'SES inbound',
      cost(prices.sesInbound, replies) + cost(prices.sesInboundChunks, chunks),
      `${replies} replies, ${chunks} chunks (counted)`,
    ],
    [
      'DynamoDB writes',
      cost(prices.dynamoWrite, writeUnits),
      `${Math.round(writeUnits)} WRU incl. ${Math.round(sum((f) => run.phases[f].dynamodb.indexWriteUnits))} due-index WRU (counted)`,
    ],
    [
      'DynamoDB reads',
      cost(prices.dynamoRead, readUnits),
      `${Math.round(readUnits)} RRU incl. ${Math.round(dueIndexReads)} modeled tick index reads`,
    ],
    [
      'Lambda requests',
      cost(prices.lambdaRequests, lambdaInvocations),
      `${lambdaInvocations} invocations (modeled: ${ticks} scheduled ticks)`,
    ],
    [
      'Lambda compute',
      cost(prices.lambdaArmCompute, gbSeconds),
      `${gbSeconds.toFixed(1)} GB-s (modeled durations)`,
    ],
    [
      'S3 requests + storage',
      cost(prices.s3Put, s3Puts) + cost(prices.s3Get, s3Gets) + cost(prices.s3Storage, rawGbMonth),
      `${s3Puts} PUT, ${s3Gets} GET, ${(run.rawReplies.bytes / 1024).toFixed(0)} KB raw replies (modeled)`,
    ],
    [
      'CloudWatch Logs',
      cost(prices.logsIngestion, logGb),
      `${(logGb * 1000).toFixed(1)} MB (${run.logLines} app lines counted + platform lines modeled)`,
    ],
    [
      'EventBridge',
      cost(prices.scheduledInvocations, ticks) + cost(prices.eventBridgeEvents, sesEventsPublished),
      `${ticks} scheduled + ${sesEventsPublished} SES events (modeled)`,
    ],
    [
      'HTTP API',
      cost(prices.httpApiRequests, run.invocations.web),
      `${run.invocations.web} requests (counted)`,
    ],
  ];
  const total = lines.reduce((s, [, usd]) => s + usd, 0);
  const floor = (lines[0]?.[1] ?? 0) + (lines[1]?.[1] ?? 0);
  const perThousand = (usd: number) => (usd / run.n) * 1000;
  const fixed =
    cost(fixedMonthly.alarms, 9) + cost(fixedMonthly.dashboard, 1) + cost(fixedMonthly.secrets, 2);

  const details: Record<string, string | number> = {
    course: `${run.n} subscribers${run.quickLabel}, ${run.days.toFixed(1)} simulated days, ${run.finished} reached the closing email`,
    '$ per 1,000 subscribers (whole course)': `$${perThousand(total).toFixed(4)}`,
    'SES floor per 1,000 subscribers': `$${perThousand(floor).toFixed(4)}`,
  };
  for (const [name, usd, what] of lines) {
    details[`  ${name}`] = `$${perThousand(usd).toFixed(5)} per 1,000 (${what})`;
  }
  details['emails by kind'] = [...run.emailsByKind]
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  details['DynamoDB requests by operation'] = [...byOperation]
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const notes = [
    `prices: us-east-1 list prices taken ${pricesTakenOn}, sources in bench/prices.ts`,
    `counted through the proxies: ${dynamoRequests} DynamoDB requests (units from dynalite), ${sendEmails} SendEmail${otherSes ? ` + ${otherSes} other SES` : ''}; ${dueIndexRequests} dev-clock due-index queries left out for the modeled 5-minute schedule`,
    'modeled (AWS only): receipt-rule S3 PUT and inbound S3 GET per reply, Lambda invocations and durations, the 5-minute tick schedule, SES events on EventBridge, Lambda platform log lines',
    `not in the ratio: fixed monthly costs of about $${fixed.toFixed(2)} (9 alarms, 1 dashboard, 2 secrets)`,
  ];
  return {
    name: 'cost_vs_ses_floor',
    value: total / floor,
    unit: 'x',
    target: { op: '<=', value: 1.1 },
    details,
    notes,
  };
}
