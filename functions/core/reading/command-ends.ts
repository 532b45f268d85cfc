/**
 * What a found command means once its words around are read: "stop the emails until Monday"
 * and "no more mails for two weeks" are pauses; "de retour le 24 août" and "am 5. Mai wieder
 * da" announce an absence (a pause to that day), not a return.
 */
import { untilOf, untilReturn } from './absence.ts';
import { dayOfIso, type Today } from './calendar.ts';
import { forAWhile } from './command-guards.ts';
import { MAX_DAYS_AHEAD } from './date-mentions.ts';
import type { FoundDate } from './dates.ts';
import type { Doc, Span } from './text.ts';
import type { ReplyCommand } from './types.ts';

/** A command found in the reply, at [start, end) of sentence `sentence`. */
export interface FoundCommand {
  command: ReplyCommand;
  /** Sentence (index) the command was found in. */
  sentence: number;
  start: number;
  end: number;
}

/** Words saying one is back, in the five languages. */
export const backWord =
  /(?<![\p{L}])(?:back|zuruck|wieder (?:da|im buro|erreichbar)|de retour|de vuelta|de regreso|weer terug|terug|weer op kantoor)(?![\p{L}])/gu;

/** A stop with an end is a pause; "back" beside a future day is an absence, so a pause. */
export function settle(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  found: FoundCommand,
): FoundCommand {
  if (found.command === 'stop' && boundIn(doc, dates, today, found))
    return { ...found, command: 'pause' };
  if (
    found.command === 'resume' &&
    new RegExp(backWord.source, 'u').test(doc.folded.slice(found.start, found.end)) &&
    returnAhead(doc, dates, today, found)
  )
    return { ...found, command: 'pause' };
  return found;
}

/** The stop's own clause says when it ends: "until Monday", "for two weeks", "for a while". */
function boundIn(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  found: FoundCommand,
): boolean {
  const span =
    doc.clauses.find((c) => found.start >= c.start && found.start < c.end) ??
    doc.sentences[found.sentence];
  if (!span) return false;
  const text = doc.folded.slice(span.start, span.end);
  if (forAWhile.test(text) || untilReturn.test(text)) return true;
  // Only this clause is read: "unsubscribe me. I'm away until Monday anyway" stays a stop.
  const alone = `${' '.repeat(span.start)}${text}`.padEnd(doc.folded.length, ' ');
  const own = dates.filter((d) => d.start >= span.start && d.start < span.end);
  const end = untilOf({ ...doc, folded: alone }, own, today, {
    maxAhead: MAX_DAYS_AHEAD,
    maxInferredAhead: MAX_DAYS_AHEAD,
    sentence: found.sentence,
    ranges: false,
  });
  return end !== null;
}

/**
 * A future day right beside the words at `span`, with nothing but a few words between: "de
 * retour le lundi 24 août", "op 3 mei weer terug". "I'm back, meeting Sam on the 24th" is not.
 */
export function returnAhead(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  span: Span,
): boolean {
  return dates.some((d) => {
    if (d.past || d.day <= today.day) return false;
    const between =
      d.start >= span.end
        ? doc.folded.slice(span.end, d.start)
        : d.end <= span.start
          ? doc.folded.slice(d.end, span.start)
          : null;
    return between !== null && between.length <= 20 && !/[,;:!?()]|\.\s/u.test(between);
  });
}

const endCue =
  /(?<![\p{L}])(?:until|till|through|back|bis|zuruck|jusqu|retour|hasta|vuelta|vuelvo|regreso|tot|terug)(?![\p{L}])/u;

/**
 * "¿Me pausan los mails? Digamos hasta el 11 de enero.": the sentence that gives the pause its
 * end, when it is not the pause's own, so its date is read as that end and not as a plan.
 */
export function endSentence(
  doc: Doc,
  dates: readonly FoundDate[],
  until: string,
  own: number,
): FoundCommand | null {
  const day = dayOfIso(until);
  for (const d of dates) {
    if (d.day !== day && (d.endDay ?? d.day) + 1 !== day) continue;
    const index = doc.sentences.findIndex((s) => d.start >= s.start && d.start < s.end);
    const sentence = doc.sentences[index];
    if (index === own || !sentence) continue;
    if (endCue.test(doc.folded.slice(sentence.start, d.start)))
      return { command: 'pause', sentence: index, start: d.start, end: d.end };
  }
  return null;
}
