import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MailEventDeps } from '../../functions/app/apply-mail-event.ts';
import type { ReplyDeps } from '../../functions/app/receive-reply.ts';
import { type EventEdgeResult, handleAtEdge } from '../../functions/handlers/events/event-edge.ts';
import { createInboundHandler } from '../../functions/handlers/inbound-handler.ts';
import { createSesEventsHandler } from '../../functions/handlers/ses-events-handler.ts';

/** A fixture from test/fixtures/ses-events, parsed. */
function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8'),
  );
}

/** An SES receipt event for one message sent to `recipient`. */
function receiptEvent(recipient: string, messageId = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1') {
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        ses: {
          mail: {
            messageId,
            timestamp: '2026-03-02T09:15:00.000Z',
            source: 'reader@example.com',
            destination: [recipient],
          },
          receipt: { recipients: [recipient] },
        },
      },
    ],
  };
}

const outage = 'ProvisionedThroughputExceededException';

/**
 * A port whose every method answers with `answer()`. Any port the use cases
 * ask for is one of these, so the tests do not depend on how the ports are cut.
 */
function port(answer: () => Promise<unknown>): unknown {
  return new Proxy(
    {},
    // `then` stays undefined so a port is never taken for a promise.
    { get: (_target, name) => (name === 'then' ? undefined : answer) },
  );
}

/** Dependencies of both handlers: the given ones, and `answer` ports for the rest. */
function deps<T>(given: Record<string, unknown>, answer: () => Promise<unknown>): T {
  return new Proxy(given, {
    get: (target, name: string) => (name in target ? target[name] : port(answer)),
  }) as T;
}

/** A log that keeps its warnings. */
function recordingLog() {
  const warnings: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  return {
    warnings,
    info() {},
    error() {},
    warn(message: string, fields?: Record<string, unknown>) {
      warnings.push({ message, fields });
    },
  };
}

/** Why an event was dropped, or null when it was handled. */
function reasonOf(result: EventEdgeResult<unknown>): string | null {
  return result.status === 'invalid' ? result.reason : null;
}

const failing = () => Promise.reject(new Error(outage));
const quietly = () => Promise.resolve(undefined);
const clock = { now: () => new Date('2026-03-02T10:00:00Z') };
const settings = { replyDomain: 'reply.example.com' };
const rawPrefix = 'inbound/';

function handlers(answer: () => Promise<unknown>) {
  const log = recordingLog();
  const inbound = createInboundHandler(
    deps<ReplyDeps>({ log, clock, settings, rawPrefix }, answer),
  );
  const sesEvents = createSesEventsHandler(
    deps<MailEventDeps>({ log, clock, courses: {} }, answer),
  );
  return { log, inbound, sesEvents };
}

describe('the event edges', () => {
  it('drop a malformed event the same way in both handlers, with one warning and no I/O', async () => {
    // Prepare: every port fails, so touching one would throw instead of dropping.
    const { log, inbound, sesEvents } = handlers(failing);
    const badReceipt = receiptEvent('reader@example.com', '../not a message id');

    // Act
    const received = await inbound(badReceipt);
    const published = await sesEvents(fixture('malformed-sns-message-not-json'));

    // Assess
    expect(received).toEqual({
      status: 'invalid',
      reason: expect.stringMatching(/messageId: a safe message id/),
    });
    expect(published).toEqual({ status: 'invalid', reason: expect.stringMatching(/not JSON/) });
    expect(log.warnings).toEqual([
      { message: 'malformed SES receipt event dropped', fields: { reason: reasonOf(received) } },
      { message: 'malformed SES sending event dropped', fields: { reason: reasonOf(published) } },
    ]);
    // The reason names the field, never what the message holds.
    expect(JSON.stringify(log.warnings)).not.toContain('reader@example.com');
  });

  it('drop anything that is not an event at all, in both handlers', async () => {
    // Prepare
    const { log, inbound, sesEvents } = handlers(failing);

    // Act
    const results = [await inbound(null), await sesEvents(null)];

    // Assess
    expect(results).toEqual([
      { status: 'invalid', reason: expect.any(String) },
      { status: 'invalid', reason: expect.any(String) },
    ]);
    expect(log.warnings).toHaveLength(2);
  });

  it('rethrow an infrastructure failure from either handler, so Lambda retries it', async () => {
    // Prepare: well-formed events, and a table and bucket that fail.
    const { log, inbound, sesEvents } = handlers(failing);

    // Act
    const settled = await Promise.allSettled([
      inbound(receiptEvent('reader@example.com')),
      sesEvents(fixture('eventbridge-complaint')),
    ]);

    // Assess
    expect(settled).toEqual([
      { status: 'rejected', reason: new Error(outage) },
      { status: 'rejected', reason: new Error(outage) },
    ]);
    expect(log.warnings).toEqual([]);
  });

  it('report what the inbound handler did per message', async () => {
    // Prepare: a message for an address that is not ours, and ports that answer.
    const { inbound } = handlers(quietly);

    // Act
    const result = await inbound(receiptEvent('someone@example.org'));

    // Assess
    expect(result).toEqual({
      status: 'handled',
      results: [
        {
          messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
          outcome: 'rejected',
          reason: 'no reply address of ours among the recipients',
        },
      ],
    });
  });

  it('rethrow an error from parsing that is not about the event, such as a bug', async () => {
    // Prepare
    const log = recordingLog();
    const edge = {
      source: 'test',
      parse: (): never => {
        throw new TypeError('cannot read properties of undefined');
      },
      handle: async () => [],
    };

    // Act
    const handled = handleAtEdge(edge, log, {});

    // Assess
    await expect(handled).rejects.toThrow(TypeError);
    expect(log.warnings).toEqual([]);
  });
});
