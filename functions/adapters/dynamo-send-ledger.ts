import type { SendRecord } from '../core/records.ts';
import type { ClaimState, SendLedger, SendOutcome } from '../ports/stores.ts';
import type { DocumentTable } from './document-table.ts';
import { isConditionFailure, itemsUnder, recordOf } from './dynamo-items.ts';
import { keys } from './table-keys.ts';

/** The send ledger: one item per claimed send, under its subscriber. */
export class DynamoSendLedger implements SendLedger {
  constructor(private readonly table: DocumentTable) {}

  async claim(record: SendRecord): Promise<SendRecord | null> {
    const key = keys.send(record.subscriberId, record.sendKey);
    try {
      await this.table.put({
        Item: { ...key, type: 'send', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      return null;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const item = await this.table.get({ Key: key, ConsistentRead: true });
      if (!item) throw error;
      return recordOf<SendRecord>(item);
    }
  }

  async reclaim(
    subscriberId: string,
    sendKey: string,
    from: ClaimState,
    claimedAt: string,
  ): Promise<boolean> {
    try {
      await this.table.update({
        Key: keys.send(subscriberId, sendKey),
        UpdateExpression: 'SET #status = :claimed, claimedAt = :at REMOVE reason',
        // The claim time too: two workers reclaiming one stale claim must not both send.
        ConditionExpression: '#status = :from AND claimedAt = :fromAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':claimed': 'claimed',
          ':at': claimedAt,
          ':from': from.status,
          ':fromAt': from.claimedAt,
        },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async finish(
    subscriberId: string,
    sendKey: string,
    outcome: SendOutcome,
    onlyIf?: ClaimState,
  ): Promise<boolean> {
    const entries = Object.entries(outcome).filter(([, v]) => v !== undefined);
    try {
      await this.table.update({
        Key: keys.send(subscriberId, sendKey),
        UpdateExpression: `SET ${entries.map(([k]) => `#${k} = :${k}`).join(', ')}`,
        ConditionExpression: onlyIf
          ? '#status = :onlyStatus AND claimedAt = :onlyClaimedAt'
          : 'attribute_exists(pk)',
        ExpressionAttributeNames: {
          ...Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
          ...(onlyIf ? { '#status': 'status' } : {}),
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
          ...(onlyIf ? { ':onlyStatus': onlyIf.status, ':onlyClaimedAt': onlyIf.claimedAt } : {}),
        },
      });
      return true;
    } catch (error) {
      if (onlyIf && isConditionFailure(error)) return false;
      throw error;
    }
  }

  async list(subscriberId: string): Promise<SendRecord[]> {
    const items = await itemsUnder(this.table, subscriberId, { prefix: keys.sendPrefix });
    return items.map((item) => recordOf<SendRecord>(item));
  }
}
