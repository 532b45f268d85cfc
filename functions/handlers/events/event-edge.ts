import { InvalidEventError } from '../../core/errors.ts';
import type { Logger } from '../../ports/runtime.ts';

/**
 * What an event handler reports for one invocation. Lambda drops it for
 * asynchronous invocations; tests and the local stack read it.
 */
export type EventEdgeResult<R> =
  | { status: 'handled'; results: R[] }
  | { status: 'invalid'; reason: string };

/** How one kind of AWS event is read and acted on. */
export interface EventEdge<P, R> {
  /** Names the event in the warning: `malformed <source> event dropped`. */
  source: string;
  /** Reads the event; throws {@link InvalidEventError} for one its source would never send. */
  parse: (event: unknown) => P;
  /** Acts on what was read; whatever it throws reaches Lambda. */
  handle: (parsed: P) => Promise<R[]>;
}

/**
 * The one policy of the asynchronous event edges. A malformed event is logged
 * once (the reason only, never message content) and dropped, since a retry
 * would fail the same way and only fill the dead-letter queue. Any other
 * error is rethrown, so Lambda retries the invocation and then dead-letters
 * it instead of losing it.
 */
export async function handleAtEdge<P, R>(
  edge: EventEdge<P, R>,
  log: Pick<Logger, 'warn'>,
  event: unknown,
): Promise<EventEdgeResult<R>> {
  let parsed: P;
  try {
    parsed = edge.parse(event);
  } catch (error) {
    if (!(error instanceof InvalidEventError)) throw error;
    log.warn(`malformed ${edge.source} event dropped`, { reason: error.reason });
    return { status: 'invalid', reason: error.reason };
  }
  return { status: 'handled', results: await edge.handle(parsed) };
}
