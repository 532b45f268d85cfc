import { describe, expect, it } from 'vitest';
import { readDoc } from '../../../functions/core/reading/text.ts';

const sentences = (text: string) => readDoc(text).sentences.map((s) => s.text.trim());

describe('where a sentence ends after a number', () => {
  it.each([
    [
      'Loved lesson 2. Huge thanks to Ben for the intro.',
      ['Loved lesson 2.', 'Huge thanks to Ben for the intro.'],
    ],
    [
      'Rdv avec Inès le 7/04. Pour Paul, pas encore.',
      ['Rdv avec Inès le 7/04.', 'Pour Paul, pas encore.'],
    ],
  ])('%j ends after the number', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it.each([
    'Kaffee mit Anna am 14. Dezember, danach Ben.',
    'Das 2. Treffen mit Jonas war super.',
    'Am 3. Mai sehe ich Lea.',
    'Coffee with Sam on the 14.12. at noon.',
  ])('%j stays one sentence (a date or an ordinal)', (text) => {
    expect(sentences(text)).toHaveLength(1);
  });
});
