import type { SuppressionRecord } from '../core/erasure.ts';
import type { CheckIn, InboundLogEntry, SendRecord } from '../core/records.ts';
import type { Subscriber } from '../core/subscriber.ts';

/** Subscriber profiles and the address lookup that finds them. */
export interface Subscribers {
  /** Strongly consistent read of one profile. */
  get(id: string): Promise<Subscriber | null>;
  /** The subscriber id registered for a normalized address, if any. */
  findIdByEmail(email: string): Promise<string | null>;
  /**
   * Registers an address for an id; returns the id that holds the address
   * (another id when a concurrent signup won).
   */
  claimEmail(email: string, id: string): Promise<string>;
  /**
   * Writes a profile if its stored version is still `state.version` (0 = new),
   * storing it with version + 1. Returns false when another writer won.
   */
  save(state: Subscriber): Promise<boolean>;
  /**
   * Deletes every record of a subscriber: all items under the subscriber
   * (profile last, so an interrupted erase can be retried with the same link)
   * and the address lookup. Returns how many items were deleted and the raw
   * messages they named (a reply stored while the erase ran among them).
   */
  erase(subscriberId: string, email: string): Promise<{ items: number; rawKeys: string[] }>;
}

/** One page of the due index. */
export interface DuePage {
  ids: string[];
  /** Cursor of the next page, or null when this page reached the end of what is due. */
  next: string | null;
}

/** The sparse index of subscribers with something due (core/subscriber.ts `dueAt`). */
export interface DueIndex {
  /**
   * One page of subscribers due at or before `now`, oldest first, at most
   * `limit`, starting after the cursor `after` (a page's `next`).
   */
  list(now: Date, limit: number, after?: string | null): Promise<DuePage>;
  /** When the earliest due item is due, or null when nothing is scheduled. */
  earliest(): Promise<Date | null>;
}

/** What the ledger learns once a claimed send is over. */
export type SendOutcome = Pick<SendRecord, 'status' | 'sentAt' | 'messageId' | 'reason'>;

/** Which claim a conditional ledger write expects to find. */
export type ClaimState = Pick<SendRecord, 'status' | 'claimedAt'>;

/** The send ledger: one record per email claimed for a subscriber. */
export interface SendLedger {
  /** Claims a send; returns the existing record when the key was claimed before. */
  claim(record: SendRecord): Promise<SendRecord | null>;
  /**
   * Takes over a send known not to have gone out (`cancelled`, `failed`, or an
   * unknown one SES has no record of), while it still has the status and
   * claim time `from`; false when another worker took it first.
   */
  reclaim(
    subscriberId: string,
    sendKey: string,
    from: ClaimState,
    claimedAt: string,
  ): Promise<boolean>;
  /**
   * Updates a claimed send's outcome. With `onlyIf`, only while the record still
   * has that status and claim time; returns false when it no longer has.
   */
  finish(
    subscriberId: string,
    sendKey: string,
    outcome: SendOutcome,
    onlyIf?: ClaimState,
  ): Promise<boolean>;
  /** A subscriber's ledger, in send-key order. */
  list(subscriberId: string): Promise<SendRecord[]>;
}

/** Replies read as check-ins. */
export interface CheckIns {
  /** Stores a check-in; idempotent for the same subscriber and id. */
  add(checkIn: CheckIn): Promise<void>;
  /** A subscriber's check-ins, newest first: the `limit` newest, or all of them. */
  list(subscriberId: string, limit?: number): Promise<CheckIn[]>;
}

/** What became of each inbound message. */
export interface InboundLog {
  /** Logs an outcome (accepted, rejected with its reason, automatic, duplicate). */
  add(entry: InboundLogEntry): Promise<void>;
  /** Outcomes filed under a subscriber, oldest first. */
  list(subscriberId: string): Promise<InboundLogEntry[]>;
}

/** Things handled at most once: an inbound message, an SES event. */
export interface OnceClaims {
  /** Records that `id` in `scope` was handled; false when it was before. It expires at `expiresAt`. */
  claim(scope: string, id: string, expiresAt: Date): Promise<boolean>;
  /** Forgets a claim, so a retry after a failure can handle the same thing again. */
  release(scope: string, id: string): Promise<void>;
}

/** What remains of erased subscribers: keyed hashes of their addresses. */
export interface Suppressions {
  /** Keeps the keyed hash of an erased address; idempotent. */
  add(record: SuppressionRecord): Promise<void>;
}

/** Every store the coach keeps, each behind its own narrow port. */
export interface Stores {
  subscribers: Subscribers;
  due: DueIndex;
  ledger: SendLedger;
  checkIns: CheckIns;
  inbound: InboundLog;
  once: OnceClaims;
  suppressions: Suppressions;
}
