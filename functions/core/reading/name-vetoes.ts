/**
 * Words that are never a name where they stand, whatever the lexicon says: the language's
 * small words in text written all in lower case, greetings, counts and opening interjections
 * ("Servus!", "Zwei: …", "Che, ¿podemos…"), and roles ("text Mum", "ask the Boss").
 */
import { opensSentence } from './name-context.ts';
import {
  countWords,
  greetingWords,
  interjectionWords,
  lowercaseStopwords,
  onlyWords,
  wordNames,
} from './name-words.ts';
import type { Doc, Token } from './text.ts';
import type { Language } from './types.ts';
import { roleNoun } from './words.ts';

/**
 * Language names in the five languages ("docent Nederlands", "Lehrer für Englisch", "prof
 * d'Anglais"): capitalised in English, German and Dutch, never a person.
 */
const languageNames = new Set(
  `english german french spanish dutch italian portuguese chinese mandarin japanese arabic russian
  hindi englisch deutsch franzosisch spanisch niederlandisch italienisch chinesisch japanisch
  arabisch russisch anglais allemand francais espagnol neerlandais italien chinois japonais arabe
  ingles aleman frances espanol holandes neerlandes italiano chino japones engels duits frans
  spaans nederlands italiaans chinees japans arabisch russisch`.split(/\s+/u),
);

/** Whether the token cannot be a name here; `named` says the lexicon knows it as one. */
export function neverAName(
  doc: Doc,
  lang: Language,
  token: Token,
  lowercaseMode: boolean,
  named: boolean,
  slotBefore: boolean,
): boolean {
  // "bon ben", "dan pak ik": in lower-case text the language's small words are not names,
  // nor is a verb put before its subject.
  if (
    lowercaseMode &&
    /^\p{Ll}/u.test(token.text) &&
    (!slotBefore || !(named || wordNames.has(token.fold))) &&
    (lowercaseStopwords[lang].has(token.fold) ||
      /^[ \t]+(?:ik|ich|je|j'|tu|du|wir|yo|nous)\b/u.test(
        doc.folded.slice(token.end, token.end + 6),
      ))
  )
    return true;
  if (languageNames.has(token.fold)) return true;
  // "Dan heb ik …", "Dann habe ich …": an adverb opening a sentence puts the verb, then the
  // subject, after it, which a name as subject never does.
  if (
    lowercaseStopwords[lang].has(token.fold) &&
    opensSentence(doc, token) &&
    /^[ \t]+\p{L}+[ \t]+(?:ik|ich|je|jij|we|wij|wir|ze|zij|hij|er|sie|du)(?![\p{L}])/u.test(
      doc.folded.slice(token.end, token.end + 24),
    )
  )
    return true;
  // "Servus!", "Zwei: Reto und Nadine", "Che, ¿podemos…": a greeting, a count, an interjection.
  if (
    greetingWords.has(token.fold) ||
    countWords.has(token.fold) ||
    (interjectionWords.has(token.fold) &&
      opensSentence(doc, token) &&
      /^\s*[,!]\s*(?:[¿¡]|\p{Ll})/u.test(doc.body.slice(token.end, token.end + 6)))
  )
    return true;
  // "Grâce à Claire": a preposition that is spelt as a name.
  if (
    lang === 'fr' &&
    token.fold === 'grace' &&
    /^\s+(?:a|au|aux)(?![\p{L}])/u.test(doc.folded.slice(token.end, token.end + 5))
  )
    return true;
  // "text Mum", "ask the Boss": a role is not a name.
  return (
    onlyWords.has(token.fold) ||
    (!named && roleNoun.test(token.fold) && roleNoun.exec(token.fold)?.[0] === token.fold)
  );
}
