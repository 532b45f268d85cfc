import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { keys } from '../../functions/adapters/table-keys.ts';
import { type SigningKey, signToken } from '../../functions/core/tokens.ts';
import type { LocalStack } from '../../local/stack.ts';

/** Signing keys the manage tests pass to their stack, so they can mint expired or foreign links. */
export const testKeys: SigningKey[] = [{ id: 'k1', secret: 'm'.repeat(64) }];
export const testKeysEnv = testKeys.map((k) => `${k.id}:${k.secret}`).join(',');

/** A reply that tries all three classic injections; every page must show it as text. */
export const hostileText =
  'Coffee with Sam <script>window.__xss = 1</script> went well. <img src=x onerror="window.__xss = 2"> Notes: <a href="javascript:window.__xss = 3">click</a> javascript:alert(1)';

/** Direct table access for checks the pages cannot show. */
export function tableOf(stack: LocalStack) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint }));
  const stores = dynamoStores(dynamoDbClient({ endpoint: stack.dynamoEndpoint }), {
    tableName: stack.tableName,
    dueShards: 1,
  });
  return {
    db,
    stores,
    /** Every item under `pk`. */
    async items(pk: string) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: stack.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
        }),
      );
      return Items;
    },
    async lookup(email: string) {
      const { Item } = await db.send(
        new GetCommand({
          TableName: stack.tableName,
          Key: keys.emailLookup(email),
          ConsistentRead: true,
        }),
      );
      return Item ?? null;
    },
    /** Every suppression item (a test table is small enough to scan). */
    async suppressions() {
      const { Items = [] } = await db.send(
        new ScanCommand({
          TableName: stack.tableName,
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': 'suppress#' },
        }),
      );
      return Items;
    },
    /** Stores a check-in with a raw message file, as the reply pipeline would. */
    async addCheckIn(dataDir: string, subscriberId: string, id: string, text: string, at: Date) {
      const rawKey = `inbound/${id}`;
      const file = join(dataDir, rawKey);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `From: someone\r\nSubject: Re: lesson\r\n\r\n${text}\r\n`);
      await stores.checkIns.add({
        subscriberId,
        id,
        at: at.toISOString(),
        step: 1,
        text,
        understood: {},
        rawKey,
      });
      return file;
    },
  };
}

/** A manage link for a subscriber with the given expiry, signed with {@link testKeys}. */
export function manageLink(stack: LocalStack, subscriberId: string, expiresAt: Date): string {
  const t = signToken(testKeys, 'manage', { subscriberId, expiresAt, data: '' });
  return `${stack.url}/manage?t=${t}`;
}
