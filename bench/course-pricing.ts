/**
 * Prices one simulated course (`cost-model.ts` runs it) at the list prices in
 * `prices.ts`: the requests counted through the proxies, and what only
 * happens in AWS, modeled with the assumptions below.
 */
import { type ServiceCounts, totalUnits } from './counting-proxy.ts';
import { type FunctionName, functionMemoryMb, lambdaVcpuShare } from './lambda.ts';
import { cost, prices, pricesTakenOn } from './prices.ts';
import type { Figure } from './report.ts';

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

/** Requests counted per function while the course ran. */
export type PhaseCounts = Record<FunctionName, { dynamodb: ServiceCounts; sesv2: ServiceCounts }>;

/** What a course cost, whole and per 1,000 subscribers. */
export interface CoursePrice {
  subscribers: number;
  /** Dollars for the whole course of `subscribers`. */
  total: number;
  /** What SES alone charges for the same mail (sending and receiving). */
  floor: number;
  /** `total` for 1,000 subscribers. */
  perThousand: number;
  details: Record<string, string | number>;
  notes: string[];
}

/** What one simulated course counted, ready to price. */
export interface CourseRun {
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

/**
 * Prices a counted course at the list prices in `prices.ts`: what was
 * counted through the proxies, plus what only happens in AWS (modeled).
 */
export function priceCourse(run: CourseRun): CoursePrice {
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
    'not in the ratio: the fixed monthly cost of the stack at rest (the fixed_monthly_usd figure)',
  ];
  return { subscribers: run.n, total, floor, perThousand: perThousand(total), details, notes };
}

/** The `cost_vs_ses_floor` figure: the whole course over what SES alone charges for its mail. */
export function costFigure(price: CoursePrice): Figure {
  return {
    name: 'cost_vs_ses_floor',
    value: price.total / price.floor,
    unit: 'x',
    target: { op: '<=', value: 1.1 },
    details: price.details,
    notes: price.notes,
  };
}
