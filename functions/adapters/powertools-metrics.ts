import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CourseEvent } from '../core/course-events.ts';
import { metricNames } from '../core/metric-names.ts';
import type { CourseEventSink } from '../ports/course-events.ts';

/**
 * The metrics an alarm or an operator acts on. They are rare (an unknown send,
 * a correction, a complaint), so publishing them costs cents: CloudWatch
 * bills a custom metric by the hours it is published in.
 */
const alarmMetrics = new Set<string>([
  metricNames.unknownSends,
  metricNames.unresolvedSends,
  metricNames.readerCorrections,
  metricNames.bounces,
  metricNames.complaints,
]);

/** One metric point: name, value and the one extra dimension some metrics carry. */
interface Point {
  name: string;
  value: number;
  dimension?: [string, string];
}

/** What kind of email an email id is, for the `Kind` dimension (lesson-2 -> lesson). */
function kindOf(emailId: string): string {
  const kind = emailId.replace(/-\d+$/, '');
  return ['lesson', 'nudge', 'follow-up', 'check-in'].includes(kind) ? kind : 'note';
}

/** The metric points one event stands for; most events are one count. */
export function metricPoints(event: CourseEvent): Point[] {
  switch (event.type) {
    case 'signed-up':
      return [{ name: metricNames.signups, value: 1 }];
    case 'confirmed':
      return [{ name: metricNames.confirmations, value: 1 }];
    case 'email-sent':
      return [
        { name: metricNames.emailsSent, value: 1, dimension: ['Kind', kindOf(event.emailId)] },
      ];
    case 'send-unknown':
      return [{ name: metricNames.unknownSends, value: 1 }];
    case 'send-unresolved':
      return [{ name: metricNames.unresolvedSends, value: 1 }];
    case 'reply':
      return [{ name: metricNames.replies, value: 1, dimension: ['Outcome', event.outcome] }];
    case 'command':
      return [{ name: metricNames.commands, value: 1, dimension: ['Command', event.command] }];
    case 'correction':
      return [{ name: metricNames.readerCorrections, value: 1 }];
    case 'left':
      return [
        {
          name:
            event.reason === 'unsubscribed'
              ? metricNames.unsubscribes
              : event.reason === 'complained'
                ? metricNames.complaints
                : metricNames.bounces,
          value: 1,
        },
      ];
    case 'met':
      return [{ name: metricNames.meetings, value: event.count }];
    case 'finished':
    case 'status':
      return [];
  }
}

/**
 * Course events as CloudWatch metrics in embedded metric format: one log line
 * per point, which CloudWatch turns into metrics without an API call (so the
 * functions need no PutMetricData permission and pay nothing per call).
 */
export class MetricsEventSink implements CourseEventSink {
  /**
   * `detailed` publishes every point (about 20 series); otherwise only the
   * alarm metrics, and the breakdowns stay in the daily counters (`coach stats`).
   */
  constructor(
    private readonly metrics: Metrics,
    private readonly detailed = false,
  ) {}

  async record(events: readonly CourseEvent[]): Promise<void> {
    const points = events.flatMap(metricPoints);
    for (const point of this.detailed ? points : points.filter((p) => alarmMetrics.has(p.name))) {
      const single = this.metrics.singleMetric();
      if (point.dimension) single.addDimension(...point.dimension);
      single.addMetric(point.name, MetricUnit.Count, point.value);
    }
  }
}
