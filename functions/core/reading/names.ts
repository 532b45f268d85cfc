/**
 * What a word is, as far as names go, from compromise (an English parts-of-speech library):
 * its lexicon (about 24,000 words, 4,000 of them given names and surnames of many origins,
 * cities, countries and organisations) for every language, and its tagger, in English, for
 * words the lexicon cannot settle alone ("Will message Jon", "Lola and Frank").
 *
 * The tagger costs about 1.4 ms a call however short the text (its rule sweep dominates), so
 * it reads one window of a few words around an ambiguous word ("Will", "Hope", "Frank": a
 * name or a word?), and only in replies up to TAGGER_MAX_CHARS; everything else is read from
 * the lexicon and the rules of name-scores.ts.
 */
import nlp from 'compromise/two';
import { type Doc, fold, type Token } from './text.ts';

/** What the lexicon or the tagger says a word is. */
export type WordClass =
  | 'first-name'
  | 'last-name'
  | 'person'
  | 'place'
  | 'organisation'
  | 'date'
  | 'function'
  | 'verb'
  | 'word'
  | 'unknown';

type Lexicon = Record<string, string | string[]>;

let lexicon: Lexicon | null = null;

function lexiconOf(): Lexicon {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon;
  return lexicon;
}

const placeTags = /^(?:City|Country|Place|Region|Address)$/;
const orgTags = /^(?:Organization|SportsTeam|Company)$/;
const dateTags = /^(?:Month|WeekDay|Date|Holiday|Duration|Time)$/;
const functionTags =
  /^(?:Pronoun|Determiner|Preposition|Conjunction|Expression|Possessive|QuestionWord|Copula|Auxiliary)$/;
const verbTags = /^(?:Modal|PastTense|PresentTense|Infinitive|Gerund|Participle|PhrasalVerb|Verb)$/;

function classOfTag(tag: string): WordClass {
  if (tag === 'FirstName' || tag === 'MaleName' || tag === 'FemaleName') return 'first-name';
  if (tag === 'LastName') return 'last-name';
  if (tag === 'Person') return 'person';
  if (placeTags.test(tag)) return 'place';
  if (orgTags.test(tag)) return 'organisation';
  if (dateTags.test(tag)) return 'date';
  if (functionTags.test(tag)) return 'function';
  if (verbTags.test(tag)) return 'verb';
  return 'word';
}

/** The lexicon's class for a word (any case, diacritics ignored); 'unknown' when absent. */
const classes = new Map<string, WordClass>();

export function lexiconClass(word: string): WordClass {
  const cached = classes.get(word);
  if (cached !== undefined) return cached;
  const found = lookup(word);
  if (classes.size > 5000) classes.clear();
  classes.set(word, found);
  return found;
}

function lookup(word: string): WordClass {
  const key = fold(word).replace(/['’]s$/, '');
  const entry = lexiconOf()[key];
  if (entry === undefined) return 'unknown';
  const tags = (Array.isArray(entry) ? entry : String(entry).split(',')).map((t) => t.trim());
  const classes = tags.map(classOfTag);
  for (const preferred of [
    'first-name',
    'last-name',
    'person',
    'place',
    'organisation',
    'date',
  ] as const) {
    if (classes.includes(preferred)) return preferred;
  }
  return classes[0] ?? 'word';
}

/** Whether the lexicon knows the word as a given name, a surname or a person. */
export function isNameInLexicon(word: string): boolean {
  const c = lexiconClass(word);
  return c === 'first-name' || c === 'last-name' || c === 'person';
}

/** Whether the lexicon knows the word as a verb in the past ("started", "walked"). */
export function isPastTense(word: string): boolean {
  const entry = lexiconOf()[fold(word)];
  return (
    entry !== undefined &&
    (Array.isArray(entry) ? entry : String(entry).split(',')).some((t) => t.trim() === 'PastTense')
  );
}

/** A word the tagger read in context. */
export interface TaggedTerm {
  /** Offset in the text given to `tagEnglish`. */
  start: number;
  end: number;
  person: boolean;
  properNoun: boolean;
  place: boolean;
  organisation: boolean;
  verb: boolean;
  date: boolean;
}

interface Term {
  text: string;
  tags: Set<string>;
}

/** Tags a few words of English with compromise's tagger; offsets are into `text`. */
export function tagEnglish(text: string): TaggedTerm[] {
  let docs: Term[][];
  try {
    docs = (nlp(text) as unknown as { docs: Term[][] }).docs;
  } catch {
    return [];
  }
  const out: TaggedTerm[] = [];
  let at = 0;
  for (const sentence of docs) {
    for (const term of sentence) {
      const start = term.text ? text.indexOf(term.text, at) : -1;
      if (start === -1) continue;
      at = start + term.text.length;
      const tags = term.tags;
      out.push({
        start,
        end: at,
        person: tags.has('Person') || tags.has('FirstName') || tags.has('LastName'),
        properNoun: tags.has('ProperNoun'),
        place: tags.has('Place') || tags.has('City') || tags.has('Country') || tags.has('Region'),
        organisation: tags.has('Organization'),
        verb: tags.has('Verb'),
        date: tags.has('Date') || tags.has('WeekDay') || tags.has('Month'),
      });
    }
  }
  return out;
}

/** How many words of one reply the tagger reads at most: one window. */
export const TAGGER_WORD_BUDGET = 8;

/** Longer replies are read from the lexicon alone: one tagger call costs about 1.4 ms. */
export const TAGGER_MAX_CHARS = 600;

/**
 * The tagger's reading of the English words the lexicon cannot settle: a capitalised word it
 * knows as an ordinary word or a verb ("Will", "Hope", "Frank"), read with three words either
 * side, within the reply's word budget.
 */
export function englishTags(doc: Doc): Map<number, TaggedTerm> {
  const tags = new Map<number, TaggedTerm>();
  if (doc.body.trim().length > TAGGER_MAX_CHARS) return tags;
  let budget = TAGGER_WORD_BUDGET;
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length && budget > 0; i++) {
    const t = tokens[i] as Token;
    if (!/^\p{Lu}\p{Ll}/u.test(t.text) || tags.has(t.start)) continue;
    const cls = lexiconClass(t.text);
    if (cls !== 'verb' && cls !== 'word') continue;
    let from = i;
    let to = i;
    while (from > 0 && i - from < 3 && tokens[from - 1]?.sentence === t.sentence) from--;
    while (to < tokens.length - 1 && to - i < 3 && tokens[to + 1]?.sentence === t.sentence) to++;
    if (to - from + 1 > budget) break;
    budget -= to - from + 1;
    const start = (tokens[from] as Token).start;
    for (const term of tagEnglish(doc.body.slice(start, (tokens[to] as Token).end)))
      tags.set(start + term.start, term);
  }
  return tags;
}
