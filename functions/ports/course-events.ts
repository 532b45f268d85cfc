import type { CourseEvent } from '../core/course-events.ts';

/**
 * Where course events go: metrics in AWS, daily counters for `coach stats`,
 * or several at once. Counting is best effort: a use case that recorded its
 * change never fails because an event could not be counted.
 */
export interface CourseEventSink {
  record(events: readonly CourseEvent[]): Promise<void>;
  /**
   * Writes what a batching sink has held back; the handlers call it once per
   * invocation (after the work, before answering), so a tick that sends a
   * thousand emails adds to each counter once.
   */
  flush?(): Promise<void>;
}
