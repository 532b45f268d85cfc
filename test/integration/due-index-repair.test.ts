import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Level } from 'level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import { confirmSignup, decideSignup } from '../../functions/core/signup.ts';
import { nextItem, type Subscriber } from '../../functions/core/subscriber.ts';
import { pacingContextFor } from '../../functions/courses.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import type { Stores } from '../../functions/ports/stores.ts';
import { repairDueIndex } from '../../local/due-index-repair.ts';
import { ensureTable, type RunningEmulator, startDynalite } from '../../local/emulators.ts';
import { quietLogger } from '../support/local-stack.ts';

const table = 'repair-test';
const course = compiledCourses.relationships!;
const dataDir = mkdtempSync(join(tmpdir(), 'drip-repair-'));
const dbPath = join(dataDir, 'dynamodb');
const t0 = new Date('2026-05-04T08:00:00Z');
let dynalite: RunningEmulator;
let client: DynamoDBClient;
let store: Stores;

async function open() {
  dynalite = await startDynalite(dbPath);
  client = dynamoDbClient({
    endpoint: dynalite.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  store = dynamoStores(client, { tableName: table, dueShards: 2 });
}

/** With dynalite stopped, edits its on-disk due index the way a kill between two writes leaves it. */
async function editIndex(edit: (index: Map<string, unknown>) => void) {
  await dynalite.stop();
  client.destroy();
  const db = new Level<string, unknown>(dbPath, { valueEncoding: 'json' });
  const prefix = `index-global~${table}~due~`;
  const before = new Map<string, unknown>();
  for await (const [key, value] of db.iterator({ gte: prefix, lt: `${prefix}\uffff` })) {
    before.set(key, value);
  }
  const after = new Map(before);
  edit(after);
  for (const key of before.keys()) if (!after.has(key)) await db.del(key);
  for (const [key, value] of after) if (!before.has(key)) await db.put(key, value);
  await db.close();
  await open();
}

async function indexEntries(): Promise<Map<string, unknown>> {
  let entries = new Map<string, unknown>();
  await editIndex((index) => {
    entries = new Map(index);
  });
  return entries;
}

function activeSubscriber(i: number): Subscriber {
  const email = `due-${i}@example.com`;
  const id = `due${String(i).padStart(13, '0')}`;
  const signup = decideSignup(
    null,
    { email, name: null, timezone: 'UTC' },
    'form',
    t0,
    { id, nonce: `n${i}` },
    course.id,
  );
  const decision = confirmSignup(signup.state, `n${i}`, t0, pacingContextFor(course));
  if (decision.kind !== 'confirmed') throw new Error('not confirmed');
  return decision.result.state;
}

async function dueIds(): Promise<string[]> {
  return (await store.due.list(new Date(t0.getTime() + 365 * 86_400_000), 1_000)).ids.sort();
}

beforeAll(async () => {
  await open();
  await ensureTable(client, table);
});

afterAll(async () => {
  await dynalite?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('repairing the local due index after a kill', () => {
  it('lists every due profile once again, at its own due time, and nothing else', async () => {
    // Prepare: twelve due subscribers, then three kinds of damage.
    const subscribers = Array.from({ length: 12 }, (_, i) => activeSubscriber(i));
    for (const s of subscribers) expect(await store.subscribers.save(s)).toBe(true);
    const saved = subscribers.map((s) => ({ ...s, version: s.version + 1 }));
    const original = await indexEntries();
    // (1) An entry lost: the item was written, its index entry never was.
    const lost = [...original.keys()].slice(0, 3);
    // (2) An entry left over: the profile moved on (its lesson was sent), the old entry stayed.
    const moved = saved[5]!;
    const movedEntries = () =>
      [...original].filter(([, v]) => JSON.stringify(v).includes(moved.id));
    const [oldKey, oldValue] = movedEntries()[0]!;
    const next = pace(
      moved,
      { type: 'due' },
      new Date(nextItem(moved)!.dueAt),
      pacingContextFor(course),
    ).state;
    expect(await store.subscribers.save(next)).toBe(true);
    // (3) An entry for a profile that is gone (unsubscribed and erased).
    const erased = saved[7]!;
    const [erasedKey, erasedValue] = [...original].find(([, v]) =>
      JSON.stringify(v).includes(erased.id),
    )!;
    await store.subscribers.erase(erased.id, erased.email);
    await editIndex((index) => {
      for (const key of lost) index.delete(key);
      index.set(oldKey, oldValue);
      index.set(erasedKey, erasedValue);
    });
    const damaged = await dueIds();
    expect(damaged).toHaveLength(12 - 3 - 1 + 2);

    // Act
    const repair = await repairDueIndex(client, table, quietLogger);

    // Assess
    expect(repair).toEqual({ missing: 3, stale: 2 });
    const expected = saved
      .filter((s) => s.id !== erased.id)
      .map((s) => s.id)
      .sort();
    expect(await dueIds()).toEqual(expected);
    const movedDue = await store.due.list(new Date(nextItem(next)!.dueAt), 1_000);
    expect(movedDue.ids).toContain(moved.id);
    expect((await store.due.list(new Date(nextItem(moved)!.dueAt), 1_000)).ids).not.toContain(
      moved.id,
    );
    expect(await repairDueIndex(client, table, quietLogger)).toEqual({ missing: 0, stale: 0 });
  });
});
