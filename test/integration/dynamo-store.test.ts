import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentTable } from '../../functions/adapters/document-table.ts';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { keys } from '../../functions/adapters/table-keys.ts';
import { decideSignup } from '../../functions/core/signup.ts';
import type { Stores } from '../../functions/ports/stores.ts';
import { ensureTable, type RunningEmulator, startDynalite } from '../../local/emulators.ts';
import { storeContract } from '../support/store-contract.ts';

// Persisted like `npm start`'s: the on-disk dynalite is the one that answered
// an out-of-range Limit with an empty page.
const dataDir = mkdtempSync(join(tmpdir(), 'drip-store-'));
let dynalite: RunningEmulator;
let store: Stores;
let table: DocumentTable;
let client: ReturnType<typeof dynamoDbClient>;

beforeAll(async () => {
  dynalite = await startDynalite(join(dataDir, 'dynamodb'));
  client = dynamoDbClient({
    endpoint: dynalite.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, 'store-test');
  store = dynamoStores(client, { tableName: 'store-test', dueShards: 1 });
  table = new DocumentTable(client, 'store-test');
});

afterAll(async () => {
  await dynalite?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the DynamoDB store pages its queries', () => {
  it('lists every check-in, newest first, past the 1,000 a page may hold', async () => {
    const start = Date.parse('2026-03-01T09:00:00Z');
    const count = 1_050;
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          store.checkIns.add({
            subscriberId: 'paged',
            id: `c${i + j}`,
            at: new Date(start + (i + j) * 60_000).toISOString(),
            step: 1,
            text: `reply ${i + j}`,
            understood: {},
            rawKey: null,
          }),
        ),
      );
    }

    const all = await store.checkIns.list('paged');
    const newest = await store.checkIns.list('paged', 3);

    expect(all).toHaveLength(count);
    expect(all[0]?.text).toBe(`reply ${count - 1}`);
    expect(all.at(-1)?.text).toBe('reply 0');
    expect(newest.map((c) => c.text)).toEqual([
      `reply ${count - 1}`,
      `reply ${count - 2}`,
      `reply ${count - 3}`,
    ]);
  });

  it('refuses to send a Limit outside what DynamoDB accepts', async () => {
    const query = (Limit: number) =>
      table.query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'sub#paged' },
        Limit,
      });

    await expect(query(Number.MAX_SAFE_INTEGER)).rejects.toThrow(RangeError);
    await expect(query(0)).rejects.toThrow(RangeError);
    await expect(query(1_001)).rejects.toThrow(RangeError);
    expect((await query(1_000)).items).toHaveLength(1_000);
  });
});

describe('a profile stored before locales existed', () => {
  it('reads as the deployment’s default locale', async () => {
    const { state } = decideSignup(
      null,
      { email: 'old@example.com', name: null, timezone: 'UTC', locale: 'de-DE' },
      'form',
      new Date('2026-03-01T09:00:00Z'),
      { id: 'oldprofile', nonce: 'n1' },
      'relationships',
    );
    expect(await store.subscribers.save(state)).toBe(true);
    const { locale: _, ...older } = (await table.get({ Key: keys.profile(state.id) }))!;
    await table.put({ Item: older });

    const configured = dynamoStores(client, {
      tableName: 'store-test',
      dueShards: 1,
      defaultLocale: 'en-GB',
    });

    expect((await configured.subscribers.get(state.id))?.locale).toBe('en-GB');
    expect((await store.subscribers.get(state.id))?.locale).toBe('en-US');
  });
});

// The contract every store adapter keeps, on the same persisted dynalite.
storeContract('DynamoDB stores', () => store);
