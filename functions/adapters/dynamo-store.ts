import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SuppressionRecord } from '../core/erasure.ts';
import { dueAt, type Subscriber, subscriberDefaults } from '../core/subscriber.ts';
import type {
  CheckIn,
  DuePage,
  InboundLogEntry,
  SendRecord,
  SubscriberStore,
} from '../ports/ports.ts';
import { type Doc, DocumentTable } from './document-table.ts';
import { dueAttributes, keys } from './table-keys.ts';
import { tableSchema } from './table-schema.ts';

/** Settings of the DynamoDB store. */
export interface DynamoStoreOptions {
  tableName: string;
  /** How many partitions the due index is spread over; the tick reads them all. */
  dueShards: number;
}

// Item attributes that belong to the table, not to the record stored in it.
const tableAttributes = new Set<string>([
  tableSchema.partitionKey,
  tableSchema.sortKey,
  tableSchema.dueIndex.partitionKey,
  tableSchema.dueIndex.sortKey,
  tableSchema.ttlAttribute,
  'type',
]);

/** The record an item holds: the item without its keys and housekeeping attributes. */
function recordOf<T>(item: Doc): T {
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => !tableAttributes.has(name)),
  ) as unknown as T;
}

function toSubscriber(item: Doc): Subscriber {
  return { ...subscriberDefaults(), ...recordOf<Partial<Subscriber>>(item) } as Subscriber;
}

/** The largest page a Query asks for; a caller wanting more pages on. */
const maxPageLimit = 1_000;

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException'
  );
}

/** The subscriber store on one DynamoDB table (DESIGN.md: data, single table). */
export class DynamoSubscriberStore implements SubscriberStore {
  private readonly table: DocumentTable;

  constructor(
    client: DynamoDBClient,
    private readonly options: DynamoStoreOptions,
  ) {
    this.table = new DocumentTable(client, options.tableName);
  }

  async get(id: string): Promise<Subscriber | null> {
    const item = await this.table.get({ Key: keys.profile(id), ConsistentRead: true });
    return item ? toSubscriber(item) : null;
  }

  async findIdByEmail(email: string): Promise<string | null> {
    const item = await this.table.get({ Key: keys.emailLookup(email), ConsistentRead: true });
    return typeof item?.id === 'string' ? item.id : null;
  }

  async claimEmail(email: string, id: string): Promise<string> {
    try {
      await this.table.put({
        Item: { ...keys.emailLookup(email), type: 'lookup', id },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      return id;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const holder = await this.findIdByEmail(email);
      if (!holder) throw error;
      return holder;
    }
  }

  async save(state: Subscriber): Promise<boolean> {
    const item: Record<string, unknown> = {
      ...keys.profile(state.id),
      type: 'profile',
      ...state,
      version: state.version + 1,
    };
    const due = dueAt(state);
    if (due) Object.assign(item, dueAttributes(state.id, due, this.options.dueShards));
    try {
      await this.table.put({
        Item: item,
        ...(state.version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': state.version },
            }),
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async queryShard(
    shard: number,
    input: { upper?: string; lower?: string | undefined; limit: number },
  ) {
    const { name, partitionKey, sortKey } = tableSchema.dueIndex;
    const range =
      input.upper === undefined
        ? { condition: '', values: {} }
        : input.lower === undefined
          ? { condition: ' AND #s < :upper', values: { ':upper': input.upper } }
          : {
              condition: ' AND #s BETWEEN :lower AND :upper',
              values: { ':lower': input.lower, ':upper': input.upper },
            };
    const { items } = await this.table.query({
      IndexName: name,
      KeyConditionExpression: `#p = :p${range.condition}`,
      ExpressionAttributeNames: {
        '#p': partitionKey,
        ...(range.condition ? { '#s': sortKey } : {}),
      },
      ExpressionAttributeValues: { ':p': `due#${shard}`, ...range.values },
      Limit: input.limit,
    });
    return items.map((item) => String(item[sortKey]));
  }

  private shards(): number[] {
    return Array.from({ length: this.options.dueShards }, (_, i) => i);
  }

  async listDue(now: Date, limit: number, after: string | null = null): Promise<DuePage> {
    // '$' sorts just after '#', so every entry due at or before now is below the bound.
    const upper = `${now.toISOString()}$`;
    // Ids have one length, so '!' (the lowest printable character) after the
    // cursor sorts above the cursor's own entry and below every later one.
    const lower = after === null ? undefined : `${after}!`;
    const perShard = await Promise.all(
      this.shards().map((s) => this.queryShard(s, { upper, lower, limit })),
    );
    const page = perShard.flat().sort().slice(0, limit);
    // A shorter page than asked for means every shard ran out below the bound.
    const last = page.length === limit ? page[page.length - 1] : undefined;
    return {
      ids: page.map((dueSk) => dueSk.slice(dueSk.indexOf('#') + 1)),
      next: last ?? null,
    };
  }

  async earliestDue(): Promise<Date | null> {
    const heads = await Promise.all(this.shards().map((s) => this.queryShard(s, { limit: 1 })));
    const first = heads.flat().sort()[0];
    return first ? new Date(first.slice(0, first.indexOf('#'))) : null;
  }

  async claimSend(record: SendRecord): Promise<SendRecord | null> {
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

  async reclaimSend(
    subscriberId: string,
    sendKey: string,
    from: Pick<SendRecord, 'status' | 'claimedAt'>,
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

  async claimOnce(scope: string, id: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.table.put({
        Item: {
          ...keys.once(scope, id),
          type: 'once',
          [tableSchema.ttlAttribute]: Math.floor(expiresAt.getTime() / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseOnce(scope: string, id: string): Promise<void> {
    await this.table.delete({ Key: keys.once(scope, id) });
  }

  async addCheckIn(checkIn: CheckIn): Promise<void> {
    await this.table.put({
      Item: {
        ...keys.checkIn(checkIn.subscriberId, checkIn.at, checkIn.id),
        type: 'checkin',
        ...checkIn,
      },
    });
  }

  async listCheckIns(subscriberId: string, limit?: number): Promise<CheckIn[]> {
    const items = await this.queryAll(subscriberId, {
      prefix: keys.checkInPrefix,
      newestFirst: true,
      limit,
    });
    return items.map((item) => recordOf<CheckIn>(item));
  }

  async listSends(subscriberId: string): Promise<SendRecord[]> {
    const items = await this.queryAll(subscriberId, { prefix: keys.sendPrefix });
    return items.map((item) => recordOf<SendRecord>(item));
  }

  async listInbound(subscriberId: string): Promise<InboundLogEntry[]> {
    const items = await this.queryAll(subscriberId, { prefix: keys.inboundPrefix });
    return items.map((item) => recordOf<InboundLogEntry>(item));
  }

  /** Every item under a subscriber (optionally one sort-key prefix), following pages past 1 MB. */
  private async queryAll(
    subscriberId: string,
    options: { prefix?: string; newestFirst?: boolean; limit?: number; keysOnly?: boolean } = {},
  ): Promise<Doc[]> {
    const items: Doc[] = [];
    let start: Doc | undefined;
    do {
      const page = await this.table.query({
        KeyConditionExpression: options.prefix
          ? 'pk = :pk AND begins_with(sk, :prefix)'
          : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.profile(subscriberId).pk,
          ...(options.prefix ? { ':prefix': options.prefix } : {}),
        },
        ...(options.keysOnly ? { ProjectionExpression: 'pk, sk, rawKey' } : {}),
        ScanIndexForward: !options.newestFirst,
        ConsistentRead: true,
        // DynamoDB takes a Limit of 1 to 1,000 at most per page; more is read page by page.
        ...(options.limit ? { Limit: Math.min(options.limit - items.length, maxPageLimit) } : {}),
        ExclusiveStartKey: start,
      });
      items.push(...page.items);
      start = page.next;
    } while (start && (!options.limit || items.length < options.limit));
    return items;
  }

  private async deleteKeys(items: readonly Doc[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let pending: Doc[] = items.slice(i, i + 25).map(({ pk, sk }) => ({ pk, sk }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error('DynamoDB kept items unprocessed while erasing');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        pending = await this.table.batchDelete(pending);
      }
    }
  }

  async eraseSubscriber(
    subscriberId: string,
    email: string,
  ): Promise<{ items: number; rawKeys: string[] }> {
    const profile = keys.profile(subscriberId);
    const first = await this.queryAll(subscriberId, { keysOnly: true });
    await this.deleteKeys(first.filter((item) => item.sk !== profile.sk));
    try {
      // Only this subscriber's lookup: never one a later signup made.
      await this.table.delete({
        Key: keys.emailLookup(email),
        ConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': subscriberId },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    await this.deleteKeys(first.filter((item) => item.sk === profile.sk));
    // A reply or send written meanwhile lands under the same key; sweep once more.
    const stragglers = await this.queryAll(subscriberId, { keysOnly: true });
    await this.deleteKeys(stragglers);
    const all = [...first, ...stragglers];
    return {
      items: all.length,
      rawKeys: all.flatMap((item) => (typeof item.rawKey === 'string' ? [item.rawKey] : [])),
    };
  }

  async addSuppression(record: SuppressionRecord): Promise<void> {
    await this.table.put({
      Item: { ...keys.suppression(record.kid, record.hash), type: 'suppression', ...record },
    });
  }

  async logInbound(entry: InboundLogEntry): Promise<void> {
    const expires = entry.subscriberId
      ? {}
      : { [tableSchema.ttlAttribute]: Math.floor(Date.parse(entry.at) / 1000) + 90 * 86_400 };
    await this.table.put({
      Item: {
        ...keys.inbound(entry.subscriberId, entry.at, entry.id),
        type: 'inbound',
        ...entry,
        ...expires,
      },
    });
  }

  async finishSend(
    subscriberId: string,
    sendKey: string,
    outcome: Pick<SendRecord, 'status' | 'sentAt' | 'messageId' | 'reason'>,
    onlyIf?: Pick<SendRecord, 'status' | 'claimedAt'>,
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
}
