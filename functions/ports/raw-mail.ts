/** Raw inbound messages: S3 in AWS, a folder locally. */
export interface RawMailStore {
  /** The raw message, or null when it is missing; at most `maxBytes` are read. */
  get(key: string, maxBytes: number): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}
