import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { understandReply } from '../../../functions/core/reading/index.ts';

/** Replies labelled by how they feel and what they ask, in five languages. */
interface Labelled {
  locale: string;
  text: string;
  discouraged: boolean;
  question: boolean;
  news: boolean;
}

const fixture = new URL('../../fixtures/replies/tone.jsonl', import.meta.url);
const replies: Labelled[] = readFileSync(fixture, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Labelled);

const read = (r: Labelled) =>
  understandReply(r.text, {
    step: 2,
    now: new Date('2026-03-04T10:00:00Z'),
    timezone: 'Europe/London',
    locale: r.locale,
  });

describe('reading how a reply feels and what it asks', () => {
  it('covers all five languages with each kind', () => {
    for (const lang of ['en', 'de', 'fr', 'es', 'nl']) {
      const mine = replies.filter((r) => r.locale.startsWith(lang));
      for (const kind of ['discouraged', 'question', 'news'] as const) {
        expect(
          mine.some((r) => r[kind]),
          `${lang} ${kind}`,
        ).toBe(true);
      }
    }
  });

  it.each(['discouraged', 'question', 'news'] as const)(
    'finds %s replies, and only those',
    (kind) => {
      const misses: string[] = [];
      for (const r of replies) {
        const u = read(r);
        const found = kind === 'question' ? u.question != null : u[kind] === true;
        if (found !== r[kind]) misses.push(`${found ? 'wrongly' : 'missed'}: ${r.text}`);
      }
      // Every miss is listed, so a regression names the reply it broke.
      expect(misses).toEqual([]);
    },
  );

  it('discouragement and questions decide the kind of reply, a meeting reported outranks a worry', () => {
    const kind = (text: string) =>
      read({ locale: 'en-GB', text, discouraged: false, question: false, news: false }).kind;
    expect(kind("Honestly I don't know anyone worth asking.")).toBe('discouragement');
    expect(kind('Can I get these emails on Mondays instead?')).toBe('question');
    expect(kind('Met Priya on Tuesday. It was so awkward at first but she was kind.')).toBe(
      'report',
    );
  });
});
