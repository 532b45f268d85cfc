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
import { type Ctx, score, shapeOk } from './name-scores.ts';
import { coordinators, coordinatorWords, particles, personSlot, titles } from './name-words.ts';
import { englishTags, isNameInLexicon, lexiconClass } from './names.ts';
import type { Doc, Span, Token } from './text.ts';
import type { Language } from './types.ts';
import { roleNoun } from './words.ts';

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
  return doc.tokens.filter(
    (t) => t.sentence === sentence && !excluded.some((e) => t.start < e.end && e.start < t.end),
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
  for (const [index] of doc.sentences.entries()) {
    const tokens = sentenceTokens(doc, index, excluded);
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
      if (titles.has((tokens[i - 1] as Token).fold) && /^\p{Lu}/u.test((tokens[i] as Token).text)) {
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
      if (
        confirmed > 0 &&
        s === 1 &&
        /^\p{Lu}/u.test(token.text) &&
        lang !== 'de' &&
        !ctx.blocked.has(token.start)
      )
        s += 1;
      if (s < 2) continue;
      // Part of a proper name that is not a person's ("São Paulo", "Deutsche Bahn").
      const before = tokens[i - 1];
      if (
        lang !== 'de' &&
        before &&
        !before.initial &&
        /^\p{Lu}/u.test(before.text) &&
        /^[ \t]+$/u.test(doc.body.slice(before.end, token.start)) &&
        !titles.has(before.fold) &&
        !roleNoun.test(before.fold) &&
        (final[i - 1] ?? 0) < 2
      )
        continue;
      const prev = tokens[i - 1];
      // A run of capitalised words (and particles) is one name.
      let j = i + 1;
      const parts = [token.text];
      while (j < tokens.length && parts.length < 4) {
        const next = tokens[j] as Token;
        const gap = doc.body.slice((tokens[j - 1] as Token).end, next.start);
        if (!/^[ \t]+$/u.test(gap) || /['’]s$/u.test((tokens[j - 1] as Token).text)) break;
        const isParticle =
          particles.has(next.fold) &&
          tokens[j + 1] &&
          /^\p{Lu}/u.test((tokens[j + 1] as Token).text);
        const cap =
          /^\p{Lu}(?:\p{Ll}|['’]\p{Lu})/u.test(next.text) ||
          (/^\p{Lu}\p{Ll}?$/u.test(next.text) && next.text.length <= 3);
        if (!isParticle && !cap) break;
        const cls = lexiconClass(next.text);
        const afterParticle = particles.has((tokens[j - 1] as Token).fold);
        if (
          !isParticle &&
          !afterParticle &&
          (cls === 'date' ||
            cls === 'function' ||
            cls === 'place' ||
            (lang === 'de' && !isNameInLexicon(next.text) && !titles.has(prev?.fold ?? '')))
        )
          break;
        parts.push(next.text);
        j++;
      }
      let name = parts.join(' ').replace(/['’]s$/u, '');
      if (
        prev &&
        titles.has(prev.fold) &&
        doc.body.slice(prev.end, token.start).trim() ===
          '.'.repeat(doc.body.slice(prev.end, token.start).trim().length)
      ) {
        name = `${doc.body.slice(prev.start, token.start).trim()} ${name}`;
      }
      const last = tokens[j - 1] as Token;
      const after = doc.folded.slice(last.end, last.end + 24);
      const lead = doc.folded.slice(Math.max(0, token.start - 40), token.start);
      const genitive =
        /^['’]s\b/u.test(doc.body.slice(last.end - 2, last.end + 1).slice(-3)) ||
        /['’]s$/u.test(last.text) ||
        ((lang === 'de' || lang === 'nl') &&
          /s$/u.test(last.text) &&
          !isNameInLexicon(last.text) &&
          isNameInLexicon(last.text.slice(0, -1)) &&
          /^\s+\p{L}/u.test(after));
      const ofRole =
        /(?:^|\s)(?:of|de|d'|van|von|del)\s*$/u.test(lead) &&
        roleNoun.test(lead.split(/[,.;:!?]/u).pop() ?? '');
      const rejected =
        /(?:^|[\s(])(?:not|nicht|pas|no|niet)\s*$/u.test(lead) &&
        (prev === undefined || prev.initial);
      hits.push({
        name,
        start: token.start,
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

/** Keeps the first spelling of each name and prefers "Sam Lee" over a separate "Sam". */
export function mergeNames(found: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of found) {
    const key = name.toLowerCase();
    const first = key.split(' ')[0];
    const existing = out.findIndex((n) => {
      const other = n.toLowerCase();
      return (
        other === key ||
        (other.split(' ')[0] === first &&
          (other.split(' ').length === 1 || key.split(' ').length === 1))
      );
    });
    if (existing === -1) out.push(name);
    else if ((out[existing] ?? '').split(' ').length < name.split(' ').length) out[existing] = name;
  }
  return out;
}

/** Title-cases a name written in lower case ("priya" → "Priya", "sarah-jane" → "Sarah-Jane"). */
export function nameCase(name: string): string {
  return name.replace(
    /(^|[\s'’-])(\p{Ll})/gu,
    (_, sep: string, ch: string) => sep + ch.toUpperCase(),
  );
}
