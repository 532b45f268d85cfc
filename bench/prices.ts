/**
 * AWS list prices the cost model uses: us-east-1, on-demand, no free tier,
 * in US dollars. Each carries the page it comes from; all were taken on
 * {@link pricesTakenOn}. Check the pages before relying on them: prices change.
 */

/** When the prices below were read. */
export const pricesTakenOn = '2026-11-26';

/** One price and where it comes from. */
export interface Price {
  /** Dollars per `per` units. */
  usd: number;
  per: number;
  unit: string;
  source: string;
  note?: string;
}

/** us-east-1 list prices. */
export const prices = {
  sesOutbound: {
    usd: 0.1,
    per: 1_000,
    unit: 'emails sent',
    source: 'https://aws.amazon.com/ses/pricing/',
    note: 'pay-as-you-go (pricing plan NONE); SES also sells Essentials/Pro/Enterprise plans since 2026',
  },
  sesInbound: {
    usd: 0.1,
    per: 1_000,
    unit: 'emails received',
    source: 'https://aws.amazon.com/ses/pricing/',
  },
  sesInboundChunks: {
    usd: 0.09,
    per: 1_000,
    unit: 'incoming 256 KB mail chunks',
    source: 'https://aws.amazon.com/ses/pricing/',
  },
  dynamoWrite: {
    usd: 0.625,
    per: 1_000_000,
    unit: 'write request units (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: 'after the November 2024 on-demand price reduction',
  },
  dynamoRead: {
    usd: 0.125,
    per: 1_000_000,
    unit: 'read request units (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  lambdaArmCompute: {
    usd: 0.0000133334,
    per: 1,
    unit: 'GB-seconds (arm64)',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaRequests: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'invocations',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  s3Put: {
    usd: 0.005,
    per: 1_000,
    unit: 'PUT requests (S3 Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
  s3Get: {
    usd: 0.0004,
    per: 1_000,
    unit: 'GET requests (S3 Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
  s3Storage: {
    usd: 0.023,
    per: 1,
    unit: 'GB-month (S3 Standard, first 50 TB)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
  logsIngestion: {
    usd: 0.5,
    per: 1,
    unit: 'GB ingested (CloudWatch Logs, Standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  scheduledInvocations: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'scheduled invocations',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    note: 'EventBridge Scheduler rate after its free 14 million a month; used as an upper bound for the scheduled rule',
  },
  eventBridgeEvents: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'events published (64 KB chunks)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    note: 'custom-event rate, an upper bound for SES sending events on the default bus',
  },
  httpApiRequests: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'HTTP API requests (first 300 million)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
  },
} as const satisfies Record<string, Price>;

/** Fixed monthly costs of the stack, independent of subscribers (not in the per-subscriber figure). */
export const fixedMonthly = {
  alarms: {
    usd: 0.1,
    per: 1,
    unit: 'standard-resolution alarm-months',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  dashboard: {
    usd: 3.0,
    per: 1,
    unit: 'dashboard-months (beyond the first 3 free)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  secrets: {
    usd: 0.4,
    per: 1,
    unit: 'secret-months',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
  },
} as const satisfies Record<string, Price>;

/** Dollars for `quantity` units at `price`. */
export function cost(price: Price, quantity: number): number {
  return (price.usd * quantity) / price.per;
}
