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
