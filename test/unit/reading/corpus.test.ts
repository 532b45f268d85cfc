import { describe, expect, it } from 'vitest';
import { understandReply } from '../../../functions/core/reading/index.ts';
import {
  contextOf,
  languageOf,
  loadCorpus,
  precisionOf,
  recallOf,
  scoreReader,
} from '../../support/reader-score.ts';

const corpus = loadCorpus();
const commands = ['pause', 'resume', 'stop', 'faster', 'slower', 'skip', 'done', 'not-yet'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

describe('the labelled reply corpus', () => {
  it('has 320+ replies in 15+ kinds, 40+ in each of German, French, Spanish and Dutch', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(320);
    expect(new Set(corpus.map((e) => e.kind)).size).toBeGreaterThanOrEqual(15);
    for (const language of ['de', 'fr', 'es', 'nl']) {
      expect(
        corpus.filter((e) => languageOf(e) === language).length,
        language,
      ).toBeGreaterThanOrEqual(40);
    }
    expect(corpus.filter((e) => e.locale === 'en-GB').length).toBeGreaterThan(20);
    expect(corpus.filter((e) => e.locale === 'en-US').length).toBeGreaterThan(20);
  });

  it('is well formed: unique ids, real zones, dates and commands as the scorer expects', () => {
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
    for (const e of corpus) {
      expect(e.text.trim(), e.id).not.toBe('');
      expect([null, 1, 2, 3, 4], e.id).toContain(e.lesson);
      expect(Number.isNaN(new Date(e.sentAt).getTime()), e.id).toBe(false);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: e.timezone }), e.id).not.toThrow();
      expect(e.locale, e.id).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
      const x = e.expect;
      if (x.command !== null) expect(commands, e.id).toContain(x.command);
      if (x.until !== null) {
        expect(x.until, e.id).toMatch(isoDate);
        expect(x.command, e.id).toBe('pause');
      }
      for (const d of x.dates) expect(d.date, e.id).toMatch(isoDate);
      if (x.event?.date) expect(x.event.date, e.id).toMatch(isoDate);
      for (const name of x.met) expect(x.people, e.id).toContain(name);
    }
  });
});

describe('the reader on the corpus', () => {
  const score = scoreReader(corpus, (e) => understandReply(e.text, contextOf(e)));
  const misses = () =>
    score.misses
      .slice(0, 30)
      .map((m) => `${m.id} ${m.field} ${m.type} ${m.value}`)
      .join('\n');

  it('is right about what it reports (precision >= 0.95) and finds what is there (recall >= 0.90)', () => {
    expect(score.precision, misses()).toBeGreaterThanOrEqual(0.95);
    expect(score.recall, misses()).toBeGreaterThanOrEqual(0.9);
  });

  it('holds every language to the same floors', () => {
    for (const [language, tally] of Object.entries(score.byLanguage)) {
      expect(precisionOf(tally), language).toBeGreaterThanOrEqual(0.95);
      expect(recallOf(tally), language).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('never stops a course that did not ask to stop, and reads no command where none was meant', () => {
    expect(score.falseStops).toEqual([]);
    expect(score.falseCommands).toEqual([]);
  });

  it('never pauses longer than the person asked for', () => {
    expect(score.pauseOvershoots).toEqual([]);
  });
});
