/**
 * The records the coach keeps beside each subscriber's profile: its send
 * ledger, the replies read as check-ins, and what became of each inbound
 * message. Domain types; the store ports keep and return them.
 */

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
  /**
   * What the subscriber corrected in `understood` on the manage page, oldest
   * first; `understood` itself stays as the reader left it (core/corrections.ts).
   */
  corrections?: CorrectionRecord[];
}

/** One correction a subscriber made to what the reader logged from a reply. */
export interface CorrectionRecord {
  at: string;
  /**
   * What was corrected: `people`, `met`, `plan`, `plan-date`, `event`,
   * `event-date`, `why`, `offer`, `command` or `pause-end`.
   */
  field: string;
  /** Which of the reply's plans (its index in `understood.plans`), for `plan` and `plan-date`. */
  index?: number;
  /** The value as logged: a name, a date, a text or a command. */
  from: string | null;
  /** The value as corrected, or null when the item was removed. */
  to: string | null;
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
