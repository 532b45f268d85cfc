import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type Doc, type DocumentTable, maxQueryLimit } from './document-table.ts';
import { keys } from './table-keys.ts';
import { tableSchema } from './table-schema.ts';

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
export function recordOf<T>(item: Doc): T {
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => !tableAttributes.has(name)),
  ) as unknown as T;
}

/** True for a conditional write that found the item not as required. */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException'
  );
}

/** How to read a subscriber's items. */
export interface UnderOptions {
  /** Only items whose sort key starts with this. */
  prefix?: string;
  newestFirst?: boolean;
  /** At most this many; all of them when absent. */
  limit?: number;
  /** Keys and the raw message each names, nothing else. */
  keysOnly?: boolean;
}

/**
 * Every item under a subscriber (optionally one sort-key prefix), strongly
 * consistent, page by page: past 1 MB, and never asking for more than a page
 * may hold.
 */
export async function itemsUnder(
  table: DocumentTable,
  subscriberId: string,
  options: UnderOptions = {},
): Promise<Doc[]> {
  const items: Doc[] = [];
  let start: Doc | undefined;
  do {
    const page = await table.query({
      KeyConditionExpression: options.prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': keys.profile(subscriberId).pk,
        ...(options.prefix ? { ':prefix': options.prefix } : {}),
      },
      ...(options.keysOnly ? { ProjectionExpression: 'pk, sk, rawKey' } : {}),
      ScanIndexForward: !options.newestFirst,
      ConsistentRead: true,
      ...(options.limit ? { Limit: Math.min(options.limit - items.length, maxQueryLimit) } : {}),
      ExclusiveStartKey: start,
    });
    items.push(...page.items);
    start = page.next;
  } while (start && (!options.limit || items.length < options.limit));
  return items;
}
