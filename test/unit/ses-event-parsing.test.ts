import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../functions/core/errors.ts';
import type { MailEvent } from '../../functions/core/ses-events.ts';
import { parseReceiptEvent } from '../../functions/handlers/events/ses-receipt-event.ts';
import { parseSesEvents } from '../../functions/handlers/events/ses-sending-event.ts';

/** A fixture from test/fixtures/ses-events, parsed. */
function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8'),
  );
}

function parseOne(name: string): MailEvent {
  const events = parseSesEvents(fixture(name));
  expect(events).toHaveLength(1);
  return events[0]!;
}

function reasonOf(input: unknown): string {
  try {
    parseSesEvents(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return (error as InvalidEventError).reason;
  }
  throw new Error('expected InvalidEventError');
}

describe('parseSesEvents', () => {
  it('reads a permanent bounce from SNS, normalizing the recipient', () => {
    expect(parseOne('sns-permanent-bounce')).toEqual({
      id: '0100018e00f5aa55-61b59c11-9236-11e6-8f96-7be8aexample-000000',
      kind: 'permanent-bounce',
      recipients: ['recipient@example.com'],
      messageId: '0100018e00f59a12-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
      at: '2026-03-02T09:01:04.669Z',
      sesType: 'Bounce/Permanent/General',
      sendRef: null,
    });
  });

  it('gives the same event the same id whichever carrier delivered it', () => {
    expect(parseOne('eventbridge-permanent-bounce')).toEqual(parseOne('sns-permanent-bounce'));
    expect(parseOne('sns-complaint')).toEqual(parseOne('eventbridge-complaint'));
  });

  it('reads identity feedback notifications (notificationType) like event publishing', () => {
    expect(parseOne('sns-identity-notification-bounce')).toEqual(parseOne('sns-permanent-bounce'));
  });

  it('reads a complaint from EventBridge', () => {
    expect(parseOne('eventbridge-complaint')).toMatchObject({
      id: '0100018e0aa3b1c2-3f1c1c5e-1a2b-4c3d-9e8f-0a1b2c3example-000000',
      kind: 'complaint',
      recipients: ['recipient@example.com'],
      at: '2026-03-04T11:15:32.000Z',
      sesType: 'Complaint/abuse',
    });
  });

  it('reads a transient bounce, and counts an undetermined one as transient', () => {
    expect(parseOne('eventbridge-transient-bounce')).toMatchObject({
      kind: 'transient-bounce',
      sesType: 'Bounce/Transient/MailboxFull',
    });
    const undetermined = structuredClone(fixture('eventbridge-transient-bounce')) as {
      detail: { bounce: { bounceType: string } };
    };
    undetermined.detail.bounce.bounceType = 'Undetermined';
    expect(parseSesEvents(undetermined)[0]?.kind).toBe('transient-bounce');
  });

  it('reads a delivery with an id per message and event type', () => {
    const event = parseOne('sns-delivery');
    expect(event).toMatchObject({
      kind: 'delivery',
      recipients: ['recipient@example.com'],
      at: '2026-03-05T09:00:01.302Z',
    });
    expect(event.id).toBe(`${event.messageId}:Delivery`);
  });

  it('reads a Send with the send ref the coach tagged it with', () => {
    expect(parseOne('eventbridge-send')).toMatchObject({
      kind: 'send',
      sendRef: 'abcdefghijklmnop_r1-lesson-2',
      messageId: '0100018e14b2c3d4-77aa8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c-000000',
      at: '2026-03-06T09:00:00.412Z',
    });
    expect(parseOne('eventbridge-delivery-delay').sendRef).toBeNull();
  });

  it('reads events that change nothing as "other", with their recipients for the log', () => {
    expect(parseOne('eventbridge-delivery-delay')).toMatchObject({
      kind: 'other',
      recipients: ['recipient@example.com'],
      sesType: 'DeliveryDelay',
      at: '2026-03-06T09:30:00.000Z',
    });
  });

  it('falls back to the EventBridge detail-type when the detail has no eventType', () => {
    const raw = structuredClone(fixture('eventbridge-complaint')) as {
      detail: Record<string, unknown>;
    };
    delete raw.detail.eventType;
    expect(parseSesEvents(raw)[0]?.kind).toBe('complaint');
  });

  it('refuses malformed events with a reason', () => {
    expect(reasonOf(fixture('malformed-sns-message-not-json'))).toMatch(/Message is not JSON/);
    expect(reasonOf(fixture('malformed-eventbridge-bounce-without-recipients'))).toMatch(
      /bounce\.bouncedRecipients/,
    );
    expect(reasonOf(fixture('malformed-sns-bounce-without-bounce-object'))).toMatch(
      /Bounce without a bounce object/,
    );
    expect(reasonOf(fixture('malformed-eventbridge-other-source'))).toMatch(
      /EventBridge envelope: source/,
    );
    expect(reasonOf(fixture('malformed-sqs-record'))).toMatch(/SNS envelope/);
    expect(reasonOf(null)).toMatch(/not an object/);
    expect(reasonOf({ hello: 'world' })).toMatch(/neither an SNS nor an EventBridge/);
  });

  it('never throws anything but InvalidEventError, whatever it is given', () => {
    const bounce = fixture('eventbridge-permanent-bounce') as Record<string, unknown>;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ Records: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
          fc.record({ source: fc.constant('aws.ses'), detail: fc.jsonValue() }),
          // A real event with one field replaced by anything.
          fc
            .tuple(fc.constantFrom('detail', 'detail-type', 'id', 'source'), fc.jsonValue())
            .map(([key, value]) => ({ ...bounce, [key]: value })),
        ),
        (input) => {
          try {
            parseSesEvents(input);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidEventError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** An SES receipt event as the Lambda action delivers it, for one message. */
function receiptEvent(overrides: { messageId?: string; timestamp?: string } = {}) {
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            messageId: overrides.messageId ?? 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
            timestamp: overrides.timestamp ?? '2026-03-02T09:15:00.000Z',
            source: 'reader@example.com',
            destination: ['reply+abc.def@reply.example.com'],
          },
          receipt: {
            recipients: ['reply+abc.def@reply.example.com'],
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: 'FAIL' },
            spfVerdict: { status: 'PASS' },
            dkimVerdict: { status: 'GRAY' },
          },
        },
      },
    ],
  };
}

/** The reason the receipt parser gives, failing the test if it throws anything else. */
function receiptReasonOf(input: unknown): string {
  try {
    parseReceiptEvent(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return (error as InvalidEventError).reason;
  }
  throw new Error('expected InvalidEventError');
}

describe('parseReceiptEvent', () => {
  it('reads a receipt event into notices the use case needs', () => {
    // Prepare
    const event = receiptEvent({ timestamp: '2026-03-02T10:15:00+01:00' });

    // Act
    const notices = parseReceiptEvent(event);

    // Assess
    expect(notices).toEqual([
      {
        messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
        receivedAt: '2026-03-02T09:15:00.000Z',
        recipients: ['reply+abc.def@reply.example.com'],
        spam: 'PASS',
        virus: 'FAIL',
      },
    ]);
  });

  it('counts a missing verdict as a pass', () => {
    // Prepare
    const event = receiptEvent();
    const receipt: Record<string, unknown> = event.Records[0]!.ses.receipt;
    delete receipt.spamVerdict;
    delete receipt.virusVerdict;

    // Act
    const [notice] = parseReceiptEvent(event);

    // Assess
    expect(notice).toMatchObject({ spam: 'PASS', virus: 'PASS' });
  });

  it('refuses malformed events with a reason that names the field', () => {
    // Prepare
    const noRecords = { Records: [] };
    const unsafeId = receiptEvent({ messageId: '../../etc/passwd' });
    const badTime = receiptEvent({ timestamp: 'yesterday' });

    // Act
    const reasons = [noRecords, unsafeId, badTime, null].map(receiptReasonOf);

    // Assess
    expect(reasons[0]).toMatch(/^Records: /);
    expect(reasons[1]).toMatch(/^Records\.0\.ses\.mail\.messageId: a safe message id/);
    expect(reasons[2]).toMatch(/^Records\.0\.ses\.mail\.timestamp: an ISO 8601 timestamp/);
    expect(reasons[3]).toMatch(/expected object/);
  });

  it('never throws anything but InvalidEventError, whatever it is given', () => {
    // Prepare: anything, and real events with one field replaced by anything.
    const real = receiptEvent();
    const inputs = fc.oneof(
      fc.jsonValue(),
      fc.record({ Records: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
      fc
        .tuple(fc.constantFrom('messageId', 'timestamp', 'source', 'destination'), fc.jsonValue())
        .map(([key, value]) => {
          const event = structuredClone(real);
          (event.Records[0]!.ses.mail as Record<string, unknown>)[key] = value;
          return event;
        }),
    );

    // Act and assess
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          parseReceiptEvent(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
