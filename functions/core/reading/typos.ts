/**
 * Mends the typos that change what a reply says: a command word ("pasue", "unsubscibe",
 * "pausiern"), a month ("decmber"), a small word a rule needs ("wiht", "til", "hsta").
 * A lower-case word one edit (insertion, deletion, substitution or swap of neighbours) from
 * a word of this short list, and not itself a word of it, is replaced. Capitalised words are
 * left alone: they may be names.
 */
import { lexiconClass } from './names.ts';
import type { Language } from './types.ts';

const common =
  'pause pausing paused unsubscribe unsubscribed subscribe resume restart continue skip slower slow faster speed until through please meetup meeting conference going picked chose chosen with went january february march april june july august september october november december monday tuesday wednesday thursday friday saturday sunday tomorrow';

const vocabulary: Record<Language, readonly string[]> = {
  en: common.split(' '),
  de: `${common} pausieren pausiere abmelden abbestellen langsamer schneller weitermachen dezember januar februar oktober montag dienstag mittwoch donnerstag freitag samstag sonntag getroffen ausgesucht ausgewahlt`.split(
    ' ',
  ),
  fr: `${common} suspendre desabonner desinscrire reprendre lentement janvier fevrier avril juillet septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche jusqu'au choisi`.split(
    ' ',
  ),
  es: `${common} pausar pausa hasta darme despacio continuar enero febrero marzo abril junio julio agosto septiembre octubre noviembre diciembre lunes martes miercoles jueves viernes sabado domingo elegido`.split(
    ' ',
  ),
  nl: `${common} pauzeren pauzeer uitschrijven afmelden langzamer sneller januari februari maart augustus oktober december maandag dinsdag woensdag donderdag vrijdag zaterdag zondag gekozen`.split(
    ' ',
  ),
};

/** Whole-word spellings too far from the word for one edit, or too short to risk it. */
const spellings: readonly [RegExp, string][] = [
  [/\bwiht\b/g, 'with'],
  [/\bw\/(?=\s)/g, 'with'],
  [/\btil\b/g, 'till'],
  [/\bjusquau\b/g, "jusqu'au"],
  [/\bjusqua\b/g, "jusqu'à"],
  [/\ben pose\b/g, 'en pause'],
  [/\bpls\b|\bplz\b/g, 'please'],
  [/\b(?:hsta|asta)\b/g, 'hasta'],
  [/\bxfa\b/g, 'por favor'],
];

const months = new Set(
  'january february march april june july august september october november december januar februar marz juni juli oktober dezember janvier fevrier avril juillet septembre octobre novembre decembre enero febrero marzo abril junio julio agosto septiembre octubre noviembre diciembre januari februari maart augustus'.split(
    ' ',
  ),
);

/** True when `a` and `b` are at most one edit apart (Damerau: a swap of neighbours is one). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    const diffs: number[] = [];
    for (let i = 0; i < la && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    const [i, j] = diffs;
    return diffs.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** The vocabulary word a lower-case typo stands for, or null. */
export function mend(word: string, lang: Language): string | null {
  if (word.length < 4 || !/^[a-z']+$/.test(word)) return null;
  const words = vocabulary[lang];
  if (words.includes(word)) return null;
  // A real word is not a typo: English words are checked against the lexicon; in the other
  // languages only long words are mended, where one edit rarely makes another word.
  if (lang === 'en' ? lexiconClass(word) !== 'unknown' : word.length < 7) return null;
  let found: string | null = null;
  for (const candidate of words) {
    // A four-letter word may only be a swap or a missing letter ("slwo", "hsta").
    if (word.length === 4 && candidate.length === 4 && !sameLetters(word, candidate)) continue;
    if (Math.abs(candidate.length - word.length) <= 1 && oneEdit(word, candidate)) {
      if (found !== null && found !== candidate && found.slice(0, 5) !== candidate.slice(0, 5))
        return null;
      found ??= candidate;
    }
  }
  return found;
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}

// Every lower-case word of a reply is looked up, most of them again in the next reply; the
// answer depends on the word and the language alone, so a bounded memo keeps it.
const mended = new Map<string, string | null>();

function mendWord(word: string, lang: Language): string | null {
  const key = `${lang}:${word}`;
  const cached = mended.get(key);
  if (cached !== undefined) return cached;
  const lower = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const fixed = mend(lower, lang);
  if (mended.size >= 10_000) mended.clear();
  mended.set(key, fixed);
  return fixed;
}

/**
 * The reply with its typos mended. Works on the folded form of each word but keeps the rest
 * of the text as written; the result may differ in length from the input.
 */
export function mendTypos(text: string, lang: Language): string {
  let out = text.replace(/[\p{L}']+/gu, (word, offset: number) => {
    if (/^\p{Lu}/u.test(word)) return word;
    const fixed = mendWord(word, lang);
    if (fixed === null) return word;
    // A month is mended only beside a number ("1 decmber"), where it can only be a date.
    if (months.has(fixed)) {
      const near = text.slice(Math.max(0, offset - 4), offset + word.length + 4);
      if (!/\d/.test(near)) return word;
    }
    return fixed;
  });
  for (const [pattern, replacement] of spellings) out = out.replace(pattern, replacement);
  return out;
}
