/**
 * People a reply names: who is a contact (picked, planned, met), and who is only a reference
 * ("Leila's manager", "la jefa de Laura"), a place, a company, an event or the sender.
 *
 * Each word that could be a name is weighed: what compromise's lexicon and (in English) its
 * tagger say it is, the word before it (with, met, called, a role noun, an article, a place
 * preposition), whether it is coordinated with another name, and the language's own habits
 * (German capitalises every noun, so there a capital says nothing). Runs of capitalised
 * words make one name ("Priya Shah", "Nguyen Van An", "Anouk van Dijk").
 */

import { opensSentence, shapeOk } from './name-context.ts';
import { nameRun, placeName, placesAnother, titlesBefore } from './name-runs.ts';
import { type Ctx, score } from './name-scores.ts';
import { companyTail, givenNameBefore, initialBefore, namedOutright } from './name-starts.ts';
import { coordinators, coordinatorWords, particles, personSlot, titles } from './name-words.ts';
import { englishTags, isNameInLexicon, lexiconClass } from './names.ts';
import { senderSpan } from './sign-off.ts';
import { type Doc, fold, type Span, type Token, tokensBySentence } from './text.ts';
import type { Language } from './types.ts';
import { roleNoun } from './words.ts';

/** "… son amie Julie mais je la connais pas vraiment donc non": a sentence that ends in "so no". */
const closedNo =
  /(?<![\p{L}])(?:so|donc|alors|also|dus|daarom|asi que|entonces|por eso)\s+(?:no|non|nein|nee|niet|not|nope)\s*[.!…]*\s*$/u;

export interface NameHit {
  name: string;
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** Named only to place someone else ("Leila's manager", "de manager van Esther"). */
  reference: boolean;
  /** Explicitly not a pick ("Not Sam — we fell out"). */
  rejected: boolean;
}
/** The sentence's tokens, with the spans already spoken for (dates, events, quotes) left out. */
function sentenceTokens(doc: Doc, sentence: number, excluded: readonly Span[]): Token[] {
  return (tokensBySentence(doc)[sentence] ?? []).filter(
    (t) => !excluded.some((e) => t.start < e.end && e.start < t.end),
  );
}

/**
 * Every person the reply names, in order, each once (a full name absorbs a later first
 * name alone). `excluded` spans (dates, the event's name, quotes) are not read for names.
 */
export function findNames(doc: Doc, lang: Language, excluded: readonly Span[]): NameHit[] {
  const ctx: Ctx = {
    doc,
    lang,
    tags: lang === 'en' ? englishTags(doc) : new Map(),
    excluded,
    blocked: new Set(),
  };
  const hits: NameHit[] = [];
  const sender = senderSpan(doc);
  const named = namedOutright(doc);
  const unread = sender ? [...excluded, sender] : excluded;
  for (const [index] of doc.sentences.entries()) {
    const tokens = sentenceTokens(doc, index, unread);
    const sentenceText = doc.body.slice(
      doc.sentences[index]?.start ?? 0,
      doc.sentences[index]?.end ?? 0,
    );
    const lowercaseMode = !/\p{Lu}/u.test(sentenceText) || !/\p{Lu}/u.test(doc.body);
    const listed = (i: number) => {
      const t = tokens[i] as Token;
      const gap = i === 0 ? '' : doc.body.slice((tokens[i - 1] as Token).end, t.start);
      return (
        t.text.length >= 3 &&
        isNameInLexicon(t.text) &&
        lexiconClass(t.text) === 'first-name' &&
        (i === 0 || /,|&|\+/u.test(gap) || coordinators.has(tokens[i - 1]?.fold ?? ''))
      );
    };
    const scores = tokens.map((t, i) =>
      titles.has(t.fold)
        ? Number.NEGATIVE_INFINITY
        : shapeOk(t.text, lowercaseMode, listed(i))
          ? score(tokens, i, ctx, lowercaseMode)
          : Number.NEGATIVE_INFINITY,
    );
    // After a title ("Frau Weber", "mevrouw De Vries"), a capitalised word is a name.
    for (let i = 1; i < tokens.length; i++) {
      if (
        titles.has((tokens[i - 1] as Token).fold) &&
        !titles.has((tokens[i] as Token).fold) &&
        /^\p{Lu}/u.test((tokens[i] as Token).text)
      ) {
        scores[i] = Math.max(scores[i] ?? 0, 3);
        ctx.blocked.delete((tokens[i] as Token).start);
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      if (!named.has((tokens[i] as Token).fold)) continue;
      scores[i] = Math.max(scores[i] ?? 0, 3);
      ctx.blocked.delete((tokens[i] as Token).start);
    }
    // "K. Srinivasan", "R. Mehta": a capital initial and its dot before a word no lexicon
    // reads as a small word or a verb make a name.
    for (let i = 1; i < tokens.length; i++) {
      if (initialBefore(doc, tokens, i)) {
        scores[i] = Math.max(scores[i] ?? 0, 3);
        ctx.blocked.delete((tokens[i] as Token).start);
      }
    }
    // Coordination: a word joined by "and", "," or "+" to a likely name is likely one too.
    const final = [...scores];
    for (let i = 0; i < tokens.length; i++) {
      if (!Number.isFinite(scores[i] ?? Number.NEGATIVE_INFINITY)) continue;
      for (let j = i - 8; j <= i + 8; j++) {
        if (j === i) continue;
        const other = tokens[j];
        if (!other || !Number.isFinite(scores[j] ?? Number.NEGATIVE_INFINITY)) continue;
        const [a, b] = j < i ? [other, tokens[i] as Token] : [tokens[i] as Token, other];
        const between = doc.folded
          .slice(a.end, b.start)
          .replace(/\([^)]*\)/gu, ' ')
          .trim();
        const words = between.replace(/^,?\s*/u, '').split(/\s+/u);
        const conjunction =
          coordinatorWords[lang].has(words[0] ?? '') &&
          words.length <= 2 &&
          (words.length === 1 ||
            personSlot[lang].has(words[1] ?? '') ||
            ['an', 'aan', 'a', 'en'].includes(words[1] ?? ''));
        const joined = conjunction || /^(?:,|&|\+)$/u.test(between);
        if (!joined || ctx.blocked.has((tokens[i] as Token).start)) continue;
        // A lower-case unknown word joins a list only through a real conjunction.
        const bareItem = /^\s*(?:$|[,;&+]|(?:and|und|et|y|en|or)\b)/u.test(
          doc.folded.slice((tokens[i] as Token).end, (tokens[i] as Token).end + 6),
        );
        if (
          !conjunction &&
          !bareItem &&
          /^\p{Ll}/u.test((tokens[i] as Token).text) &&
          !isNameInLexicon((tokens[i] as Token).text)
        )
          continue;
        if ((scores[j] ?? 0) >= 2) final[i] = Math.max(final[i] ?? 0, (scores[i] ?? 0) + 3);
        else if ((scores[j] ?? 0) >= 1 && (scores[i] ?? 0) >= 1)
          final[i] = Math.max(final[i] ?? 0, (scores[i] ?? 0) + 1);
      }
    }
    // "Saoirse, Tomek" / "Mila en Finn.": a sentence that is only a list of capitalised words.
    const items = sentenceText
      .trim()
      .replace(/[.!]+$/u, '')
      .split(/\s*(?:,|&|\+|;|\s(?:and|und|et|y|en|e|or)\s)\s*/u);
    // "Picked Anna and Tom": a verb opening the sentence is not the start of a list of names.
    const opener = (items[0] ?? '').split(/\s/u)[0]?.toLowerCase() ?? '';
    if (
      items.length >= 2 &&
      !personSlot[lang].has(opener) &&
      !personSlot.en.has(opener) &&
      items.every((item) => /^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2}$/u.test(item))
    ) {
      for (let i = 0; i < tokens.length; i++)
        if (!ctx.blocked.has((tokens[i] as Token).start) && (final[i] ?? -9) > -3)
          final[i] = Math.max(final[i] ?? 0, 2);
    }
    const confirmed = final.filter((s) => s >= 2).length;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      let s = final[i] ?? Number.NEGATIVE_INFINITY;
      // In a sentence that already names people, another capitalised word is likely one more.
      const cls = lexiconClass(token.text);
      if (
        confirmed > 0 &&
        s === 1 &&
        /^\p{Lu}/u.test(token.text) &&
        lang !== 'de' &&
        !ctx.blocked.has(token.start) &&
        cls !== 'place' &&
        cls !== 'organisation'
      )
        s += 1;
      if (s < 2) continue;
      // Part of a proper name that is not a person's ("São Paulo", "Deutsche Bahn").
      const before = tokens[i - 1];
      if (
        lang !== 'de' &&
        before &&
        !opensSentence(doc, before) &&
        /^\p{Lu}/u.test(before.text) &&
        /^[ \t]+$/u.test(doc.body.slice(before.end, token.start)) &&
        !titles.has(before.fold) &&
        !roleNoun.test(before.fold) &&
        (final[i - 1] ?? 0) < 2
      )
        continue;
      // "Ananya Rao on 12/6": a sentence's first word, capitalised only by its place, is the
      // given name of the surname after it when the lexicon reads it as nothing else.
      if (givenNameBefore(doc, lang, tokens, i, final, ctx.blocked)) i--;
      const prev = tokens[i - 1];
      // A run of capitalised words (and particles) is one name.
      const run = nameRun(doc, lang, tokens, i, final, lowercaseMode);
      const j = run.end;
      // "Otto Group", "Bosch GmbH", "Fraunhofer Institut": a company or body, not a person.
      if (placeName(lang, tokens, i, j) || companyTail(tokens[j]?.fold ?? '')) {
        i = j - 1;
        continue;
      }
      const title = titlesBefore(doc, tokens, i);
      let name = run.parts.join(' ').replace(/['’]s$/u, '');
      if (initialBefore(doc, tokens, i)) name = `${(tokens[i - 1] as Token).text}. ${name}`;
      if (title) name = `${title} ${name}`;
      const last = tokens[j - 1] as Token;
      const after = doc.folded.slice(last.end, last.end + 24);
      const firstStart = (tokens[initialBefore(doc, tokens, i) ? i - 1 : i] as Token).start;
      const lead = doc.folded.slice(Math.max(0, firstStart - 60), firstStart);
      const genitive =
        /^['’]s\b/u.test(doc.body.slice(last.end - 2, last.end + 1).slice(-3)) ||
        /['’]s$/u.test(last.text) ||
        ((lang === 'de' || lang === 'nl') &&
          /s$/u.test(last.text) &&
          !isNameInLexicon(last.text) &&
          isNameInLexicon(last.text.slice(0, -1)) &&
          /^\s+\p{L}/u.test(after));
      const ofRole = placesAnother(lead);
      const sentenceEnd = doc.sentences[index]?.end ?? last.end;
      const rejected =
        (/(?:^|[\s(])(?:not|nicht|pas|no|niet)\s*$/u.test(lead) &&
          (prev === undefined || prev.initial)) ||
        closedNo.test(doc.folded.slice(last.end, sentenceEnd));
      hits.push({
        name,
        start: firstStart,
        end: last.end,
        sentence: index,
        clause: token.clause,
        reference: genitive || ofRole,
        rejected,
      });
      i = j - 1;
    }
  }
  return hits;
}

const female = new Set(
  'frau mrs ms mme madame mlle sra srta senora senorita dona mevrouw mevr dame'.split(' '),
);

/** A name's words without titles, and the title's gender if it has one ("Herrn" → male). */
function nameKey(name: string): { words: string[]; gender: 'f' | 'm' | null } {
  const words = fold(name)
    .split(/[\s.]+/u)
    .filter((w) => w !== '');
  const title = words.filter((w) => titles.has(w) && w !== 'dr' && w !== 'prof')[0];
  return {
    words: words.filter((w) => !titles.has(w)),
    gender: title === undefined ? null : female.has(title) ? 'f' : 'm',
  };
}

/**
 * Whether two mentions name the same person: the same words, or one is the other's given
 * name alone ("Rajesh" after "Mr. Rajesh Iyer"), or the same surname under titles that agree
 * ("Frau Gruber" after "Frau Dr. Gruber", not "Herr Gruber").
 */
export function sameName(a: string, b: string): boolean {
  const x = nameKey(a);
  const y = nameKey(b);
  if (x.words.length === 0 || y.words.length === 0) return false;
  if (x.gender !== null && y.gender !== null && x.gender !== y.gender) return false;
  if (x.words.join(' ') === y.words.join(' ')) return true;
  if (x.gender !== null && y.gender !== null) return x.words.at(-1) === y.words.at(-1);
  return x.words[0] === y.words[0] && (x.words.length === 1 || y.words.length === 1);
}

/** Keeps the first spelling of each name and prefers "Sam Lee" over a separate "Sam". */
export function mergeNames(found: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of found) {
    const existing = out.findIndex((n) => sameName(n, name));
    if (existing === -1) out.push(name);
    else if ((out[existing] ?? '').split(' ').length < name.split(' ').length) out[existing] = name;
  }
  return out;
}

/**
 * Title-cases a name written in lower case ("priya" → "Priya", "sarah-jane" → "Sarah-Jane",
 * "eva van den berg" → "Eva van den Berg"); a name written with capitals is kept as written.
 */
export function nameCase(name: string): string {
  if (/\p{Lu}/u.test(name)) return name;
  return name
    .split(' ')
    .map((word, i) =>
      i > 0 && particles.has(word)
        ? word
        : word.replace(
            /(^|['’-])(\p{Ll})/gu,
            (_, sep: string, ch: string) => sep + ch.toUpperCase(),
          ),
    )
    .join(' ');
}
