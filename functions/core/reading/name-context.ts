/**
 * Context rules that settle a capitalised word name-scores.ts finds ambiguous: whether the
 * words around it make it a place or a company ("the café by Waterloo", "at Cafe Coffee Day,
 * Koramangala", "se fue a Guadalajara", "Bill Chen (Stripe)"), or a person despite an article
 * ("den Lukas", "con la Flor") or a month's spelling ("June would be a good third … her").
 */
import { givenName } from './given-names.ts';
import { personNouns, personSlot, workplace } from './name-words.ts';
import { isNameInLexicon, lexiconClass } from './names.ts';
import { type Doc, fold, type Token } from './text.ts';
import type { Language } from './types.ts';
import { roleNoun } from './words.ts';

/** Spanish verbs of going: after them "a" is "to" a place, not the "a" before a person. */
const motion =
  /(?:^|\s)(?:fue|fui|fuimos|fueron|va|voy|vamos|van|ir|ire|iremos|viaja|viajo|viaje|viajamos|llega|llego|llegue|llegamos|vuelve|vuelvo|volvi|volvio|regresa|regreso|regrese|muda|mudo|mude|mudamos|mudarme|mudarse|mudado|ido|viajado|llegado|vuelto|regresado)\s*$/u;

/** Nouns of places one can be "by" or "near" ("the café by Waterloo", "a flat near Leith"). */
const byAfterVerb = /(?:ed|en|t)$/u;

/**
 * Whether the word before `token` (joined without punctuation) is one after which a person is
 * expected: "with", "message", "contacter", "con", "a" (but not "fue a").
 */
export function attachedSlot(
  doc: Doc,
  lang: Language,
  prev: Token | undefined,
  gap: string,
): boolean {
  if (!prev || /[,;:()\n—–-]|\p{Extended_Pictographic}/u.test(gap)) return false;
  const before = doc.folded.slice(Math.max(0, prev.start - 16), prev.start);
  // "gekozen voor Bas", "entschieden für Lena", "opté pour Léa": choosing for someone.
  if (/^(?:voor|fur|für|pour|por)$/u.test(prev.fold))
    return /(?:gekozen|kies|kiezen|koos|entschieden|entscheide|opte|optado|opte|decidi)\s+$/u.test(
      before,
    );
  if (!personSlot[lang].has(prev.fold)) return false;
  return !(lang === 'es' && prev.fold === 'a' && motion.test(before));
}

/**
 * The word is a place or a company by the words around it: after "by"/"near" following a
 * noun, after "a" following a Spanish verb of going, after a comma that closes a place ("at
 * Cafe Coffee Day, Koramangala"), or in brackets right after a name ("Bill Chen (Stripe)").
 */
export function placeContext(
  doc: Doc,
  lang: Language,
  tokens: readonly Token[],
  i: number,
): boolean {
  const token = tokens[i] as Token;
  const prev = tokens[i - 1];
  if (!prev) return false;
  const gap = doc.body.slice(prev.end, token.start);
  const before = tokens[i - 2];
  if (/^[ \t]+$/u.test(gap)) {
    if (lang === 'en' && (prev.fold === 'by' || prev.fold === 'near' || prev.fold === 'opposite'))
      return (
        before !== undefined &&
        !byAfterVerb.test(before.fold) &&
        lexiconClass(before.text) !== 'verb' &&
        !personSlot.en.has(before.fold)
      );
    if (lang === 'es' && prev.fold === 'a')
      return motion.test(doc.folded.slice(Math.max(0, prev.start - 16), prev.start));
    return false;
  }
  // "Bill Chen (Stripe)": brackets after a name hold an affiliation, not another person.
  // A bracket that lists people ("drei Kaffees (Ole, Frau Schmitt und Paul)") is no affiliation.
  if (/^\s*\(\s*$/u.test(gap))
    return (
      /^\p{Lu}/u.test(prev.text) &&
      (isNameInLexicon(prev.text) || !prev.initial) &&
      !/^[^)]*(?:,|\s(?:and|und|et|y|en|&)\s)/u.test(
        doc.folded.slice(token.start, token.start + 80),
      )
    );
  // "at Cafe Coffee Day, Koramangala": a comma after a place names where the place is.
  if (
    /^\s*,\s*$/u.test(gap) &&
    /^\p{Lu}/u.test(prev.text) &&
    /^\s*(?:$|[,.;!?)]|\p{Extended_Pictographic})|^\s+(?:on|this|next|tomorrow|today|tonight|am|um|le|el|op|morgen|demain|manana|\d)(?![\p{L}])/u.test(
      doc.folded.slice(token.end, (doc.sentences[token.sentence]?.end ?? token.end) + 1),
    )
  ) {
    const from = doc.sentences[token.sentence]?.start ?? 0;
    const lead = doc.body.slice(from, prev.end);
    const place =
      /(?:^|\s)(?:at|in|near|bei|im|in|chez|à|en|bij|op)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’&.-]*\s+){0,3}\p{Lu}[\p{L}'’&.-]*$/u.exec(
        lead,
      );
    if (!place) return false;
    // "our supplier contact at Northwind, Raj": after someone's role the comma names them.
    const holder = fold(/(\p{L}+)\s*$/u.exec(lead.slice(0, place.index))?.[1] ?? '');
    return !roleNoun.test(holder) && !personNouns.test(holder) && holder !== 'contact';
  }
  return false;
}

/**
 * "den Lukas aus der Buchhaltung", "con la Flor", "el Nico": in German and Spanish speech a
 * definite article may stand before a first name. German capitalises every noun, so there
 * the lexicon must know the word as a first name; in Spanish a capital after an article that
 * follows "con", "a" or "y" is enough, unless more capitals follow ("la Casa Blanca").
 */
export function articleName(
  doc: Doc,
  lang: Language,
  tokens: readonly Token[],
  i: number,
  lowercaseMode = false,
): boolean {
  const token = tokens[i] as Token;
  const article = tokens[i - 1];
  if (!article) return false;
  // A sentence's first word says nothing by its capital, but "die Hanna hätt ich…" still
  // names her when the word is a known given name.
  if (
    article.initial &&
    !(lang === 'de' && (lexiconClass(token.text) === 'first-name' || givenName(token.text, lang)))
  )
    return false;
  // In text written all in lower case only the lexicon can tell "die lisa" from "die liste".
  const lowerName = lowercaseMode && /^\p{Ll}/u.test(token.text);
  if (!/^\p{Lu}\p{Ll}/u.test(token.text) && !lowerName) return false;
  if (lowerName && lexiconClass(token.text) !== 'first-name') return false;
  if (!/^[ \t]+$/u.test(doc.body.slice(article.end, token.start))) return false;
  const after = doc.body.slice(token.end, token.end + 12);
  if (/^[ \t]+(?:\p{Lu}|(?:de|del|von|van)\s+\p{Lu})/u.test(after)) return false;
  const cls = lexiconClass(token.text);
  // "den Jan": a given name spelt like a month's short form, with no dot or day after it.
  const monthName = cls === 'date' && !(givenName(token.text, lang) && /^[ \t]+\p{L}/u.test(after));
  if (cls === 'place' || cls === 'organisation' || monthName) return false;
  if (lang === 'de')
    return (
      /^(?:der|die|den|dem)$/u.test(article.fold) &&
      (cls === 'first-name' || givenName(token.text, lang) || placedAtWork(doc, token, cls))
    );
  if (lang !== 'es' || !/^(?:el|la)$/u.test(article.fold)) return false;
  const slot = tokens[i - 2];
  return (
    cls === 'first-name' ||
    (slot !== undefined &&
      /^(?:con|a|y|e|ver|vi|veo)$/u.test(slot.fold) &&
      /^[ \t]+$/u.test(doc.body.slice(slot.end, article.start)) &&
      !(
        slot.fold === 'a' && motion.test(doc.folded.slice(Math.max(0, slot.start - 16), slot.start))
      ))
  );
}

/**
 * "June would be a good third if I can get hold of her": a month's name as the subject of a
 * sentence that goes on to speak of a person, not of a time, is someone's name ("May would
 * suit me", "June is when her wedding is" are months).
 */
export function monthSubject(doc: Doc, token: Token): boolean {
  const sentence = doc.sentences[token.sentence];
  const rest = doc.folded.slice(token.end, sentence?.end ?? token.end + 80);
  return (
    /^\s+(?:would|could|should|might|will|is|was|has|had|said|says|agreed|replied|can|seems)\b/u.test(
      rest,
    ) &&
    (/\b(?:third|fourth|fifth|contact|person|pick|choice)\b/u.test(rest) ||
      (/\b(?:her|him)\b/u.test(rest) &&
        !/\b(?:month|time|week|season|holiday|holidays|wedding|birthday|trip|summer|break)\b/u.test(
          rest,
        )))
  );
}

/** "Ilka und Timo sind meine Wahl", "Sam and Jo are my picks": names said to be the choice. */
const pickPredicate =
  /^\s*(?:sind|ist|are|is|sont|est|son|es|zijn)\s+(?:meine?|my|mes|mon|ma|mis|mi|mijn)\s+(?:wahl|auswahl|favoriten|picks?|choices?|choix|eleccion|elecciones|elegidos|elegidas|keuze|keuzes)\b/u;

/** Whether the words right after the token say it names the writer's pick. */
export function namedAsPick(doc: Doc, token: Token): boolean {
  return pickPredicate.test(doc.folded.slice(token.end, token.end + 40));
}

/** Whether a word has the shape of a name: letters, a capital (or lower-case text), no inner capitals. */
export function shapeOk(text: string, lowercaseMode: boolean, listed = false): boolean {
  // Asked for every token of every sentence; the answer depends on these three alone.
  const memo = shapes[(lowercaseMode ? 2 : 0) + (listed ? 1 : 0)] as Map<string, boolean>;
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const ok = shapeNow(text, lowercaseMode, listed);
  if (memo.size >= 5000) memo.clear();
  memo.set(text, ok);
  return ok;
}

/** One memo for each pair of (lowercaseMode, listed). */
const shapes = [0, 1, 2, 3].map(() => new Map<string, boolean>());

function shapeNow(text: string, lowercaseMode: boolean, listed: boolean): boolean {
  if (text.length < 2 || text.length > 30 || /\p{N}/u.test(text)) return false;
  if (/['’](?:ve|re|ll|d|m|t|s)$/iu.test(text) && !/['’]s$/u.test(text)) return false;
  if (/^\p{L}['’]\p{L}/u.test(text)) return false;
  const bare = text.replace(/['’]s$/u, '');
  if ((lowercaseMode || listed) && /^\p{Ll}/u.test(bare)) return true;
  if (!/^\p{Lu}/u.test(bare) || !/\p{Ll}/u.test(bare)) return false;
  // Capitals inside ("MSc", "PyCon", "LinkedIn") belong to acronyms and brands, not names.
  return (
    !/^(?:\p{Lu})(?:[\p{Ll}'’]|[-.]\p{Lu})*\p{Lu}/u.test(bare) || /^(?:Mc|Mac|O['’])/u.test(bare)
  );
}

/** Whether the lexicon knows the word, or a part of a hyphenated one, as a name. */
export function lexName(text: string): boolean {
  return (
    isNameInLexicon(text) ||
    text.split('-').some((part) => part.length > 1 && isNameInLexicon(part))
  );
}

/** "in May", "May 3", "by June": the month, not the person. */
export function dateContext(doc: Doc, token: Token): boolean {
  const before = doc.folded.slice(Math.max(0, token.start - 12), token.start);
  const after = doc.folded.slice(token.end, token.end + 8);
  return (
    /(?:\d|\b(?:in|on|of|until|till|by|next|last|this|early|mid|late|end|from|since|before|after|during))\s*$/u.test(
      before,
    ) || /^\s*(?:\d|i\b|we\b|you\b)/u.test(after)
  );
}

/**
 * Whether the token opens a sentence, also one the sentence splitter ran on past ("… le
 * 7/04. Pour Paul, …", "… lesson 2. Huge thanks …"): capitals there say nothing.
 */
export function opensSentence(doc: Doc, token: Token): boolean {
  if (token.initial) return true;
  const before = doc.body.slice(Math.max(0, token.start - 8), token.start);
  return (
    /[.!?…]["'’”»)]*\s+$/u.test(before) &&
    !/(?:^|[\s(])\p{Lu}\.\s+$/u.test(before) &&
    !/(?:^|[\s(])(?:dr|mr|mrs|ms|prof|st|sr|sra|mme|dhr|mevr)\.\s+$/iu.test(before)
  );
}

/** Endings of German common nouns (and plurals) that no given name has. */
const nounEnding =
  /(?:e|en|er|ern|ung|heit|keit|schaft|tion|sion|nis|tat|ik|chen|lein|ment|ei|ismus|ist|in|innen|ling|leute|zeug)$/u;

/**
 * "die Rosi aus dem Nachbarbüro", "den Kalle vom Empfang": after an article, a word the
 * lexicon does not know, shaped like no common noun, placed by where someone works.
 */
function placedAtWork(doc: Doc, token: Token, cls: string): boolean {
  if (cls !== 'unknown' || nounEnding.test(token.fold) || token.fold.length > 10) return false;
  const where =
    /^[ \t]+(?:aus|von|vom|bei|beim)[ \t]+(?:(?:der|dem|den|unserem|unserer|meinem|meiner|eurem|eurer)[ \t]+)?(\p{L}+)/u.exec(
      doc.folded.slice(token.end, token.end + 40),
    );
  return where !== null && workplace.test(where[1] ?? '');
}
