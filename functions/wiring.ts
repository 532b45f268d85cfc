import { randomBytes } from 'node:crypto';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { BatchingSink, fanOut } from './adapters/course-event-sinks.ts';
import { DailyCounters } from './adapters/daily-counters.ts';
import { DynamoSentMailRecord } from './adapters/dynamo-sent-mail.ts';
import { dynamoStores } from './adapters/dynamo-stores.ts';
import { builtInHolidays } from './adapters/holiday-calendar.ts';
import { lazyMailer } from './adapters/lazy-mailer.ts';
import { PowertoolsLog } from './adapters/powertools-log.ts';
import { MetricsEventSink } from './adapters/powertools-metrics.ts';
import { dynamoDbClient } from './adapters/sdk-clients.ts';
import type { CoachDeps } from './app/deps.ts';
import { type Config, ConfigError, parseKeyList } from './config.ts';
import type { CompiledCourse } from './core/course.ts';
import { metricNamespace, metricService } from './core/metric-names.ts';
import { base32, type SigningKey } from './core/tokens.ts';
import type { CourseEventSink } from './ports/course-events.ts';
import type { SentMailRecord } from './ports/mail.ts';
import type { Clock, IdSource, Logger, Timer } from './ports/runtime.ts';
import type { Stores } from './ports/stores.ts';

/** Random ids: 80-bit subscriber ids and 40-bit nonces, lowercase base32. */
export const randomIds: IdSource = {
  subscriberId: () => base32(randomBytes(10)),
  nonce: () => base32(randomBytes(5)),
};

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Real elapsed time: monotonic, unaffected by wall-clock changes. */
export const systemTimer: Timer = {
  elapsedMs: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Reads one SecureString parameter's decrypted value; undefined when it has none. */
export type ParameterReader = (name: string) => Promise<string | undefined>;

/**
 * Parameter Store through `@aws-sdk/client-ssm`, loaded on first use: only
 * the Lambda functions read their keys there, once per cold start.
 */
const ssmParameterReader: ParameterReader = async (name) =>
  (await import('./adapters/ssm-parameter.ts')).readSecureParameter(name);

/** Keys read from Parameter Store, by parameter name: one read per process (a cold start). */
const parameterKeys = new Map<string, Promise<SigningKey[]>>();

/**
 * Reads the signing keys: from config directly (`TOKEN_KEYS`), or from the
 * SecureString parameter `TOKEN_PARAMETER_NAME`, read and decrypted once per
 * process and cached. A failed read is not cached, so a later call tries again.
 */
export async function loadSigningKeys(
  config: Config,
  readParameter: ParameterReader = ssmParameterReader,
): Promise<SigningKey[]> {
  if (config.TOKEN_KEYS) return config.TOKEN_KEYS;
  const name = config.TOKEN_PARAMETER_NAME;
  if (!name) throw new ConfigError('invalid configuration: set TOKEN_KEYS or TOKEN_PARAMETER_NAME');
  let keys = parameterKeys.get(name);
  if (!keys) {
    keys = readParameter(name).then((value) => {
      if (!value) throw new ConfigError(`token signing key parameter ${name} is empty`);
      try {
        return parseKeyList(value);
      } catch {
        // Never the value itself in an error: it is the signing key.
        throw new ConfigError(
          `token signing key parameter ${name} is not a key list "kid:secret[,kid:secret]"`,
        );
      }
    });
    parameterKeys.set(name, keys);
    keys.catch(() => parameterKeys.delete(name));
  }
  return keys;
}

/** What differs between the Lambda, the local stack and the bench. */
export interface WiringOverrides {
  clock?: Clock;
  logger?: Logger;
  /** SDK clients made elsewhere (pointed at given endpoints); by default made here. */
  dynamodb?: DynamoDBClient;
  ses?: SESv2Client;
  /** Where SES's record of sends is read; by default the Send events the ses-events function keeps. */
  sentMail?: SentMailRecord;
  /** Where course events are counted; by default the daily counters on the table. */
  events?: CourseEventSink;
  /** CloudWatch metrics to publish course events to as well (the Lambda functions pass one). */
  metrics?: Metrics;
}

/** Every store on the configured table. */
export function createStores(config: Config, client: DynamoDBClient = dynamoDbClient()): Stores {
  return dynamoStores(client, {
    tableName: config.TABLE_NAME,
    dueShards: config.DUE_SHARDS,
    defaultLocale: config.DEFAULT_LOCALE,
  });
}

/**
 * The daily counters on the table, batched per invocation (handlers flush),
 * and the CloudWatch metrics when given: embedded metric format lines, not
 * buffered, as they cost nothing per line.
 */
function courseEvents(
  dynamodb: DynamoDBClient,
  config: Config,
  courses: Record<string, CompiledCourse>,
  metrics: Metrics | undefined,
): CourseEventSink {
  const counters = new BatchingSink(new DailyCounters(dynamodb, config.TABLE_NAME, courses));
  return metrics
    ? fanOut(new MetricsEventSink(metrics, config.DETAILED_METRICS), counters)
    : counters;
}

/** The functions' CloudWatch metrics: the coach's namespace, one `service` dimension. */
export function coachMetrics(): Metrics {
  return new Metrics({ namespace: metricNamespace, serviceName: metricService });
}

/**
 * Creates the SDK clients and adapters once per process. The endpoints come
 * from the standard AWS_ENDPOINT_URL_* variables, so the same wiring talks to
 * AWS or to the local emulators.
 */
export function createDeps(
  config: Config,
  keys: SigningKey[],
  courses: Record<string, CompiledCourse>,
  overrides: WiringOverrides = {},
): CoachDeps {
  const dynamodb = overrides.dynamodb ?? dynamoDbClient();
  return {
    ...createStores(config, dynamodb),
    sentMail: overrides.sentMail ?? new DynamoSentMailRecord(dynamodb, config.TABLE_NAME),
    events: overrides.events ?? courseEvents(dynamodb, config, courses, overrides.metrics),
    holidays: builtInHolidays,
    mailer: lazyMailer(async () => {
      const { SesMailer, sesClient } = await import('./adapters/ses-mailer.ts');
      return new SesMailer(overrides.ses ?? sesClient(), config.SES_CONFIGURATION_SET);
    }),
    clock: overrides.clock ?? systemClock,
    timer: systemTimer,
    ids: randomIds,
    log: overrides.logger ?? new PowertoolsLog(),
    courses,
    settings: {
      baseUrl: config.BASE_URL,
      replyDomain: config.REPLY_DOMAIN,
      fromAddress: config.FROM_ADDRESS,
      senderName: config.SENDER_NAME,
      postalAddress: config.POSTAL_ADDRESS,
      keys,
    },
    operatorEmail: config.OPERATOR_EMAIL,
    defaultCourse: config.DEFAULT_COURSE,
    defaultTimezone: config.DEFAULT_TIMEZONE,
    defaultLocale: config.DEFAULT_LOCALE,
    answerFloorMs: config.ANSWER_FLOOR_MS,
  };
}
