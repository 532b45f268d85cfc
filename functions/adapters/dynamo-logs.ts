import type { CheckIn, InboundLogEntry } from '../core/records.ts';
import type { CheckIns, InboundLog, OnceClaims } from '../ports/stores.ts';
import type { DocumentTable } from './document-table.ts';
import { isConditionFailure, itemsUnder, recordOf } from './dynamo-items.ts';
import { keys } from './table-keys.ts';
import { tableSchema } from './table-schema.ts';

/** Inbound outcomes nobody can be found for expire; they only explain a rejection for a while. */
const unfiledInboundDays = 90;

/** Check-ins under their subscriber, in time order. */
export class DynamoCheckIns implements CheckIns {
  constructor(private readonly table: DocumentTable) {}

  async add(checkIn: CheckIn): Promise<void> {
    await this.table.put({
      Item: {
        ...keys.checkIn(checkIn.subscriberId, checkIn.at, checkIn.id),
        type: 'checkin',
        ...checkIn,
      },
    });
  }

  async list(subscriberId: string, limit?: number): Promise<CheckIn[]> {
    const items = await itemsUnder(this.table, subscriberId, {
      prefix: keys.checkInPrefix,
      newestFirst: true,
      ...(limit === undefined ? {} : { limit }),
    });
    return items.map((item) => recordOf<CheckIn>(item));
  }
}

/** Inbound outcomes: under the subscriber when known, else in a per-day log that expires. */
export class DynamoInboundLog implements InboundLog {
  constructor(private readonly table: DocumentTable) {}

  async add(entry: InboundLogEntry): Promise<void> {
    const expires = entry.subscriberId
      ? {}
      : {
          [tableSchema.ttlAttribute]:
            Math.floor(Date.parse(entry.at) / 1000) + unfiledInboundDays * 86_400,
        };
    await this.table.put({
      Item: {
        ...keys.inbound(entry.subscriberId, entry.at, entry.id),
        type: 'inbound',
        ...entry,
        ...expires,
      },
    });
  }

  async list(subscriberId: string): Promise<InboundLogEntry[]> {
    const items = await itemsUnder(this.table, subscriberId, { prefix: keys.inboundPrefix });
    return items.map((item) => recordOf<InboundLogEntry>(item));
  }
}

/** At-most-once claims, expiring by the table's TTL. */
export class DynamoOnceClaims implements OnceClaims {
  constructor(private readonly table: DocumentTable) {}

  async claim(scope: string, id: string, expiresAt: Date): Promise<boolean> {
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

  async release(scope: string, id: string): Promise<void> {
    await this.table.delete({ Key: keys.once(scope, id) });
  }
}
