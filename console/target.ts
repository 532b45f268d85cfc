import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { createS3RawMailStore } from '../functions/adapters/s3-raw-mail.ts';
import { dynamoDbClient } from '../functions/adapters/sdk-clients.ts';
import { sesClient } from '../functions/adapters/ses-mailer.ts';
import { type Config, loadConfig } from '../functions/config.ts';
import type { SigningKey } from '../functions/core/tokens.ts';
import type { SentMailRecord } from '../functions/ports/mail.ts';
import type { RawMailStore } from '../functions/ports/raw-mail.ts';
import type { Clock } from '../functions/ports/runtime.ts';
import { loadSigningKeys, systemClock } from '../functions/wiring.ts';
import { DevClock } from '../local/dev-clock.ts';
import { EmulatorSentMailRecord } from '../local/emulator-sent-mail.ts';
import { FolderRawMailStore } from '../local/folder-raw-mail.ts';
import type { RunningStackFile } from '../local/stack.ts';
import { ConsoleError, type ConsoleIo } from './io.ts';

/** The coach the console works on: a local stack, emulators named by the environment, or AWS. */
export interface Target {
  kind: 'local' | 'env' | 'aws';
  /** Said in messages: which stack this is. */
  description: string;
  config: Config;
  keys: SigningKey[];
  dynamodb: DynamoDBClient;
  ses: SESv2Client;
  clock: Clock;
  /** SES's record of sends; undefined keeps createDeps' default (the table's Send events). */
  sentMail?: SentMailRecord;
  /** Where raw replies are kept, for erasing them; null when the stack keeps none. */
  rawMail: RawMailStore | null;
  /** Sends are paced to a share of this (emails per second), as the tick's are. */
  maxSendRate: number | undefined;
  destroy(): void;
}

/** The settings the local stack starts with (local/stack.ts), before the environment's. */
export function localDefaults(url: string): Record<string, string> {
  return {
    TABLE_NAME: 'drip-coach',
    FROM_ADDRESS: 'coach@drip-coach.test',
    OPERATOR_EMAIL: 'operator@drip-coach.test',
    SENDER_NAME: 'Drip Coach',
    REPLY_DOMAIN: 'reply.drip-coach.test',
    BASE_URL: url,
    POSTAL_ADDRESS: 'Drip Coach (local), 1 Example Street, Springfield',
    SES_MAX_SEND_RATE: '100',
  };
}

const definedOnly = (env: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]),
  ) as Record<string, string>;

/** Endpoints of emulators take any credentials; real ones come from the environment. */
function localClients(env: Record<string, string>, dynamoEndpoint: string, sesEndpoint: string) {
  const common = {
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  };
  return {
    dynamodb: dynamoDbClient({ ...common, endpoint: dynamoEndpoint }),
    ses: sesClient({ ...common, endpoint: sesEndpoint }),
  };
}

function isRunning(pid: number): boolean {
  try {
    // Signal 0 only asks whether the process exists; nothing is sent to it.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The data folder: `DATA_DIR` (default `.data`), from the console's working directory. */
export function dataDirOf(io: ConsoleIo): string {
  const dir = io.env.DATA_DIR || '.data';
  return isAbsolute(dir) ? dir : join(io.cwd, dir);
}

function localKeys(env: Record<string, string>, dataDir: string): string {
  if (env.TOKEN_KEYS) return env.TOKEN_KEYS;
  const file = join(dataDir, 'token-keys');
  if (!existsSync(file)) {
    throw new ConsoleError(
      `no signing keys: ${file} does not exist (the local stack writes it) and TOKEN_KEYS is not set`,
    );
  }
  return readFileSync(file, 'utf8').trim();
}

function configOf(values: Record<string, string>, where: string): Config {
  try {
    return loadConfig(values);
  } catch (error) {
    throw new ConsoleError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A local stack found through `DATA_DIR/stack.json`, or emulators named by the environment. */
function openLocal(io: ConsoleIo): Target {
  const env = definedOnly(io.env);
  const dataDir = dataDirOf(io);
  const stackFile = join(dataDir, 'stack.json');
  let running: RunningStackFile | null = null;
  if (!env.AWS_ENDPOINT_URL_DYNAMODB) {
    if (!existsSync(stackFile)) {
      throw new ConsoleError(
        `no local stack found: ${stackFile} does not exist. Start one with \`npm start\`, ` +
          'set AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SESV2 and TABLE_NAME, or pass --stack <name>',
      );
    }
    running = JSON.parse(readFileSync(stackFile, 'utf8')) as RunningStackFile;
    if (!isRunning(running.pid)) {
      throw new ConsoleError(
        `the local stack in ${dataDir} (pid ${running.pid}) is not running; start it with \`npm start\``,
      );
    }
  }
  const url = running?.url ?? env.BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  const dynamoEndpoint = running?.dynamoEndpoint ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
  const sesEndpoint = running?.sesUrl ?? env.AWS_ENDPOINT_URL_SESV2 ?? '';
  if (!sesEndpoint) {
    throw new ConsoleError('AWS_ENDPOINT_URL_SESV2 is not set: the console needs the SES endpoint');
  }
  const config = configOf(
    {
      ...localDefaults(url),
      ...env,
      ...(running ? { TABLE_NAME: running.tableName, BASE_URL: running.url } : {}),
      TOKEN_KEYS: localKeys(env, dataDir),
    },
    running ? `the local stack in ${dataDir}` : 'the environment',
  );
  const { dynamodb, ses } = localClients(env, dynamoEndpoint, sesEndpoint);
  return {
    kind: running ? 'local' : 'env',
    description: running
      ? `local stack ${running.url} (pid ${running.pid})`
      : `emulators at ${dynamoEndpoint}, table ${config.TABLE_NAME}`,
    config,
    keys: config.TOKEN_KEYS ?? [],
    dynamodb,
    ses,
    // The stack's dev clock may have been moved forward; the console keeps its time.
    clock: new DevClock(join(dataDir, 'clock.json')),
    sentMail: new EmulatorSentMailRecord(sesEndpoint),
    rawMail: new FolderRawMailStore(dataDir),
    maxSendRate: config.SES_MAX_SEND_RATE,
    destroy: () => {
      dynamodb.destroy();
      ses.destroy();
    },
  };
}

/** A stack's outputs, through CloudFormation with the operator's own credentials. */
async function cloudFormationOutputs(stackName: string): Promise<Record<string, string>> {
  const { CloudFormationClient, DescribeStacksCommand } = await import(
    '@aws-sdk/client-cloudformation'
  );
  const client = new CloudFormationClient({});
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs: Record<string, string> = {};
    for (const output of Stacks[0]?.Outputs ?? []) {
      if (output.OutputKey && output.OutputValue !== undefined) {
        outputs[output.OutputKey] = output.OutputValue;
      }
    }
    return outputs;
  } finally {
    client.destroy();
  }
}

/**
 * The settings of a deployed stack, from its outputs: `ConsoleSettings` holds
 * the functions' environment (infra/coach-stack.ts), so the console builds
 * exactly the configuration the functions run with.
 */
export function settingsFromOutputs(
  stackName: string,
  outputs: Record<string, string>,
): Record<string, string> {
  const raw = outputs.ConsoleSettings;
  if (!raw) {
    throw new ConsoleError(
      `stack ${stackName} has no ConsoleSettings output: deploy this version of the coach first (npx cdk deploy)`,
    );
  }
  let settings: unknown;
  try {
    settings = JSON.parse(raw);
  } catch {
    throw new ConsoleError(`stack ${stackName}: the ConsoleSettings output is not JSON`);
  }
  if (typeof settings !== 'object' || settings === null) {
    throw new ConsoleError(`stack ${stackName}: the ConsoleSettings output is not an object`);
  }
  return Object.fromEntries(
    Object.entries(settings).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

async function openAws(io: ConsoleIo, stackName: string): Promise<Target> {
  const outputs = await (io.stackOutputs ?? cloudFormationOutputs)(stackName).catch(
    (error: unknown) => {
      throw new ConsoleError(
        `could not read stack ${stackName}: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  const config = configOf(settingsFromOutputs(stackName, outputs), `stack ${stackName}`);
  const keys = await loadSigningKeys(config);
  const dynamodb = dynamoDbClient();
  const ses = sesClient();
  return {
    kind: 'aws',
    description: `stack ${stackName} (table ${config.TABLE_NAME})`,
    config,
    keys,
    dynamodb,
    ses,
    clock: systemClock,
    rawMail: config.RAW_MAIL_BUCKET ? createS3RawMailStore(config.RAW_MAIL_BUCKET) : null,
    maxSendRate: config.SES_MAX_SEND_RATE,
    destroy: () => {
      dynamodb.destroy();
      ses.destroy();
    },
  };
}

/** Finds the coach to work on: `--stack` names a deployed one, otherwise the local one. */
export async function openTarget(io: ConsoleIo, options: { stack?: string }): Promise<Target> {
  return options.stack ? openAws(io, options.stack) : openLocal(io);
}
