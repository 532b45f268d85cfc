import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMailEvent, type MailEventDeps } from '../../functions/app/apply-mail-event.ts';
import { pace } from '../../functions/core/pacing.ts';
import {
  InvalidMailEventError,
  type MailEvent,
  parseSesEvents,
} from '../../functions/core/ses-events.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { createSesEventsHandler } from '../../functions/handlers/ses-events-handler.ts';
import type { SubscriberStore } from '../../functions/ports/ports.ts';
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

function reasonOf(input: unknown): string {
  try {
    parseSesEvents(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMailEventError);
    return (error as InvalidMailEventError).reason;
  }
  throw new Error('expected InvalidMailEventError');
}

describe('parseSesEvents', () => {
  it('reads a permanent bounce from SNS, normalizing the recipient', () => {
    expect(parseOne('sns-permanent-bounce')).toEqual({
      id: '0100018e00f5aa55-61b59c11-9236-11e6-8f96-7be8aexample-000000',
      kind: 'permanent-bounce',
      recipients: ['recipient@example.com'],
      messageId: '0100018e00f59a12-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
      at: '2026-03-02T09:01:04.669Z',
      sesType: 'Bounce/Permanent/General',
      sendRef: null,
    });
  });

  it('gives the same event the same id whichever carrier delivered it', () => {
    expect(parseOne('eventbridge-permanent-bounce')).toEqual(parseOne('sns-permanent-bounce'));
    expect(parseOne('sns-complaint')).toEqual(parseOne('eventbridge-complaint'));
  });

  it('reads identity feedback notifications (notificationType) like event publishing', () => {
    expect(parseOne('sns-identity-notification-bounce')).toEqual(parseOne('sns-permanent-bounce'));
  });

  it('reads a complaint from EventBridge', () => {
    expect(parseOne('eventbridge-complaint')).toMatchObject({
      id: '0100018e0aa3b1c2-3f1c1c5e-1a2b-4c3d-9e8f-0a1b2c3example-000000',
      kind: 'complaint',
      recipients: ['recipient@example.com'],
      at: '2026-03-04T11:15:32.000Z',
      sesType: 'Complaint/abuse',
    });
  });

  it('reads a transient bounce, and counts an undetermined one as transient', () => {
    expect(parseOne('eventbridge-transient-bounce')).toMatchObject({
      kind: 'transient-bounce',
      sesType: 'Bounce/Transient/MailboxFull',
    });
    const undetermined = structuredClone(fixture('eventbridge-transient-bounce')) as {
      detail: { bounce: { bounceType: string } };
    };
    undetermined.detail.bounce.bounceType = 'Undetermined';
    expect(parseSesEvents(undetermined)[0]?.kind).toBe('transient-bounce');
  });

  it('reads a delivery with an id per message and event type', () => {
    const event = parseOne('sns-delivery');
    expect(event).toMatchObject({
      kind: 'delivery',
      recipients: ['recipient@example.com'],
      at: '2026-03-05T09:00:01.302Z',
    });
    expect(event.id).toBe(`${event.messageId}:Delivery`);
  });

  it('reads a Send with the send ref the coach tagged it with', () => {
    expect(parseOne('eventbridge-send')).toMatchObject({
      kind: 'send',
      sendRef: 'abcdefghijklmnop_r1-lesson-2',
      messageId: '0100018e14b2c3d4-77aa8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c-000000',
      at: '2026-03-06T09:00:00.412Z',
    });
    expect(parseOne('eventbridge-delivery-delay').sendRef).toBeNull();
  });

  it('reads events that change nothing as "other", with their recipients for the log', () => {
    expect(parseOne('eventbridge-delivery-delay')).toMatchObject({
      kind: 'other',
      recipients: ['recipient@example.com'],
      sesType: 'DeliveryDelay',
      at: '2026-03-06T09:30:00.000Z',
    });
  });

  it('falls back to the EventBridge detail-type when the detail has no eventType', () => {
    const raw = structuredClone(fixture('eventbridge-complaint')) as {
      detail: Record<string, unknown>;
    };
    delete raw.detail.eventType;
    expect(parseSesEvents(raw)[0]?.kind).toBe('complaint');
  });

  it('refuses malformed events with a reason', () => {
    expect(reasonOf(fixture('malformed-sns-message-not-json'))).toMatch(/Message is not JSON/);
    expect(reasonOf(fixture('malformed-eventbridge-bounce-without-recipients'))).toMatch(
      /bounce\.bouncedRecipients/,
    );
    expect(reasonOf(fixture('malformed-sns-bounce-without-bounce-object'))).toMatch(
      /Bounce without a bounce object/,
    );
    expect(reasonOf(fixture('malformed-eventbridge-other-source'))).toMatch(
      /EventBridge envelope: source/,
    );
    expect(reasonOf(fixture('malformed-sqs-record'))).toMatch(/SNS envelope/);
    expect(reasonOf(null)).toMatch(/not an object/);
    expect(reasonOf({ hello: 'world' })).toMatch(/neither an SNS nor an EventBridge/);
  });

  it('never throws anything but InvalidMailEventError, whatever it is given', () => {
    const bounce = fixture('eventbridge-permanent-bounce') as Record<string, unknown>;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ Records: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
          fc.record({ source: fc.constant('aws.ses'), detail: fc.jsonValue() }),
          // A real event with one field replaced by anything.
          fc
            .tuple(fc.constantFrom('detail', 'detail-type', 'id', 'source'), fc.jsonValue())
            .map(([key, value]) => ({ ...bounce, [key]: value })),
        ),
        (input) => {
          try {
            parseSesEvents(input);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidMailEventError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** An in-memory store with just what applying mail events uses, and counters. */
class MemoryStore {
  readonly subscribers = new Map<string, Subscriber>();
  readonly claims = new Set<string>();
  saves = 0;
  /** Saves to refuse, as if another writer had won. */
  conflicts = 0;
  failGet: Error | null = null;

  add(subscriber: Subscriber): void {
    this.subscribers.set(subscriber.id, subscriber);
  }

  /** The port, with only what applying mail events uses; anything else would throw. */
  asPort(): SubscriberStore {
    const port: Partial<SubscriberStore> = {
      get: async (id) => {
        if (this.failGet) throw this.failGet;
        return this.subscribers.get(id) ?? null;
      },
      findIdByEmail: async (email) =>
        [...this.subscribers.values()].find((s) => s.email === email)?.id ?? null,
      save: async (state) => {
        const stored = this.subscribers.get(state.id);
        if (this.conflicts > 0 || (stored && stored.version !== state.version)) {
          this.conflicts = Math.max(0, this.conflicts - 1);
          return false;
        }
        this.saves++;
        this.subscribers.set(state.id, { ...state, version: state.version + 1 });
        return true;
      },
      claimOnce: async (scope, id) => {
        const key = `${scope}/${id}`;
        if (this.claims.has(key)) return false;
        this.claims.add(key);
        return true;
      },
      releaseOnce: async (scope, id) => {
        this.claims.delete(`${scope}/${id}`);
      },
    };
    return new Proxy(port as SubscriberStore, {
      get: (target, name: string) =>
        target[name as keyof SubscriberStore] ??
        (() => {
          throw new Error(`${name} is not used by applyMailEvent`);
        }),
    });
  }
}

const now = new Date('2026-03-02T10:00:00Z');
const quiet = { info() {}, warn() {}, error() {} };

function setup() {
  const store = new MemoryStore();
  const pending = pendingSubscriber('UTC', new Date('2026-03-01T10:00:00Z'), 'recipient');
  const active = pace(pending, { type: 'confirmed' }, new Date('2026-03-01T10:05:00Z'), {
    ...courseContext,
  }).state;
  store.add(active);
  const sends = new Map<string, string>();
  const deps: MailEventDeps = {
    store: store.asPort(),
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
  return { store, deps, sends, subscriber: active };
}

describe('applyMailEvent', () => {
  it('keeps a Send event as the record of the send it names, and changes no subscriber', async () => {
    const { store, deps, sends, subscriber } = setup();
    const before = store.subscribers.get(subscriber.id);

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
    expect(store.subscribers.get(subscriber.id)).toBe(before);
    expect(store.saves).toBe(0);
  });

  it('suppresses on a permanent bounce, once, however often the event arrives', async () => {
    const { store, deps, subscriber } = setup();
    const event = parseOne('sns-permanent-bounce');
    expect(await applyMailEvent(deps, event)).toEqual([
      {
        eventId: event.id,
        kind: 'permanent-bounce',
        outcome: 'applied',
        subscriberId: subscriber.id,
      },
    ]);
    expect(store.subscribers.get(subscriber.id)?.status).toBe('suppressed');
    const again = await applyMailEvent(deps, parseOne('eventbridge-permanent-bounce'));
    expect(again.map((r) => r.outcome)).toEqual(['duplicate']);
    expect(store.saves).toBe(1);
  });

  it('claims a transient bounce before counting it, so a redelivery never counts twice', async () => {
    const { store, deps, subscriber } = setup();
    const event = parseOne('eventbridge-transient-bounce');
    await applyMailEvent(deps, event);
    await applyMailEvent(deps, event);
    expect(store.subscribers.get(subscriber.id)).toMatchObject({
      status: 'active',
      softBounces: 1,
    });
    expect(store.saves).toBe(1);
  });

  it('retries a save that lost to a concurrent writer', async () => {
    const { store, deps, subscriber } = setup();
    store.conflicts = 2;
    const [result] = await applyMailEvent(deps, parseOne('eventbridge-complaint'));
    expect(result?.outcome).toBe('applied');
    expect(store.subscribers.get(subscriber.id)?.status).toBe('suppressed');
  });

  it('ignores addresses that are not subscribers, and events that change nothing', async () => {
    const { store, deps } = setup();
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
    expect(store.saves).toBe(0);
  });
});

describe('createSesEventsHandler', () => {
  it('logs and drops a malformed event instead of throwing', async () => {
    const { deps } = setup();
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
    const { store, deps, subscriber } = setup();
    store.failGet = new Error('ProvisionedThroughputExceededException');
    const handler = createSesEventsHandler(deps);
    await expect(handler(fixture('eventbridge-complaint'))).rejects.toThrow(
      /ProvisionedThroughputExceeded/,
    );
    // The claim was released, so Lambda's retry is not mistaken for a duplicate.
    store.failGet = null;
    expect(await handler(fixture('eventbridge-complaint'))).toMatchObject({
      results: [{ outcome: 'applied' }],
    });
    expect(store.subscribers.get(subscriber.id)?.status).toBe('suppressed');
  });
});
