/**
 * Stands in for `mnemonist/lru-cache` inside Lambda bundles only (see
 * `infra/bundling/bundler.ts`). Its one user there, the DynamoDB client's
 * endpoint-discovery cache (`@aws-sdk/endpoint-cache`), creates one with every
 * client and calls `get`, `set`, `has`, `peek` and `clear` with string keys;
 * mnemonist's typed-array implementation and its iterator helpers cost every
 * bundle ~7 KB for that. A Map keeps insertion order, which is all an LRU
 * needs: the first key is the least recently used.
 */
// biome-ignore lint/style/noDefaultExport: the SDK imports mnemonist's default export.
export default class LRUCache<V> {
  private readonly items = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (typeof capacity !== 'number' || capacity <= 0) {
      throw new Error('mnemonist/lru-cache: capacity should be positive number.');
    }
  }

  get size(): number {
    return this.items.size;
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** The value, without making it the most recently used. */
  peek(key: string): V | undefined {
    return this.items.get(key);
  }

  /** The value, which becomes the most recently used. */
  get(key: string): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  /** Stores the value as the most recently used, evicting the least recently used when full. */
  set(key: string, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
