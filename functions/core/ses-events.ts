import { normalizeEmail } from './subscriber.ts';
import * as z from './zod.ts';

/** What an SES event means for the subscribers it names. */
export type MailEventKind =
  | 'permanent-bounce'
  | 'transient-bounce'
  | 'complaint'
  | 'delivery'
  /** SES accepted the email for sending: the record that settles a send of unknown outcome. */
  | 'send'
  | 'other';

/** One SES sending event, as the domain sees it. */
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

/** The input is not an SES event we understand; `reason` says why, in words fit for a log line. */
export class InvalidMailEventError extends Error {
  override name = 'InvalidMailEventError';
  constructor(readonly reason: string) {
    super(`not an SES event: ${reason}`);
  }
}

// SES caps recipients per message at 50; anything far beyond that is not SES talking.
const maxRecipients = 100;
const address = z.string().check(z.trim(), z.minLength(3), z.maxLength(320), z.includes('@'));
const timestamp = z.string().check(
  z.maxLength(64),
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO 8601 timestamp'),
);
const recipientList = z
  .array(z.object({ emailAddress: address }))
  .check(z.minLength(1), z.maxLength(maxRecipients));
const shortText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** The record SES publishes, the same inside SNS `Message` and EventBridge `detail`. */
const sesRecordSchema = z.object({
  /** Event publishing (configuration sets) says `eventType`. */
  eventType: z.optional(shortText(64)),
  /** Identity feedback notifications say `notificationType` for the same records. */
  notificationType: z.optional(shortText(64)),
  mail: z.object({
    messageId: shortText(256),
    timestamp: z.optional(timestamp),
    destination: z.optional(
      z.array(z.string().check(z.maxLength(320))).check(z.maxLength(maxRecipients)),
    ),
    /** The email's tags, each a list of values (SES event publishing's shape). */
    tags: z.optional(
      z.record(
        z.string().check(z.maxLength(256)),
        z.array(z.string().check(z.maxLength(256))).check(z.maxLength(10)),
      ),
    ),
  }),
  bounce: z.optional(
    z.object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.optional(z.string().check(z.maxLength(64))),
      bouncedRecipients: recipientList,
      timestamp,
      feedbackId: shortText(256),
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: recipientList,
      timestamp,
      feedbackId: shortText(256),
      complaintFeedbackType: z.optional(z.string().check(z.maxLength(64))),
    }),
  ),
  delivery: z.optional(
    z.object({
      timestamp,
      recipients: z.array(address).check(z.minLength(1), z.maxLength(maxRecipients)),
    }),
  ),
  deliveryDelay: z.optional(z.object({ timestamp, delayedRecipients: z.optional(recipientList) })),
});
type SesRecord = z.infer<typeof sesRecordSchema>;

const snsEnvelopeSchema = z.object({
  Records: z
    .array(
      z.object({
        EventSource: z.literal('aws:sns'),
        Sns: z.object({
          MessageId: z.string().check(z.minLength(1)),
          Message: z.string().check(z.minLength(2), z.maxLength(262_144)),
        }),
      }),
    )
    .check(z.minLength(1), z.maxLength(10)),
});

/** EventBridge detail types for SES events, and the SES event type each carries. */
export const eventBridgeDetailTypes = {
  'Email Sent': 'Send',
  'Email Delivered': 'Delivery',
  'Email Bounced': 'Bounce',
  'Email Complaint Received': 'Complaint',
  'Email Rejected': 'Reject',
  'Email Rendering Failed': 'Rendering Failure',
  'Email Delivery Delayed': 'DeliveryDelay',
  'Email Opened': 'Open',
  'Email Clicked': 'Click',
  'Email Subscribed': 'Subscription',
} as const;

const eventBridgeEnvelopeSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': shortText(128),
  id: shortText(128),
  detail: z.unknown(),
});

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

function parseRecord(raw: unknown, fallbackType: string | undefined, where: string): MailEvent {
  const parsed = sesRecordSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidMailEventError(`${where}: ${issueText(parsed.error)}`);
  const record = parsed.data;
  const type = record.eventType ?? record.notificationType ?? fallbackType;
  if (!type) throw new InvalidMailEventError(`${where}: no eventType`);
  return toMailEvent(record, type, where);
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses.map(normalizeEmail))];
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

function toMailEvent(record: SesRecord, type: string, where: string): MailEvent {
  const sendRef = record.mail.tags?.send?.[0] ?? null;
  return { ...eventOf(record, type, where), sendRef };
}

function eventOf(record: SesRecord, type: string, where: string): Omit<MailEvent, 'sendRef'> {
  const { mail } = record;
  const messageId = mail.messageId;
  switch (type) {
    case 'Bounce': {
      const bounce = record.bounce;
      if (!bounce) throw new InvalidMailEventError(`${where}: Bounce without a bounce object`);
      return {
        id: bounce.feedbackId,
        // Undetermined means SES could not tell why: count it like a soft bounce rather
        // than lose a subscriber for good on a guess.
        kind: bounce.bounceType === 'Permanent' ? 'permanent-bounce' : 'transient-bounce',
        recipients: unique(bounce.bouncedRecipients.map((r) => r.emailAddress)),
        messageId,
        at: iso(bounce.timestamp),
        sesType: ['Bounce', bounce.bounceType, bounce.bounceSubType].filter(Boolean).join('/'),
      };
    }
    case 'Complaint': {
      const complaint = record.complaint;
      if (!complaint) {
        throw new InvalidMailEventError(`${where}: Complaint without a complaint object`);
      }
      return {
        id: complaint.feedbackId,
        kind: 'complaint',
        recipients: unique(complaint.complainedRecipients.map((r) => r.emailAddress)),
        messageId,
        at: iso(complaint.timestamp),
        sesType: ['Complaint', complaint.complaintFeedbackType].filter(Boolean).join('/'),
      };
    }
    case 'Delivery': {
      const delivery = record.delivery;
      if (!delivery) {
        throw new InvalidMailEventError(`${where}: Delivery without a delivery object`);
      }
      return {
        id: `${messageId}:Delivery`,
        kind: 'delivery',
        recipients: unique(delivery.recipients),
        messageId,
        at: iso(delivery.timestamp),
        sesType: 'Delivery',
      };
    }
    case 'Send': {
      if (!mail.timestamp) throw new InvalidMailEventError(`${where}: Send without a timestamp`);
      return {
        id: `${messageId}:Send`,
        kind: 'send',
        recipients: unique(mail.destination ?? []).filter((r) => r.includes('@')),
        messageId,
        at: iso(mail.timestamp),
        sesType: 'Send',
      };
    }
    default: {
      // Reject, Rendering Failure, DeliveryDelay, Open, Click, Subscription: they
      // change nothing for the subscriber, but are parsed so they can be logged.
      const delayed = record.deliveryDelay?.delayedRecipients?.map((r) => r.emailAddress);
      const at = record.deliveryDelay?.timestamp ?? mail.timestamp;
      if (!at) throw new InvalidMailEventError(`${where}: ${type} without a timestamp`);
      return {
        id: `${messageId}:${type}`,
        kind: 'other',
        recipients: unique(delayed ?? mail.destination ?? []).filter((r) => r.includes('@')),
        messageId,
        at: iso(at),
        sesType: type.slice(0, 64),
      };
    }
  }
}

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the events SES publishes for a configuration set (or an identity's
 * feedback notifications), delivered either by SNS (`{Records: [{Sns: {Message}}]}`,
 * the record as a JSON string) or by EventBridge (`{source: 'aws.ses', detail}`).
 * Pure: no I/O. Throws {@link InvalidMailEventError} for anything else.
 */
export function parseSesEvents(input: unknown): MailEvent[] {
  if (!isRecordLike(input)) throw new InvalidMailEventError('the event is not an object');
  if ('Records' in input) {
    const envelope = snsEnvelopeSchema.safeParse(input);
    if (!envelope.success) {
      throw new InvalidMailEventError(`SNS envelope: ${issueText(envelope.error)}`);
    }
    return envelope.data.Records.map((record, index) => {
      const where = `SNS record ${index} (${record.Sns.MessageId})`;
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        throw new InvalidMailEventError(`${where}: Message is not JSON`);
      }
      return parseRecord(message, undefined, where);
    });
  }
  if ('detail-type' in input || 'source' in input) {
    const envelope = eventBridgeEnvelopeSchema.safeParse(input);
    if (!envelope.success) {
      throw new InvalidMailEventError(`EventBridge envelope: ${issueText(envelope.error)}`);
    }
    const detailType = envelope.data['detail-type'];
    const fallback = (eventBridgeDetailTypes as Record<string, string>)[detailType];
    return [parseRecord(envelope.data.detail, fallback, `EventBridge ${envelope.data.id}`)];
  }
  throw new InvalidMailEventError('neither an SNS nor an EventBridge envelope');
}
