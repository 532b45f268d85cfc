import { InvalidEventError } from '../../core/errors.ts';
import type { MailEvent } from '../../core/ses-events.ts';
import { normalizeEmail } from '../../core/subscriber.ts';
import * as z from '../../core/zod.ts';
import { isoTimestamp, parseOrInvalid } from './event-fields.ts';

// SES caps recipients per message at 50; anything far beyond that is not SES talking.
const maxRecipients = 100;
const address = z.string().check(z.trim(), z.minLength(3), z.maxLength(320), z.includes('@'));
const timestamp = isoTimestamp;
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

function parseRecord(raw: unknown, fallbackType: string | undefined, where: string): MailEvent {
  const record = parseOrInvalid(sesRecordSchema, raw, where);
  const type = record.eventType ?? record.notificationType ?? fallbackType;
  if (!type) throw new InvalidEventError(`${where}: no eventType`);
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
      if (!bounce) throw new InvalidEventError(`${where}: Bounce without a bounce object`);
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
        throw new InvalidEventError(`${where}: Complaint without a complaint object`);
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
        throw new InvalidEventError(`${where}: Delivery without a delivery object`);
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
      if (!mail.timestamp) throw new InvalidEventError(`${where}: Send without a timestamp`);
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
      if (!at) throw new InvalidEventError(`${where}: ${type} without a timestamp`);
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
 * Pure: no I/O. Throws {@link InvalidEventError} for anything else.
 */
export function parseSesEvents(input: unknown): MailEvent[] {
  if (!isRecordLike(input)) throw new InvalidEventError('the event is not an object');
  if ('Records' in input) {
    const envelope = parseOrInvalid(snsEnvelopeSchema, input, 'SNS envelope');
    return envelope.Records.map((record, index) => {
      const where = `SNS record ${index} (${record.Sns.MessageId})`;
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        throw new InvalidEventError(`${where}: Message is not JSON`);
      }
      return parseRecord(message, undefined, where);
    });
  }
  if ('detail-type' in input || 'source' in input) {
    const envelope = parseOrInvalid(eventBridgeEnvelopeSchema, input, 'EventBridge envelope');
    const fallback = (eventBridgeDetailTypes as Record<string, string>)[envelope['detail-type']];
    return [parseRecord(envelope.detail, fallback, `EventBridge ${envelope.id}`)];
  }
  throw new InvalidEventError('neither an SNS nor an EventBridge envelope');
}
