import { describe, expect, it } from 'vitest';
import {
  alarmMetrics,
  fixedCost,
  priceTemplate,
  scheduledPerMonth,
  synthesizedTemplate,
} from '../../bench/fixed-cost.ts';

/** Dollars by resource type, for the types that cost anything. */
const byType = (items: { type: string; usd: number }[]) => {
  const totals: Record<string, number> = {};
  for (const { type, usd } of items) if (usd > 0) totals[type] = (totals[type] ?? 0) + usd;
  return totals;
};

describe('the fixed monthly cost, priced from the synthesized template', () => {
  const defaults = fixedCost();

  it('stays under $1.00 a month at the default settings: alarms and the idle tick only', () => {
    expect(defaults.unpriced).toEqual([]);
    expect(defaults.total).toBeLessThanOrEqual(1);
    const totals = byType(defaults.items);
    expect(Object.keys(totals).sort()).toEqual(['AWS::CloudWatch::Alarm', 'AWS::Events::Rule']);
    // Eight alarms, one of them reading two metrics.
    expect(totals['AWS::CloudWatch::Alarm']).toBeCloseTo(0.9, 10);
    // The 5-minute tick while nothing is due: cents.
    expect(totals['AWS::Events::Rule']).toBeGreaterThan(0);
    expect(totals['AWS::Events::Rule']).toBeLessThan(0.05);
  });

  it('prices every resource of every configuration, and the dashboard at $3', () => {
    const withDashboard = fixedCost({ dashboard: true });
    expect(withDashboard.total - defaults.total).toBeCloseTo(3, 10);
    const everything = fixedCost({
      dashboard: true,
      alarmEmail: 'ops@example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      hostedZoneName: 'example.com',
    });
    expect(everything.unpriced).toEqual([]);
    // A topic, its subscription and DNS records cost nothing while idle.
    expect(everything.total).toBeCloseTo(withDashboard.total, 10);
    // A reply domain of its own: a second identity, also free.
    const replies = fixedCost({ replyDomain: 'replies.example.net' });
    expect(replies.unpriced).toEqual([]);
    expect(replies.total).toBeCloseTo(defaults.total, 10);
  });

  it('counts what CloudWatch bills an alarm for', () => {
    expect(alarmMetrics({ MetricName: 'Errors', Period: 300 })).toEqual({
      count: 1,
      highResolution: false,
    });
    expect(alarmMetrics({ MetricName: 'Errors', Period: 10 })).toEqual({
      count: 1,
      highResolution: true,
    });
    const stat = { MetricStat: { Period: 86400 } };
    expect(alarmMetrics({ Metrics: [{ Expression: 'a / b' }, stat, stat] }).count).toBe(2);
    expect(
      alarmMetrics({ Metrics: [{ Expression: 'ANOMALY_DETECTION_BAND(m, 2)' }, stat] }).count,
    ).toBe(3);
    expect(scheduledPerMonth('rate(5 minutes)')).toBe(8760);
    expect(scheduledPerMonth('rate(1 hour)')).toBe(730);
    expect(scheduledPerMonth('cron(0 9 * * ? *)')).toBeNull();
  });

  it('would price what the stack used to hold: two secrets, a dashboard, a composite alarm', () => {
    const template = synthesizedTemplate();
    template.Resources.OldSecret = { Type: 'AWS::SecretsManager::Secret' };
    template.Resources.OldDashboard = { Type: 'AWS::CloudWatch::Dashboard' };
    template.Resources.Composite = { Type: 'AWS::CloudWatch::CompositeAlarm' };
    template.Resources.Stranger = { Type: 'AWS::EC2::Instance' };
    const priced = priceTemplate(template);
    expect(priced.total - defaults.total).toBeCloseTo(0.4 + 3 + 0.5, 10);
    expect(priced.unpriced).toEqual(['Stranger (AWS::EC2::Instance)']);
  });
});
