import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '../functions/adapters/sdk-clients.ts';
import { sesClient } from '../functions/adapters/ses-mailer.ts';
import type { CoachDeps } from '../functions/app/deps.ts';
import { runDue } from '../functions/app/run-due.ts';
import { type Config, loadConfig } from '../functions/config.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import type { Logger } from '../functions/ports/runtime.ts';
import { createDeps } from '../functions/wiring.ts';
import { EmulatorSentMailRecord } from '../local/emulator-sent-mail.ts';
import { localAwsEnv } from './emulators.ts';

/** A fixed signing key for the bench only; it signs links to nowhere. */
export const benchTokenKeys = `b1:${'0123456789abcdef'.repeat(4)}`;

/** Settings every bench run uses, as the Lambda environment would carry them. */
export function benchSettings(tableName: string): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    FROM_ADDRESS: 'coach@drip-coach.test',
    OPERATOR_EMAIL: 'operator@drip-coach.test',
    SENDER_NAME: 'Drip Coach',
    REPLY_DOMAIN: 'reply.drip-coach.test',
    BASE_URL: 'https://coach.drip-coach.test',
    POSTAL_ADDRESS: 'Drip Coach (bench), 1 Example Street, Springfield',
    DEFAULT_TIMEZONE: 'UTC',
    TOKEN_KEYS: benchTokenKeys,
    // The emulator has no quota; throughput figures must not be capped by pacing.
    SES_MAX_SEND_RATE: '10000',
  };
}

/** Swallows the coach's logs: thousands of JSON lines would drown the report. */
export const quietLogger: Logger = { info() {}, warn() {}, error() {} };

/** Where the coach's SDK clients send their requests. */
export interface BenchEndpoints {
  dynamodb: string;
  sesv2: string;
}

const credentials = {
  accessKeyId: localAwsEnv.AWS_ACCESS_KEY_ID,
  secretAccessKey: localAwsEnv.AWS_SECRET_ACCESS_KEY,
};

/**
 * The coach's dependencies exactly as `createDeps` wires them (same adapters,
 * same client options), with the SDK clients pointed at `endpoints`
 * explicitly rather than through the process environment.
 */
export function benchDeps(
  tableName: string,
  endpoints: BenchEndpoints,
  logger: Logger = quietLogger,
): { deps: CoachDeps; config: Config; dynamodb: DynamoDBClient; destroy(): void } {
  const config = loadConfig(benchSettings(tableName));
  const dynamo = dynamoDbClient({
    endpoint: endpoints.dynamodb,
    region: localAwsEnv.AWS_REGION,
    credentials,
  });
  const ses = sesClient({
    endpoint: endpoints.sesv2,
    region: localAwsEnv.AWS_REGION,
    credentials,
  });
  const deps = createDeps(config, config.TOKEN_KEYS ?? [], compiledCourses, {
    logger,
    dynamodb: dynamo,
    ses,
    sentMail: new EmulatorSentMailRecord(endpoints.sesv2),
  });
  return {
    deps,
    config,
    dynamodb: dynamo,
    destroy: () => {
      dynamo.destroy();
      ses.destroy();
    },
  };
}

/** Tick tuning the bench passes: the tick's own defaults, with the send rate lifted. */
export interface BenchTickOptions {
  batchSize?: number;
  concurrency?: number;
  /** Emails per second; the bench passes a high value so figures measure the pipeline, not pacing. */
  maxSendRate: number;
}

/** What one tick did, as counts. */
export interface TickOutcome {
  sent: number;
  retried: number;
  unknown: number;
  deferred: number;
}

/** Runs one tick (`runDue`) and counts what it did. */
export async function runTick(deps: CoachDeps, options: BenchTickOptions): Promise<TickOutcome> {
  const report = await runDue(deps, options);
  return {
    sent: report.sent.length,
    retried: report.retried,
    unknown: report.unknown,
    deferred: report.deferred,
  };
}
