/** Raw inbound messages: S3 in AWS, a folder locally. */
export interface RawMailStore {
  /** The raw message, or null when it is missing; at most `maxBytes` are read. */
  get(key: string, maxBytes: number): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** A parsed inbound message: only what the coach reads. */
export interface InboundMail {
  messageIdHeader: string | null;
  from: string | null;
  subject: string;
  /** Header names lowercased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  contentType: string;
  text: string | null;
  html: string | null;
}

/** Parses raw MIME within limits; throws InvalidEventError with the reason for unreadable mail. */
export type MailParser = (raw: Buffer) => Promise<InboundMail>;
