import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchingSink, fanOut } from '../../functions/adapters/course-event-sinks.ts';
import {
  hashedSubscriber,
  logFields,
  PowertoolsLog,
  withInvocationLog,
} from '../../functions/adapters/powertools-log.ts';
import { MetricsEventSink, metricPoints } from '../../functions/adapters/powertools-metrics.ts';
import type { CourseEvent } from '../../functions/core/course-events.ts';
import { metricNames, metricNamespace, metricService } from '../../functions/core/metric-names.ts';

/** Every line written to stdout while `work` runs. */
async function stdoutOf(work: () => Promise<unknown> | unknown): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

const base = { at: '2026-03-02T10:00:00.000Z', courseId: 'relationships', cohort: '2026-W10' };

describe('log lines', () => {
  it('hash the subscriber, hide addresses and leave out a person’s words', () => {
    const fields = logFields({
      subscriberId: 'abcdefghijklmnop',
      reason: 'MessageRejected: Email address is not verified: ann@example.com',
      text: 'my reply',
      email: 'ann@example.com',
      outcome: 'check-in',
    });

    expect(fields).toEqual({
      subscriber: hashedSubscriber('abcdefghijklmnop'),
      reason: 'MessageRejected: Email address is not verified: [address]',
      outcome: 'check-in',
    });
    expect(hashedSubscriber('abcdefghijklmnop')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('carry the request and message ids of their invocation, and only of it', async () => {
    const log = new PowertoolsLog();
    const handler = withInvocationLog(
      log,
      () => ({ messageId: 'ses-1' }),
      async () => log.info('inbound message', { subscriberId: 'abcdefghijklmnop' }),
    );

    const lines = await stdoutOf(async () => {
      await handler({}, { awsRequestId: 'req-1' });
      log.info('between invocations');
    });

    const [inside, outside] = lines.map((l) => JSON.parse(l));
    expect(inside).toMatchObject({
      level: 'INFO',
      message: 'inbound message',
      service: metricService,
      requestId: 'req-1',
      messageId: 'ses-1',
      subscriber: hashedSubscriber('abcdefghijklmnop'),
    });
    expect(inside.subscriberId).toBeUndefined();
    expect(outside.requestId).toBeUndefined();
    expect(outside.messageId).toBeUndefined();
  });
});

describe('metrics', () => {
  it('name each event as the alarms and dashboards expect', () => {
    const points = (
      [
        { ...base, type: 'email-sent', emailId: 'lesson-2', step: 2 },
        { ...base, type: 'send-unknown', emailId: 'lesson-2' },
        { ...base, type: 'reply', outcome: 'auto-reply', step: null },
        { ...base, type: 'left', reason: 'complained', step: 3 },
        { ...base, type: 'met', count: 2, firstAfterDays: 9, reachedMonthlyTarget: true },
      ] as CourseEvent[]
    ).flatMap(metricPoints);

    expect(points).toEqual([
      { name: metricNames.emailsSent, value: 1, dimension: ['Kind', 'lesson'] },
      { name: metricNames.unknownSends, value: 1 },
      { name: metricNames.replies, value: 1, dimension: ['Outcome', 'auto-reply'] },
      { name: metricNames.complaints, value: 1 },
      { name: metricNames.meetings, value: 2 },
    ]);
  });

  it('go out as embedded metric format lines in the coach’s namespace', async () => {
    const sink = new MetricsEventSink(
      new Metrics({ namespace: metricNamespace, serviceName: metricService }),
    );

    const lines = await stdoutOf(() =>
      sink.record([{ ...base, type: 'send-unknown', emailId: 'lesson-1' }]),
    );

    const emf = JSON.parse(lines.at(-1)!);
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'DripCoach',
      Dimensions: [['service']],
      Metrics: [{ Name: 'UnknownSends', Unit: 'Count' }],
    });
    expect(emf).toMatchObject({ service: 'drip-coach', UnknownSends: 1 });
  });
});

describe('which metrics are published', () => {
  it('publishes only what an alarm watches, unless told to publish the breakdowns too', async () => {
    const metrics = () => new Metrics({ namespace: metricNamespace, serviceName: metricService });
    const events: CourseEvent[] = [
      { ...base, type: 'email-sent', emailId: 'lesson-1', step: 1 },
      { ...base, type: 'left', reason: 'bounced', step: 1 },
    ];

    const lean = await stdoutOf(() => new MetricsEventSink(metrics()).record(events));
    const detailed = await stdoutOf(() => new MetricsEventSink(metrics(), true).record(events));

    const names = (lines: string[]) =>
      lines.map((l) => JSON.parse(l)._aws.CloudWatchMetrics[0].Metrics[0].Name);
    expect(names(lean)).toEqual(['Bounces']);
    expect(names(detailed)).toEqual(['EmailsSent', 'Bounces']);
  });
});

describe('batched counting', () => {
  it('holds events until the invocation flushes, then hands them over in one batch', async () => {
    const batches: CourseEvent[][] = [];
    const sink = new BatchingSink({ record: async (events) => void batches.push([...events]) });
    const sent = { ...base, type: 'email-sent', emailId: 'lesson-1', step: 1 } as const;

    await sink.record([sent]);
    await sink.record([sent, sent]);
    const before = batches.length;
    await sink.flush();
    await sink.flush();

    expect(before).toBe(0);
    expect(batches).toEqual([[sent, sent, sent]]);
  });

  it('fans out to every sink and flushes each, even when one fails', async () => {
    const kept: CourseEvent[] = [];
    const held = new BatchingSink({ record: async (events) => void kept.push(...events) });
    const broken = { record: async () => Promise.reject(new Error('metrics down')) };
    const both = fanOut(broken, held);
    const event = { ...base, type: 'confirmed' } as const;

    await expect(both.record([event])).rejects.toThrow('metrics down');
    await both.flush?.();

    expect(kept).toEqual([event]);
  });
});
