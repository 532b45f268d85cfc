/**
 * How far a name runs once its first word is found: the capitalised words after it ("Priya
 * Shah"), name particles ("Anouk van Dijk", "Eva van den Berg", "María de la Fuente"), and
 * the titles before it ("Frau Dr. Gruber", "Herrn Prof. Dr. Albrecht"). A particle after a
 * full name, or before a company, says where the person works instead ("Sonja Becker von
 * Bosch", "Jan von Siemens").
 */

import { givenName } from './given-names.ts';
import {
  lowercaseStopwords,
  particles,
  personSlot,
  placeHead,
  placeOnlyPreps,
  placePrepWords,
  placeTail,
  softPlaceTail,
  titles,
  workplace,
} from './name-words.ts';
import { isNameInLexicon, lexiconClass } from './names.ts';
import type { Doc, Token } from './text.ts';
import type { Language } from './types.ts';
import { roleCompound, roleNoun } from './words.ts';

/** How many particles may stand between a given name and a surname ("van der", "de la"). */
const MAX_PARTICLES = 2;

/**
 * The particles at `j` and the capitalised word after them, if they continue the name: only
 * after a given name alone, and not before a company or a place.
 */
function particleRun(
  tokens: readonly Token[],
  j: number,
  doc: Doc,
  partsSoFar: number,
  titled: boolean,
): number {
  if (partsSoFar !== 1) return 0;
  // "Frau Schmitt vom Fraunhofer-Institut": after a title the word is already a surname, and
  // "vom" (von dem) never starts one, so what follows is where the person works.
  if (titled || (tokens[j] as Token).fold === 'vom') return 0;
  let k = j;
  while (
    k < tokens.length &&
    k - j < MAX_PARTICLES &&
    particles.has((tokens[k] as Token).fold) &&
    /^\p{Ll}/u.test((tokens[k] as Token).text)
  ) {
    const next = tokens[k + 1];
    if (!next || !/^[ \t]+$/u.test(doc.body.slice((tokens[k] as Token).end, next.start))) return 0;
    k++;
  }
  const surname = tokens[k];
  if (k === j || !surname || !/^\p{Lu}\p{Ll}/u.test(surname.text)) return 0;
  // "den Kalle vom Empfang": where someone works, not a "von" in the name.
  if (workplace.test(surname.fold)) return 0;
  const cls = lexiconClass(surname.text);
  if (cls === 'organisation' || cls === 'place' || cls === 'date') return 0;
  return k - j + 1;
}

/** Nouns a German sentence puts right after "mit Anna" for the meeting itself ("mit Anna Kaffee"). */
const meetingNoun =
  /^(?:kaffees?|cafes?|mittagessen|abendessen|essen|lunch|brunch|fruhstuck|termine?|treffen|telefonate?|gesprache?|calls?|meetings?|anrufe?|spaziergang|bier|drinks?|tee|zoom|videocall|date|zmittag|znacht|apero|feierabendbier)$/u;

/**
 * German capitalises every noun, so a capital after a given name is a surname only when the
 * lexicon knows none of it, it is no meeting or role noun, and what follows ends the name:
 * a bracket, punctuation, or a word that places or times her ("Lea Braun (Zalando)", "Lea
 * Braun, die …", "Lea Braun von Zalando", "Lea Braun am 4.11.", "Lea Braun übermorgen"), but
 * not "mit Lea Kaffee getrunken", "mit Lea Kaffee am Montag" or "Theresa Mittagessen,".
 */
function surnameBeforeBreak(doc: Doc, previous: Token, next: Token, cls: string): boolean {
  return (
    // An English word of the lexicon ("Berg") is a surname only before a bracketed employer.
    (cls === 'unknown' || (cls === 'word' && /^\s*\(/u.test(doc.body.slice(next.end)))) &&
    !meetingNoun.test(next.fold) &&
    !roleNoun.test(next.fold) &&
    !roleCompound.test(next.fold) &&
    !(/s$/u.test(previous.fold) && isNameInLexicon(previous.text.slice(0, -1))) &&
    /^(?:\s*[(,;:!?]|\.(?:\s|$)|\s*$|[ \t]+(?:von|vom|aus|bei|beim|am|um|und|oder|im|in|zum|zur|uber|ubermorgen|übermorgen|morgen|heute|gestern|vorgestern|nachste|nächste|letzte|diese|naechste)(?![\p{L}]))/u.test(
      doc.body.slice(next.end, next.end + 14),
    )
  );
}

/**
 * The index after the last word of the name that starts at `i`, and its words. In text
 * written all in lower case ("marc-andre tremblay"), a following word the lexicon knows as a
 * name, or that reads as one on its own, continues it.
 */
export function nameRun(
  doc: Doc,
  lang: Language,
  tokens: readonly Token[],
  i: number,
  scores: readonly number[],
  lowercaseMode: boolean,
): { end: number; parts: string[] } {
  const prev = tokens[i - 1];
  let j = i + 1;
  const parts = [(tokens[i] as Token).text];
  while (j < tokens.length && parts.length < 4) {
    const next = tokens[j] as Token;
    const gap = doc.body.slice((tokens[j - 1] as Token).end, next.start);
    if (!/^[ \t]+$/u.test(gap) || /['’]s$/u.test((tokens[j - 1] as Token).text)) break;
    // "meneer Van den Broeck": a particle right after the title still opens the surname.
    const titled = titles.has(prev?.fold ?? '') && !particles.has((tokens[i] as Token).fold);
    const withParticles = particleRun(tokens, j, doc, parts.length, titled);
    if (withParticles > 0) {
      for (let k = j; k < j + withParticles; k++) parts.push((tokens[k] as Token).text);
      j += withParticles;
      continue;
    }
    // "Tom B.", "priya s.": a surname's initial closes the name, dot and all.
    if (
      /^\p{L}$/u.test(next.text) &&
      doc.body[next.end] === '.' &&
      !/^[aiyoeu]$/u.test(next.text)
    ) {
      parts.push(`${next.text}.`);
      j++;
      break;
    }
    const cap =
      /^\p{Lu}(?:\p{Ll}|['’]\p{Lu})/u.test(next.text) ||
      (/^\p{Lu}\p{Ll}?$/u.test(next.text) && next.text.length <= 3);
    const cls = lexiconClass(next.text);
    if (!cap) {
      const lowerName =
        lowercaseMode &&
        /^\p{Ll}/u.test(next.text) &&
        /^\p{Ll}/u.test((tokens[i] as Token).text) &&
        !lowercaseStopwords[lang].has(next.fold) &&
        ((scores[j] ?? 0) >= 2 || isNameInLexicon(next.text)) &&
        cls !== 'date';
      if (!lowerName) break;
    } else if (
      !particles.has((tokens[j - 1] as Token).fold) &&
      (cls === 'date' ||
        cls === 'function' ||
        cls === 'place' ||
        (lang === 'de' &&
          !isNameInLexicon(next.text) &&
          !titles.has(prev?.fold ?? '') &&
          !surnameBeforeBreak(doc, tokens[j - 1] as Token, next, cls)))
    )
      break;
    parts.push(next.text);
    j++;
  }
  return { end: j, parts };
}

/** "Frau Dr. Gruber", "Herrn Prof. Dr. Albrecht": the titles written before the name, if any. */
export function titlesBefore(doc: Doc, tokens: readonly Token[], i: number): string {
  let k = i;
  while (k > 0) {
    const title = tokens[k - 1] as Token;
    const gap = doc.body.slice(title.end, (tokens[k] as Token).start);
    if (!titles.has(title.fold) || !/^\.?[ \t]*$/u.test(gap) || gap === '') break;
    k--;
  }
  return k === i
    ? ''
    : doc.body.slice((tokens[k] as Token).start, (tokens[i] as Token).start).trim();
}

const roleCore = `(?<![\\p{L}])${roleNoun.source
  .replace(/^\(\?<!\[\\p\{L\}'\]\)/u, '')
  .replace(/\(\?!\[\\p\{L\}\]\)$/u, '')}`;
const owner =
  '(?:the|my|his|her|their|our|your|mi|su|sus|tu|mon|ma|ton|son|sa|mijn|zijn|haar|je|la|el|le|den|dem|meinem|meiner|meines|seinem|seiner|seines|ihrem|ihrer|ihres|unserem|unserer|unseres)';

/**
 * "the boss of my cousin Álvaro", "la cheffe de ma cousine Inès", "den Chef meines Bruders
 * Felix": the name closes a chain of roles, so it only places the person the first role is.
 */
const roleChain = new RegExp(
  `${roleCore}(?:s|es|n)?\\s+(?:(?:of|de|d'|del|van|von|vom)\\s+(?:${owner}\\s+)?|(?:des|der|meines|meiner|seines|seiner|ihres|ihrer|unseres|unserer)\\s+)${roleCore}(?:s|es|n)?\\s*$`,
  'u',
);

/** Whether the words before a name make it only a reference to place someone else. */
export function placesAnother(lead: string): boolean {
  const clause = lead.split(/[,.;:!?]/u).pop() ?? '';
  return (
    (/(?:^|\s)(?:of|de|d'|van|von|del)\s*$/u.test(lead) && roleNoun.test(clause)) ||
    roleChain.test(clause)
  );
}

/**
 * A run of capitalised words that names a place, not a person: "Albert Square", "Place
 * Bellecour", "Calle Mayor", and "Hyde Park" or "Victoria Park" after a preposition of place
 * or after a word that is no given name ("with Grace Park" is someone).
 */
export function placeName(
  lang: Language,
  tokens: readonly Token[],
  i: number,
  end: number,
): boolean {
  if (end - i < 2) return false;
  const first = tokens[i] as Token;
  const last = (tokens[end - 1] as Token).fold;
  if (placeTail.test(last) || placeHead.test(first.fold)) return true;
  if (!softPlaceTail.test(last)) return false;
  const prev = tokens[i - 1]?.fold ?? '';
  if (
    placeOnlyPreps[lang].has(prev) ||
    placePrepWords[lang].has(prev) ||
    /^(?:at|by|near|to|past|along|into|through|across)$/u.test(prev)
  )
    return true;
  const cls = lexiconClass(first.text);
  return (
    !personSlot[lang].has(prev) &&
    (cls === 'unknown' || cls === 'word' || cls === 'place') &&
    !givenName(first.text, lang)
  );
}
