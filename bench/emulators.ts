import { type ChildProcess, fork } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../local/emulators.ts';
import type { ProxiedService, ServiceCounts } from './counting-proxy.ts';
import type { HostReady, HostRequest, HostUsage } from './emulator-host.ts';

/** Credentials and region the emulators accept; nothing here reaches AWS. */
export const localAwsEnv = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
} as const;

/** Emulators running in their own processes, with counting proxies in front. */
export interface BenchEmulators {
  /** Direct endpoints: nothing is counted. */
  dynamodb: string;
  sesv2: string;
  /** Endpoints that count requests (and DynamoDB request units). */
  countedDynamodb: string;
  countedSesv2: string;
  counts(): Promise<{ dynamodb: ServiceCounts; sesv2: ServiceCounts }>;
  reset(): Promise<void>;
  /** CPU time each emulator process has used so far. */
  usage(): Promise<{ dynamodb: HostUsage; sesv2: HostUsage }>;
  /** Empties the SES emulator's inbox (it keeps every email in memory). */
  clearInbox(): Promise<void>;
  stop(): Promise<void>;
}

/** One emulator host process (./emulator-host.ts) and how to talk to it. */
interface Host {
  ready: HostReady;
  ask<T>(type: HostRequest['type']): Promise<T>;
  stop(): Promise<void>;
}

async function startHost(service: ProxiedService, heapMb: number): Promise<Host> {
  const child: ChildProcess = fork(new URL('./emulator-host.ts', import.meta.url), [service], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${heapMb}`, NODE_NO_WARNINGS: '1' },
  });
  const ready = await new Promise<HostReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as HostReady));
    child.once('exit', (code) => reject(new Error(`${service} emulator host exited (${code})`)));
  });
  let nextId = 1;
  const pending = new Map<number, (reply: unknown) => void>();
  child.on('message', (message: { id?: number }) => {
    const settle = message.id === undefined ? undefined : pending.get(message.id);
    if (settle && message.id !== undefined) {
      pending.delete(message.id);
      settle(message);
    }
  });
  return {
    ready,
    ask: <T>(type: HostRequest['type']) =>
      new Promise<T>((resolve) => {
        const id = nextId++;
        pending.set(id, (reply) => resolve(reply as T));
        child.send({ id, type } satisfies HostRequest);
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Only the process this bench started, by its own handle.
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Starts dynalite and aws-ses-v2-local, each in its own child process
 * (./emulator-host.ts) with a counting proxy, so that the code being measured
 * has this process to itself.
 */
export async function startBenchEmulators(): Promise<BenchEmulators> {
  // A big heap for dynalite: 100,000 subscribers live in its memory store.
  const [dynamo, ses] = await Promise.all([startHost('dynamodb', 4096), startHost('sesv2', 2048)]);
  const counts = async () => {
    const [d, s] = await Promise.all([
      dynamo.ask<{ counts: ServiceCounts }>('counts'),
      ses.ask<{ counts: ServiceCounts }>('counts'),
    ]);
    return { dynamodb: d.counts, sesv2: s.counts };
  };
  return {
    dynamodb: dynamo.ready.endpoint,
    sesv2: ses.ready.endpoint,
    countedDynamodb: dynamo.ready.counted,
    countedSesv2: ses.ready.counted,
    counts,
    reset: async () => {
      await Promise.all([dynamo.ask('reset'), ses.ask('reset')]);
    },
    usage: async () => {
      const [dynamodb, sesv2] = await Promise.all([
        dynamo.ask<HostUsage>('usage'),
        ses.ask<HostUsage>('usage'),
      ]);
      return { dynamodb, sesv2 };
    },
    clearInbox: async () => {
      const response = await fetch(`${ses.ready.endpoint}/clear-store`, { method: 'POST' });
      await response.arrayBuffer();
    },
    stop: async () => {
      await Promise.all([dynamo.stop(), ses.stop()]);
    },
  };
}

/** A low-level DynamoDB client on `endpoint`, for setup work the bench does itself. */
export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: localAwsEnv.AWS_REGION,
    credentials: {
      accessKeyId: localAwsEnv.AWS_ACCESS_KEY_ID,
      secretAccessKey: localAwsEnv.AWS_SECRET_ACCESS_KEY,
    },
    // The local emulator answers in milliseconds; a slow answer means overload, not a lost packet.
    maxAttempts: 10,
  });
}

/** Creates the coach's table (with its due index) on `endpoint`, as the local stack does. */
export async function createTable(endpoint: string, tableName: string): Promise<void> {
  const client = dynamoClient(endpoint);
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
}
