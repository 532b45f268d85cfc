import { randomBytes } from 'node:crypto';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { dynamoStores } from '../functions/adapters/dynamo-stores.ts';
import type { CompiledCourse } from '../functions/core/course.ts';
import { pace, type ReplyFacts } from '../functions/core/pacing/index.ts';
import { noUnderstanding } from '../functions/core/reading/index.ts';
import { toLocal } from '../functions/core/send-window.ts';
import { decideSignup } from '../functions/core/signup.ts';
import { nextItem, type Subscriber } from '../functions/core/subscriber.ts';
import { base32 } from '../functions/core/tokens.ts';
import { pacingContextFor } from '../functions/courses.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import { dynamoClient } from './emulators.ts';

/** Where subscribers live: a spread of real time zones, so send windows differ as in life. */
export const seedTimezones = [
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Honolulu',
] as const;

const firstNames = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo'];
const lastNames = ['Silva', 'Okafor', 'Schmidt', 'Tanaka', 'Novak', 'Haddad', 'Kim', 'Moreau'];

function defaultCourse(): CompiledCourse {
  const found = compiledCourses.relationships;
  if (!found) throw new Error('the relationships course is missing; run npm run build:templates');
  return found;
}
const course = defaultCourse();

const facts = (partial: Partial<ReplyFacts> = {}): ReplyFacts => ({
  ...noUnderstanding(),
  ...partial,
});

/** Runs every agenda item due at or before `at` through the pacing, as ticks would. */
function tickUntil(state: Subscriber, at: Date): Subscriber {
  let current = state;
  for (let i = 0; i < 10; i++) {
    const next = nextItem(current);
    if (!next || Date.parse(next.dueAt) > at.getTime()) break;
    const result = pace(current, { type: 'due' }, new Date(next.dueAt), pacingContextFor(course));
    current = { ...result.state, version: current.version + 1 };
  }
  return current;
}

/** How far into the course a seeded subscriber is. */
export type SeedStage = 'replied-once' | 'replied-twice' | 'silent';
const stages: readonly SeedStage[] = ['replied-once', 'replied-twice', 'silent'];

/**
 * A mid-course subscriber made the way production makes one: signup, confirm,
 * lessons sent by the pacing and replies read into it (why, offer, people).
 */
export function buildArchetype(timezone: string, stage: SeedStage, start: Date): Subscriber {
  const signupAt = start;
  const signup = decideSignup(
    null,
    { email: 'seed@example.com', name: 'Seed Person', timezone },
    'form',
    signupAt,
    { id: 'seed', nonce: 'nonce' },
    course.id,
  );
  let state: Subscriber = { ...signup.state, version: 1 };
  const confirmedAt = new Date(signupAt.getTime() + 10 * 60_000);
  state = {
    ...pace(state, { type: 'confirmed' }, confirmedAt, pacingContextFor(course)).state,
    version: state.version + 1,
  };
  // Lesson 1 goes out.
  const lesson1 = nextItem(state);
  state = tickUntil(state, new Date(Date.parse(lesson1?.dueAt ?? confirmedAt.toISOString())));
  if (stage === 'silent') return state;
  const reply = (step: number, f: ReplyFacts, at: Date) => {
    const result = pace(state, { type: 'reply', step, facts: f }, at, pacingContextFor(course));
    state = { ...result.state, lastReplyAt: at.toISOString(), version: state.version + 1 };
  };
  const firstReplyAt = new Date(
    Date.parse(state.lastLessonAt ?? signupAt.toISOString()) + 3 * 3_600_000,
  );
  reply(
    1,
    facts({
      why: 'I want to move into product management within a year.',
      offer: 'I can help with data analysis and SQL.',
    }),
    firstReplyAt,
  );
  state = tickUntil(state, new Date(firstReplyAt.getTime() + 3_600_000)); // the acknowledgement
  if (stage === 'replied-once') return state;
  state = tickUntil(state, new Date(Date.parse(nextItem(state)?.dueAt ?? '') || Date.now())); // lesson 2
  const secondReplyAt = new Date(Date.parse(state.lastLessonAt ?? '') + 5 * 3_600_000);
  reply(2, facts({ people: ['Sam Rivera', 'Priya Nair', 'Jordan Lee'] }), secondReplyAt);
  return tickUntil(state, new Date(secondReplyAt.getTime() + 3_600_000));
}

/** Archetypes for every time zone and stage, built once and cloned per subscriber. */
export function buildArchetypes(now: Date): Subscriber[] {
  const start = new Date(now.getTime() - 14 * 86_400_000);
  return seedTimezones.flatMap((tz) => stages.map((stage) => buildArchetype(tz, stage, start)));
}

/** True when `instant` is mid-day for `timezone`: a due email would go out, not wait for morning. */
export function isMidday(instant: Date, timezone: string): boolean {
  const { hour } = toLocal(instant, timezone);
  return hour >= 9 && hour < 18;
}

/** Options of {@link subscriberStates}. */
export interface SeedCohort {
  /** How many subscribers. */
  count: number;
  /** Index of the first one (names and addresses are numbered). */
  offset: number;
  /** When their next email is due: in the past for a due cohort, ahead otherwise. */
  dueAt: (index: number) => Date;
  /** Keep only archetypes for which this holds (e.g. mid-day now, so a tick sends at once). */
  accept?: (archetype: Subscriber) => boolean;
  /** Course run, so a re-seeded subscriber gets fresh send keys (`r<run>-...`). */
  run?: number;
  /** Reuse these ids instead of new random ones (re-seeding the same subscribers). */
  ids?: readonly string[];
}

// Deterministic choice per index without a global random generator.
function pick<T>(list: readonly T[], index: number, salt: number): T {
  return list[(index * 2_654_435_761 + salt) % list.length] as T;
}

function shiftAgenda(state: Subscriber, dueAt: Date): Subscriber {
  const first = nextItem(state);
  if (!first) return state;
  const delta = dueAt.getTime() - Date.parse(first.dueAt);
  return {
    ...state,
    agenda: state.agenda.map((item) => ({
      ...item,
      dueAt: new Date(Date.parse(item.dueAt) + delta).toISOString(),
    })),
  };
}

/**
 * Subscriber states for one cohort: archetype clones with their own id
 * (80-bit, as production makes them), address, name, time zone and due time.
 */
export function subscriberStates(
  archetypes: readonly Subscriber[],
  cohort: SeedCohort,
): Subscriber[] {
  const usable = cohort.accept ? archetypes.filter(cohort.accept) : [...archetypes];
  if (usable.length === 0) throw new Error('no archetype fits this cohort');
  const states: Subscriber[] = [];
  for (let i = 0; i < cohort.count; i++) {
    const n = cohort.offset + i;
    const base = pick(usable, n, 7);
    const first = pick(firstNames, n, 3);
    const last = pick(lastNames, n, 5);
    const id = cohort.ids?.[i] ?? base32(randomBytes(10));
    const clone = structuredClone(base);
    const run = cohort.run ?? clone.run;
    const state: Subscriber = {
      ...clone,
      id,
      email: `${first}.${last}.${n}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      run,
      agenda: clone.agenda.map((item) => ({
        ...item,
        sendKey: item.sendKey.replace(/^r\d+-/, `r${run}-`),
      })),
    };
    states.push(shiftAgenda(state, cohort.dueAt(n)));
  }
  return states;
}

/** An item as the store sends it to DynamoDB (marshalled). */
export type StoredItem = Record<string, AttributeValue>;

/**
 * The items production writes for these subscribers, produced by the store
 * itself: `save` (profile with its sparse due-index keys) and `claimEmail`
 * (address lookup) run against a client that records the item instead of
 * sending it. The bench therefore seeds byte for byte what the coach writes.
 */
export async function storeItems(
  states: readonly Subscriber[],
  tableName: string,
  dueShards: number,
): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  const recorder = {
    send: async (command: { input: { Item?: StoredItem } }) => {
      if (command.input.Item) items.push(command.input.Item);
      return {};
    },
  } as unknown as DynamoDBClient;
  const store = dynamoStores(recorder, { tableName, dueShards });
  for (const state of states) {
    // The stored version is one above the state's: save() stores version + 1.
    await store.subscribers.save({ ...state, version: state.version - 1 });
    await store.subscribers.claimEmail(state.email, state.id);
  }
  return items;
}

/** Options of {@link batchWrite}. */
export interface BatchWriteOptions {
  endpoint: string;
  tableName: string;
  /** BatchWriteItem requests in flight at once. */
  inFlight?: number;
  /** Called after each finished request with the items written so far. */
  progress?: (written: number) => void;
}

/**
 * Writes items with BatchWriteItem, 25 per request and several requests in
 * flight, retrying unprocessed items with backoff. The items come marshalled
 * by the store itself ({@link storeItems}).
 */
export async function batchWrite(
  items: readonly StoredItem[],
  options: BatchWriteOptions,
): Promise<void> {
  const client = dynamoClient(options.endpoint);
  const batches: StoredItem[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= 10) throw new Error('DynamoDB kept items unprocessed while seeding');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const { UnprocessedItems } = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [options.tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[options.tableName] ?? []) as typeof requests;
      }
      written += batch.length;
      options.progress?.(written);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.inFlight ?? 8 }, worker));
  } finally {
    client.destroy();
  }
}

/** Options of {@link seedCohort}. */
export interface SeedOptions extends SeedCohort {
  endpoint: string;
  tableName: string;
  dueShards?: number;
  /** Label for progress lines on stderr. */
  label: string;
}

/** Seeds one cohort of subscribers (profile and lookup items) and returns their states. */
export async function seedCohort(
  archetypes: readonly Subscriber[],
  options: SeedOptions,
): Promise<Subscriber[]> {
  const states = subscriberStates(archetypes, options);
  const items = await storeItems(states, options.tableName, options.dueShards ?? 1);
  const started = Date.now();
  let lastReport = 0;
  await batchWrite(items, {
    endpoint: options.endpoint,
    tableName: options.tableName,
    progress: (written) => {
      const now = Date.now();
      if (now - lastReport < 2_000 && written < items.length) return;
      lastReport = now;
      const rate = written / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(
        `  seeding ${options.label}: ${written.toLocaleString('en-US')}/${items.length.toLocaleString('en-US')} items (${Math.round(rate)}/s)\n`,
      );
    },
  });
  return states;
}
