/**
 * Where a name starts when its first word is no name on its own: a capital initial before a
 * surname ("K. Srinivasan", "R. Mehta"), or a sentence's first word, capitalised by its place
 * alone, before a surname ("Ananya Rao on 12/6"); and where a run of capitals is a company's
 * ("Otto Group", "Bosch GmbH"); and a word the reply says outright is someone's name ("il
 * s'appelle Paris", "Hoop — ja, zo heet ze echt").
 */
import { opensSentence } from './name-context.ts';
import {
  coordinatorWords,
  determinerWords,
  lowercaseStopwords,
  personSlot,
  placePrepWords,
  titles,
} from './name-words.ts';
import { lexiconClass } from './names.ts';
import type { Doc, Token } from './text.ts';
import type { Language } from './types.ts';

const tail =
  /^(?:group|gruppe|gmbh|ag|se|kg|bank|institut|institute|inc|ltd|llc|plc|corp|sa|sarl|bv|nv|holding|stiftung|verlag|partners|team|crowd|office|alumni)$/u;

/** Whether the word after a run of capitals makes it a company or a body ("Otto Group"). */
export function companyTail(word: string): boolean {
  return tail.test(word);
}

/** A preposition, article, conjunction or small word: never a given name at a sentence's start. */
function smallWord(lang: Language, word: string): boolean {
  return [
    personSlot[lang],
    personSlot.en,
    determinerWords[lang],
    placePrepWords[lang],
    coordinatorWords[lang],
    lowercaseStopwords[lang],
  ].some((set) => set.has(word));
}

/** Whether a capital initial and its dot stand just before the capitalised word at `i`. */
export function initialBefore(doc: Doc, tokens: readonly Token[], i: number): boolean {
  const initial = tokens[i - 1];
  const token = tokens[i] as Token;
  if (!initial || !/^\p{Lu}$/u.test(initial.text) || initial.sentence !== token.sentence)
    return false;
  const cls = lexiconClass(token.text);
  return (
    /^\.[ \t]+$/u.test(doc.body.slice(initial.end, token.start)) &&
    /^\p{Lu}\p{Ll}/u.test(token.text) &&
    !titles.has(token.fold) &&
    (cls === 'unknown' || cls === 'last-name' || cls === 'first-name' || cls === 'person')
  );
}

/**
 * Whether the word before the name at `i` opens its sentence and is the name's given name:
 * capitalised, unknown to the lexicon or known as a name, and no small word or verb form
 * ("Emailed Nadia", "Con Chuy"). German capitalises nouns, so there only a known name counts.
 */
export function givenNameBefore(
  doc: Doc,
  lang: Language,
  tokens: readonly Token[],
  i: number,
  scores: readonly number[],
  blocked: ReadonlySet<number>,
): boolean {
  const before = tokens[i - 1];
  const token = tokens[i] as Token;
  if (!before) return false;
  const cls = lexiconClass(before.text);
  return (
    opensSentence(doc, before) &&
    /^\p{Lu}\p{Ll}/u.test(before.text) &&
    /^[ \t]+$/u.test(doc.body.slice(before.end, token.start)) &&
    (cls === 'unknown' || cls === 'first-name' || cls === 'person') &&
    Number.isFinite(scores[i - 1] ?? Number.NEGATIVE_INFINITY) &&
    !blocked.has(before.start) &&
    !titles.has(before.fold) &&
    !smallWord(lang, before.fold) &&
    (lang !== 'de' || cls !== 'unknown') &&
    !(before.fold.length > 3 && /(?:ed|ing|é|ée)$/u.test(before.text))
  );
}

const namingBefore =
  /(?:s'appelle|s'appelait|se llama|heet|heisst|is called|was called|her name is|his name is|elle s'appelle|il s'appelle)\s+$/u;
const namingAfter =
  /^[\s,;:—–-]*(?:oui|yes|ja|si|yep)?[\s,;:—–-]*(?:zo heet (?:ze|hij)|so heisst (?:sie|er)|that'?s (?:her|his) (?:real )?name|c'est (?:son|sa) (?:vrai )?(?:nom|prenom)|se llama asi|il s'appelle (?:vraiment|comme ca)|elle s'appelle (?:vraiment|comme ca))/u;

/**
 * Words the reply says outright are a name: after "il s'appelle", "se llama", "heet", or
 * followed by "zo heet ze", "that's her real name". Every mention of such a word is a name,
 * whatever else it could be (a city, an ordinary word).
 */
export function namedOutright(doc: Doc): Set<string> {
  const named = new Set<string>();
  // Most replies name nobody outright: skip the token walk unless a naming word is there.
  if (!/appel|llama|heet|heisst|called|name|nom\b/u.test(doc.folded)) return named;
  for (const t of doc.tokens) {
    if (!/^\p{Lu}/u.test(t.text)) continue;
    const before = doc.folded.slice(Math.max(0, t.start - 20), t.start);
    const after = doc.folded.slice(t.end, t.end + 30);
    if (namingBefore.test(before) || namingAfter.test(after)) named.add(t.fold);
  }
  return named;
}
