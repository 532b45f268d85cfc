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

/** When the prices in {@link fixedMonthly} were read, or confirmed where they were already here. */
export const fixedPricesTakenOn = '2026-12-02';

/** Hours in the month AWS bills by (8,760 a year over 12). */
export const hoursPerMonth = 730;

/**
 * What a resource costs a month just for existing, whatever it serves: the
 * stack's cost at rest (`fixed-cost.ts` prices each resource of the
 * synthesized template with these). us-east-1 list prices, no free tier.
 */
export const fixedMonthly = {
  alarmMetric: {
    usd: 0.1,
    per: 1,
    unit: 'standard-resolution alarm metrics a month (one per metric an alarm reads)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: 'a metric-math alarm is counted here once per metric it reads; the free tier (10 alarm metrics an account) is left out',
  },
  highResolutionAlarmMetric: {
    usd: 0.3,
    per: 1,
    unit: 'high-resolution (10 s) alarm metrics a month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  compositeAlarm: {
    usd: 0.5,
    per: 1,
    unit: 'composite alarms a month (the alarms it combines are billed besides)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  dashboard: {
    usd: 3.0,
    per: 1,
    unit: 'dashboards a month (beyond the first 3 an account has free)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  secret: {
    usd: 0.4,
    per: 1,
    unit: 'Secrets Manager secrets a month',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
  },
  kmsKey: {
    usd: 1.0,
    per: 1,
    unit: 'customer managed KMS keys a month (AWS managed keys such as aws/ssm: no charge)',
    source: 'https://aws.amazon.com/kms/pricing/',
  },
  standardParameter: {
    usd: 0,
    per: 1,
    unit: 'Parameter Store standard parameters a month, SecureString included',
    source:
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    note: '"Cost: No additional charge" for the standard tier; reads at standard throughput are free too, and the one KMS Decrypt per cold start is $0.03 per 10,000',
  },
  advancedParameter: {
    usd: 0.05,
    per: 1,
    unit: 'Parameter Store advanced parameters a month',
    source: 'https://aws.amazon.com/systems-manager/pricing/',
  },
  hostedZone: {
    usd: 0.5,
    per: 1,
    unit: 'Route 53 hosted zones a month (the stack only writes records into one the operator has)',
    source: 'https://aws.amazon.com/route53/pricing/',
  },
  logsStorage: {
    usd: 0.03,
    per: 1,
    unit: 'GB-month of CloudWatch Logs stored',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  dynamoStorage: {
    usd: 0.25,
    per: 1,
    unit: 'GB-month of DynamoDB Standard table storage (the first 25 GB free)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  dynamoPitr: {
    usd: 0.2,
    per: 1,
    unit: 'GB-month of table size under point-in-time recovery',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
} as const satisfies Record<string, Price>;

/** Dollars for `quantity` units at `price`. */
export function cost(price: Price, quantity: number): number {
  return (price.usd * quantity) / price.per;
}
