import { describe, expect, it } from 'vitest';
import {
  computeStats,
  datesBetween,
  histogramMedian,
  inCourseDays,
} from '../../console/stats/compute.ts';
import { statsHtml } from '../../console/stats/html.ts';
import { statsText } from '../../console/stats/text.ts';
import type { CourseEvent } from '../../functions/core/course-events.ts';
import {
  type CounterSnapshot,
  counterUpdates,
  noCourse,
  sequenceEmails,
} from '../../functions/core/stats-counters.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';

const course = compiledCourses.relationships!;
const base = { courseId: 'relationships', cohort: '2026-W10' };
const at = (day: string, time = '10:00') => `${day}T${time}:00.000Z`;

describe('what each event adds to the counters', () => {
  it('groups a batch into one update per item touched, status changes netted', () => {
    const events: CourseEvent[] = [
      { ...base, at: at('2026-03-02'), type: 'confirmed' },
      { ...base, at: at('2026-03-02'), type: 'status', from: 'pending', to: 'active' },
      { ...base, at: at('2026-03-02', '11:00'), type: 'email-sent', emailId: 'lesson-1', step: 1 },
      { ...base, at: at('2026-03-03'), type: 'reply', outcome: 'check-in', step: 1 },
      { ...base, at: at('2026-03-03'), type: 'status', from: 'active', to: 'paused' },
      {
        at: at('2026-03-03'),
        courseId: null,
        cohort: null,
        type: 'reply',
        outcome: 'rejected',
        step: null,
      },
    ];
    expect(counterUpdates(events)).toEqual([
      {
        course: 'relationships',
        item: { kind: 'day', date: '2026-03-02' },
        add: { confirmed: 1, 'status|in-course': 1, 'status|pending': -1, 'sent|lesson-1': 1 },
      },
      {
        course: 'relationships',
        item: { kind: 'cohort', week: '2026-W10' },
        add: { confirmed: 1, 'sent|lesson-1': 1, 'reply|check-in': 1, 'replied|1': 1 },
      },
      {
        course: 'relationships',
        item: { kind: 'total' },
        add: { 'status|in-course': 1, 'status|pending': -1 },
      },
      {
        course: 'relationships',
        item: { kind: 'day', date: '2026-03-03' },
        add: { 'reply|check-in': 1, 'replied|1': 1 },
      },
      {
        course: noCourse,
        item: { kind: 'day', date: '2026-03-03' },
        add: { 'reply|rejected': 1 },
      },
    ]);
  });

  it('leaves emails outside the sequence to the metrics: they cost no counter write', () => {
    const counted = sequenceEmails(compiledCourses);
    const sends = ['lesson-2', 'ack-2', 'nudge-2', 'confirm', 'closing'].map(
      (emailId): CourseEvent => ({
        ...base,
        at: at('2026-03-09'),
        type: 'email-sent',
        emailId,
        step: 2,
      }),
    );
    expect(counterUpdates(sends, counted).map((u) => u.add)).toEqual([
      { 'sent|lesson-2': 1, 'sent|closing': 1 },
      { 'sent|lesson-2': 1, 'sent|closing': 1 },
    ]);
    expect(counterUpdates(sends.slice(1, 4), counted)).toEqual([]);
  });

  it('counts meetings, first meetings by days and the monthly target', () => {
    const [day] = counterUpdates([
      {
        ...base,
        at: at('2026-03-09'),
        type: 'met',
        count: 2,
        firstAfterDays: 7,
        reachedMonthlyTarget: true,
      },
      { ...base, at: at('2026-03-09'), type: 'left', reason: 'bounced', step: 2 },
    ]);
    expect(day?.add).toEqual({
      met: 2,
      firstMet: 1,
      'firstMetDays|7': 1,
      monthlyTarget: 1,
      'left|bounced|2': 1,
    });
  });
});

describe('stats math from counter items', () => {
  it('finds the median of a histogram', () => {
    expect(histogramMedian({})).toBeNull();
    expect(histogramMedian({ 3: 1 })).toBe(3);
    expect(histogramMedian({ 0: 1, 2: 1 })).toBe(1);
    expect(histogramMedian({ 1: 2, 5: 1, 9: 1 })).toBe(3);
    expect(histogramMedian({ 1: 3, 5: 1 })).toBe(1);
  });

  it('walks the in-course total back through each day to count subscriber-days', () => {
    const snapshot: CounterSnapshot = {
      days: [
        { date: '2026-03-01', counts: { 'status|in-course': 2 } },
        { date: '2026-03-03', counts: { 'status|in-course': 1 } },
        { date: '2026-03-04', counts: { 'status|in-course': -2 } },
      ],
      cohorts: [],
      total: { 'status|in-course': 1 },
    };
    // Ends of days: 03-01 2, 03-02 2, 03-03 3, 03-04 1, 03-05 1.
    const window = { since: '2026-03-01', until: '2026-03-05', today: '2026-03-05' };
    expect(inCourseDays(snapshot, window)).toBe(9);
    expect(inCourseDays(snapshot, { ...window, until: '2026-03-02' })).toBe(4);
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('computes the funnel, rates and cohorts of a window, and renders them', () => {
    const snapshot: CounterSnapshot = {
      days: [
        {
          date: '2026-03-02',
          counts: {
            signedUp: 10,
            confirmed: 8,
            'sent|lesson-1': 8,
            'replied|1': 6,
            'reply|check-in': 6,
            'status|in-course': 8,
            'status|pending': 2,
            'command|pause': 1,
            'correction|met': 2,
            'correction|plan-date': 1,
          },
        },
        {
          date: '2026-03-05',
          counts: {
            'sent|lesson-2': 7,
            'replied|2': 2,
            met: 3,
            firstMet: 2,
            'firstMetDays|3': 2,
            'left|unsubscribed|1': 1,
            'status|in-course': -1,
            'status|unsubscribed': 1,
          },
        },
        { date: '2026-03-20', counts: { signedUp: 5 } },
      ],
      cohorts: [{ week: '2026-W10', counts: { confirmed: 8, 'sent|lesson-1': 8, firstMet: 2 } }],
      total: { 'status|in-course': 7, 'status|pending': 2, 'status|unsubscribed': 1 },
    };
    const stats = computeStats(snapshot, course, {
      since: '2026-03-01',
      until: '2026-03-10',
      today: '2026-03-20',
    });
    const funnel = Object.fromEntries(stats.funnel.map((r) => [r.key, r.count]));
    expect(funnel).toMatchObject({ 'signed-up': 10, confirmed: 8, 'sent-1': 8, 'replied-1': 6 });
    expect(stats.funnel[1]?.share).toBe(0.8);
    expect(stats.replyRates.slice(0, 2)).toMatchObject([
      { step: 1, sent: 8, replied: 6, rate: 0.75 },
      { step: 2, sent: 7, replied: 2, rate: 2 / 7 },
    ]);
    expect(stats.meetings).toMatchObject({ logged: 3, firstMeetings: 2, medianDaysToFirst: 3 });
    // 8 people at the end of 03-02..03-04, 7 from 03-05 to 03-10.
    expect(stats.meetings.activeSubscriberMonths).toBeCloseTo((3 * 8 + 6 * 7) / 30.436875);
    expect(stats.leaving).toEqual({
      byReason: { unsubscribed: 1 },
      byStep: [{ reason: 'unsubscribed', step: 1, count: 1 }],
      graduated: 0,
    });
    expect(stats.reader.commands).toEqual({ pause: 1 });
    expect(stats.reader.corrections).toEqual({ met: 2, 'plan-date': 1 });
    expect(stats.now).toMatchObject({ 'in-course': 7, pending: 2, unsubscribed: 1 });
    expect(stats.cohorts[0]).toMatchObject({
      week: '2026-W10',
      confirmed: 8,
      lessonsSent: [8, 0, 0, 0],
    });

    const text = statsText(stats);
    expect(text).toMatch(/replied to lesson 1\s+6\s+75%/);
    expect(text).toContain('commands: pause 1');
    // What subscribers corrected on their manage page: the figure, then by field.
    expect(text).toMatch(/reader corrections\s+3/);
    expect(text).toContain('corrections: met 2, plan-date 1');
    const html = statsHtml(
      { ...stats, generatedAt: '2026-03-20T00:00:00Z', courses: [stats] },
      {
        rejected: 0,
      },
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('aria-label="Funnel"');
    expect(html).toMatch(/reader corrections<\/t[hd]><td[^>]*>3</);
    expect(html).toContain('>75%</text>');
  });
});
