/** Fresh randomness for ids and nonces, kept out of the core. */
export interface IdSource {
  subscriberId(): string;
  nonce(): string;
}

/** The current time; the local stack's dev clock can move it. */
export interface Clock {
  now(): Date;
}

/**
 * Real elapsed time, for pacing sends to the mail service's rate. Separate from
 * the Clock, which may be a dev clock that stands still between ticks.
 */
export interface Timer {
  /** Milliseconds since an arbitrary fixed point; never goes back. */
  elapsedMs(): number;
  sleep(ms: number): Promise<void>;
}

/** A structured log sink. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
