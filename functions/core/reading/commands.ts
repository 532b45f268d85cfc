/**
 * What the reply asks the course to do. A command is taken from anywhere in the reply, in
 * paraphrase and in the five languages (command-phrases.ts), unless it is quoted, reported
 * ("my husband said I should reply STOP"), joked or taken back in the same reply ("STOP!
 * haha no"), negated ("don't stop"), or asked about for later ("how do I unsubscribe?").
 * A plain stop is honoured at once. A pause takes its end from anywhere in the reply.
 */
import { outOfOffice, untilOf } from './absence.ts';
import type { Today } from './calendar.ts';
import {
  absence,
  commandPatterns,
  howTo,
  laughing,
  ordinaryStop,
  precedence,
  reported,
  takenBack,
  takenBackStrict,
} from './command-phrases.ts';
import { MAX_DAYS_AHEAD } from './date-mentions.ts';
import type { FoundDate } from './dates.ts';
import { type Doc, inside } from './text.ts';
import type { Language, ReplyCommand } from './types.ts';
import { negation } from './words.ts';

export interface FoundCommand {
  command: ReplyCommand;
  /** Sentence (index) the command was found in. */
  sentence: number;
  start: number;
  end: number;
}

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
  if (howTo.test(folded.slice(sentence.start, sentence.end))) return false;
  const match = folded.slice(start, end);
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
  if (back.test(foldedRest(folded, end)) || (command === 'stop' && laughing.test(rest)))
    return false;
  // "Abmelden? Niemals!"
  if (/^[^.!?\n]{0,20}\?/u.test(doc.body.slice(end, end + 22))) {
    const after = folded.slice(folded.indexOf('?', end) + 1, end + 60);
    if (neverAfterQuestion.test(after)) return false;
  }
  return true;
}

function foldedRest(folded: string, end: number): string {
  return folded.slice(end, end + 90);
}

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
  for (const unit of units) {
    for (const command of precedence) {
      for (const pattern of commandPatterns[command]) {
        // Anchored patterns ("STOP", "not yet, …") read clauses; the others read sentences.
        if (pattern.source.startsWith('^') !== unit.clause) continue;
        const match = pattern.exec(unit.text);
        if (!match) continue;
        const start = unit.start + match.index;
        const end = start + match[0].length;
        if (found.some((f) => f.command === command && f.start === start)) continue;
        if (meant(doc, unit.sentence, start, end, command, lang))
          found.push({ command, sentence: unit.sentence, start, end });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "Slammed at work until the 16th": an absence with an end in the same sentence. */
function absencePause(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
): FoundCommand | null {
  for (const [index, s] of doc.sentences.entries()) {
    const text = doc.folded.slice(s.start, s.end);
    const match =
      absence.exec(text) ??
      /(?<![\p{L}])(?:i'?ll be |i will be |i'?m |i am )?back(?= (?:on |by |after )?(?:the |monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|tomorrow))/u.exec(
        text,
      );
    if (!match) continue;
    const start = s.start + match.index;
    if (!meant(doc, index, start, start + match[0].length, 'pause', lang)) continue;
    if (/\b(?:was|were|war|waren|etais|estuve|estaba|was ik)\b/u.test(text)) continue;
    const own = dates.filter((d) => d.start >= s.start && d.start < s.end && !d.past);
    const until = untilOf(doc, own, today, {
      maxAhead: MAX_DAYS_AHEAD,
      maxInferredAhead: MAX_DAYS_AHEAD,
      sentence: index,
      ranges: false,
    });
    if (until !== null)
      return { command: 'pause', sentence: index, start, end: start + match[0].length };
  }
  return null;
}

/** Reads the command, its pause end, and whether the reply is an out-of-office note. */
export function readCommand(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
): CommandReading {
  const found = findCommands(doc, lang);
  const ooo = outOfOffice.test(doc.folded);
  if (!found.some((f) => f.command === 'pause')) {
    const pause = absencePause(doc, dates, today, lang);
    if (pause) found.push(pause);
    else if (ooo) found.push({ command: 'pause', sentence: 0, start: 0, end: 0 });
  }
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
  return { command: chosen?.command ?? null, until, outOfOffice: ooo, found };
}
