import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { sendRecordGraceMs } from '../functions/app/deliver.ts';
import { metricNames, metricNamespace, metricService } from '../functions/core/metric-names.ts';
import type { CoachFunction } from './coach-function.ts';

/**
 * SES's review thresholds: at these account-wide rates SES places the account
 * under review, and about twice them it may pause sending. The alarms fire at
 * the review line, while there is still time to act.
 */
export const sesReviewThresholds = {
  /** Reputation.BounceRate above 5%. */
  bounceRate: 0.05,
  /** Reputation.ComplaintRate above 0.1%. */
  complaintRate: 0.001,
} as const;

/**
 * When the reply reader has gone wrong: over a day with at least
 * `minReplies` replies received, subscribers made corrections numbering more
 * than `percent` of them. A ratio rather than a count, so the line holds at
 * 100 subscribers and at 100,000; the floor keeps a quiet day's one
 * correction from paging anyone. Replies are counted as the inbound
 * function's invocations (one per message SES received; retries are rare),
 * a metric Lambda publishes for free, so the alarm needs no custom metric
 * besides the corrections themselves.
 */
export const readerCorrectionsJump = { percent: 10, minReplies: 20 } as const;

/**
 * For how long unknown sends must keep being found unresolved before the
 * alarm fires: longer than one unknown send can normally stay so. A tick
 * finds it unresolved until SES's record settles it or the grace period
 * (`sendRecordGraceMs`) ends and it is sent again; with ticks every `rate`
 * that each run up to `timeout`, that is at most ceil((grace + timeout) /
 * rate) ticks in a row. One period more means something is stuck.
 */
export function unresolvedSendsPeriods(tick: { rate: Duration; timeout: Duration }): number {
  const graceSeconds = sendRecordGraceMs / 1000;
  return Math.ceil((graceSeconds + tick.timeout.toSeconds()) / tick.rate.toSeconds()) + 1;
}

/** Properties of {@link CoachMonitoring}. */
export interface CoachMonitoringProps {
  /**
   * The functions, by display name. One with a dead-letter queue (invoked
   * asynchronously, retried by Lambda) alarms on that queue's depth: what it
   * finally gave up on. One without (invoked synchronously) alarms on its
   * errors, which a person saw as an error page.
   */
  readonly functions: Record<string, CoachFunction>;
  /** Dead-letter queues whose depth alarms, by the display name of their function. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** The tick's schedule and time budget, for the unresolved-sends alarm's window. */
  readonly tick: { rate: Duration; timeout: Duration };
  /** The function SES invokes once per reply: its invocations count replies received. */
  readonly replies: CoachFunction;
  /**
   * Whether to create the dashboard ($3 a month beyond an account's first 3).
   * @default false
   */
  readonly dashboard?: boolean;
  /**
   * Subscribed to the alarm topic; SNS mails a confirmation link first.
   * @default - no topic: alarms show in CloudWatch only
   */
  readonly alarmEmail?: string;
  /**
   * Extra dashboard widgets (the web API's requests, say).
   * @default - none
   */
  readonly extraWidgets?: cloudwatch.IWidget[];
}

/** One of the coach's own metrics (embedded metric format, `functions/core/metric-names.ts`). */
function coachMetric(
  metricName: string,
  period: Duration,
  extraDimensions: Record<string, string> = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: metricNamespace,
    metricName,
    // Exactly the dimensions the functions publish with, or the alarm sees nothing.
    dimensionsMap: { service: metricService, ...extraDimensions },
    statistic: 'Sum',
    period,
  });
}

/**
 * The alarms someone would act on, and an optional dashboard. Alarms: a
 * synchronously invoked function's errors (web); each dead-letter queue's
 * depth (what tick, inbound and ses-events gave up on after their retries);
 * SES's account reputation (bounce and complaint rates) against its review
 * thresholds; unknown sends that stay unresolved; a jump in reader
 * corrections. With `alarmEmail`, every alarm notifies an SNS topic with that
 * address subscribed.
 */
export class CoachMonitoring extends Construct {
  /** Every alarm, by id. */
  public readonly alarms: Record<string, cloudwatch.Alarm> = {};
  /** The alarm topic, when `alarmEmail` is set. */
  public readonly topic?: sns.Topic;
  /** The dashboard, when `dashboard` is set. */
  public readonly dashboard?: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: CoachMonitoringProps) {
    super(scope, id);

    if (props.alarmEmail) {
      // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS managed
      // SNS key, and alarm messages carry metric values, no subscriber data.
      this.topic = new sns.Topic(this, 'AlarmTopic', {
        displayName: 'drip-coach alarms',
        enforceSSL: true,
      });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const action = this.topic ? new cwActions.SnsAction(this.topic) : undefined;
    const alarm = (alarmId: string, alarmProps: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, alarmProps);
      if (action) {
        created.addAlarmAction(action);
        created.addOkAction(action);
      }
      this.alarms[alarmId] = created;
      return created;
    };

    const fiveMinutes = Duration.minutes(5);
    for (const [name, fn] of Object.entries(props.functions)) {
      // An asynchronous function's failed tries are retried; what finally fails
      // is in its dead-letter queue, whose alarm below is the one to act on.
      if (name in props.deadLetterQueues) continue;
      alarm(`${name}Errors`, {
        alarmDescription: `drip-coach: the ${name} function failed (a thrown error or a timeout)`,
        metric: fn.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(`${name}DeadLetters`, {
        alarmDescription: `drip-coach: events the ${name} function gave up on are waiting in its dead-letter queue`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // Account-level: SES reviews the account, whichever configuration set sent.
    // The metrics only exist after the first bounce or complaint, hence NOT_BREACHING.
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: 'Average',
        period: Duration.hours(1),
      });
    const bounceRate = reputation('Reputation.BounceRate');
    const complaintRate = reputation('Reputation.ComplaintRate');
    alarm('BounceRate', {
      alarmDescription: `drip-coach: SES bounce rate above ${sesReviewThresholds.bounceRate * 100}% (SES review threshold)`,
      metric: bounceRate,
      threshold: sesReviewThresholds.bounceRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('ComplaintRate', {
      alarmDescription: `drip-coach: SES complaint rate above ${sesReviewThresholds.complaintRate * 100}% (SES review threshold)`,
      metric: complaintRate,
      threshold: sesReviewThresholds.complaintRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Unknown sends settle from SES's record of sends within the grace period,
    // or go out again after it; found unresolved for longer, something is stuck
    // (SES's Send events not arriving, or SES not answering at all).
    const periods = unresolvedSendsPeriods(props.tick);
    const unresolvedSends = coachMetric(metricNames.unresolvedSends, props.tick.rate);
    alarm('UnresolvedSends', {
      alarmDescription: `drip-coach: unknown sends found unresolved by every tick for ${periods * props.tick.rate.toMinutes()} minutes, longer than SES's record should take to settle them: check the ses-events function and the configuration set's Send events`,
      metric: unresolvedSends,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const day = Duration.days(1);
    const corrections = coachMetric(metricNames.readerCorrections, day);
    const replies = props.replies.function.metricInvocations({ period: day, statistic: 'Sum' });
    const { percent, minReplies } = readerCorrectionsJump;
    alarm('ReaderCorrections', {
      alarmDescription: `drip-coach: subscribers made corrections numbering more than ${percent}% of a day's replies (at least ${minReplies}): the reply reader may be misreading a new kind of message`,
      metric: new cloudwatch.MathExpression({
        expression: `IF(FILL(replies, 0) >= ${minReplies}, 100 * FILL(corrections, 0) / FILL(replies, 0), 0)`,
        usingMetrics: { corrections, replies },
        period: day,
        label: 'reader corrections per 100 replies',
      }),
      threshold: percent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    if (props.dashboard) {
      this.dashboard = this.createDashboard(props, { bounceRate, complaintRate, fiveMinutes });
    }
  }

  private createDashboard(
    props: CoachMonitoringProps,
    shared: {
      bounceRate: cloudwatch.Metric;
      complaintRate: cloudwatch.Metric;
      fiveMinutes: Duration;
    },
  ): cloudwatch.Dashboard {
    const { bounceRate, complaintRate, fiveMinutes } = shared;
    const sesCount = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const hour = Duration.hours(1);
    const functions = Object.entries(props.functions);
    return new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Invocations',
            left: functions.map(([name, fn]) =>
              fn.function.metricInvocations({ label: name, period: fiveMinutes }),
            ),
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Errors',
            left: functions.map(([name, fn]) =>
              fn.function.metricErrors({ label: name, period: fiveMinutes }),
            ),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Mail (SES, account)',
            left: ['Send', 'Delivery', 'Bounce', 'Complaint'].map(sesCount),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Reputation vs review thresholds',
            left: [bounceRate.with({ label: 'bounce rate' })],
            right: [complaintRate.with({ label: 'complaint rate' })],
            leftAnnotations: [{ value: sesReviewThresholds.bounceRate, label: 'bounce review' }],
            rightAnnotations: [
              { value: sesReviewThresholds.complaintRate, label: 'complaint review' },
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead letters',
            left: Object.entries(props.deadLetterQueues).map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({ label: name, period: fiveMinutes }),
            ),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Sends and replies (coach metrics)',
            left: [
              coachMetric(metricNames.unknownSends, hour).with({ label: 'unknown sends' }),
              coachMetric(metricNames.unresolvedSends, hour).with({ label: 'found unresolved' }),
              coachMetric(metricNames.readerCorrections, hour).with({
                label: 'reader corrections',
              }),
            ],
            right: [
              props.replies.function.metricInvocations({
                label: 'replies received',
                period: hour,
                statistic: 'Sum',
              }),
            ],
            width: 24,
          }),
        ],
        ...(props.extraWidgets?.length ? [props.extraWidgets] : []),
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Alarms',
            alarms: Object.values(this.alarms),
            width: 24,
          }),
        ],
      ],
    });
  }
}
