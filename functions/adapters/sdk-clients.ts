import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * Options every long-lived SDK client of ours is created with. `cacheMiddleware`
 * builds each command's middleware stack once per client instead of on every
 * call, which is about a fifth of a DynamoDB call's CPU; safe because nothing
 * of ours changes a client's middleware after creating it.
 */
export const sdkClientDefaults = { cacheMiddleware: true } as const;

/** A DynamoDB client with our defaults; endpoint, region and credentials as the SDK resolves them unless given. */
export function dynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ ...sdkClientDefaults, ...config });
}
