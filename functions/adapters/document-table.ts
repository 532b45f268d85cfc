import {
  type AttributeValue,
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** The largest page a Query may ask for; a caller wanting more reads page by page. */
export const maxQueryLimit = 1_000;

/** An item, key or set of expression values as plain JavaScript values. */
export type Doc = Record<string, unknown>;

type Marshalled = Record<string, AttributeValue>;

// Optional fields of our records are left out, not stored as NULL.
const toAttributes = (doc: Doc): Marshalled => marshall(doc, { removeUndefinedValues: true });
const maybe = (doc: Doc | undefined) => (doc === undefined ? undefined : toAttributes(doc));

/** A request with its table named by the {@link DocumentTable}, and plain values in place of attribute values. */
type Plain<T, Fields extends keyof T> = Omit<T, 'TableName' | Fields> & {
  [K in Fields]?: Doc;
};

/**
 * The table calls the store makes, with items and values as plain JavaScript.
 * It marshals with `@aws-sdk/util-dynamodb` itself rather than going through
 * `@aws-sdk/lib-dynamodb`, whose document client rebuilds its middleware
 * stack on every call and refuses the client's `cacheMiddleware` option: this
 * way each DynamoDB call costs about a fifth less CPU (`npm run bench`).
 */
export class DocumentTable {
  constructor(
    private readonly client: DynamoDBClient,
    readonly name: string,
  ) {}

  /** GetItem; the item, or undefined when there is none. */
  async get(input: Plain<GetItemCommandInput, 'Key'> & { Key: Doc }): Promise<Doc | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ ...input, TableName: this.name, Key: toAttributes(input.Key) }),
    );
    return Item ? unmarshall(Item) : undefined;
  }

  /** The request for this table, with its expression values marshalled. */
  private request<T extends { ExpressionAttributeValues?: Doc }>(input: T) {
    return {
      ...input,
      TableName: this.name,
      ExpressionAttributeValues: maybe(input.ExpressionAttributeValues),
    };
  }

  /** PutItem. */
  async put(
    input: Plain<PutItemCommandInput, 'Item' | 'ExpressionAttributeValues'> & { Item: Doc },
  ): Promise<void> {
    await this.client.send(
      new PutItemCommand({ ...this.request(input), Item: toAttributes(input.Item) }),
    );
  }

  /** UpdateItem. */
  async update(
    input: Plain<UpdateItemCommandInput, 'Key' | 'ExpressionAttributeValues'> & { Key: Doc },
  ): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({ ...this.request(input), Key: toAttributes(input.Key) }),
    );
  }

  /** DeleteItem. */
  async delete(
    input: Plain<DeleteItemCommandInput, 'Key' | 'ExpressionAttributeValues'> & { Key: Doc },
  ): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ ...this.request(input), Key: toAttributes(input.Key) }),
    );
  }

  /** One page of a Query: its items and where the next page starts, if anywhere. */
  async query(
    input: Plain<QueryCommandInput, 'ExpressionAttributeValues' | 'ExclusiveStartKey'>,
  ): Promise<{ items: Doc[]; next: Doc | undefined }> {
    // DynamoDB refuses a Limit outside 1..1000 and an emulator may answer it with nothing:
    // fail loudly here instead of reading an empty page.
    if (
      input.Limit !== undefined &&
      !(Number.isInteger(input.Limit) && input.Limit >= 1 && input.Limit <= maxQueryLimit)
    ) {
      throw new RangeError(`query Limit must be 1 to 1000, not ${input.Limit}`);
    }
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        ...this.request(input),
        ExclusiveStartKey: maybe(input.ExclusiveStartKey),
      }),
    );
    return {
      items: Items.map((item) => unmarshall(item)),
      next: LastEvaluatedKey ? unmarshall(LastEvaluatedKey) : undefined,
    };
  }

  /** One BatchWriteItem of deletes; returns the keys DynamoDB left unprocessed. */
  async batchDelete(itemKeys: readonly Doc[]): Promise<Doc[]> {
    const { UnprocessedItems } = await this.client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [this.name]: itemKeys.map((key) => ({ DeleteRequest: { Key: toAttributes(key) } })),
        },
      }),
    );
    return (UnprocessedItems?.[this.name] ?? []).flatMap((request) =>
      request.DeleteRequest?.Key ? [unmarshall(request.DeleteRequest.Key)] : [],
    );
  }
}
