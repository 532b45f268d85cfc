/**
 * What the deployed stack costs a month before anyone signs up, priced from
 * the synthesized template's own resources: the app is synthesized in this
 * process (`infra/build-app.ts`, as `cdk synth` does, without bundling) and
 * each resource is priced by its type at the list prices in `prices.ts`. A
 * resource type this file does not know is reported, never priced as free in
 * silence (`test/infra/fixed-cost.test.ts` fails on one).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../infra/build-app.ts';
import { lambdaAssumptions } from './course-pricing.ts';
import { cost, fixedMonthly, fixedPricesTakenOn, hoursPerMonth, prices } from './prices.ts';
import type { Figure } from './report.ts';

/** A CloudFormation template, as far as pricing reads it. */
export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** One priced resource. */
export interface FixedItem {
  logicalId: string;
  type: string;
  usd: number;
  why: string;
}

/** The stack at rest, priced. */
export interface FixedCost {
  total: number;
  items: FixedItem[];
  /** Resources of a type this file does not know: not priced. */
  unpriced: string[];
}

/**
 * Resource types that cost nothing while nobody uses the coach: each is
 * billed by use (requests, emails, invocations, stored bytes), and at rest
 * there is none, or only the tick's (priced with its schedule below).
 */
export const freeAtRest: Record<string, string> = {
  'AWS::DynamoDB::Table':
    'on demand: billed per request; an empty table stores nothing (storage and PITR are per GB)',
  'AWS::Logs::LogGroup': 'billed per GB written and stored; only the tick writes at rest',
  'AWS::S3::Bucket': 'billed per request and GB stored; empty at rest',
  'AWS::S3::BucketPolicy': 'no charge',
  'AWS::SQS::Queue': 'billed per request; a dead-letter queue is only written on failure',
  'AWS::SQS::QueuePolicy': 'no charge',
  'AWS::IAM::Role': 'no charge',
  'AWS::IAM::Policy': 'no charge',
  'AWS::Lambda::Function': 'billed per invocation and GB-second',
  'AWS::Lambda::EventInvokeConfig': 'no charge',
  'AWS::Lambda::Permission': 'no charge',
  'AWS::ApiGatewayV2::Api': 'billed per request',
  'AWS::ApiGatewayV2::Integration': 'no charge',
  'AWS::ApiGatewayV2::Route': 'no charge',
  'AWS::ApiGatewayV2::Stage': 'no charge (access logs: per GB, none at rest)',
  'AWS::SES::ConfigurationSet': 'billed per email',
  'AWS::SES::ConfigurationSetEventDestination': 'billed per event published',
  'AWS::SES::EmailIdentity': 'no charge',
  'AWS::SES::ReceiptRuleSet': 'billed per email received',
  'AWS::SES::ReceiptRule': 'billed per email received',
  'AWS::SNS::Topic': 'billed per publish (email notifications: the first 1,000 a month free)',
  'AWS::SNS::Subscription': 'no charge',
  'AWS::SNS::TopicPolicy': 'no charge',
  'AWS::Route53::RecordSet': 'no charge for records; queries are billed per million',
  'Custom::SesActiveReceiptRuleSet': 'a deploy-time call (its Lambda runs only then)',
  'Custom::AWS': 'a deploy-time call (its Lambda runs only then)',
};

/** Standard-resolution alarm metrics an alarm is billed for. */
export function alarmMetrics(properties: Record<string, unknown>): {
  count: number;
  highResolution: boolean;
} {
  const metrics = properties.Metrics as
    | { MetricStat?: { Period?: number }; Expression?: string }[]
    | undefined;
  if (!metrics) {
    return { count: 1, highResolution: Number(properties.Period ?? 60) < 60 };
  }
  const read = metrics.filter((m) => m.MetricStat);
  const anomaly = metrics.some((m) => /ANOMALY_DETECTION_BAND/.test(m.Expression ?? ''));
  return {
    // An anomaly detection alarm is billed as three metrics: the metric and its band's two edges.
    count: anomaly ? 3 * read.length : read.length,
    highResolution: read.some((m) => Number(m.MetricStat?.Period ?? 60) < 60),
  };
}

/** Invocations a month of a `rate(...)` schedule; null for a cron expression or an event pattern. */
export function scheduledPerMonth(expression: unknown): number | null {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(String(expression));
  if (!match) return null;
  const minutes = { minute: 1, hour: 60, day: 1440 }[match[2]?.replace(/s$/, '') ?? 'minute'] ?? 1;
  return (hoursPerMonth * 60) / (Number(match[1]) * minutes);
}

/**
 * What one idle tick costs beyond its invocation: it queries each shard of
 * the due index once (0.5 read units each, eventually consistent), runs
 * briefly, and logs Lambda's own lines plus its report.
 */
export const idleTick = {
  /** The tick's own log lines when nothing is due (its invocation log and report). */
  appLogBytes: 400,
  /** Lambda keeps a log group's lines this long (`CoachFunction`'s default). */
  retentionMonths: 1,
} as const;

function scheduleCost(template: Template, properties: Record<string, unknown>): FixedItem['usd'] {
  const perMonth = scheduledPerMonth(properties.ScheduleExpression) ?? 0;
  const a = lambdaAssumptions;
  const targets = (properties.Targets as { Arn?: { 'Fn::GetAtt'?: [string, string] } }[]) ?? [];
  let usd = cost(prices.scheduledInvocations, perMonth);
  for (const target of targets) {
    const fn = template.Resources[target.Arn?.['Fn::GetAtt']?.[0] ?? ''];
    if (fn?.Type !== 'AWS::Lambda::Function') continue;
    const memoryGb = Number(fn.Properties?.MemorySize ?? 128) / 1024;
    const env = (fn.Properties?.Environment as { Variables?: Record<string, unknown> })?.Variables;
    const shards = Number(env?.DUE_SHARDS ?? 1);
    const ms = a.cpuMsPerInvocation.tick + shards * a.latencyMs.dynamodb;
    const logGb = (perMonth * (a.platformLogBytesPerInvocation + idleTick.appLogBytes)) / 1e9;
    usd +=
      cost(prices.lambdaRequests, perMonth) +
      cost(prices.lambdaArmCompute, ((perMonth * ms) / 1000) * memoryGb) +
      cost(prices.dynamoRead, perMonth * shards * 0.5) +
      cost(prices.logsIngestion, logGb) +
      cost(fixedMonthly.logsStorage, logGb * idleTick.retentionMonths);
  }
  return usd;
}

/** Prices every resource of `template` at rest. */
export function priceTemplate(template: Template): FixedCost {
  const items: FixedItem[] = [];
  const unpriced: string[] = [];
  const add = (logicalId: string, type: string, usd: number, why: string) =>
    items.push({ logicalId, type, usd, why });
  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::CloudWatch::Alarm': {
        const { count, highResolution } = alarmMetrics(props);
        const price = highResolution
          ? fixedMonthly.highResolutionAlarmMetric
          : fixedMonthly.alarmMetric;
        add(id, resource.Type, cost(price, count), `${count} alarm metric${count > 1 ? 's' : ''}`);
        break;
      }
      case 'AWS::CloudWatch::CompositeAlarm':
        add(id, resource.Type, cost(fixedMonthly.compositeAlarm, 1), 'composite alarm');
        break;
      case 'AWS::CloudWatch::Dashboard':
        add(id, resource.Type, cost(fixedMonthly.dashboard, 1), 'dashboard');
        break;
      case 'AWS::SecretsManager::Secret':
        add(id, resource.Type, cost(fixedMonthly.secret, 1), 'secret');
        break;
      case 'AWS::KMS::Key':
        add(id, resource.Type, cost(fixedMonthly.kmsKey, 1), 'customer managed key');
        break;
      case 'AWS::SSM::Parameter':
        add(
          id,
          resource.Type,
          props.Tier === 'Advanced' ? cost(fixedMonthly.advancedParameter, 1) : 0,
          `${String(props.Tier ?? 'Standard')} parameter`,
        );
        break;
      case 'Custom::TokenSigningKeysParameter':
        // Its provider writes one standard-tier SecureString under aws/ssm.
        add(id, resource.Type, cost(fixedMonthly.standardParameter, 1), 'standard SecureString');
        break;
      case 'AWS::Route53::HostedZone':
        add(id, resource.Type, cost(fixedMonthly.hostedZone, 1), 'hosted zone');
        break;
      case 'AWS::Events::Rule':
        if (props.ScheduleExpression) {
          const perMonth = Math.round(scheduledPerMonth(props.ScheduleExpression) ?? 0);
          add(
            id,
            resource.Type,
            scheduleCost(template, props),
            `${perMonth} idle scheduled invocations (EventBridge, Lambda, index reads, logs)`,
          );
        } else {
          add(id, resource.Type, 0, 'routes events: billed per event');
        }
        break;
      default:
        if (resource.Type in freeAtRest) {
          add(id, resource.Type, 0, freeAtRest[resource.Type] as string);
        } else {
          unpriced.push(`${id} (${resource.Type})`);
        }
    }
  }
  return { total: items.reduce((sum, item) => sum + item.usd, 0), items, unpriced };
}

/** The context `cdk synth` runs with: cdk.json's feature flags, plus `extra`, without bundling. */
export function synthesizedTemplate(extra: Record<string, unknown> = {}): Template {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const outdir = mkdtempSync(path.join(tmpdir(), 'drip-coach-fixed-cost-'));
  try {
    const { app, stack } = buildApp({
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...extra },
      outdir,
    });
    try {
      app.synth();
    } catch (error) {
      // The template is written before validation runs; test/infra owns cdk-nag findings.
      if (!(error instanceof Error)) throw error;
    }
    return JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8')) as Template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The fixed cost of the stack with `context` (default settings when empty). */
export function fixedCost(context: Record<string, unknown> = {}): FixedCost {
  return priceTemplate(synthesizedTemplate(context));
}

/** Groups priced items by what they are, for the figure's details. */
function itemized(fixed: FixedCost): Record<string, string> {
  const groups = new Map<string, { usd: number; count: number; why: Set<string> }>();
  for (const item of fixed.items) {
    const group = groups.get(item.type) ?? { usd: 0, count: 0, why: new Set<string>() };
    group.usd += item.usd;
    group.count += 1;
    group.why.add(item.why);
    groups.set(item.type, group);
  }
  const priced = [...groups].filter(([, g]) => g.usd > 0).sort((x, y) => y[1].usd - x[1].usd);
  const free = [...groups].filter(([, g]) => g.usd === 0);
  return {
    ...Object.fromEntries(
      priced.map(([type, g]) => [
        `  ${type} x${g.count}`,
        `$${g.usd.toFixed(3)} (${[...g.why].join('; ')})`,
      ]),
    ),
    '  at no charge while idle': free.map(([type, g]) => `${type} x${g.count}`).join(', '),
  };
}

/** The `fixed_monthly_usd` figure: the stack at default settings, idle for a month. */
export function measureFixedCost(): { figure: Figure; fixed: FixedCost } {
  const fixed = fixedCost();
  const withDashboard = fixedCost({ dashboard: true });
  const figure: Figure = {
    name: 'fixed_monthly_usd',
    value: fixed.total,
    unit: 'USD',
    target: { op: '<=', value: 1 },
    details: {
      'priced resources (default settings)': `${fixed.items.length} in the template`,
      ...itemized(fixed),
      'with -c dashboard=true': `$${withDashboard.total.toFixed(2)}`,
    },
    notes: [
      `us-east-1 list prices taken ${fixedPricesTakenOn}, no free tier (an account's first 10 alarm metrics and 3 dashboards are free); sources in bench/prices.ts`,
      'a metric-math alarm is priced per metric it reads; the tick schedule at rest includes its Lambda, index reads and logs (modeled as in the cost model)',
      ...(fixed.unpriced.length
        ? [`NOT PRICED (unknown types): ${fixed.unpriced.join(', ')}`]
        : []),
    ],
  };
  return { figure, fixed };
}

/**
 * The `monthly_usd_1k_subscribers` figure: the fixed cost plus the whole
 * course for 1,000 subscribers as `cost-model.ts` prices it.
 */
export function monthlyFigure(
  fixed: FixedCost,
  course: { perThousand: number; subscribers: number },
  quickLabel: string,
): Figure {
  return {
    name: 'monthly_usd_1k_subscribers',
    value: fixed.total + course.perThousand,
    unit: 'USD',
    target: { op: '<=', value: 3 },
    details: {
      'fixed (fixed_monthly_usd)': `$${fixed.total.toFixed(2)}`,
      'the course for 1,000 subscribers': `$${course.perThousand.toFixed(2)} (simulated for ${course.subscribers}${quickLabel}, per 1,000)`,
    },
    notes: [
      'one month holding the whole course of 1,000 subscribers (about 11 emails and 3 replies each); see cost_vs_ses_floor for its lines',
      'the tick schedule is in both parts (about $0.02): left in as a margin',
      'not included: CloudWatch custom metrics from embedded metric format, $0.30 a metric-month prorated by the hours a metric has data; the two the alarms read (UnresolvedSends, ReaderCorrections) have data only in hours with such events',
    ],
  };
}
