import type { CourseEvent } from '../core/course-events.ts';
import type { CourseEventSink } from '../ports/course-events.ts';

/** Sends every event to each sink (metrics and counters, say); all are tried. */
export function fanOut(...sinks: CourseEventSink[]): CourseEventSink {
  return {
    async record(events) {
      const results = await Promise.allSettled(sinks.map((sink) => sink.record(events)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** Keeps events in memory, newest last: for tests and local inspection. */
export class MemoryEventSink implements CourseEventSink {
  readonly events: CourseEvent[] = [];
  async record(events: readonly CourseEvent[]): Promise<void> {
    this.events.push(...events);
  }
}
