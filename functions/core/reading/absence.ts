/**
 * How long an absence or a pause runs: "until 14 December", "back on the 14th", "through
 * Friday", "bis einschließlich 27.11.", "jusqu'au 30 novembre inclus", "vuelvo el 16 de
 * marzo", "vanaf 16 maart weer bereikbaar", "for two weeks", "till the new year". Shared by
 * the pause command and the out-of-office reader (auto-reply.ts).
 */
import { addMonths, isoOfDay, type Today } from './calendar.ts';
import type { FoundDate } from './dates.ts';
import type { Doc } from './text.ts';

const untilBefore =
  /(?:^|[^\p{L}])(?:until|till|up to|up until|to|bis|jusqu'(?:au|a|en|aux)|jusqu'à|hasta|tot)(?:\s+(?:zum|zur|dem|el|la|le|de|the|einschlie(?:ss|ß)lich|inklusive|en met|t\/m))*[^.!?\n]{0,12}$/u;
const inclusiveBefore =
  /(?:^|[^\p{L}])(?:through|thru|to and including|including|einschlie(?:ss|ß)lich|inklusive|tot en met|t\/m|up to and including)[^.!?\n]{0,12}$/u;
const inclusiveAfter =
  /^[\s,]*(?:\(?\s*)?(?:inclusive|inclusief|inclus|incluse|incluido|incluida|einschlie(?:ss|ß)lich|inklusive)(?![\p{L}])/u;
const backBefore =
  /(?:^|[^\p{L}])(?:back|return|returning|i return|in the office|at my desk|available again|reachable|resume|resuming|erst ab|erst am|zuruck am|de retour|retour le|vuelvo|regreso|vuelvo el|terug op|weer terug)(?:\s+(?:on|in|by|from|the|el|le|am|op|a partir del?))*[^.!?\n]{0,20}$/u;
const backAfter = /^[^.!?\n\d]{0,30}(?<![\p{L}])(?:wieder|weer|zuruck|zurück|terug)(?![\p{L}])/u;
const afterBefore = /(?:^|[^\p{L}])(?:after|nach dem|apres le|despues del)\s*$/u;
const untilReturn =
  /\b(?:until i'?m back|until i return|till i'?m back|when i(?:'m| am)? (?:back|return)|until then|till then|bis ich (?:zuruck|wieder da) bin|jusqu'a mon retour|a mon retour|hasta que vuelva|a mi regreso|tot ik terug ben|wanneer ik terug ben)\b/u;
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
};
const duration =
  /\b(?:for|fur|pendant|pour|durante|por|voor|gedurende)\s+(?:the\s+next\s+)?(a couple of|a few|an?|one|two|three|four|five|six|\d{1,2}|ein(?:e|en)?|zwei|drei|vier|funf|sechs|un|une|deux|trois|quatre|quelques|una?|dos|tres|cuatro|unos|unas|een|twee|drie|vier|vijf|zes)\s+(days?|weeks?|months?|tage?n?|wochen?|monate?n?|jours?|semaines?|mois|dias?|semanas?|mes(?:es)?|dag(?:en)?|weken|week|maand(?:en)?)\b/u;

/** The day a duration from today runs to ("for two weeks" is today + 14). */
function durationEnd(folded: string, today: Today): number | null {
  const match = duration.exec(folded);
  if (!match) return null;
  const count = counts[match[1] ?? ''] ?? Number(match[1]);
  if (!Number.isFinite(count) || count <= 0) return null;
  const unit = match[2] ?? '';
  if (/^(?:month|monat|mois|mes|maand)/.test(unit)) return addMonths(today.day, count);
  if (/^(?:week|woche|semaine|semana|weken)/.test(unit)) return today.day + count * 7;
  return today.day + count;
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
    else if (inclusive) consider(d.day + 1, 4, own);
    else if (untilBefore.test(before)) consider(d.monthOnly ? d.day : d.day, d.bound ? 4 : 4, own);
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
    const end = durationEnd(folded, today);
    if (end !== null) consider(end, 1, false);
  }
  const chosen = best as { day: number } | null;
  return chosen ? isoOfDay(chosen.day) : null;
}

/** Words of an automatic reply or an out-of-office note written by hand. */
export const outOfOffice =
  /\b(?:out of (?:the )?office|ooo|automatic reply|auto-?reply|annual leave|limited access to (?:my )?e-?mail|(?:respond|reply|get back to you) (?:when|on my return|upon)|no signal|nicht im buro|abwesenheit|abwesend|wieder erreichbar|eingeschrankt erreichbar|absente? du bureau|a mon retour|je repondrai|fuera de la oficina|estoy de vacaciones|estare fuera|vuelvo el|afwezig|weer bereikbaar|met vakantie|until further notice)\b/u;
