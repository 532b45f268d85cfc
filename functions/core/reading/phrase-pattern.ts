/**
 * Builds the word patterns of the command reader. Folded text is Latin letters without
 * diacritics, so a letter is matched by a plain class instead of Unicode `\p{L}`: without the
 * `u` flag a long alternation is scanned several times faster, which keeps the reader within
 * its time budget on a 2 KB reply.
 */

/** A letter of folded text: a-z, and the Latin, Greek and Cyrillic letters folding leaves. */
export const letter = 'a-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff';

/**
 * A pattern for `words` (an alternation on folded text) that matches whole words only. `\p{L}`
 * in `words` stands for any letter.
 */
export function phrase(words: string): RegExp {
  const body = words.replaceAll('\\p{L}', `[${letter}]`);
  return new RegExp(`(?<![${letter}'])(?:${body})(?![${letter}])`);
}

/** Like `phrase`, but the words must be the whole text apart from `around` ("STOP, please"). */
export function wholePhrase(words: string, around: string): RegExp {
  return new RegExp(
    `^\\W*(?:(?:${around})\\W+)*(?:${words.replaceAll('\\p{L}', `[${letter}]`)})(?:\\W+(?:${around}))*\\W*$`,
  );
}
