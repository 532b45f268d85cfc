import { createHash } from 'node:crypto';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { metricService } from '../core/metric-names.ts';
import type { Logger } from '../ports/runtime.ts';

/** Fields that would carry a person's words or address; they never reach a log line. */
const dropped = new Set(['email', 'to', 'from', 'text', 'body', 'name', 'replyText']);

const address = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[^\s<>"'(),;:]+/g;

/** A subscriber id as logs show it: hashed, so lines can be joined up but not looked up. */
export function hashedSubscriber(id: string): string {
  return createHash('sha256').update(`subscriber|${id}`).digest('hex').slice(0, 16);
}

/**
 * Fields made fit for a log line: the subscriber id hashed, addresses inside
 * any text (an SES error message, say) replaced, and fields that hold a
 * person's words or address left out.
 */
export function logFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (dropped.has(key)) continue;
    if (key === 'subscriberId') {
      out.subscriber = typeof value === 'string' ? hashedSubscriber(value) : value;
    } else if (typeof value === 'string') {
      out[key] = value.replace(address, '[address]');
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The part of a Lambda context the log reads. */
interface InvocationContext {
  awsRequestId?: string;
}

/**
 * The coach's log on Powertools Logger: one JSON line per entry, with the
 * function's cold start, the request id and the message ids of the current
 * invocation on every line. Locally (`POWERTOOLS_DEV`) the same lines are
 * printed indented, to be read by a person.
 */
export class PowertoolsLog implements Logger {
  readonly logger: PowertoolsLogger;

  constructor(logger?: PowertoolsLogger) {
    this.logger = logger ?? new PowertoolsLogger({ serviceName: metricService });
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.logger.info(message, logFields(fields));
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.logger.warn(message, logFields(fields));
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.logger.error(message, logFields(fields));
  }

  /** Runs one invocation with its request id and `keys` (message ids) on every line. */
  async invocation<T>(
    context: unknown,
    keys: Record<string, string>,
    work: () => Promise<T>,
  ): Promise<T> {
    this.logger.resetKeys();
    const requestId = (context as InvocationContext | undefined)?.awsRequestId;
    this.logger.appendKeys({
      ...(typeof requestId === 'string' ? { requestId } : {}),
      ...keys,
    });
    try {
      return await work();
    } finally {
      this.logger.resetKeys();
    }
  }
}

/**
 * Wraps a Lambda handler so each invocation logs under its request id and
 * the message ids `keysOf` reads from the event (never failing on a
 * malformed event: the handler itself answers that).
 */
export function withInvocationLog<E, C, R>(
  log: PowertoolsLog,
  keysOf: (event: unknown) => Record<string, string>,
  handler: (event: E, context: C) => Promise<R>,
  /** Work to finish before the invocation answers (flushing batched counters). */
  after: () => Promise<void> = async () => {},
): (event: E, context: C) => Promise<R> {
  return (event, context) => {
    let keys: Record<string, string> = {};
    try {
      keys = keysOf(event);
    } catch {
      // The handler reports a malformed event itself.
    }
    return log.invocation(context, keys, async () => {
      try {
        return await handler(event, context);
      } finally {
        await after().catch((error: unknown) =>
          log.warn('course events not recorded', { error: String(error) }),
        );
      }
    });
  };
}
