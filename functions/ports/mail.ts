import type { OutgoingEmail } from '../core/compose.ts';

/** How one send is made. */
export interface SendOptions {
  /**
   * Asked right before the email is handed to the service, after any wait for
   * the send rate (and again before each retry): false cancels the send.
   */
  confirm?: () => Promise<boolean>;
}

/**
 * Sends mail. An adapter classifies every failure itself, with the errors of
 * core/errors.ts: MailRetryLaterError (it certainly did not send; its
 * subclass MailThrottledError when asked to slow down), MailRejectedError
 * (refused for good), MailOutcomeUnknownError (no answer: it may have sent),
 * SendCancelledError when `confirm` says no.
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
