/**
 * How strongly a word reads as a person's name, from compromise's lexicon and tagger and the
 * words around it (name-words.ts). Used by people.ts, which joins the words into names.
 */

import { givenName } from './given-names.ts';
import {
  articleName,
  attachedSlot,
  dateContext,
  lexName,
  monthSubject,
  namedAsPick,
  opensSentence,
  placeContext,
} from './name-context.ts';
import { neverAName } from './name-vetoes.ts';
import {
  contactVerbs,
  coordinatorWords,
  determinerWords,
  fromPerson,
  germanSubjects,
  inParticleVerbs,
  onlyWords,
  personNouns,
  personVerbs,
  placeOnlyPreps,
  placePrepWords,
  pronounsAfter,
  relativeAfter,
  roleAfter,
  titles,
  toPerson,
  wordNames,
} from './name-words.ts';
import { isNameInLexicon, lexiconClass, type TaggedTerm } from './names.ts';
import type { Doc, Span, Token } from './text.ts';
import type { Language } from './types.ts';
import { roleCompound, roleNoun } from './words.ts';

export interface Ctx {
  doc: Doc;
  lang: Language;
  tags: Map<number, TaggedTerm>;
  excluded: readonly Span[];
  /** Tokens (by start) whose context says they are not a name: coordination cannot lift them. */
  blocked: Set<number>;
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
  const named = lexName(text) || givenName(text, ctx.lang);
  const prev = tokens[i - 1];
  const prevWord = prev?.fold ?? '';
  const determiners = determinerWords[ctx.lang];
  const placePreps = placePrepWords[ctx.lang];
  const gap = prev ? ctx.doc.body.slice(prev.end, token.start) : '';
  const attached = prev !== undefined && !/[,;:()\n—–-]|\p{Extended_Pictographic}/u.test(gap);
  const block = () => ctx.blocked.add(token.start);
  const slotBefore = attachedSlot(ctx.doc, ctx.lang, prev, gap);
  if (neverAName(ctx.doc, ctx.lang, token, lowercaseMode, named, slotBefore)) {
    block();
    return -5;
  }
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
    if (monthSubject(ctx.doc, token)) s += 3;
  } else if ((cls === 'date' || cls === 'function') && ctx.lang === 'en') {
    s -= 5;
    block();
  } else if (
    cls === 'date' &&
    slotBefore &&
    /^\p{Lu}\p{Ll}/u.test(token.text) &&
    !/^\s*\d/u.test(ctx.doc.body.slice(token.end, token.end + 4))
  ) {
    // "mit Jan", "avec Jan": the English lexicon's month is a given name elsewhere.
    s += 1;
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
    if (tag.verb && !tag.person && !(slotBefore && capital && !token.initial)) {
      s -= 2;
      block();
    }
  }
  // "Amara Okafor": a capitalised word followed by another is the shape of a full name.
  const next = ctx.doc.body.slice(token.end, token.end + 20);
  const following = tokens[i + 1];
  if (
    capital &&
    following &&
    /^[ \t]+$/u.test(ctx.doc.body.slice(token.end, following.start)) &&
    /^\p{Lu}\p{Ll}/u.test(following.text) &&
    lexiconClass(following.text) === 'last-name'
  )
    s += 2;
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
  if (placeContext(ctx.doc, ctx.lang, tokens, i) && cls !== 'first-name') {
    s -= 3;
    block();
  }
  // "Just Shaz and Big Dave", "Alleen Bram": the word after an opening "only" is a name.
  if (
    prev &&
    onlyWords.has(prevWord) &&
    (prev.initial || /:\s*$/u.test(ctx.doc.body.slice(Math.max(0, prev.start - 3), prev.start))) &&
    (capital || lowercaseMode)
  )
    s += 2;
  // "Kaffee mit Petra", "Coffee with Jo": the word before "with" names the occasion.
  if (
    !named &&
    /^[ \t]+(?:with|mit|avec|con|met)[ \t]+\p{L}/u.test(
      ctx.doc.folded.slice(token.end, token.end + 12),
    )
  ) {
    s -= 3;
    block();
  }
  if (attached && prev) {
    // "email Support": after a verb of getting in touch, an ordinary word is no name.
    const deskWord =
      contactVerbs.has(prevWord) &&
      (cls === 'word' || cls === 'verb') &&
      !wordNames.has(token.fold);
    if (slotBefore && !deskWord) {
      s +=
        prevWord === 'called' || prevWord === 'named'
          ? personNouns.test(ctx.doc.folded.slice(0, prev.start))
            ? 2
            : -2
          : 2;
    }
    const article = articleName(ctx.doc, ctx.lang, tokens, i, lowercaseMode);
    if (article) s += 2;
    else if (
      determiners.has(prevWord) &&
      (!/^\p{Lu}/u.test(prev.text) || prev.initial || ctx.lang === 'de')
    ) {
      s -= 3;
      block();
    }
    const fromSomeone =
      /^(?:from|von|vom|de|d'|del|van)$/u.test(prevWord) &&
      fromPerson.test(ctx.doc.folded.slice(Math.max(0, token.start - 40), token.start));
    if (fromSomeone) s += 2;
    else if (placePreps.has(prevWord) && !named && !slotBefore) {
      s -= 2;
      block();
    }
    // "events in Sydney", "a walk round Victoria Park": a place, whatever else the word can be.
    if (
      placeOnlyPreps[ctx.lang].has(prevWord) &&
      !/['’]s$/u.test(token.text) &&
      !inParticleVerbs.test(tokens[i - 2]?.fold ?? '')
    ) {
      s -= 5;
      block();
    }
    // "from a conference", "of the team": what follows is a thing.
    if (
      /^\p{Lu}/u.test(prev.text) &&
      !opensSentence(ctx.doc, prev) &&
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
  if (capital && !token.initial && namedAsPick(ctx.doc, token)) s += 2;
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
