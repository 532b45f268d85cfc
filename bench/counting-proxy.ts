import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Read and write request units one operation consumed, as DynamoDB reports them. */
export interface UnitCounts {
  requests: number;
  readUnits: number;
  writeUnits: number;
  /** Items returned (GetItem hits, Query/Scan `Count`): the fallback measure when units are absent. */
  itemsRead: number;
}

/** Everything one proxy saw since its last reset. */
export interface ServiceCounts {
  /** By operation, e.g. `GetItem`, `Query:due` (a Query on the `due` index), `SendEmail`. */
  operations: Record<string, UnitCounts>;
  /**
   * Write units DynamoDB would charge for keeping the sparse `due` index up to
   * date, which dynalite does not report: 1 per index entry written or removed.
   */
  indexWriteUnits: number;
  /** Request body bytes (the size of what was sent, e.g. SES message size). */
  requestBytes: number;
  /** Requests whose response carried no ConsumedCapacity (then a minimum of 1 unit is counted for writes). */
  unitsMissing: number;
}

/** A running counting proxy. */
export interface CountingProxy {
  endpoint: string;
  counts(): ServiceCounts;
  reset(): void;
  stop(): Promise<void>;
}

/** Which AWS API a proxy fronts, which decides how operations are named. */
export type ProxiedService = 'dynamodb' | 'sesv2';

const capacityOperations = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
]);
const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

function emptyCounts(): ServiceCounts {
  return { operations: {}, indexWriteUnits: 0, requestBytes: 0, unitsMissing: 0 };
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function sesOperation(method: string, url: string): string | null {
  const path = url.split('?')[0] ?? '';
  if (!path.startsWith('/v2/email/')) return null; // the emulator's own pages (/store) are not AWS calls
  if (method === 'POST' && path === '/v2/email/outbound-emails') return 'SendEmail';
  if (method === 'POST' && path === '/v2/email/outbound-bulk-emails') return 'SendBulkEmail';
  if (method === 'GET' && path === '/v2/email/account') return 'GetAccount';
  return `${method} ${path}`;
}

type Json = Record<string, unknown>;

function capacityOf(response: Json): number | null {
  const consumed = response.ConsumedCapacity;
  if (Array.isArray(consumed)) {
    return consumed.reduce(
      (sum: number, c: { CapacityUnits?: number }) => sum + (c.CapacityUnits ?? 0),
      0,
    );
  }
  if (consumed && typeof consumed === 'object') {
    return (consumed as { CapacityUnits?: number }).CapacityUnits ?? null;
  }
  return null;
}

function attributeString(item: unknown, name: string): string | null {
  const value = (item as Record<string, { S?: string }> | undefined)?.[name];
  return typeof value?.S === 'string' ? value.S : null;
}

/**
 * Starts an HTTP proxy in front of `target` that counts AWS requests by
 * operation. For DynamoDB it asks for `ReturnConsumedCapacity: TOTAL` on every
 * data operation (dynalite honours it), so read and write request units are
 * dynalite's own figures; responses are passed through unchanged (their CRC32
 * is checked by the SDK). Request signatures are not re-computed: the
 * emulators do not verify them.
 */
export async function startCountingProxy(
  service: ProxiedService,
  target: string,
): Promise<CountingProxy> {
  const targetUrl = new URL(target);
  let counts = emptyCounts();
  // Last known due-index key per item, to price index maintenance as DynamoDB would.
  const dueKeys = new Map<string, string | null>();

  const tally = (operation: string): UnitCounts => {
    counts.operations[operation] ??= { requests: 0, readUnits: 0, writeUnits: 0, itemsRead: 0 };
    return counts.operations[operation];
  };

  const server: Server = createServer(async (req, res) => {
    try {
      let body = await readBody(req);
      const headers = { ...req.headers };
      let operation: string | null = null;
      let parsedRequest: Json | null = null;
      if (service === 'dynamodb') {
        const target = String(req.headers['x-amz-target'] ?? '');
        const name = target.slice(target.indexOf('.') + 1) || 'unknown';
        operation = name;
        if (capacityOperations.has(name)) {
          parsedRequest = JSON.parse(body.toString('utf8')) as Json;
          if (name === 'Query' && typeof parsedRequest.IndexName === 'string') {
            operation = `Query:${parsedRequest.IndexName}`;
          }
          if (!parsedRequest.ReturnConsumedCapacity) {
            parsedRequest.ReturnConsumedCapacity = 'TOTAL';
            body = Buffer.from(JSON.stringify(parsedRequest));
            headers['content-length'] = String(body.length);
          }
        }
      } else {
        operation = sesOperation(req.method ?? 'GET', req.url ?? '/');
      }
      if (operation) counts.requestBytes += body.length;

      const upstream = httpRequest(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...headers, host: targetUrl.host },
        },
        async (upstreamRes) => {
          const responseBody = await readBody(upstreamRes);
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(responseBody);
          if (!operation) return;
          const counted = tally(operation);
          counted.requests += 1;
          if (service !== 'dynamodb' || !parsedRequest) return;
          const baseName = operation.split(':')[0] ?? operation;
          const isWrite = writeOperations.has(baseName);
          let response: Json = {};
          try {
            response = JSON.parse(responseBody.toString('utf8')) as Json;
          } catch {
            // not JSON: leave units at their minimum below
          }
          const units = capacityOf(response);
          if (units === null) {
            counts.unitsMissing += 1;
            // DynamoDB charges a failed conditional write like a write: at least one unit.
            if (isWrite) counted.writeUnits += 1;
            else counted.readUnits += 0.5;
          } else if (isWrite) {
            counted.writeUnits += units;
          } else {
            counted.readUnits += units;
          }
          if (baseName === 'GetItem' && response.Item) counted.itemsRead += 1;
          if (typeof response.Count === 'number') counted.itemsRead += response.Count;
          const ok = (upstreamRes.statusCode ?? 500) < 300;
          if (ok && baseName === 'PutItem') {
            const item = parsedRequest.Item;
            const key = `${attributeString(item, 'pk')}\u0000${attributeString(item, 'sk')}`;
            const before = dueKeys.get(key) ?? null;
            const after = attributeString(item, 'dueSk');
            if (before !== after) counts.indexWriteUnits += (before ? 1 : 0) + (after ? 1 : 0);
            dueKeys.set(key, after);
          } else if (ok && baseName === 'DeleteItem') {
            const k = parsedRequest.Key;
            const key = `${attributeString(k, 'pk')}\u0000${attributeString(k, 'sk')}`;
            if (dueKeys.get(key)) counts.indexWriteUnits += 1;
            dueKeys.delete(key);
          }
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      upstream.end(body);
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => structuredClone(counts),
    reset: () => {
      counts = emptyCounts();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sums read and write units over every operation. */
export function totalUnits(counts: ServiceCounts): UnitCounts {
  const total: UnitCounts = { requests: 0, readUnits: 0, writeUnits: 0, itemsRead: 0 };
  for (const op of Object.values(counts.operations)) {
    total.requests += op.requests;
    total.readUnits += op.readUnits;
    total.writeUnits += op.writeUnits;
    total.itemsRead += op.itemsRead;
  }
  return total;
}

/** Counts accumulated between two snapshots (`later` minus `earlier`). */
export function diffCounts(later: ServiceCounts, earlier: ServiceCounts): ServiceCounts {
  const out = emptyCounts();
  out.indexWriteUnits = later.indexWriteUnits - earlier.indexWriteUnits;
  out.requestBytes = later.requestBytes - earlier.requestBytes;
  out.unitsMissing = later.unitsMissing - earlier.unitsMissing;
  for (const [name, op] of Object.entries(later.operations)) {
    const before = earlier.operations[name];
    const d: UnitCounts = {
      requests: op.requests - (before?.requests ?? 0),
      readUnits: op.readUnits - (before?.readUnits ?? 0),
      writeUnits: op.writeUnits - (before?.writeUnits ?? 0),
      itemsRead: op.itemsRead - (before?.itemsRead ?? 0),
    };
    if (d.requests !== 0) out.operations[name] = d;
  }
  return out;
}
