import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
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

/** Properties of {@link CoachMonitoring}. */
export interface CoachMonitoringProps {
  /** Functions whose errors alarm, by display name. */
  readonly functions: Record<string, CoachFunction>;
  /** Dead-letter queues whose depth alarms, by display name. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
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

/**
 * Alarms and a small dashboard: each function's errors, each dead-letter
 * queue's depth, and SES's account reputation (bounce and complaint rates)
 * against its review thresholds. With `alarmEmail`, every alarm notifies an
 * SNS topic with that address subscribed.
 */
export class CoachMonitoring extends Construct {
  /** Every alarm, by id. */
  public readonly alarms: Record<string, cloudwatch.Alarm> = {};
  /** The alarm topic, when `alarmEmail` is set. */
  public readonly topic?: sns.Topic;
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;

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

    const sesCount = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const functions = Object.entries(props.functions);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
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
