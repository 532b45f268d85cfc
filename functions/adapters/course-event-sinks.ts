import type { CourseEvent } from '../core/course-events.ts';
import type { CourseEventSink } from '../ports/course-events.ts';

/** Sends every event to each sink (metrics and counters, say); all are tried. */
export function fanOut(...sinks: CourseEventSink[]): CourseEventSink {
  return {
    async record(events) {
      await settleAll(sinks.map((sink) => sink.record(events)));
    },
    async flush() {
      await settleAll(sinks.map((sink) => sink.flush?.()));
    },
  };
}

/** Waits for every promise, then throws the first failure, if any. */
async function settleAll(work: (Promise<unknown> | undefined)[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Holds events until `flush`, then hands them to `inner` in one batch: the
 * daily counters merge a batch into one atomic add per item, so counting a
 * tick's thousand emails costs a few writes instead of two thousand. Events
 * held when a process dies uncounted are lost: counting is best effort.
 */
export class BatchingSink implements CourseEventSink {
  private held: CourseEvent[] = [];

  constructor(private readonly inner: CourseEventSink) {}

  async record(events: readonly CourseEvent[]): Promise<void> {
    this.held.push(...events);
  }

  async flush(): Promise<void> {
    const batch = this.held;
    this.held = [];
    if (batch.length > 0) await this.inner.record(batch);
  }
}

/** Keeps events in memory, newest last: for tests and local inspection. */
export class MemoryEventSink implements CourseEventSink {
  readonly events: CourseEvent[] = [];
  async record(events: readonly CourseEvent[]): Promise<void> {
    this.events.push(...events);
  }
}
