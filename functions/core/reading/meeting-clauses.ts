/**
 * The stretch of a reply that decides whether one person was met: the clause the name is
 * in, cut again where "and" starts a new verb with a pronoun ("… con Andrea y me va a
 * presentar a Raúl"), and the shapes that mark a meeting without a verb of their own (a
 * recap's items, a bare list answering "who did you meet?").
 */

import { monthOf } from './date-words.ts';
import { fromWords, listFurniture, recapHeading } from './meeting-words.ts';
import { countWords } from './name-words.ts';
import type { NameHit } from './people.ts';
import type { Doc, Span } from './text.ts';

/** "and" followed by a pronoun, subject or object: what follows has a verb of its own. */
const newVerb =
  /(?<![\p{L}])(?:and|und|et|y|e|en|so|dann|puis|luego|daarna)\s+(?=(?:me|te|le|les|nos|se|lo|la|m'|mich|mir|uns|mij|hem|haar|she|he|they|she's|he's|they're|elle|il|ils|ella|el|ellos|ze|zij|hij|er|sie|wir|on|nous)(?![\p{L}]))/gu;

/** The part of the name's clause that is its own: from the last "and she"/"y me" before it to the next. */
export function ownSpan(doc: Doc, hit: NameHit): Span {
  const clause = doc.clauses[hit.clause];
  if (!clause) return { start: hit.start, end: hit.end };
  const sentence = ownSentence(doc, hit);
  let start = Math.max(clause.start, sentence.start);
  let end = Math.min(clause.end, sentence.end);
  // "mit Lea Braun (Zalando) gesprochen": a bracket does not end what is said of her.
  const bracket = /^\s*\([^()\n]{0,60}\)/u.exec(doc.body.slice(clause.end, clause.end + 64));
  if (bracket) {
    const after = clause.end + bracket[0].length;
    const next = doc.clauses.find((c) => c.start >= after && c.sentence === clause.sentence);
    if (next && /^[ \t]*\p{L}/u.test(doc.body.slice(after, next.end))) end = next.end;
  }
  const text = doc.folded.slice(start, end);
  const from = start;
  for (const match of text.matchAll(newVerb)) {
    const at = from + match.index;
    if (at + match[0].length <= hit.start) start = at + match[0].length;
    else if (at >= hit.end) {
      end = at;
      break;
    }
  }
  return { start, end };
}

/** Marks a name in a sentence reduced to its furniture. */
const NAME = 'qqnameqq';

/**
 * "2. Priya and Jordan", "Zwei: Reto und Nadine.", "Uno nomás, con Chuy del trabajo
 * anterior.", "Just Shaz and Big Dave this month 🙌": once the names are set aside, what is
 * left is only a count, "only", "with", "and", a vague time, and where someone is from.
 * "Emailed Anna and Tom." or "Met Willem heb ik alleen gemaild." say more than that.
 */
export function listAnswer(
  doc: Doc,
  sentenceIndex: number,
  futureCue: RegExp,
  hits: readonly NameHit[],
): boolean {
  const sentence = doc.sentences[sentenceIndex];
  if (!sentence) return false;
  let folded = doc.folded.slice(sentence.start, sentence.end);
  if (futureCue.test(folded)) return false;
  const own = hits.filter((h) => h.sentence === sentenceIndex).sort((x, y) => y.start - x.start);
  if (own.length === 0) return false;
  for (const h of own) {
    const from = h.start - sentence.start;
    folded = `${folded.slice(0, from)} ${NAME} ${folded.slice(h.end - sentence.start)}`;
  }
  const words = folded
    .replace(/\([^)]*\)/gu, ' ')
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter((w) => w !== '');
  let descriptor = 0;
  for (const [k, word] of words.entries()) {
    if (word === NAME) {
      descriptor = 0;
      continue;
    }
    if (descriptor > 0 && !listFurniture.has(word)) {
      descriptor--;
      continue;
    }
    // "Marcus from my old team", "Chuy del trabajo anterior": where the person is from.
    if (fromWords.has(word) && words[k - 1] === NAME) {
      descriptor = 4;
      continue;
    }
    if (!listFurniture.has(word) && !countWords.has(word) && !/^\d+$/u.test(word)) return false;
  }
  return true;
}

/**
 * "Bilan de décembre : déjeuner avec Hélène le 10, apéro avec Thomas": items under a recap's
 * heading, in the same sentence or on the lines after a heading of its own.
 */
export function underRecap(doc: Doc, hit: NameHit, month: number): boolean {
  for (let i = hit.sentence; i >= 0 && i >= hit.sentence - 4; i--) {
    const sentence = doc.sentences[i];
    if (!sentence) return false;
    // Only lines of a list carry a heading down to the name.
    if (i < hit.sentence && !/\n\s*$/u.test(doc.body.slice(sentence.start, sentence.end)))
      return false;
    const text = doc.folded.slice(sentence.start, sentence.end).trimStart();
    if (recapHeading.test(text) || pastMonthHeading(text, month)) return true;
  }
  return false;
}

/** A full stop the sentence splitter reads as a date's or ordinal's ("lesson 2. Huge", "7/04. Pour"). */
const missedStop = /[.!?…]["'’”»)]*\s+(?=\p{Lu})/gu;

/**
 * The part of the name's sentence between full stops the splitter passed over ("… because of
 * lesson 2. Huge thanks to Ben Carter …"), so a meeting in one is not lent to the other. A
 * stop after an initial or a title, or before a month ("am 3. Mai"), is none.
 */
export function ownSentence(doc: Doc, hit: NameHit): Span {
  const sentence = doc.sentences[hit.sentence];
  if (!sentence) return { start: hit.start, end: hit.end };
  let start = sentence.start;
  let end = sentence.end;
  for (const match of doc.body.slice(sentence.start, sentence.end).matchAll(missedStop)) {
    const at = sentence.start + match.index;
    const before = doc.body.slice(Math.max(sentence.start, at - 5), at);
    const next = /^\p{L}+/u.exec(doc.folded.slice(at + match[0].length))?.[0] ?? '';
    if (/(?:^|[\s(])(?:\p{Lu}|[Dd]r|[Mm]rs?|[Mm]s|[Pp]rof|[Ss]t|[Ss]ra?|M|[Mm]me)$/u.test(before))
      continue;
    if (monthOf(next) !== null) continue;
    if (at + match[0].length <= hit.start) start = at + match[0].length;
    else if (at >= hit.end) {
      end = at + 1;
      break;
    }
  }
  return { start, end };
}

const recapMonth =
  /^(?:(?:in|im|en|durante|during|over|for)\s+(?:de\s+maand\s+|el\s+mes\s+de\s+|le\s+mois\s+d'?\s*)?)?(\p{L}{3,})(?:\s+\d{4})?\s*[:–—-]/u;
const lastMonth =
  /^(?:last month|letzten monat|im letzten monat|le mois dernier|el mes pasado|vorige maand|afgelopen maand)\s*[:–—-]/u;

/**
 * "Im April: Kaffee mit Jonas …" written in May, "Last month: …": a heading naming a month
 * gone by (up to three back) opens a recap of what was done in it.
 */
function pastMonthHeading(text: string, month: number): boolean {
  if (lastMonth.test(text)) return true;
  const named = recapMonth.exec(text)?.[1] ?? '';
  if (/^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/u.test(named)) return false;
  const n = monthOf(named);
  if (n === null) return false;
  const back = (month - n + 12) % 12;
  return back >= 1 && back <= 3;
}

const thanks =
  /(?<![\p{L}])(?:thanks|thank you|thank|danke|merci|gracias|bedankt|dank)(?![\p{L}])[^,.;!?]*$/u;
const intro =
  /^[^,.;!?]*(?<![\p{L}])(?:intro|introduc\p{L}*|vorgestellt|vorstellen|vermittlung|vermittelt|presente\p{L}*|presenta\p{L}*|mise en relation|mis en relation|voorgesteld|voorstellen|connect\p{L}*|put (?:me|us) in touch|in contact gebracht)/u;

/** "Thanks to Anna I met Tom", "Grâce à Claire, j'ai vu Paul": the cause of a meeting. */
const owing = /(?<![\p{L}])(?:thanks to|grace a|gracias a|dank|dankzij)\s*$/u;

/**
 * "Huge thanks to Ben for introducing us", "gracias a Pilar por presentarnos", "Thanks to
 * Anna I met Tom": the introducer, or whoever made a meeting happen, was not met by it.
 */
export function thankedForIntro(doc: Doc, hit: NameHit, own: Span): boolean {
  const before = doc.folded.slice(Math.max(own.start, hit.start - 30), hit.start);
  const after = doc.folded.slice(hit.end, Math.min(own.end, hit.end + 50));
  return (
    (thanks.test(before) && intro.test(after)) ||
    (owing.test(before) && !/^\s*(?:for|fur|pour|por|voor)(?![\p{L}])/u.test(after))
  );
}

const countLead = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:\\d+|${[...countWords].join('|')}|eentje|einer|einen|uno|una|one|just one)(?![\\p{L}\\p{N}])(?:\\s+[\\p{L}'’-]+){0,4}\\s*[:(]`,
  'u',
);

const countLeads = new RegExp(countLead.source, 'gu');

/**
 * "3 meetings this month: K. Srinivasan, Bunty …", "drei Kaffees (Ole, Frau Schmitt und
 * Paul)", "Trois rencontres ce mois-ci : Sophie et Antoine": a count of meetings opening a
 * list, which answers "how many did you meet?". The name must be in that list, with no other
 * colon or bracket between the count and it; `future` rules out "Next two: …".
 */
export function countHeading(doc: Doc, hit: NameHit, future: (text: string) => boolean): boolean {
  const sentence = doc.sentences[hit.sentence];
  if (!sentence) return false;
  const before = doc.folded.slice(sentence.start, hit.start);
  const match = [...before.matchAll(countLeads)].at(-1);
  if (!match) return false;
  const heading = before.slice(0, match.index + match[0].length);
  const list = before.slice(match.index + match[0].length);
  // Initials and titles ("R. Mehta", "Ms. Iyer") end no sentence.
  const bare = list.replace(/(?<![\p{L}])(?:\p{L}|dr|mr|mrs|ms|prof|st|sr|sra|mme)\.(?=\s)/gu, '');
  if (/[:()]/u.test(list) || /[.!?]\s/u.test(bare)) return false;
  return !future(heading);
}
