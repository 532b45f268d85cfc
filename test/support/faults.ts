import {
  type Mailer,
  MailThrottledError,
  type SubscriberStore,
} from '../../functions/ports/ports.ts';

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

function timeout(): Error {
  return Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
}

/** A mailer that fails some calls, the ways SES can, and records each fault. */
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
        throw Object.assign(new Error('InternalFailure'), {
          name: 'InternalFailure',
          $metadata: { httpStatusCode: 500 },
        });
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

const storeWrites = new Set(['claimSend', 'reclaimSend', 'save', 'finishSend']);

/**
 * A store whose calls fail at `share` (reads and writes alike) before reaching
 * DynamoDB, as when the service errors past the SDK's own retries. A failed
 * `finishSend` after a successful send is the crash between send and record.
 */
export function faultyStore(
  store: SubscriberStore,
  share: number,
  random: () => number,
  fired: FiredFault[],
): SubscriberStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (random() < share) {
          if (property === 'finishSend') {
            const [subscriberId, sendKey, outcome] = args as [string, string, { status: string }];
            fired.push({
              kind: `store:finishSend:${outcome.status}`,
              target: subscriberId,
              sendKey,
            });
          } else {
            fired.push({ kind: `store:${String(property)}`, target: subscriberOf(args[0]) });
          }
          // As the SDK throws them: an answered 500 for writes, no answer for reads.
          throw storeWrites.has(String(property))
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
}
