import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryStores } from '../../functions/adapters/memory-stores.ts';
import { applyMailEvent, type MailEventDeps } from '../../functions/app/apply-mail-event.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import type { MailEvent } from '../../functions/core/ses-events.ts';
import { parseSesEvents } from '../../functions/handlers/events/ses-sending-event.ts';
import { createSesEventsHandler } from '../../functions/handlers/ses-events-handler.ts';
import type { Subscribers } from '../../functions/ports/stores.ts';
import { courseContext, pendingSubscriber } from '../support/pacing-driver.ts';

/** A fixture from test/fixtures/ses-events, parsed. */
function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8'),
  );
}

function parseOne(name: string): MailEvent {
  const events = parseSesEvents(fixture(name));
  expect(events).toHaveLength(1);
  return events[0]!;
}

const now = new Date('2026-03-02T10:00:00Z');
const quiet = { info() {}, warn() {}, error() {} };

/**
 * The in-memory stores, with the subscriber port counting saves and able to
 * refuse saves (as if another writer won) or fail reads.
 */
async function setup() {
  const stores = memoryStores();
  const counts = { saves: 0, conflicts: 0, failGet: null as Error | null };
  const inner = stores.subscribers;
  const subscribers: Subscribers = {
    get: async (id) => {
      if (counts.failGet) throw counts.failGet;
      return inner.get(id);
    },
    findIdByEmail: (email) => inner.findIdByEmail(email),
    claimEmail: (email, id) => inner.claimEmail(email, id),
    save: async (state) => {
      if (counts.conflicts > 0) {
        counts.conflicts--;
        return false;
      }
      const saved = await inner.save(state);
      if (saved) counts.saves++;
      return saved;
    },
    erase: (id, email) => inner.erase(id, email),
  };
  const pending = pendingSubscriber('UTC', new Date('2026-03-01T10:00:00Z'), 'recipient');
  const active = pace(pending, { type: 'confirmed' }, new Date('2026-03-01T10:05:00Z'), {
    ...courseContext,
  }).state;
  await inner.save(active);
  await inner.claimEmail(active.email, active.id);
  const sends = new Map<string, string>();
  const deps: MailEventDeps = {
    subscribers,
    once: stores.once,
    events: { record: async () => {} },
    sendEvents: {
      async record(ref, messageId) {
        if (!ref.includes('_')) return false;
        sends.set(ref, messageId);
        return true;
      },
    },
    clock: { now: () => now },
    log: quiet,
    // The pacing reads only the course's sequence.
    courses: { relationships: courseContext.course } as unknown as MailEventDeps['courses'],
  };
  const stored = () => inner.get(active.id);
  return { stored, counts, deps, sends, subscriber: { ...active, version: 1 } };
}

describe('applyMailEvent', () => {
  it('keeps a Send event as the record of the send it names, and changes no subscriber', async () => {
    const { stored, counts, deps, sends } = await setup();
    const before = await stored();

    const results = await applyMailEvent(deps, parseOne('eventbridge-send'));

    expect(results).toEqual([
      {
        eventId: '0100018e14b2c3d4-77aa8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c-000000:Send',
        kind: 'send',
        outcome: 'recorded',
        subscriberId: null,
      },
    ]);
    expect(sends.get('abcdefghijklmnop_r1-lesson-2')).toBe(
      '0100018e14b2c3d4-77aa8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c-000000',
    );
    expect(await stored()).toEqual(before);
    expect(counts.saves).toBe(0);
  });

  it('suppresses on a permanent bounce, once, however often the event arrives', async () => {
    const { stored, counts, deps, subscriber } = await setup();
    const event = parseOne('sns-permanent-bounce');
    expect(await applyMailEvent(deps, event)).toEqual([
      {
        eventId: event.id,
        kind: 'permanent-bounce',
        outcome: 'applied',
        subscriberId: subscriber.id,
      },
    ]);
    expect((await stored())?.status).toBe('suppressed');
    const again = await applyMailEvent(deps, parseOne('eventbridge-permanent-bounce'));
    expect(again.map((r) => r.outcome)).toEqual(['duplicate']);
    expect(counts.saves).toBe(1);
  });

  it('claims a transient bounce before counting it, so a redelivery never counts twice', async () => {
    const { stored, counts, deps } = await setup();
    const event = parseOne('eventbridge-transient-bounce');
    await applyMailEvent(deps, event);
    await applyMailEvent(deps, event);
    expect(await stored()).toMatchObject({
      status: 'active',
      softBounces: 1,
    });
    expect(counts.saves).toBe(1);
  });

  it('retries a save that lost to a concurrent writer', async () => {
    const { stored, counts, deps } = await setup();
    counts.conflicts = 2;
    const [result] = await applyMailEvent(deps, parseOne('eventbridge-complaint'));
    expect(result?.outcome).toBe('applied');
    expect((await stored())?.status).toBe('suppressed');
  });

  it('ignores addresses that are not subscribers, and events that change nothing', async () => {
    const { counts, deps } = await setup();
    const stranger = structuredClone(fixture('sns-delivery')) as {
      Records: { Sns: { Message: string } }[];
    };
    const sns = stranger.Records[0]!.Sns;
    sns.Message = sns.Message.replaceAll('recipient@example.com', 'stranger@example.com');
    expect((await applyMailEvent(deps, parseSesEvents(stranger)[0]!))[0]?.outcome).toBe(
      'unknown-recipient',
    );
    expect((await applyMailEvent(deps, parseOne('sns-delivery')))[0]?.outcome).toBe('unchanged');
    expect((await applyMailEvent(deps, parseOne('eventbridge-delivery-delay')))[0]?.outcome).toBe(
      'unchanged',
    );
    expect(counts.saves).toBe(0);
  });
});

describe('createSesEventsHandler', () => {
  it('logs and drops a malformed event instead of throwing', async () => {
    const { deps } = await setup();
    const warnings: unknown[] = [];
    const handler = createSesEventsHandler({
      ...deps,
      log: { ...quiet, warn: (_message, fields) => warnings.push(fields) },
    });
    const result = await handler(fixture('malformed-sns-message-not-json'));
    expect(result).toEqual({ status: 'invalid', reason: expect.stringMatching(/not JSON/) });
    expect(warnings).toEqual([{ reason: expect.stringMatching(/not JSON/) }]);
  });

  it('throws when the table fails, and the retry applies the event', async () => {
    const { stored, counts, deps } = await setup();
    counts.failGet = new Error('ProvisionedThroughputExceededException');
    const handler = createSesEventsHandler(deps);
    await expect(handler(fixture('eventbridge-complaint'))).rejects.toThrow(
      /ProvisionedThroughputExceeded/,
    );
    // The claim was released, so Lambda's retry is not mistaken for a duplicate.
    counts.failGet = null;
    expect(await handler(fixture('eventbridge-complaint'))).toMatchObject({
      results: [{ outcome: 'applied' }],
    });
    expect((await stored())?.status).toBe('suppressed');
  });
});
