import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { tableSchema } from '../functions/adapters/table-schema.ts';
import type { Logger } from '../functions/ports/runtime.ts';

type Item = Record<string, AttributeValue>;

const { partitionKey: pk, sortKey: sk, dueIndex } = tableSchema;

/** What a repair found and mended. */
export interface DueIndexRepair {
  /** Due profiles the index did not list: no tick would ever have found them. */
  missing: number;
  /** Index entries naming a due time their profile no longer has (or no profile). */
  stale: number;
}

async function scanAll(client: DynamoDBClient, input: ScanCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const text = (item: Item | undefined, name: string) => item?.[name]?.S;
const entryOf = (item: Item) =>
  `${text(item, dueIndex.partitionKey)}|${text(item, dueIndex.sortKey)}`;

async function ignoringLostRace(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    // Another writer changed the profile meanwhile: its own write set the index right.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Makes the due index agree with the profiles again. dynalite writes an item
 * and its index entries in separate steps, so a process killed between them
 * (SIGKILL, power loss) leaves a due subscriber missing from the index (no
 * tick ever finds them) or an entry for a due time the profile no longer has.
 * Real DynamoDB keeps its index eventually consistent by itself; this is the
 * local stack's repair, run at start. Every write is conditional on the
 * profile's version, so a stack sharing the table is never overwritten.
 */
export async function repairDueIndex(
  client: DynamoDBClient,
  tableName: string,
  log: Logger,
): Promise<DueIndexRepair> {
  const profiles = await scanAll(client, {
    TableName: tableName,
    FilterExpression: '#sk = :profile',
    ExpressionAttributeNames: { '#sk': sk },
    ExpressionAttributeValues: { ':profile': { S: 'profile' } },
  });
  const entries = await scanAll(client, { TableName: tableName, IndexName: dueIndex.name });
  const listed = new Set(entries.map((e) => `${text(e, pk)}|${entryOf(e)}`));
  const byKey = new Map(profiles.map((p) => [text(p, pk), p]));
  const versionIs = (item: Item) => ({
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': item.version ?? { N: '0' } },
  });

  let missing = 0;
  for (const profile of profiles) {
    if (!text(profile, dueIndex.partitionKey)) continue;
    if (listed.has(`${text(profile, pk)}|${entryOf(profile)}`)) continue;
    // Writing the item again writes its index entry again.
    await ignoringLostRace(
      client.send(
        new PutItemCommand({ TableName: tableName, Item: profile, ...versionIs(profile) }),
      ),
    );
    missing++;
  }

  let stale = 0;
  for (const entry of entries) {
    const profile = byKey.get(text(entry, pk));
    if (profile && entryOf(profile) === entryOf(entry)) continue;
    const key = { [pk]: entry[pk] as AttributeValue, [sk]: entry[sk] as AttributeValue };
    const staleAttributes = {
      [dueIndex.partitionKey]: entry[dueIndex.partitionKey] as AttributeValue,
      [dueIndex.sortKey]: entry[dueIndex.sortKey] as AttributeValue,
    };
    if (profile) {
      // The index drops the entry an item held when the item is written anew:
      // hold the stale one for a moment, then write the profile as it is.
      const current = (
        await client.send(
          new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
        )
      ).Item;
      if (!current || current.version?.N !== profile.version?.N) continue;
      await ignoringLostRace(
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: { ...current, ...staleAttributes },
            ...versionIs(current),
          }),
        ),
      );
      await ignoringLostRace(
        client.send(
          new PutItemCommand({ TableName: tableName, Item: current, ...versionIs(current) }),
        ),
      );
    } else {
      // An entry whose item is gone: a placeholder takes the entry over and leaves with it.
      await ignoringLostRace(
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: { ...key, ...staleAttributes },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        ),
      );
      await client.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: key,
          ConditionExpression: 'attribute_not_exists(version)',
        }),
      );
    }
    stale++;
  }
  if (missing + stale > 0) log.warn('due index repaired', { missing, stale });
  return { missing, stale };
}
