import {
  MailOutcomeUnknownError,
  MailRetryLaterError,
  MailThrottledError,
} from '../../functions/core/errors.ts';
import type { Mailer } from '../../functions/ports/mail.ts';
import type { Stores } from '../../functions/ports/stores.ts';

/** A small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What the mail service does wrong, as shares of all calls (0..1). */
export interface MailFaults {
  /** "Slow down": not sent. */
  throttle: number;
  /** Answered with an error (HTTP 500): not sent. */
  refuse: number;
  /** No answer, and nothing was sent. */
  lostRequest: number;
  /** No answer, but the email went out. */
  lostAnswer: number;
}

/** One fault that fired, for the test's accounting. */
export interface FiredFault {
  kind: string;
  /** The recipient (mail faults) or subscriber id (store faults). */
  target: string;
  sendKey?: string;
}

/** No answer: what the SES adapter makes of a timeout. */
function timeout(): Error {
  return new MailOutcomeUnknownError('TimeoutError: socket hang up');
}

/**
 * A mailer that fails some calls, the ways SES can, and records each fault.
 * It fails as the SES adapter reports failures (the port's errors), since it
 * stands in for the adapter; how the adapter classifies SDK errors is tested
 * on its own.
 */
export function faultyMailer(
  mailer: Mailer,
  faults: MailFaults,
  random: () => number,
  fired: FiredFault[],
): Mailer {
  return {
    async send(email, options) {
      const roll = random();
      const fire = (kind: string) => fired.push({ kind, target: email.to });
      // Consecutive bands of [0, 1): each fault has its share of the rolls.
      const throttleUpTo = faults.throttle;
      const refuseUpTo = throttleUpTo + faults.refuse;
      const lostRequestUpTo = refuseUpTo + faults.lostRequest;
      const lostAnswerUpTo = lostRequestUpTo + faults.lostAnswer;
      if (roll < throttleUpTo) {
        fire('throttle');
        throw new MailThrottledError('TooManyRequestsException');
      }
      if (roll < refuseUpTo) {
        fire('refuse');
        throw new MailRetryLaterError('InternalFailure (HTTP 500)');
      }
      if (roll < lostRequestUpTo) {
        fire('lost-request');
        throw timeout();
      }
      const result = await mailer.send(email, options);
      if (roll < lostAnswerUpTo) {
        fire('lost-answer');
        throw timeout();
      }
      return result;
    },
  };
}

/** The subscriber a store call is about: an id, a record's subscriberId or a profile's id. */
function subscriberOf(first: unknown): string {
  if (typeof first === 'string') return first;
  const record = first as { subscriberId?: string; id?: string } | null;
  return record?.subscriberId ?? record?.id ?? '';
}

// Writes fail as the SDK throws an answered error; reads as a timeout.
const writes = new Set(['ledger.claim', 'ledger.reclaim', 'subscribers.save', 'ledger.finish']);

/**
 * The stores, each call failing at `share` (reads and writes alike) before
 * reaching DynamoDB, as when the service errors past the SDK's own retries. A
 * failed `ledger.finish` after a successful send is the crash between send and
 * record.
 */
export function faultyStores(
  stores: Stores,
  share: number,
  random: () => number,
  fired: FiredFault[],
): Stores {
  const wrap = <T extends object>(port: T, portName: string): T =>
    new Proxy(port, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const name = `${portName}.${String(property)}`;
        return async (...args: unknown[]) => {
          if (random() < share) {
            if (name === 'ledger.finish') {
              const [subscriberId, sendKey, outcome] = args as [string, string, { status: string }];
              fired.push({ kind: `store:finish:${outcome.status}`, target: subscriberId, sendKey });
            } else {
              fired.push({ kind: `store:${name}`, target: subscriberOf(args[0]) });
            }
            throw writes.has(name)
              ? Object.assign(new Error('injected DynamoDB failure'), {
                  name: 'InternalServerError',
                  $metadata: { httpStatusCode: 500 },
                })
              : Object.assign(new Error('injected DynamoDB failure'), { name: 'RequestTimeout' });
          }
          return value.apply(target, args);
        };
      },
    });
  return {
    subscribers: wrap(stores.subscribers, 'subscribers'),
    due: wrap(stores.due, 'due'),
    ledger: wrap(stores.ledger, 'ledger'),
    checkIns: wrap(stores.checkIns, 'checkIns'),
    inbound: wrap(stores.inbound, 'inbound'),
    once: wrap(stores.once, 'once'),
    suppressions: wrap(stores.suppressions, 'suppressions'),
  };
}
