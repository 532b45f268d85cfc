/**
 * The event a reply says the person will go to: a phrase ending in an event noun ("the
 * PyData London meetup", "Data Science Konferenz"), an event noun with its proper name after
 * it ("salon VivaTech", "meetup de Python Madrid", "Barcamp Hamburg"), or a proper name after
 * "going to", "signed up for", "ticket for", "inscrite au", "apuntado al" ("DevOpsDays
 * Chicago"), or, in German, French, Spanish and Dutch, after signing up or going
 * (event-frames.ts). A cancelled, negated, past or merely asked-about event is not one.
 */
import { planDroppedAt } from './date-tense.ts';
import type { FoundDate } from './dates.ts';
import { framedEvent, isVenue, punctuatedBrand } from './event-frames.ts';
import {
  boundary,
  eventWord,
  generic,
  industry,
  leadIn,
  none,
  nounKind,
  runs,
} from './event-words.ts';
import { isNameInLexicon, lexiconClass } from './names.ts';
import { type Doc, fold, type Span, type Token, tokensBySentence } from './text.ts';
import type { Language } from './types.ts';
import { cancelled, futureCue, negation, pastCue } from './words.ts';

function isEventNoun(t: Token | undefined, strongOnly = false): 'strong' | 'weak' | null {
  if (!t) return null;
  const kind = nounKind(t.fold);
  return strongOnly && kind === 'weak' ? null : kind;
}

const capitalised = (t: Token) => /^[\p{Lu}\p{N}]/u.test(t.text);

/** The event named in one sentence, as written, or null. */
function eventIn(
  doc: Doc,
  tokens: readonly Token[],
  lead: boolean,
  lang: Language,
  taken: readonly Span[],
  strong: boolean,
): string | null {
  const text = (from: number, to: number) =>
    doc.body.slice(tokens[from]?.start ?? 0, tokens[to]?.end ?? 0);
  let fallback: string | null | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const kind = isEventNoun(tokens[i]);
    if (!kind) continue;
    let first = i;
    let last = i;
    while (
      isEventNoun(tokens[last + 1]) &&
      doc.body.slice(tokens[last]?.end ?? 0, tokens[last + 1]?.start ?? 0).trim() === ''
    )
      last++;
    // "a meetup called Design Drinks": the proper name wins.
    if (/^(?:called|named)$/u.test(tokens[last + 1]?.fold ?? '')) {
      let end = last + 2;
      while (tokens[end] && capitalised(tokens[end] as Token) && end < last + 7) end++;
      if (end > last + 2) return text(last + 2, end - 1);
    }
    // Forward: "salon VivaTech", "Salon de la Data", "meetup de Python Madrid", "Barcamp Hamburg".
    let j = last + 1;
    while (tokens[j]) {
      const t = tokens[j] as Token;
      const gap = doc.body.slice(tokens[j - 1]?.end ?? 0, t.start);
      // "Grace Hopper Celebration Oct 20": the date is when, not part of the name.
      if (/[,;:.!?()\n]/u.test(gap) || taken.some((s) => t.start < s.end && s.start < t.end)) break;
      const next = tokens[j + 1];
      // "webinaire de l'APEC": an elided article before a name is part of it.
      const named = capitalised(t) || /^[ld]['’]\p{Lu}/u.test(t.text);
      if (named && !/^\d{1,2}$/u.test(t.text) && !/^i(?:'\p{L}+)?$/u.test(t.fold)) {
        last = j;
        j++;
      } else if (
        /^(?:de|la|du|del|des)$/u.test(t.fold) &&
        next &&
        (capitalised(next) || /^(?:la|l)$/u.test(next.fold) || /^[ld]['’]\p{Lu}/u.test(next.text))
      ) {
        j++;
      } else if (
        // "the afterwork van Dutch Founders", "meetup of Women in Product": whose event it is.
        /^(?:van|of|von)$/u.test(t.fold) &&
        next &&
        capitalised(next) &&
        !isNameInLexicon(next.text)
      ) {
        j++;
      } else if (
        // "l'apéro networking du Wagon": the kind of event, then whose.
        industry.test(t.fold) &&
        j === last + 1 &&
        /^(?:de|du|del|des|van|of|von)$/u.test(next?.fold ?? '')
      ) {
        j++;
      } else break;
    }
    // Backward: "the PyData London meetup", "Women in Tech networking night".
    let the = false;
    let negated = false;
    for (let k = i - 1; k >= 0 && i - k < 8; k--) {
      const t = tokens[k] as Token;
      const gap = doc.body.slice(t.end, tokens[k + 1]?.start ?? 0);
      if (/[,;:.!?()\n—–]|\p{Extended_Pictographic}|\u2705|\u274c/u.test(gap)) break;
      if (t.fold === 'the') {
        the = true;
        break;
      }
      if (none.test(t.fold)) {
        negated = true;
        break;
      }
      if (boundary.has(t.fold) || /^\d/u.test(t.fold)) break;
      first = k;
    }
    if (negated) continue;
    while (first < i && /^(?:of|in|for|and|the|de)$/u.test(tokens[first]?.fold ?? '')) first++;
    const modifiers = tokens.slice(first, i);
    if (
      kind === 'weak' &&
      last === i &&
      !modifiers.some((m) => (capitalised(m) && !m.initial) || industry.test(m.fold))
    )
      continue;
    // "I know Tomasz from a conference", "vom Wiener Stammtisch": where someone is from.
    // "Paul de l'afterwork": the elided article belongs before the name.
    const elision = /^(?:l|d)'/u.exec(tokens[first]?.fold ?? '')?.[0].length ?? 0;
    const origin = doc.folded.slice(
      Math.max(0, (tokens[first]?.start ?? 0) - 14),
      (tokens[first]?.start ?? 0) + elision,
    );
    if (
      /(?:^|\s)(?:from|vom|von|aus|de la|du|del|van de|van het|uit)\s+(?:the\s+|a\s+|an\s+|der\s+|dem\s+|einem\s+|la\s+|le\s+|el\s+|un\s+|une\s+|het\s+|de\s+|een\s+)?$|(?:^|\s)de\s+l'$/u.test(
        origin,
      )
    )
      continue;
    if (kind === 'weak' && modifiers.length === 0 && last === i) continue;
    // "volgende week", "next week", "nächste Woche": a time, not an event.
    if (
      kind === 'weak' &&
      /^(?:next|this|last|every|volgende|vorige|deze|nachste|letzte|diese|jede|prochaine|derniere|cette|proxima|pasada|esta)$/u.test(
        tokens[i - 1]?.fold ?? '',
      )
    )
      continue;
    if (
      /^(?:a|an|ein|eine|un|une|una|een)$/u.test(tokens[first - 1]?.fold ?? '') &&
      modifiers.length === 0 &&
      last === i &&
      !lead
    )
      continue;
    if (isVenue(tokens.slice(first, last + 1))) continue;
    // "Rob, who runs the Brisbane meetup": someone's role, not the writer going.
    if (
      runs.test(
        doc.folded.slice(Math.max(0, (tokens[first]?.start ?? 0) - 30), tokens[first]?.start ?? 0),
      )
    )
      continue;
    // "about four conferences a year", "first big conference I've done": what kind, not which.
    // A proper name after a lead-in in the same sentence wins over such a description.
    const named = tokens
      .slice(first, last + 1)
      .some(
        (m) =>
          capitalised(m) && m.start > (tokens[0]?.start ?? 0) && !/^i(?:'\p{L}+)?$/u.test(m.fold),
      );
    if (!named && !the && tokens.slice(Math.max(0, i - 3), i).some((m) => generic.test(m.fold))) {
      fallback ??= null;
      continue;
    }
    if (!named && !the && fallback === undefined) {
      fallback = `${text(first, last).slice(elision)}`;
      continue;
    }
    // "l'afterwork de la French Tech": the name starts after the elided article.
    return `${the ? 'the ' : ''}${text(first, last).slice(elision)}`;
  }
  // A proper name after a lead-in: "Registered for DevOpsDays Chicago", "going to PyCon".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    // "going to re:publica", "registered for hub.berlin": a brand in lower case.
    const brandEnd = capitalised(t) ? -1 : punctuatedBrand(doc, tokens, i);
    if (!capitalised(t) && brandEnd < 0) continue;
    if (!leadIn.test(doc.folded.slice(Math.max(0, t.start - 40), t.start))) continue;
    if (brandEnd >= 0) return text(i, brandEnd);
    let j = i;
    while (
      tokens[j + 1] &&
      capitalised(tokens[j + 1] as Token) &&
      doc.body.slice(tokens[j]?.end ?? 0, tokens[j + 1]?.start ?? 0).trim() === ''
    )
      j++;
    const name = text(i, j);
    // "I picked Sam Okafor": a person's name after "picked", not an event's.
    if (isNameInLexicon(t.text) && !eventWord.test(fold(name))) continue;
    if (isVenue(tokens.slice(i, j + 1))) continue;
    // "going to New York": a place, unless the name says event or brand ("PyCon", "ProductTank").
    if (
      /\b(?:going|go|goes|heading|off) to\s+(?:the\s+)?$/u.test(
        doc.folded.slice(Math.max(0, t.start - 20), t.start),
      ) &&
      lexiconClass(tokens[j]?.text ?? '') === 'place' &&
      !eventWord.test(fold(name)) &&
      !/\p{Ll}\p{Lu}/u.test(name)
    )
      continue;
    if (j > i || /\p{Lu}.*\p{Lu}/u.test(name)) return name;
  }
  const framed = framedEvent(doc, tokens, lang, taken, strong || lead);
  if (framed) return framed;
  if (fallback) return fallback;
  // Answering lesson 3 with just a name ("PyCon US", "TechCrunch Disrupt, Oct 28").
  if (lead && tokens.length <= 6 && tokens[0] && capitalised(tokens[0]) && lang !== 'de') {
    let j = 0;
    while (
      tokens[j + 1] &&
      (capitalised(tokens[j + 1] as Token) ||
        /^(?:of|in|for|and|de)$/u.test(tokens[j + 1]?.fold ?? '')) &&
      doc.body.slice(tokens[j]?.end ?? 0, tokens[j + 1]?.start ?? 0).trim() === ''
    )
      j++;
    while (j > 0 && /^(?:of|in|for|and|de)$/u.test(tokens[j]?.fold ?? '')) j--;
    const name = text(0, j);
    if (j > 0 || /\p{Lu}.*\p{Lu}/u.test(name)) return name;
  }
  return null;
}

export interface FoundEvent {
  name: string;
  date: string | null;
  span: Span;
}

/**
 * The first event the reply plans to attend. `lesson3` marks a reply to the events lesson,
 * where a bare proper name ("PyCon US") is the answer.
 */
export function findEvent(
  doc: Doc,
  dates: readonly FoundDate[],
  lang: Language,
  lesson3: boolean,
): FoundEvent | null {
  for (const [index, sentence] of doc.sentences.entries()) {
    const folded = doc.folded.slice(sentence.start, sentence.end);
    let tokens = (tokensBySentence(doc)[index] ?? []).slice();
    // "The meetup is off, but I'm going to PyCon": a cancellation holds until a "but".
    if (cancelled[lang].test(folded) || cancelled.en.test(folded)) {
      tokens = tokens.filter((t) => !planDroppedAt(doc, t.start, lang, false));
      if (tokens.length === 0) continue;
    }
    const own = dates.filter(
      (d) => d.start >= sentence.start && d.start < sentence.end && d.precise && !d.bound,
    );
    if (own.some((d) => d.past) && !own.some((d) => !d.past)) continue;
    if (
      pastCue[lang].test(folded) &&
      !futureCue[lang].test(folded) &&
      !own.some((d) => !d.past) &&
      !/\b(?:booked|signed up|registered|got (?:my |a )?tickets?|bought (?:my |a )?tickets?|angemeldet|registriert|inscrite?|billets?|apuntad[oa]|inscrit[oa]|inscribi|anot(?:e|ad[oa])|entradas?|ingeschreven|aangemeld|kaartjes?|picked)\b/u.test(
        folded,
      )
    )
      continue;
    const question =
      /\?\s*$/u.test(sentence.text) &&
      /^\W*(?:what|which|would|does|do|is|are|can|should|zahlt|ist|est-ce|qu|un|una|telt|is|wat|welke|¿|(?:any|anyone|know|recommend|gibt|kennst|kennt|irgendwelche|connais|connaissez|hay|conoces|algun|alguna|zijn|ken|kent|weet)\b)/u.test(
        folded.trimStart(),
      );
    if (question) continue;
    const taken = dates.map((d) => ({ start: d.start, end: d.end }));
    const dated = own.some((d) => !d.past);
    const name = eventIn(doc, tokens, lesson3 && index === 0, lang, taken, lesson3 || dated);
    if (!name) continue;
    const at = doc.body.indexOf(name, sentence.start);
    const span = { start: at, end: at + name.length };
    // "booked for 14 December": a date is when, not what.
    if (dates.some((d) => d.start < span.end && d.end > span.start)) continue;
    const clause = doc.clauses.find((c) => at >= c.start && at < c.end);
    const near = doc.folded.slice(clause?.start ?? sentence.start, at);
    if (negation[lang].test(near) || negation.en.test(near)) continue;
    const future = own.filter((d) => !d.past);
    const date = future.find((d) => d.start >= at) ?? future[0] ?? null;
    return { name, date: date?.iso ?? null, span };
  }
  return null;
}
