import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseSendRef } from '../core/send-ref.ts';
import type { SendEventLog, SentMailRecord } from '../ports/mail.ts';
import { DocumentTable } from './document-table.ts';
import { keys } from './table-keys.ts';
import { tableSchema } from './table-schema.ts';

/** Send events are kept long enough to settle any claim; a tick settles within minutes. */
const keepDays = 30;

/**
 * SES's record of sends in AWS: the ses-events function writes each Send event
 * of the configuration set here (under the subscriber, so an erasure takes it
 * too), and the tick reads it to settle a send whose outcome it never learned.
 */
export class DynamoSentMailRecord implements SentMailRecord, SendEventLog {
  private readonly table: DocumentTable;

  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new DocumentTable(client, tableName);
  }

  /** Keeps one Send event; idempotent, as SES delivers events at least once. */
  async record(ref: string, messageId: string, at: string): Promise<boolean> {
    const named = parseSendRef(ref);
    if (!named) return false;
    await this.table.put({
      Item: {
        ...keys.sesSend(named.subscriberId, named.sendKey),
        type: 'ses-send',
        messageId,
        at,
        [tableSchema.ttlAttribute]: Math.floor(Date.parse(at) / 1000) + keepDays * 86_400,
      },
    });
    return true;
  }

  async find(ref: string): Promise<string | null> {
    const named = parseSendRef(ref);
    if (!named) return null;
    const item = await this.table.get({
      Key: keys.sesSend(named.subscriberId, named.sendKey),
      ConsistentRead: true,
    });
    return typeof item?.messageId === 'string' ? item.messageId : null;
  }
}
