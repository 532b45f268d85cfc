import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Stores } from '../ports/stores.ts';
import { DocumentTable } from './document-table.ts';
import { DynamoCheckIns, DynamoInboundLog, DynamoOnceClaims } from './dynamo-logs.ts';
import { DynamoSendLedger } from './dynamo-send-ledger.ts';
import { DynamoDueIndex, DynamoSubscribers, DynamoSuppressions } from './dynamo-subscribers.ts';

/** Settings of the DynamoDB stores. */
export interface DynamoStoreOptions {
  tableName: string;
  /** How many partitions the due index is spread over; the tick reads them all. */
  dueShards: number;
  /** The locale a profile stored before locales existed reads as (`DEFAULT_LOCALE`). */
  defaultLocale?: string;
}

/** Every store on one DynamoDB table (single-table design: see table-keys.ts). */
export function dynamoStores(client: DynamoDBClient, options: DynamoStoreOptions): Stores {
  const table = new DocumentTable(client, options.tableName);
  return {
    subscribers: new DynamoSubscribers(table, options.dueShards, options.defaultLocale),
    due: new DynamoDueIndex(table, options.dueShards),
    ledger: new DynamoSendLedger(table),
    checkIns: new DynamoCheckIns(table),
    inbound: new DynamoInboundLog(table),
    once: new DynamoOnceClaims(table),
    suppressions: new DynamoSuppressions(table),
  };
}
