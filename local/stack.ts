import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { galleryHtml, previewEmails } from '../console/preview.ts';
import { mimeLimits, parseMime } from '../functions/adapters/mime.ts';
import { PowertoolsLog } from '../functions/adapters/powertools-log.ts';
import { courseOf } from '../functions/app/deps.ts';
import type { SentEmail } from '../functions/app/run-due.ts';
import { loadConfig } from '../functions/config.ts';
import { allowedOrigins } from '../functions/core/csrf.ts';
import { tickSendRate } from '../functions/core/send-rate.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import type { FunctionUrlResult } from '../functions/handlers/http/function-url.ts';
import { createInboundHandler } from '../functions/handlers/inbound-handler.ts';
import { createTickHandler } from '../functions/handlers/tick-handler.ts';
import { createWebHandler } from '../functions/handlers/web-handler.ts';
import type { Logger } from '../functions/ports/runtime.ts';
import { createDeps, loadSigningKeys } from '../functions/wiring.ts';
import { DevClock, devClockPost } from './dev-clock.ts';
import { repairDueIndex } from './due-index-repair.ts';
import { EmulatorSentMailRecord } from './emulator-sent-mail.ts';
import {
  ensureTable,
  type RunningEmulator,
  setupClient,
  startDynalite,
  startSes,
} from './emulators.ts';
import { FolderRawMailStore } from './folder-raw-mail.ts';
import { createLocalServer, type LocalRoute } from './http-server.ts';
import { startSmtp } from './smtp-server.ts';

/** How to run the local stack; every field has a default. */
export interface LocalStackOptions {
  /** Web port; 0 picks a free one. */
  port?: number;
  /** SES emulator port when it is started here; 0 picks a free one. */
  sesPort?: number;
  /** Port of the local reply (SMTP) server; 0 picks a free one. */
  smtpPort?: number;
  /** Where dynalite keeps its data, the dev clock and the generated signing key. */
  dataDir?: string;
  /** Keep dynalite in memory (tests); the data folder still holds the key. */
  inMemory?: boolean;
  /** How often the background tick runs; 0 turns it off (tests drive the dev clock). */
  tickIntervalMs?: number;
  /** Environment to read settings from (defaults to process.env). */
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

/**
 * A stack for tests and the bench: free ports, tables in memory, no
 * background tick (the dev clock drives it), settings only from what is given.
 */
export const ephemeralStack = {
  port: 0,
  sesPort: 0,
  smtpPort: 0,
  inMemory: true,
  tickIntervalMs: 0,
  env: {},
} as const satisfies LocalStackOptions;

/** What a running stack writes to `DATA_DIR/stack.json`, so other processes can find it. */
export interface RunningStackFile {
  pid: number;
  url: string;
  sesUrl: string;
  smtpPort: number;
  dynamoEndpoint: string;
  tableName: string;
}

/** A running local stack. */
export interface LocalStack {
  url: string;
  sesUrl: string;
  smtpPort: number;
  replyDomain: string;
  dynamoEndpoint: string;
  tableName: string;
  clock: DevClock;
  /** Moves the dev clock forward, running every tick that falls due on the way. */
  advance(hours: number): Promise<{ now: string; sent: SentEmail[] }>;
  stop(): Promise<void>;
}

function signingKeys(dataDir: string): string {
  const file = join(dataDir, 'token-keys');
  if (!existsSync(file)) {
    // Generated per machine, never committed: the repo holds no secret.
    writeFileSync(file, `k1:${randomBytes(32).toString('hex')}`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** The emulator has no quota; pace as a production account with room to spare would. */
const localMaxSendRate = 100;

/** A step the dev clock never exceeds when nothing is due, so stuck sends cannot spin it. */
const stuckStepMs = 60_000;

/**
 * Starts the whole coach on one machine: dynalite and aws-ses-v2-local (unless
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SESV2 point elsewhere), the web
 * handler behind node:http, the tick loop and the dev clock.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = { ...(options.env ?? process.env) };
  const dataDir = options.dataDir ?? env.DATA_DIR ?? '.data';
  mkdirSync(dataDir, { recursive: true });
  const log = options.logger ?? new PowertoolsLog();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const port = options.port ?? Number(env.PORT ?? 3000);
    const sesPort = options.sesPort ?? Number(env.SES_PORT ?? 8005);
    let dynamo: RunningEmulator | undefined;
    if (!env.AWS_ENDPOINT_URL_DYNAMODB) {
      dynamo = await startDynalite(options.inMemory ? undefined : join(dataDir, 'dynamodb'));
      stops.push(dynamo.stop);
    }
    let ses: RunningEmulator | undefined;
    if (!env.AWS_ENDPOINT_URL_SESV2) {
      ses = await startSes(sesPort);
      stops.push(ses.stop);
    }
    // The SDK clients read these standard variables, exactly as they would in AWS.
    const sdkEnv = {
      AWS_ENDPOINT_URL_DYNAMODB: env.AWS_ENDPOINT_URL_DYNAMODB || dynamo?.endpoint,
      AWS_ENDPOINT_URL_SESV2: env.AWS_ENDPOINT_URL_SESV2 || ses?.endpoint,
      AWS_REGION: env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    };
    Object.assign(process.env, sdkEnv);

    // The port must be bound before the config (BASE_URL) exists; requests wait for `web`.
    let web: ((event: unknown) => Promise<FunctionUrlResult>) | undefined;
    const localRoutes: Record<string, LocalRoute> = {};
    const server: Server = createLocalServer(
      async (event) => (web ? web(event) : { statusCode: 503, headers: {}, body: 'starting' }),
      localRoutes,
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const bound = (server.address() as AddressInfo).port;
    const url = `http://localhost:${bound}`;

    const config = loadConfig({
      TABLE_NAME: 'drip-coach',
      FROM_ADDRESS: 'coach@drip-coach.test',
      OPERATOR_EMAIL: 'operator@drip-coach.test',
      SENDER_NAME: 'Drip Coach',
      REPLY_DOMAIN: 'reply.drip-coach.test',
      BASE_URL: url,
      POSTAL_ADDRESS: 'Drip Coach (local), 1 Example Street, Springfield',
      TOKEN_KEYS: signingKeys(dataDir),
      SES_MAX_SEND_RATE: String(localMaxSendRate),
      ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
    });
    const setup = setupClient();
    await ensureTable(setup, config.TABLE_NAME);
    // A kill mid-write can leave dynalite's due index behind its items; mend it before any tick.
    await repairDueIndex(setup, config.TABLE_NAME, log);

    const clock = new DevClock(join(dataDir, 'clock.json'));
    const sesEndpoint = sdkEnv.AWS_ENDPOINT_URL_SESV2 ?? '';
    const deps = createDeps(config, await loadSigningKeys(config), compiledCourses, {
      clock,
      logger: log,
      // No SES events locally: the emulator's store is SES's record of what it sent.
      sentMail: new EmulatorSentMailRecord(sesEndpoint),
    });
    const rawMail = new FolderRawMailStore(dataDir);
    // As each Lambda does at the end of an invocation: write the batched counters.
    const flushing =
      <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await work(...args);
        } finally {
          await deps.events
            .flush?.()
            .catch((error: unknown) =>
              log.warn('course events not recorded', { error: String(error) }),
            );
        }
      };
    const handler = flushing(createWebHandler({ ...deps, rawMail }));
    const tick = flushing(
      createTickHandler(deps, {
        maxSendRate: tickSendRate(config.SES_MAX_SEND_RATE ?? localMaxSendRate),
      }),
    );
    const inbound = flushing(
      createInboundHandler({
        ...deps,
        rawMail,
        parseMail: parseMime,
        rawPrefix: config.RAW_MAIL_PREFIX,
        maxRawBytes: mimeLimits.maxBytes,
      }),
    );

    // Ticks never overlap: the loop and the dev clock share one queue.
    let queue: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
      const run = queue.then(work, work);
      queue = run.catch(() => {});
      return run;
    };

    const advance = (hours: number) =>
      exclusive(async () => {
        const target = clock.now().getTime() + hours * 3_600_000;
        const sent: SentEmail[] = [];
        let last = -Infinity;
        for (let i = 0; i < 100_000; i++) {
          const earliest = await deps.due.earliest();
          if (!earliest || earliest.getTime() > target) break;
          // An item that stays due (a send being retried) must not stall the clock.
          const at = Math.min(target, Math.max(earliest.getTime(), last + stuckStepMs));
          clock.advanceTo(new Date(at));
          last = clock.now().getTime();
          sent.push(...(await tick()).emails);
          if (at >= target) break;
        }
        clock.advanceTo(new Date(target));
        sent.push(...(await tick()).emails);
        return { now: clock.now().toISOString(), sent };
      });

    localRoutes['POST /_dev/clock'] = (body, headers) =>
      devClockPost(body, headers, allowedOrigins(url), advance);
    // Every email of the default course with sample data, as `coach preview` writes it.
    localRoutes['GET /_dev/preview'] = async () => {
      const course = courseOf(deps, config.DEFAULT_COURSE);
      return {
        status: 200,
        html: galleryHtml(course, previewEmails(course, deps.settings, clock.now())),
      };
    };
    web = handler;

    // Replies run through the same queue as ticks, as one Lambda would see them one at a time.
    const smtp = await startSmtp({
      port: options.smtpPort ?? Number(env.SMTP_PORT ?? 2525),
      replyDomain: config.REPLY_DOMAIN,
      rawMail,
      rawPrefix: config.RAW_MAIL_PREFIX,
      maxBytes: mimeLimits.maxBytes,
      clock: () => clock.now(),
      handler: (event) => exclusive(() => inbound(event)),
    });
    stops.push(smtp.stop);

    const intervalMs = options.tickIntervalMs ?? Number(env.TICK_SECONDS ?? 10) * 1000;
    if (intervalMs > 0) {
      const timer = setInterval(() => {
        exclusive(() => tick()).catch((error) =>
          log.error('tick failed', { error: String(error) }),
        );
      }, intervalMs);
      stops.unshift(async () => {
        clearInterval(timer);
        await queue;
      });
    }

    const running: RunningStackFile = {
      pid: process.pid,
      url,
      sesUrl: ses?.endpoint ?? sdkEnv.AWS_ENDPOINT_URL_SESV2 ?? '',
      smtpPort: smtp.port,
      dynamoEndpoint: sdkEnv.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      tableName: config.TABLE_NAME,
    };
    // Tools (and tests that run the stack as a process) find it through the data folder.
    const stackFile = join(dataDir, 'stack.json');
    writeFileSync(stackFile, `${JSON.stringify(running, null, 2)}\n`);
    stops.unshift(async () => rmSync(stackFile, { force: true }));

    return {
      ...running,
      replyDomain: config.REPLY_DOMAIN,
      clock,
      advance,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
