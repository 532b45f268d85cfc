import type { SuppressionRecord } from '../core/erasure.ts';
import { dueAt, type Subscriber, subscriberDefaults } from '../core/subscriber.ts';
import type { DueIndex, DuePage, Subscribers, Suppressions } from '../ports/stores.ts';
import type { Doc, DocumentTable } from './document-table.ts';
import { isConditionFailure, itemsUnder, recordOf } from './dynamo-items.ts';
import { dueAttributes, keys } from './table-keys.ts';
import { tableSchema } from './table-schema.ts';

function toSubscriber(item: Doc, defaultLocale: string | undefined): Subscriber {
  const stored = recordOf<Partial<Subscriber>>(item);
  return { ...subscriberDefaults(defaultLocale), ...stored } as Subscriber;
}

/** Profiles (with their due-index attributes) and address lookups on the table. */
export class DynamoSubscribers implements Subscribers {
  constructor(
    private readonly table: DocumentTable,
    /** How many partitions the due index is spread over. */
    private readonly dueShards: number,
    /** What a profile stored before locales existed reads as; the core's default when unset. */
    private readonly defaultLocale?: string,
  ) {}

  async get(id: string): Promise<Subscriber | null> {
    const item = await this.table.get({ Key: keys.profile(id), ConsistentRead: true });
    return item ? toSubscriber(item, this.defaultLocale) : null;
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
    if (due) Object.assign(item, dueAttributes(state.id, due, this.dueShards));
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

  async erase(subscriberId: string, email: string): Promise<{ items: number; rawKeys: string[] }> {
    const profile = keys.profile(subscriberId);
    const first = await itemsUnder(this.table, subscriberId, { keysOnly: true });
    await this.deleteItems(first.filter((item) => item.sk !== profile.sk));
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
    await this.deleteItems(first.filter((item) => item.sk === profile.sk));
    // A reply or send written meanwhile lands under the same key; sweep once more.
    const stragglers = await itemsUnder(this.table, subscriberId, { keysOnly: true });
    await this.deleteItems(stragglers);
    const all = [...first, ...stragglers];
    return {
      items: all.length,
      rawKeys: all.flatMap((item) => (typeof item.rawKey === 'string' ? [item.rawKey] : [])),
    };
  }

  private async deleteItems(items: readonly Doc[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let pending: Doc[] = items.slice(i, i + 25).map(({ pk, sk }) => ({ pk, sk }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error('DynamoDB kept items unprocessed while erasing');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        pending = await this.table.batchDelete(pending);
      }
    }
  }
}

/** The sparse due index, sharded: each page reads every shard in due order. */
export class DynamoDueIndex implements DueIndex {
  constructor(
    private readonly table: DocumentTable,
    private readonly dueShards: number,
  ) {}

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
    return Array.from({ length: this.dueShards }, (_, i) => i);
  }

  async list(now: Date, limit: number, after: string | null = null): Promise<DuePage> {
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

  async earliest(): Promise<Date | null> {
    const heads = await Promise.all(this.shards().map((s) => this.queryShard(s, { limit: 1 })));
    const first = heads.flat().sort()[0];
    return first ? new Date(first.slice(0, first.indexOf('#'))) : null;
  }
}

/** Keyed hashes of erased addresses. */
export class DynamoSuppressions implements Suppressions {
  constructor(private readonly table: DocumentTable) {}

  async add(record: SuppressionRecord): Promise<void> {
    await this.table.put({
      Item: { ...keys.suppression(record.kid, record.hash), type: 'suppression', ...record },
    });
  }
}
