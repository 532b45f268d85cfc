/**
 * The single table's physical shape, shared by the CDK stack and the local
 * stack's create-table so both always agree.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Sparse index: only items with a `duePk` attribute (something due) appear. */
  dueIndex: { name: 'due', partitionKey: 'duePk', sortKey: 'dueSk' },
  /** Epoch-seconds attribute DynamoDB TTL deletes expired records by. */
  ttlAttribute: 'expiresAt',
} as const;
