import type { SuppressionRecord } from '../core/erasure.ts';
import type { Subscriber } from '../core/subscriber.ts';

/** A message header as SES v2 `Simple` content takes it. */
export interface MailHeader {
  name: string;
  value: string;
}

/** An email ready to hand to the mail service. */
export interface OutgoingEmail {
  to: string;
  from: string;
  replyTo: string;
  subject: string;
  html: string;
  text: string;
  headers: MailHeader[];
  /** Tags SES attaches to its events, to correlate bounces and complaints. */
  tags: Record<string, string>;
}

/** The mail service asked us to slow down; the send did not happen and may be retried. */
export class MailThrottledError extends Error {
  override name = 'MailThrottledError';
}

/**
 * The mail service refused this very message for good (SES: MessageRejected,
 * for content it will not send); sending it again cannot help.
 */
export class MailRejectedError extends Error {
  override name = 'MailRejectedError';
}

/** The caller's `confirm` answered no: nothing was handed to the mail service. */
export class SendCancelledError extends Error {
  override name = 'SendCancelledError';
}

/** How one send is made. */
export interface SendOptions {
  /**
   * Asked right before the email is handed to the service, after any wait for
   * the send rate (and again before each retry): false cancels the send.
   */
  confirm?: () => Promise<boolean>;
}

/**
 * Sends mail. Throws MailThrottledError when the service asks us to slow down,
 * MailRejectedError when it refuses the message itself, SendCancelledError
 * when `confirm` says no.
 */
export interface Mailer {
  send(email: OutgoingEmail, options?: SendOptions): Promise<{ messageId: string }>;
  /** The account's maximum send rate in emails per second, when the service tells. */
  maxSendRate?(): Promise<number>;
}

/**
 * SES's own record of the emails it accepted: its Send events (in AWS, kept by
 * the ses-events function), locally the SES emulator's store. It settles a
 * send whose outcome the coach never learned (a crash, a lost answer).
 */
export interface SentMailRecord {
  /**
   * The message id of the email sent under `ref` (its `X-Coach-Send` header
   * and `send` tag, see core/send-ref.ts), or null when the record holds none.
   */
  find(ref: string): Promise<string | null>;
}

/** Where SES's Send events are kept as they arrive: the record {@link SentMailRecord} reads. */
export interface SendEventLog {
  /** Keeps one Send event (idempotent); false when `ref` names no send of ours. */
  record(ref: string, messageId: string, at: string): Promise<boolean>;
}

/** One page of the due index. */
export interface DuePage {
  ids: string[];
  /** Cursor of the next page, or null when this page reached the end of what is due. */
  next: string | null;
}

/** Ledger entry of one send. */
export interface SendRecord {
  subscriberId: string;
  sendKey: string;
  emailId: string;
  status: 'claimed' | 'sent' | 'cancelled' | 'failed' | 'unknown';
  claimedAt: string;
  sentAt?: string;
  messageId?: string;
  reason?: string;
}

/** Where subscribers, their lookups and the send ledger live. */
export interface SubscriberStore {
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
   * One page of subscribers due at or before `now`, oldest first, at most
   * `limit`, starting after the cursor `after` (a page's `next`).
   */
  listDue(now: Date, limit: number, after?: string | null): Promise<DuePage>;
  /** When the earliest due item is due, or null when nothing is scheduled. */
  earliestDue(): Promise<Date | null>;
  /** Claims a send; returns the existing record when the key was claimed before. */
  claimSend(record: SendRecord): Promise<SendRecord | null>;
  /**
   * Takes over a send known not to have gone out (`cancelled`, `failed`, or an
   * unknown one SES has no record of), while it still has the status and
   * claim time `from`; false when another worker took it first.
   */
  reclaimSend(
    subscriberId: string,
    sendKey: string,
    from: Pick<SendRecord, 'status' | 'claimedAt'>,
    claimedAt: string,
  ): Promise<boolean>;
  /**
   * Records that `id` in `scope` was handled (an inbound message, an SES event);
   * false when it was handled before. The record expires at `expiresAt`.
   */
  claimOnce(scope: string, id: string, expiresAt: Date): Promise<boolean>;
  /** Forgets a `claimOnce`, so a retry after a failure can handle the same thing again. */
  releaseOnce(scope: string, id: string): Promise<void>;
  /** Stores a check-in; idempotent for the same subscriber and id. */
  addCheckIn(checkIn: CheckIn): Promise<void>;
  /** A subscriber's check-ins, newest first: the `limit` newest, or all of them. */
  listCheckIns(subscriberId: string, limit?: number): Promise<CheckIn[]>;
  /** Logs what became of an inbound message (accepted, rejected with its reason, automatic). */
  logInbound(entry: InboundLogEntry): Promise<void>;
  /** A subscriber's send ledger: the log of every email claimed for them, in key order. */
  listSends(subscriberId: string): Promise<SendRecord[]>;
  /** Outcomes of inbound messages filed under a subscriber, oldest first. */
  listInbound(subscriberId: string): Promise<InboundLogEntry[]>;
  /**
   * Deletes every record of a subscriber: all items under the subscriber (profile
   * last, so an interrupted erase can be retried with the same link) and the
   * address lookup. Returns how many items were deleted and the raw messages
   * they named (a reply stored while the erase ran among them).
   */
  eraseSubscriber(
    subscriberId: string,
    email: string,
  ): Promise<{ items: number; rawKeys: string[] }>;
  /** Keeps the keyed hash of an erased address; idempotent. */
  addSuppression(record: SuppressionRecord): Promise<void>;
  /**
   * Updates a claimed send's outcome. With `onlyIf`, only while the record still
   * has that status and claim time; returns false when it no longer has.
   */
  finishSend(
    subscriberId: string,
    sendKey: string,
    outcome: Pick<SendRecord, 'status' | 'sentAt' | 'messageId' | 'reason'>,
    onlyIf?: Pick<SendRecord, 'status' | 'claimedAt'>,
  ): Promise<boolean>;
}

/** A reply, read and logged. Text is the subscriber's own words: untrusted, length-capped. */
export interface CheckIn {
  subscriberId: string;
  /** Stable per message (from its Message-ID), so a redelivery overwrites rather than adds. */
  id: string;
  at: string;
  step: number | null;
  text: string;
  understood: Record<string, unknown>;
  /** Where the raw message is kept (deleted with the subscriber's data). */
  rawKey: string | null;
}

/** The outcome of one inbound message. */
export interface InboundLogEntry {
  id: string;
  at: string;
  subscriberId: string | null;
  outcome: 'check-in' | 'auto-reply' | 'rejected' | 'duplicate';
  reason: string;
  rawKey: string | null;
}

/** Raw inbound messages: S3 in AWS, a folder locally. */
export interface RawMailStore {
  /** The raw message, or null when it is missing; at most `maxBytes` are read. */
  get(key: string, maxBytes: number): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** Fresh randomness for ids and nonces, kept out of the core. */
export interface IdSource {
  subscriberId(): string;
  nonce(): string;
}

/** The current time; the local stack's dev clock can move it. */
export interface Clock {
  now(): Date;
}

/**
 * Real elapsed time, for pacing sends to the mail service's rate. Separate from
 * the Clock, which may be a dev clock that stands still between ticks.
 */
export interface Timer {
  /** Milliseconds since an arbitrary fixed point; never goes back. */
  elapsedMs(): number;
  sleep(ms: number): Promise<void>;
}

/** A structured log sink. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
