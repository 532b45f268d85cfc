/**
 * What the reply asks the course to do. A command is taken from anywhere in the reply, in
 * paraphrase and in the five languages (command-phrases.ts), unless it is quoted, reported
 * ("my husband said I should reply STOP"), joked or taken back in the same reply ("STOP!
 * haha no"), negated ("don't stop"), or asked about for later ("how do I unsubscribe?",
 * "can I pause in the summer if needed?"); a polite request for now ("can you pause until
 * Monday?") is meant. A plain stop is honoured at once; a stop with an end is a pause. A
 * pause takes its end from anywhere in the reply.
 */
import { isOutOfOffice, untilOf } from './absence.ts';
import type { Today } from './calendar.ts';
import { backWord, endSentence, type FoundCommand, returnAhead, settle } from './command-ends.ts';
import {
  absence,
  howTo,
  ifNeeded,
  laughing,
  mayI,
  notNow,
  onCondition,
  ordinaryStop,
  pastLead,
  politeCondition,
  reported,
  resumeLater,
  someday,
  takenBack,
  takenBackInterjection,
  takenBackStrict,
} from './command-guards.ts';
import { commandPatterns, onlyPoliteness, precedence } from './command-phrases.ts';
import { MAX_DAYS_AHEAD } from './date-mentions.ts';
import type { FoundDate } from './dates.ts';
import { gramsOf, literalStarts, mayHold } from './literal-starts.ts';
import { paceVerdict, slowIsSelf } from './pace-phrases.ts';
import { type Doc, inside } from './text.ts';
import type { Language, ReplyCommand } from './types.ts';
import { negation } from './words.ts';

export type { FoundCommand } from './command-ends.ts';

export interface CommandReading {
  command: ReplyCommand | null;
  until: string | null;
  /** The reply reads as an out-of-office note. */
  outOfOffice: boolean;
  found: FoundCommand[];
}

const neverAfterQuestion =
  /^\s*(?:\p{Extended_Pictographic}\s*)*[¡!]?\s*(?:never|no way|nope|no chance|niemals|nie|auf keinen fall|keinesfalls|jamais|pas question|jamas|nunca|ni hablar|de ninguna manera|echt niet|nooit|geen sprake van|no)\b/u;

/** Whether a match at [start, end) in sentence `s` is meant as a command. */
function meant(
  doc: Doc,
  s: number,
  start: number,
  end: number,
  command: ReplyCommand,
  lang: Language,
): boolean {
  const sentence = doc.sentences[s];
  if (!sentence) return false;
  const folded = doc.folded;
  if (doc.quotes.some((q) => inside(q, start))) return false;
  const lead = folded.slice(sentence.start, start);
  if (reported.test(lead)) return false;
  const whole = folded.slice(sentence.start, sentence.end);
  if (askedForLater(doc, s, whole, start)) return false;
  if (command === 'not-yet' && answersCommandQuestion(doc, s)) return false;
  if (command === 'pause' && pastLead.test(lead)) return false;
  const match = folded.slice(start, end);
  if (command === 'faster' && slowIsSelf(folded, start, end)) return false;
  // "accélérez, une leçon par semaine c'est trop lent": the verdict, not the rhythm, asks.
  if (command === 'faster' || command === 'slower') {
    const verdict = paceVerdict(whole);
    if (verdict !== null && verdict !== command) return false;
  }
  if (command === 'resume' && conditionalReturn.test(folded.slice(sentence.start, start)))
    return false;
  if (command === 'done' && leadsOn(folded.slice(end, sentence.end))) return false;
  if (command === 'stop' && ordinaryStop.test(folded.slice(start, end + 30))) return false;
  if (command !== 'not-yet' && !negation[lang].test(match) && !negation.en.test(match)) {
    const clause = doc.clauses.find((c) => start >= c.start && start < c.end);
    const near = folded.slice(Math.max(clause?.start ?? sentence.start, start - 25), start);
    if (negation[lang].test(near) || /\b(?:don't|dont|do not|never|no need to)\s*$/u.test(near))
      return false;
  }
  // Taken back or joked: a laugh, "just kidding", "actually no" soon after.
  const rest = doc.body.slice(end, end + 90);
  const back = command === 'stop' ? takenBack : takenBackStrict;
  const following = foldedRest(folded, end);
  if (back.test(following)) return false;
  if (command === 'stop' && (laughing.test(rest) || takenBackInterjection.test(following)))
    return false;
  // "Abmelden? Niemals!"
  if (/^[^.!?\n]{0,20}\?/u.test(doc.body.slice(end, end + 22))) {
    const after = folded.slice(folded.indexOf('?', end) + 1, end + 60);
    if (neverAfterQuestion.test(after)) return false;
  }
  return true;
}

/** "wenn ich wieder da bin", "once I'm back", "quand je serai de retour": a return still to come. */
const conditionalReturn =
  /(?<![\p{L}])(?:wenn|sobald|bis|falls|when|once|until|till|after|quand|lorsque|des que|une fois|cuando|en cuanto|hasta que|als|wanneer|zodra|tot)(?: [\p{L}']+){0,3}\s*$/u;

/**
 * "How do I unsubscribe?", "Can I pause during the summer if needed?", "¿se podrá pausar más
 * adelante?", "Is it possible to pause? Not now, just planning ahead.": a command asked
 * about for later.
 */
function askedForLater(doc: Doc, s: number, whole: string, at: number): boolean {
  if (!whole.includes('?')) {
    // A statement is conditional only in the command's own clause: "Unsubscribe me, if I
    // want to come back I'll sign up again" still asks to stop.
    const clause = doc.clauses.find((c) => at >= c.start && at < c.end);
    const own = clause ? doc.folded.slice(clause.start, clause.end) : whole;
    return howTo.test(own) || ifNeeded.test(own);
  }
  if (howTo.test(whole) || ifNeeded.test(whole)) return true;
  if (!resumeLater.test(whole)) {
    if (someday.test(whole)) return true;
    // "Is it possible to pause if I get busy in May?": may I, on a condition still to come.
    const bounded = /\b(?:until|till|bis|jusqu|hasta|tot)\b/u.test(whole);
    if (!bounded && mayI.test(whole) && onCondition.test(whole.replace(politeCondition, ' ')))
      return true;
  }
  const next = doc.sentences[s + 1];
  return next !== undefined && notNow.test(doc.folded.slice(next.start, next.end));
}

/** Commands a question can be about, for "… do I just reply 'pause'? Not yet, just planning." */
const askable = ['stop', 'pause', 'slower', 'faster', 'resume', 'skip'] as const;

/** "Not yet" right after the reply's own question about a command answers that question. */
function answersCommandQuestion(doc: Doc, s: number): boolean {
  const previous = doc.sentences[s - 1];
  if (!previous) return false;
  const text = doc.folded.slice(previous.start, previous.end);
  return text.includes('?') && askable.some((c) => commandPatterns[c].some((p) => p.test(text)));
}

/**
 * "Listo, cuadré tinto con …", "Klaar, ik heb …": a done word that leads on with a comma into
 * its sentence opens a report, like "OK," or "So,"; said alone ("Done!", "Done ✅ …",
 * "Done, thanks!") it is the task done.
 */
function leadsOn(after: string): boolean {
  const comma = /^\s*,/u.exec(after);
  return comma !== null && !onlyPoliteness.test(after.slice(comma[0].length));
}

function foldedRest(folded: string, end: number): string {
  return folded.slice(end, end + 90);
}

/** Each sentence pattern's literal match starts (null: unknown), worked out once. */
const startsOf = new Map<RegExp, readonly string[] | null>(
  Object.values(commandPatterns)
    .flat()
    .map((p) => [p, literalStarts(p)]),
);

/** Every command the reply states and means, in order. */
function findCommands(doc: Doc, lang: Language): FoundCommand[] {
  const found: FoundCommand[] = [];
  const units: { text: string; start: number; sentence: number; clause: boolean }[] = [];
  for (const [index, s] of doc.sentences.entries()) {
    units.push({
      text: doc.folded.slice(s.start, s.end),
      start: s.start,
      sentence: index,
      clause: false,
    });
  }
  for (const c of doc.clauses)
    units.push({
      text: doc.folded.slice(c.start, c.end),
      start: c.start,
      sentence: c.sentence,
      clause: true,
    });
  // A sentence pattern that finds nothing in the whole reply finds nothing in any sentence:
  // testing each once spares most of the per-sentence scans, and the literal starts of its
  // matches, looked up among the reply's word starts, spare most of those tests.
  const grams = gramsOf(doc.folded);
  const live: { command: ReplyCommand; pattern: RegExp; anchored: boolean }[] = [];
  for (const command of precedence) {
    for (const pattern of commandPatterns[command]) {
      const anchored = pattern.source.startsWith('^');
      const starts = startsOf.get(pattern) ?? null;
      if (anchored || ((starts === null || mayHold(grams, starts)) && pattern.test(doc.folded)))
        live.push({ command, pattern, anchored });
    }
  }
  for (const unit of units) {
    for (const { command, pattern, anchored } of live) {
      // Anchored patterns ("STOP", "not yet, …") read clauses; the others read sentences.
      if (anchored !== unit.clause) continue;
      const match = pattern.exec(unit.text);
      if (!match) continue;
      const start = unit.start + match.index;
      const end = start + match[0].length;
      if (found.some((f) => f.command === command && f.start === start)) continue;
      if (meant(doc, unit.sentence, start, end, command, lang))
        found.push({ command, sentence: unit.sentence, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * "Slammed at work until the 16th", "ab 3.8. zurück": an absence with an end in the same
 * sentence, or "back" right beside a future day.
 */
function absencePause(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
): FoundCommand | null {
  for (const [index, s] of doc.sentences.entries()) {
    const text = doc.folded.slice(s.start, s.end);
    if (/\b(?:was|were|war|waren|etais|estuve|estaba|was ik)\b/u.test(text)) continue;
    const match = absence.exec(text) ?? englishBack.exec(text);
    if (match) {
      const start = s.start + match.index;
      const end = start + match[0].length;
      if (!meant(doc, index, start, end, 'pause', lang)) continue;
      const own = dates.filter((d) => d.start >= s.start && d.start < s.end && !d.past);
      const until = untilOf(doc, own, today, {
        maxAhead: MAX_DAYS_AHEAD,
        maxInferredAhead: MAX_DAYS_AHEAD,
        sentence: index,
        ranges: false,
      });
      if (until !== null) return { command: 'pause', sentence: index, start, end };
      continue;
    }
    for (const back of text.matchAll(backWord)) {
      const start = s.start + back.index;
      const end = start + back[0].length;
      if (
        returnAhead(doc, dates, today, { start, end }) &&
        meant(doc, index, start, end, 'pause', lang)
      )
        return { command: 'pause', sentence: index, start, end };
    }
  }
  return null;
}

const englishBack =
  /(?<![\p{L}])(?:i'?ll be |i will be |i'?m |i am )?back(?= (?:on |by |after )?(?:the |monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|tomorrow))/u;

/** Reads the command, its pause end, and whether the reply is an out-of-office note. */
export function readCommand(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
): CommandReading {
  const found = findCommands(doc, lang).map((f) => settle(doc, dates, today, f));
  const folded = doc.folded;
  if (!found.some((f) => f.command === 'pause')) {
    const pause = absencePause(doc, dates, today, lang);
    if (pause) found.push(pause);
  }
  const absent = absence.test(folded) || found.some((f) => f.command === 'pause');
  const ooo = isOutOfOffice(folded, absent);
  if (ooo && !found.some((f) => f.command === 'pause'))
    found.push({ command: 'pause', sentence: 0, start: 0, end: 0 });
  const chosen = precedence.map((c) => found.find((f) => f.command === c)).find(Boolean) ?? null;
  let until: string | null = null;
  if (chosen?.command === 'pause') {
    until = untilOf(doc, dates, today, {
      maxAhead: MAX_DAYS_AHEAD,
      maxInferredAhead: ooo ? 200 : MAX_DAYS_AHEAD,
      sentence: chosen.sentence,
      ranges: ooo,
    });
  }
  if (until !== null && chosen) {
    const end = endSentence(doc, dates, until, chosen.sentence);
    if (end) found.push(end);
  }
  return { command: chosen?.command ?? null, until, outOfOffice: ooo, found };
}
