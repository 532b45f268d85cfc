/** What an SES event means for the subscribers it names. */
export type MailEventKind =
  | 'permanent-bounce'
  | 'transient-bounce'
  | 'complaint'
  | 'delivery'
  /** SES accepted the email for sending: the record that settles a send of unknown outcome. */
  | 'send'
  | 'other';

/**
 * One SES sending event, as the domain sees it. The SNS and EventBridge
 * envelopes it arrives in are read at the edge (handlers/events/ses-sending-event.ts).
 */
export interface MailEvent {
  /**
   * Stable across redeliveries of the same event: SES's feedback id for bounces
   * and complaints, otherwise the message id and SES event type.
   */
  id: string;
  kind: MailEventKind;
  /** The addresses the event is about, normalized (trimmed, lowercase), without duplicates. */
  recipients: string[];
  /** SES message id of the email the event is about. */
  messageId: string;
  /** When SES says it happened (ISO 8601). */
  at: string;
  /** SES's own classification, for logs: e.g. `Bounce/Permanent/General`, `DeliveryDelay`. */
  sesType: string;
  /** The `send` tag the coach put on the email (core/send-ref.ts), when it carries one. */
  sendRef: string | null;
}
