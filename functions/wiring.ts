import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoSentMailRecord } from './adapters/dynamo-sent-mail.ts';
import { dynamoStores } from './adapters/dynamo-stores.ts';
import { PowertoolsLog } from './adapters/powertools-log.ts';
import { dynamoDbClient, sesClient } from './adapters/sdk-clients.ts';
import { SesMailer } from './adapters/ses-mailer.ts';
import type { CoachDeps } from './app/deps.ts';
import { type Config, parseKeyList } from './config.ts';
import type { CompiledCourse } from './core/course.ts';
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

/** Reads the signing keys: from config directly, or once from Secrets Manager. */
export async function loadSigningKeys(config: Config): Promise<SigningKey[]> {
  if (config.TOKEN_KEYS) return config.TOKEN_KEYS;
  const client = new SecretsManagerClient({});
  const secret = await client.send(
    new GetSecretValueCommand({ SecretId: config.TOKEN_SECRET_ARN }),
  );
  if (!secret.SecretString) throw new Error('token signing secret is empty');
  return parseKeyList(secret.SecretString);
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
  /** Where course events are counted; by default nowhere yet. */
  events?: CourseEventSink;
}

/** Counts nothing: the default until a deployment wires metrics and counters. */
const uncounted: CourseEventSink = { record: async () => {} };

/** Every store on the configured table. */
export function createStores(config: Config, client: DynamoDBClient = dynamoDbClient()): Stores {
  return dynamoStores(client, { tableName: config.TABLE_NAME, dueShards: config.DUE_SHARDS });
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
    events: overrides.events ?? uncounted,
    mailer: new SesMailer(overrides.ses ?? sesClient(), config.SES_CONFIGURATION_SET),
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
    defaultCourse: config.DEFAULT_COURSE,
    defaultTimezone: config.DEFAULT_TIMEZONE,
    answerFloorMs: config.ANSWER_FLOOR_MS,
  };
}
