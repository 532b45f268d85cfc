/**
 * How long an absence or a pause runs: "until 14 December", "back on the 14th", "through
 * Friday", "bis einschließlich 27.11.", "jusqu'au 30 novembre inclus", "vuelvo el 16 de
 * marzo", "vanaf 16 maart weer bereikbaar", "for two weeks", "till the new year". Shared by
 * the pause command and the out-of-office reader (auto-reply.ts).
 */
import { addMonths, isoOfDay, type Today } from './calendar.ts';
import type { FoundDate } from './dates.ts';
import { phrase } from './phrase-pattern.ts';
import type { Doc } from './text.ts';

const untilBefore =
  /(?:^|[^\p{L}])(?:until|till|up to|up until|to|bis|jusqu'(?:au|a|en|aux)|jusqu'à|hasta|tot)(?:\s+(?:zum|zur|dem|el|la|le|de|the|einschlie(?:ss|ß)lich|inklusive|en met|t\/m))*[^.!?\n]{0,12}$/u;
const inclusiveBefore =
  /(?:^|[^\p{L}])(?:through|thru|to and including|including|einschlie(?:ss|ß)lich|inklusive|tot en met|t\/m|up to and including|bis und mit|inkl\.?|einschl\.?|y compris)[^.!?\n]{0,12}$/u;
const inclusiveAfter =
  /^[\s,]*(?:\(?\s*)?(?:inclusive|inclusief|inclus|incluse|compris|comprise|included|incluido|incluida|einschlie(?:ss|ß)lich|inklusive|inbegrepen)(?![\p{L}])/u;
const backBefore =
  /(?:^|[^\p{L}])(?:back|return|returning|i return|in the office|at my desk|available again|reachable|resume|resuming|erst ab|erst am|zuruck am|wieder (?:da|im buro) am|de retour|retour (?:le|prevu)|je reviens|je rentre|vuelvo|regreso|de vuelta|de regreso|vuelvo el|terug op|weer terug|weer op kantoor|weer aanwezig)(?:\s+(?:on|in|by|from|the|el|le|am|op|a partir del?))*[^.!?\n]{0,20}$/u;
// "ab Montag, 10. August wieder im Büro": a month the date reader left outside the date may come first.
const backAfter =
  /^(?:\.\s+\p{L}+)?[^.!?\n\d]{0,30}(?<![\p{L}])(?:wieder|weer|zuruck|zurück|terug)(?![\p{L}])/u;
const afterBefore = /(?:^|[^\p{L}])(?:after(?: the)?|nach dem|apres le|despues del)\s*$/u;
/** "until I'm back", "bis ich zurück bin": an end that is the return itself. */
export const untilReturn =
  /\b(?:until i'?m back|until i return|till i'?m back|when i(?:'m| am)? (?:back|return)|until then|till then|bis ich (?:zuruck|wieder da) bin|jusqu'a mon retour|a mon retour|hasta que vuelva|a mi regreso|tot ik terug ben|wanneer ik terug ben)\b/u;
/** "the rest of the month", "le reste du mois": to its last day, with or without "until". */
const restOf = /^(?:the |den |le |el |de )?(?:rest|reste|resto) /u;
const furtherNotice =
  /\b(?:until further notice|bis auf weiteres|jusqu'a nouvel ordre|hasta nuevo aviso|tot nader order|indefinitely)\b/u;
const nextWeek =
  /\b(?:until|till|bis|jusqu'a|hasta|tot)\s+(?:next week|nachste woche|la semaine prochaine|la semana que viene|la proxima semana|volgende week)\b/u;

const counts: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  ein: 1,
  eine: 1,
  einen: 1,
  un: 1,
  une: 1,
  una: 1,
  een: 1,
  two: 2,
  zwei: 2,
  deux: 2,
  dos: 2,
  twee: 2,
  couple: 2,
  'a couple of': 2,
  'couple of': 2,
  'un par de': 2,
  three: 3,
  drei: 3,
  trois: 3,
  tres: 3,
  drie: 3,
  few: 3,
  'a few': 3,
  paar: 3,
  quelques: 3,
  unos: 3,
  unas: 3,
  four: 4,
  vier: 4,
  quatre: 4,
  cuatro: 4,
  five: 5,
  funf: 5,
  cinq: 5,
  cinco: 5,
  vijf: 5,
  six: 6,
  sechs: 6,
  seis: 6,
  zes: 6,
  // "huit jours" and "quinze jours" are a week and two weeks; "quince días" and "vierzehn
  // Tage" are read as two weeks too, so a pause never runs past what was meant.
  huit: 7,
  quinze: 14,
  quince: 14,
  vierzehn: 14,
};
const count =
  '(a couple of|couple of|un par de|a few|an?|one|two|three|four|five|six|\\d{1,2}|ein(?:e|en)?|zwei|drei|vier|funf|sechs|vierzehn|un|une|deux|trois|quatre|huit|quinze|quelques|una?|dos|tres|cuatro|quince|unos|unas|een|twee|drie|vijf|zes)';
const unit =
  '(days?|weeks?|months?|fortnight|tage?n?|wochen?|monate?n?|jours?|semaines?|quinzaine|mois|dias?|semanas?|quincena|mes(?:es)?|dag(?:en)?|weken|week|maand(?:en)?)';
/** A rest named by its length: "a week off", "zwei Wochen Pause", "un par de semanas de descanso". */
const restNoun =
  "(?:'s|s'|')?\\s+(?:of\\s+)?(?:off|break|breather|rest|pause|auszeit|urlaub|ruhe|frei|pausa|pauze|rust|vrij|de\\s+(?:pause|repos|break|repit|vacances|conges|descanso|pausa|respiro|vacaciones))";
/** Being away, said beside a length of time. */
const away =
  'away|off|gone|travel+ing|weg|unterwegs|verreist|im urlaub|in urlaub|pars|partie?|absente?|en vacances|en conges?|fuera|de vacaciones|de viaje|me voy|ausente|op vakantie|met vakantie|op reis|met verlof|afwezig';
const durations = [
  phrase(
    `(?:for|fur|pendant|pour|durante|por|voor|gedurende)\\s+(?:the\\s+next\\s+)?${count}\\s+${unit}`,
  ),
  phrase(`${count}\\s+${unit}${restNoun}`),
  phrase(
    `(?:pause|pausa|pauze|break|descanso|repos|auszeit)\\s+(?:de|d'|von|van|of)\\s+${count}\\s+${unit}`,
  ),
  // "je pars quinze jours", "ich bin zwei Wochen weg", "drie weken op vakantie".
  phrase(`(?:${away})\\s+(?:for\\s+)?${count}\\s+${unit}`),
  phrase(`${count}\\s+${unit}\\s+(?:${away})`),
];

/** A time ahead that is not today: a bare length of rest beside it starts then, not now. */
const laterTime = phrase(
  'tomorrow|next (?:week|month)|in (?:a|two|\\d+) weeks?|morgen|nachste woche|nachsten monat|demain|la semaine prochaine|le mois prochain|manana|la semana que viene|la proxima semana|el mes que viene|volgende week|volgende maand',
);

/**
 * The day a duration from today runs to ("for two weeks" is today + 14). A length without
 * "for" ("a week off", "zwei Wochen Pause") counts only when its sentence places it nowhere
 * else in time: "taking two days off next week to see Sam" is no pause from today.
 */
function durationEnd(doc: Doc, dates: readonly FoundDate[], today: Today): number | null {
  const folded = doc.folded;
  for (const [index, pattern] of durations.entries()) {
    const match = pattern.exec(folded);
    if (!match) continue;
    const count = counts[match[1] ?? ''] ?? Number(match[1]);
    if (!Number.isFinite(count) || count <= 0) continue;
    const unit = match[2] ?? '';
    if (index > 0) {
      const s = doc.sentences.find((x) => match.index >= x.start && match.index < x.end);
      const text = s ? folded.slice(s.start, s.end) : folded;
      const placed = dates.some((d) => s !== undefined && d.start >= s.start && d.start < s.end);
      if (placed || laterTime.test(text) || (count < 2 && /^(?:day|tag|jour|dia|dag)/.test(unit)))
        continue;
    }
    if (/^(?:month|monat|mois|mes|maand)/.test(unit)) return addMonths(today.day, count);
    if (/^(?:fortnight|quinzaine|quincena)/.test(unit)) return today.day + count * 14;
    if (/^(?:week|woche|semaine|semana|weken)/.test(unit)) return today.day + count * 7;
    return today.day + count;
  }
  return null;
}

export interface UntilOptions {
  /** Latest believable day ahead of today: 366 when the person is asking now. */
  maxAhead: number;
  /** For dates whose year was inferred (a stale out-of-office note reads a year ahead). */
  maxInferredAhead: number;
  /** Sentence (index) that asked for the pause: its dates win ties. */
  sentence?: number;
  /** Date ranges count as an absence even without "until I'm back" (out-of-office notes). */
  ranges: boolean;
}

/**
 * The day a pause or absence runs to (the day to resume), as YYYY-MM-DD, strictly after
 * today, or null when the reply gives none. "back on" wins over "until", which wins over
 * "after", a range and a duration.
 */
export function untilOf(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  options: UntilOptions,
): string | null {
  const folded = doc.folded;
  if (furtherNotice.test(folded)) return null;
  let best: { day: number; strength: number; own: boolean } | null = null;
  const consider = (day: number, strength: number, own: boolean) => {
    if (day <= today.day) return;
    if (!best || strength > best.strength || (strength === best.strength && own && !best.own))
      best = { day, strength, own };
  };
  const returnWords = untilReturn.test(folded);
  for (const d of dates) {
    if (d.past || Math.max(d.day, d.endDay ?? d.day) <= today.day) continue;
    const limit = d.yearStated ? options.maxAhead : options.maxInferredAhead;
    if (d.day - today.day > limit) continue;
    const sentenceStart =
      doc.sentences.find((s) => d.start >= s.start && d.start < s.end)?.start ?? 0;
    const before = folded.slice(Math.max(sentenceStart, d.start - 60), d.start);
    const after = folded.slice(d.end, d.end + 40);
    const own =
      options.sentence !== undefined && doc.sentences[options.sentence]?.start === sentenceStart;
    const inclusive = inclusiveBefore.test(before) || inclusiveAfter.test(after);
    if (backBefore.test(before) || backAfter.test(after)) consider(d.day, 5, own);
    else if (inclusive) consider((d.endDay ?? d.day) + 1, 4, own);
    else if (untilBefore.test(before) || (d.bound && restOf.test(folded.slice(d.start, d.end))))
      // "until after the 20th" resumes on the 21st.
      consider(afterBefore.test(before) ? d.day + 1 : d.day, 4, own);
    else if (afterBefore.test(before)) consider(d.day + 1, 3, own);
    else if (d.endDay !== null && (options.ranges || returnWords)) {
      // "from tomorrow until 4 January" ends on the 4th; "Dec 20 - Jan 5" includes the 5th.
      const untilWord =
        /\b(?:until|till|bis|jusqu|hasta|tot)\b/u.test(folded.slice(d.start, d.end)) &&
        !/tot en met/u.test(folded.slice(d.start, d.end));
      consider(untilWord ? d.endDay : d.endDay + 1, untilWord ? 4 : 2, own);
    }
  }
  if (!best && nextWeek.test(folded)) {
    const weekday = (((today.day + 4) % 7) + 7) % 7;
    consider(today.day + ((8 - weekday) % 7 || 7), 2, false);
  }
  if (!best) {
    const end = durationEnd(doc, dates, today);
    if (end !== null) consider(end, 1, false);
  }
  const chosen = best as { day: number } | null;
  return chosen ? isoOfDay(chosen.day) : null;
}

/**
 * Words of an automatic reply or an out-of-office note written by hand: its heading ("Out of
 * office", "Abwesenheitsnotiz", "Message d'absence", "Respuesta automática",
 * "Afwezigheidsmelding") or a phrase only such notes use.
 */
export const outOfOffice =
  /\b(?:out of (?:the )?office|out-of-office|ooo|automatic reply|auto-?reply|annual leave|limited access to (?:my )?e-?mail|(?:respond|reply|get back to you) (?:when|on my return|upon)|no signal|nicht im buro|abwesenheit|abwesenheitsnotiz|abwesenheitsmeldung|abwesend|automatische antwort|au(?:ss|ß)er haus|wieder erreichbar|eingeschrankt erreichbar|message d'absence|reponse automatique|absente? du bureau|a mon retour|je repondrai|respuesta automatica|mensaje de ausencia|fuera de la oficina|estoy de vacaciones|estare fuera|vuelvo el|afwezig|afwezigheidsmelding|afwezigheidsbericht|automatisch antwoord|niet op kantoor|weer bereikbaar|met vakantie|until further notice|(?:be|get|getting) (?:back )?in touch (?:when|once) i'?m back|melde mich,? (?:wieder,? )?(?:wenn|sobald) ich (?:wieder )?(?:da|zuruck) bin|melde mich nach meiner ruckkehr|(?:te|os|les|le) (?:escribo|escribire|contacto|contactare|aviso|avisare|respondo|respondere) (?:cuando vuelva|a mi (?:regreso|vuelta))|(?:laat|laten) (?:weer )?van (?:me|mij|ons) horen (?:als|wanneer|zodra) (?:ik|we) (?:weer )?terug (?:ben|zijn))\b/;

/**
 * The other half of a note written by hand: who to turn to meanwhile ("for urgent matters
 * please contact", "in dringenden Fällen", "pour toute urgence", "para asuntos urgentes",
 * "voor dringende zaken"). With an absence it makes the reply an out-of-office note, so the
 * colleague it names is a deputy, not a contact.
 */
export const deputyNote = phrase(
  "for (?:anything )?urgent|(?:if|when) (?:it'?s|this is|your (?:matter|message|enquiry) is) urgent|in urgent cases|in (?:my|the meantime of my) absence|in dringenden fallen|bei dringenden|in eiligen fallen|dringende anliegen|meine vertretung|pour toute (?:urgence|question urgente|demande urgente)|en cas d'urgence|pour les urgences|en mon absence|para (?:asuntos |temas |cualquier (?:asunto|cosa|tema) )?urgentes?|en caso de urgencia|si es urgente|en mi ausencia|voor dringende (?:zaken|vragen)|in dringende gevallen|bij dringende|indien dringend|als het dringend is|tijdens mijn afwezigheid",
);

const outOfOfficeAll = new RegExp(outOfOffice.source, 'g');
const pastBefore =
  /(?<![\p{L}])(?:was|were|war|waren|warst|etais|etait|estuve|estaba|estuvimos|geweest|was ik|waren we)(?![\p{L}])[^,.;:!?]{0,18}$/u;

/**
 * Whether the reply is an out-of-office note: its words, not said of the past ("I was out of
 * office last week"), or a deputy to turn to while the writer is `absent`.
 */
export function isOutOfOffice(folded: string, absent: boolean): boolean {
  for (const match of folded.matchAll(outOfOfficeAll)) {
    if (!pastBefore.test(folded.slice(Math.max(0, match.index - 30), match.index))) return true;
  }
  return absent && deputyNote.test(folded);
}
