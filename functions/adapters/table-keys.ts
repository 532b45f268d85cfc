import { createHash } from 'node:crypto';
import { tableSchema } from './table-schema.ts';

/** Typed key builders for every item kind in the single table. */
export const keys = {
  profile: (id: string) => ({ pk: `sub#${id}`, sk: 'profile' }),
  emailLookup: (email: string) => ({ pk: `email#${email}`, sk: 'lookup' }),
  send: (id: string, sendKey: string) => ({ pk: `sub#${id}`, sk: `send#${sendKey}` }),
  /** SES's Send event for one of the subscriber's sends (see DynamoSentMailRecord). */
  sesSend: (id: string, sendKey: string) => ({ pk: `sub#${id}`, sk: `ses-send#${sendKey}` }),
  once: (scope: string, id: string) => ({ pk: `once#${scope}#${id}`, sk: 'once' }),
  checkIn: (id: string, at: string, checkInId: string) => ({
    pk: `sub#${id}`,
    sk: `checkin#${at}#${checkInId}`,
  }),
  checkInPrefix: 'checkin#',
  sendPrefix: 'send#',
  inboundPrefix: 'inbound#',
  /** An erased address's keyed hash; the key id is part of it, as keys rotate. */
  suppression: (kid: string, hash: string) => ({
    pk: `suppress#${kid}#${hash}`,
    sk: 'suppression',
  }),
  /**
   * Running counters of one course (core/stats-counters.ts): a day item per
   * UTC date, a cohort item per ISO week and one total, together in one
   * partition so `coach stats` reads a date range with one query.
   */
  stats: (course: string) => ({ pk: `stats#${course}` }),
  statsDay: (date: string) => `day#${date}`,
  statsCohort: (week: string) => `cohort#${week}`,
  statsTotal: 'total',
  /** Inbound outcomes: under the subscriber when known, else in a per-day log that expires. */
  inbound: (subscriberId: string | null, at: string, id: string) =>
    subscriberId
      ? { pk: `sub#${subscriberId}`, sk: `inbound#${at}#${id}` }
      : { pk: `inbound#${at.slice(0, 10)}`, sk: `${at}#${id}` },
} as const;

/** The shard a subscriber's due entry lives in: stable, spread evenly by id. */
export function dueShard(id: string, shards: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % shards;
}

/** Due-index attributes; the index is sparse, so items without them are never read by a tick. */
export function dueAttributes(id: string, dueAt: string, shards: number) {
  const { partitionKey, sortKey } = tableSchema.dueIndex;
  return { [partitionKey]: `due#${dueShard(id, shards)}`, [sortKey]: `${dueAt}#${id}` };
}
