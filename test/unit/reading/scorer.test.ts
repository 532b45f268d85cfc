import { describe, expect, it } from 'vitest';
import {
  type CorpusEntry,
  compareFacts,
  type ExpectedFacts,
  normalName,
  type ReadFacts,
  scoreReader,
} from '../../support/reader-score.ts';

const none: ExpectedFacts = {
  command: null,
  until: null,
  dates: [],
  why: null,
  offer: null,
  people: [],
  met: [],
  event: null,
};
const nothing: ReadFacts = { ...none, event: null };

const entry = (id: string, expect: Partial<ExpectedFacts>): CorpusEntry => ({
  id,
  kind: 'test',
  lesson: 2,
  sentAt: '2026-03-04T10:00:00Z',
  timezone: 'UTC',
  locale: 'en-GB',
  text: 'x',
  expect: { ...none, ...expect },
});

describe('the reader scorer', () => {
  it('compares names without case, titles or possessives', () => {
    expect(normalName('Dr. Patricia Gomez')).toBe('patricia gomez');
    expect(normalName('Herr Schneider')).toBe(normalName('Schneider'));
    expect(normalName("Tom's")).toBe('tom');
  });

  it('counts one fact per person, date, command, until, why, offer, event and event date', () => {
    const { byField, misses } = compareFacts(
      'a',
      { ...none, people: ['Sam', 'Priya'], met: ['Sam'], dates: [{ date: '2026-03-06' }] },
      { ...nothing, people: ['sam', 'Jordan'], met: [], dates: [{ date: '2026-03-06' }] },
    );
    expect(byField.people).toEqual({ correct: 1, reported: 2, expected: 2 });
    expect(byField.met).toEqual({ correct: 0, reported: 0, expected: 1 });
    expect(byField.dates).toEqual({ correct: 1, reported: 1, expected: 1 });
    expect(misses.map((m) => `${m.field} ${m.type} ${m.value}`)).toEqual([
      'people reported jordan',
      'people missed priya',
      'met missed sam',
    ]);
  });

  it('matches a why, an offer and an event name by their key phrase', () => {
    const { byField } = compareFacts(
      'b',
      { ...none, why: 'project management', event: { name: 'PyData', date: '2026-03-24' } },
      {
        ...nothing,
        why: 'I want to move into Project Management.',
        event: { name: 'the PyData London meetup', date: '2026-03-24' },
      },
    );
    expect(byField.why.correct).toBe(1);
    expect(byField.event.correct).toBe(1);
    expect(byField.event_date.correct).toBe(1);
  });

  it('tells false commands, false stops and pauses longer than asked', () => {
    const entries = [
      entry('joke', {}),
      entry('short-pause', { command: 'pause', until: '2026-03-10' }),
      entry('open-pause', { command: 'pause', until: '2026-03-10' }),
      entry('ok-pause', { command: 'pause', until: '2026-03-10' }),
    ];
    const reads: Record<string, ReadFacts> = {
      joke: { ...nothing, command: 'stop' },
      'short-pause': { ...nothing, command: 'pause', until: '2026-03-11' },
      'open-pause': { ...nothing, command: 'pause', until: null },
      'ok-pause': { ...nothing, command: 'pause', until: '2026-03-09' },
    };
    const score = scoreReader(entries, (e) => reads[e.id] ?? nothing);
    expect(score.falseCommands).toEqual(['joke']);
    expect(score.falseStops).toEqual(['joke']);
    expect(score.pauseOvershoots).toEqual(['short-pause', 'open-pause']);
    expect(score.byKind.test?.expected).toBe(6);
  });
});
