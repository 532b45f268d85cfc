/**
 * The event a reply says the person will go to: a phrase ending in an event noun ("the
 * PyData London meetup", "Data Science Konferenz"), an event noun with its proper name after
 * it ("salon VivaTech", "meetup de Python Madrid", "Barcamp Hamburg"), or a proper name after
 * "going to", "signed up for", "ticket for", "inscrite au", "apuntado al" ("DevOpsDays
 * Chicago"). A cancelled, negated, past or merely asked-about event is not one.
 */
import type { FoundDate } from './dates.ts';
import { isNameInLexicon } from './names.ts';
import { type Doc, fold, type Span, type Token } from './text.ts';
import type { Language } from './types.ts';
import { cancelled, futureCue, negation, pastCue } from './words.ts';

const strongNouns = new Set(
  'meetup meetups meet-up conference conf summit expo exhibition mixer forum workshop symposium convention hackathon seminar webinar tradeshow festival fest awards barcamp bootcamp unconference celebration congress konferenz tagung messe kongress stammtisch netzwerktreffen veranstaltung salon congres conferencia congreso feria jornada jornadas encuentro conferentie beurs bijeenkomst borrel netwerkborrel evenement'.split(
    ' ',
  ),
);
const weakNouns = new Set(
  'night evening breakfast drinks lunch dinner social week day days session camp fair talk panel reception gathering party soiree rencontre rencontres event events evento'.split(
    ' ',
  ),
);
const industry =
  /^(?:networking|startup|start-up|industry|founders?|business|tech|fintech|women|design|product|data|ux|dev|developer|marketing|career|alumni|chamber|portfolio|demo|digital|ai|hr)$/u;
const boundary = new Set(
  "to at going go goes attend attending attended visit visiting picked pick chose chosen choose signed registered booked book up is are was were be been will would i i'm im we we're it it's its there here for on with by next last this that these those which who called named reply and or but so because as into onto from my our your their his her a an one some any hit found find try trying tried planning plan think hope want wanted decided decide check checking looked looking also just then already probably got ticket tickets every each any all jede jeden chaque cada elk ieder with mit avec con met vom von aus from zur zum zu fur das die der den dem ein eine einen ich mich habe gehe au a la le les un une je me suis vais al el los las me he voy naar het de een ik ga heb voor".split(
    ' ',
  ),
);
const leadIn =
  /\b(?:going to|go to|goes to|attend(?:ing)?|signed up (?:for|to)|sign up for|registered (?:for|to)|register for|booked(?: a ticket| tickets)?(?: for| to| into)?|ticket (?:for|to)|tickets (?:for|to)|heading to|off to|try|trying|picked|chose|inviting me to|invited me to|one that fits best is|the big one is|gehe (?:zu[mr]?|auf)|angemeldet (?:fur|bei)|anmelden (?:fur|bei)|vais (?:au|a la|aux)|irai (?:au|a la)|inscrit(?:e)? (?:au|a la|aux)|voy (?:al|a la|a)|ire (?:al|a la)|apuntado (?:al|a la)|inscrito (?:al|a la|en)|ga naar|ingeschreven (?:voor|bij)|aangemeld (?:voor|bij))\s+(?:the\s+|het\s+|de\s+|das\s+|die\s+|den\s+)?$/u;

function isEventNoun(t: Token | undefined, strongOnly = false): 'strong' | 'weak' | null {
  if (!t) return null;
  const word = t.fold.replace(/^.*-/u, '');
  if (strongNouns.has(word) || [...strongNouns].some((n) => n.length > 4 && t.fold.endsWith(n)))
    return 'strong';
  if (!strongOnly && weakNouns.has(word)) return 'weak';
  return null;
}

const capitalised = (t: Token) => /^[\p{Lu}\p{N}]/u.test(t.text);

/** The event named in one sentence, as written, or null. */
function eventIn(doc: Doc, tokens: readonly Token[], lead: boolean, lang: Language): string | null {
  const text = (from: number, to: number) =>
    doc.body.slice(tokens[from]?.start ?? 0, tokens[to]?.end ?? 0);
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
      if (/[,;:.!?()\n]/u.test(gap)) break;
      if (capitalised(t) && !/^\d{1,2}$/u.test(t.text)) {
        last = j;
        j++;
      } else if (
        /^(?:de|la|du|del|des)$/u.test(t.fold) &&
        tokens[j + 1] &&
        (capitalised(tokens[j + 1] as Token) || /^(?:la|l)$/u.test(tokens[j + 1]?.fold ?? ''))
      ) {
        j++;
      } else break;
    }
    // Backward: "the PyData London meetup", "Women in Tech networking night".
    let the = false;
    for (let k = i - 1; k >= 0 && i - k < 8; k--) {
      const t = tokens[k] as Token;
      const gap = doc.body.slice(t.end, tokens[k + 1]?.start ?? 0);
      if (/[,;:.!?()\n—–]|\p{Extended_Pictographic}|\u2705|\u274c/u.test(gap)) break;
      if (t.fold === 'the') {
        the = true;
        break;
      }
      if (boundary.has(t.fold) || /^\d/u.test(t.fold)) break;
      first = k;
    }
    while (first < i && /^(?:of|in|for|and|the|de)$/u.test(tokens[first]?.fold ?? '')) first++;
    const modifiers = tokens.slice(first, i);
    if (
      kind === 'weak' &&
      last === i &&
      !modifiers.some((m) => (capitalised(m) && !m.initial) || industry.test(m.fold))
    )
      continue;
    // "I know Tomasz from a conference", "vom Wiener Stammtisch": where someone is from.
    const origin = doc.folded.slice(
      Math.max(0, (tokens[first]?.start ?? 0) - 14),
      tokens[first]?.start ?? 0,
    );
    if (
      /(?:^|\s)(?:from|vom|von|aus|de la|du|del|van de|van het|uit)\s+(?:the\s+|a\s+|an\s+|der\s+|dem\s+|einem\s+|la\s+|le\s+|el\s+|un\s+|une\s+|het\s+|de\s+|een\s+)?$/u.test(
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
    return `${the ? 'the ' : ''}${text(first, last)}`;
  }
  // A proper name after a lead-in: "Registered for DevOpsDays Chicago", "going to PyCon".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!capitalised(t) || !leadIn.test(doc.folded.slice(Math.max(0, t.start - 40), t.start)))
      continue;
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
    if (j > i || /\p{Lu}.*\p{Lu}/u.test(name)) return name;
  }
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

/** Words that make a capitalised name an event's ("DevOpsDays", "PyCon", "Summit"). */
const eventWord =
  /(?:con|conf|summit|meetup|meet-up|days?|camp|fest|festival|expo|forum|week|night|hack|fair|messe|salon|congres|congreso|beurs|talks?|live|world|connect)\b/u;

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
    if (cancelled[lang].test(folded) || cancelled.en.test(folded)) continue;
    const own = dates.filter(
      (d) => d.start >= sentence.start && d.start < sentence.end && d.precise && !d.bound,
    );
    if (own.some((d) => d.past) && !own.some((d) => !d.past)) continue;
    if (
      pastCue[lang].test(folded) &&
      !futureCue[lang].test(folded) &&
      !own.some((d) => !d.past) &&
      !/\b(?:booked|signed up|registered|got my ticket|angemeldet|inscrite?|apuntado|ingeschreven|picked)\b/u.test(
        folded,
      )
    )
      continue;
    const question =
      /\?\s*$/u.test(sentence.text) &&
      /^\W*(?:what|which|would|does|do|is|are|can|should|zahlt|ist|est-ce|qu|un|una|telt|is|wat|welke|¿)/u.test(
        folded.trimStart(),
      );
    if (question) continue;
    const tokens = doc.tokens.filter((t) => t.sentence === index);
    const name = eventIn(doc, tokens, lesson3 && index === 0, lang);
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
