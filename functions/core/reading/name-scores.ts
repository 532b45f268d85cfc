/**
 * How strongly a word reads as a person's name, from compromise's lexicon and tagger and the
 * words around it (name-words.ts). Used by people.ts, which joins the words into names.
 */
import {
  coordinatorWords,
  determinerWords,
  personNouns,
  personSlot,
  personVerbs,
  placePrepWords,
  pronounsAfter,
  titles,
  toPerson,
} from './name-words.ts';
import { isNameInLexicon, lexiconClass, type TaggedTerm } from './names.ts';
import type { Doc, Span, Token } from './text.ts';
import type { Language } from './types.ts';
import { roleCompound, roleNoun } from './words.ts';

export function shapeOk(text: string, lowercaseMode: boolean, listed = false): boolean {
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

function lexName(text: string): boolean {
  return (
    isNameInLexicon(text) ||
    text.split('-').some((part) => part.length > 1 && isNameInLexicon(part))
  );
}

export interface Ctx {
  doc: Doc;
  lang: Language;
  tags: Map<number, TaggedTerm>;
  excluded: readonly Span[];
  /** Tokens (by start) whose context says they are not a name: coordination cannot lift them. */
  blocked: Set<number>;
}

const germanSubjects = new Set([
  'ich',
  'er',
  'sie',
  'wir',
  'ihr',
  'du',
  'habe',
  'hab',
  'hat',
  'haben',
  'ik',
  'hij',
  'ze',
  'zij',
  'we',
  'wij',
  'heb',
  'heeft',
  'hebben',
]);
const relativeAfter: Record<Language, RegExp> = {
  en: /^\s*,\s*who\b/u,
  de: /^\s*,\s*(?:der|die)\s+\p{Ll}/u,
  fr: /^\s*,\s*qui\b/u,
  es: /^\s*,\s*que\b/u,
  nl: /^\s*,\s*die\b/u,
};
const roleAfter = new RegExp(
  `^\\s*[,(]\\s*(?:(?:my|a|an|the|our|his|her|mein\\w*|mon|ma|mi|mijn|un|una|une|een|ein\\w*|la|le|el)\\s+)?(?:(?:old|former|ex|alter|alte|ehemalige\\w*|ancien\\w*|antigu\\w*|oude)[\\s-]+)?(?:${roleNoun.source.replace(/^\(\?<!\[\\p\{L\}'\]\)/u, '')})`,
  'u',
);

/** "in May", "May 3", "by June": the month, not the person. */
function dateContext(doc: Doc, token: Token): boolean {
  const before = doc.folded.slice(Math.max(0, token.start - 12), token.start);
  const after = doc.folded.slice(token.end, token.end + 8);
  return (
    /(?:\d|\b(?:in|on|of|until|till|by|next|last|this|early|mid|late|end|from|since|before|after|during))\s*$/u.test(
      before,
    ) || /^\s*(?:\d|i\b|we\b|you\b)/u.test(after)
  );
}

/** How strongly the word at `i` (of the sentence's tokens) reads as a name, before coordination. */
export function score(
  tokens: readonly Token[],
  i: number,
  ctx: Ctx,
  lowercaseMode: boolean,
): number {
  const token = tokens[i] as Token;
  const text = token.text.replace(/['’]s$/u, '');
  const cls = lexiconClass(text);
  const named = lexName(text);
  const prev = tokens[i - 1];
  const prevWord = prev?.fold ?? '';
  const personSlotHere = personSlot[ctx.lang];
  const determiners = determinerWords[ctx.lang];
  const placePreps = placePrepWords[ctx.lang];
  const gap = prev ? ctx.doc.body.slice(prev.end, token.start) : '';
  const attached = prev !== undefined && !/[,;:()\n—–-]|\p{Extended_Pictographic}/u.test(gap);
  const block = () => ctx.blocked.add(token.start);
  let s = 0;
  if (named) s += 3;
  else if (cls === 'place' || cls === 'organisation') s -= 2;
  else if (
    cls === 'date' &&
    ctx.lang === 'en' &&
    /^(?:april|may|june|august)$/u.test(token.fold) &&
    /^\p{Lu}/u.test(token.text) &&
    !dateContext(ctx.doc, token)
  ) {
    s += 0;
  } else if ((cls === 'date' || cls === 'function') && ctx.lang === 'en') {
    s -= 5;
    block();
  } else if (cls !== 'unknown') s -= 1;
  // The language's own small words ("mi", "de", "en") are never names.
  if (
    determiners.has(token.fold) ||
    placePreps.has(token.fold) ||
    coordinatorWords[ctx.lang].has(token.fold)
  ) {
    s -= 5;
    block();
  }
  const capital = /^\p{Lu}/u.test(token.text);
  if (capital && !token.initial && ctx.lang !== 'de') s += 1;
  if (
    token.initial &&
    !named &&
    !/^\s*(?:[-*•·]|\d+[.)]|\p{Extended_Pictographic}\uFE0F?)\s*$/u.test(
      ctx.doc.body
        .slice(Math.max(0, token.start - 6), token.start)
        .split('\n')
        .pop() ?? '',
    )
  )
    s -= 1;
  // "Skip this lesson", "Mark this as done": an imperative, not a name.
  if (
    token.initial &&
    ctx.lang === 'en' &&
    /^\s+(?:this|that|the|it|me|them|my|your|our|a|an)\b/u.test(
      ctx.doc.folded.slice(token.end, token.end + 8),
    )
  ) {
    s -= 4;
    block();
  }
  const tag = ctx.tags.get(token.start);
  if (tag) {
    if (tag.person) s += 2;
    if (tag.verb && !tag.person) {
      s -= 2;
      block();
    }
  }
  // "Amara Okafor": a capitalised word followed by another is the shape of a full name.
  const next = ctx.doc.body.slice(token.end, token.end + 20);
  if (
    capital &&
    ctx.lang !== 'de' &&
    (!token.initial || named) &&
    /^[ \t]+\p{Lu}\p{Ll}/u.test(next)
  )
    s += 1;
  if (
    token.initial &&
    !named &&
    ctx.lang === 'en' &&
    (cls === 'verb' || /(?:ing|ly)$/u.test(token.fold))
  )
    block();
  // "May said yes", "Will agreed": someone doing something.
  if (
    /^\s+(?:said|says|replied|agreed|wrote|answered|offered|suggested|is|was)\b/u.test(
      next.toLowerCase(),
    ) &&
    capital &&
    !token.initial
  )
    s += 2;
  if (relativeAfter[ctx.lang].test(next) || relativeAfter.en.test(next))
    s += ctx.lang === 'en' ? 2 : 1;
  if (roleAfter.test(ctx.doc.folded.slice(token.end, token.end + 40))) s += 2;
  if (attached && prev) {
    if (personSlotHere.has(prevWord)) {
      s +=
        prevWord === 'called' || prevWord === 'named'
          ? personNouns.test(ctx.doc.folded.slice(0, prev.start))
            ? 2
            : -2
          : 2;
    }
    if (
      determiners.has(prevWord) &&
      (!/^\p{Lu}/u.test(prev.text) || prev.initial || ctx.lang === 'de')
    ) {
      s -= 3;
      block();
    }
    if (placePreps.has(prevWord) && !named) {
      s -= 2;
      block();
    }
    // "from a conference", "of the team": what follows is a thing.
    if (
      /^\p{Lu}/u.test(prev.text) &&
      !prev.initial &&
      !titles.has(prevWord) &&
      ctx.lang !== 'de' &&
      !isNameInLexicon(prev.text)
    )
      block();
    if (roleNoun.test(prevWord)) s += 2;
    if (titles.has(prevWord)) s += 3;
    if (
      prevWord === 'is' &&
      /\bname\s*$/u.test(ctx.doc.folded.slice(Math.max(0, prev.start - 12), prev.start))
    )
      s += 2;
    if (toPerson.test(ctx.doc.folded.slice(Math.max(0, token.start - 30), token.start))) s += 2;
    if ((ctx.lang === 'de' || ctx.lang === 'nl') && roleCompound.test(prevWord)) s += 2;
  }
  if (!attached && prev) {
    // Apposition: "Leila's manager, Tom" / "la jefa de Laura, se llama Cristina".
    const window = ctx.doc.folded.slice(Math.max(0, token.start - 60), token.start);
    const clauseBefore = window.split(/[.!?]/u).pop() ?? '';
    if (
      /[,(—–-]\s*$/u.test(gap) &&
      (roleNoun.test(clauseBefore) ||
        ((ctx.lang === 'de' || ctx.lang === 'nl') && roleCompound.test(prevWord)))
    )
      s += 2;
    if (/[:(\n]|^\s*\d[.)]|[-*•]\s*$|\d[.)]\s*$/u.test(gap) || (lowercaseMode && /,/u.test(gap)))
      s += 1;
  }
  // A line that starts with a bullet or an emoji is a list item ("- Priya", "⏳ Priya next week").
  if (
    /(?:^|\n)[ \t]*(?:[-*•·]|\d+[.)]|\p{Extended_Pictographic}\uFE0F?)[ \t]*$/u.test(
      ctx.doc.body.slice(Math.max(0, token.start - 6), token.start),
    )
  )
    s += 2;
  // "Zoë here — …": the writer introducing themselves.
  if (token.initial && /^\s+here\b/u.test(ctx.doc.folded.slice(token.end, token.end + 6))) {
    s -= 5;
    block();
  }
  if (pronounsAfter.test(ctx.doc.folded.slice(token.end, token.end + 12))) s += 4;
  // German (and Dutch) put a person object before the verb: "habe ich Katrin getroffen".
  if (
    (ctx.lang === 'de' || ctx.lang === 'nl') &&
    capital &&
    !token.initial &&
    (germanSubjects.has(prevWord) || ctx.lang === 'nl') &&
    !determiners.has(prevWord) &&
    personVerbs.test(ctx.doc.folded.slice(token.end, token.end + 40))
  )
    s += 2;
  return s;
}
