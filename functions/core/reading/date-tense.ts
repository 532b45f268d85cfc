/**
 * The tense a date is read in, clause by clause, and whether a plan's date was dropped
 * (cancelled, or an intention that fell through). A plan arranged in the past tense ("hab ich
 * den 14.12. ausgemacht", "I've got Soph locked in for the 7th") points forward; a
 * cancellation reaches back over the sentence but not past a "but" that follows it ("lunch
 * on Friday is off, but I see Ruth on Monday").
 */
import { isPastTense } from './names.ts';
import type { Doc } from './text.ts';
import type { Language } from './types.ts';
import { cancelled, futureCue, metVerb, negation, pastCue } from './words.ts';

type Cues = Record<Language, RegExp>;
const b = (words: string) => new RegExp(`(?<![\\p{L}'])(?:${words})(?![\\p{L}])`, 'u');

/** Verbs of arranging a meeting: said in the past, the meeting they set lies ahead. */
const arranging: Cues = {
  en: b(
    '(?:postponed|rescheduled|moved|pushed(?: back)?) (?:to|till|until|for)|booked(?: in)?|set up|arranged|scheduled|locked in|pencil+ed in|lined up|fixed up|confirmed|agreed on|organi[sz]ed|sorted out|put (?:\\p{L}+ )?in the diary|made a date',
  ),
  de: b(
    '(?:verschoben|verlegt) (?:auf|zum|zur)|ausgemacht|abgemacht|vereinbart|verabredet|festgemacht|fest gemacht|eingeplant|eingetragen|gebucht|angesetzt|terminiert|zugesagt|bestatigt|(?:auf|fur) .{1,30} gelegt',
  ),
  fr: b(
    '(?:reporte|reportee|decale|decalee) (?:au|a)|cale|calee|fixe|fixee|prevu|prevue|planifie|planifiee|organise|organisee|reserve|reservee|programme|programmee|convenu|confirme|confirmee|pris (?:un )?(?:rendez-vous|rdv|date)|bloque|bloquee',
  ),
  es: b(
    '(?:aplazado|aplazada|aplazamos|pospuesto|movido|cambiado) (?:al|a|para)|quedado .{0,40}para|quede .{0,40}para|quedamos (?:en|para)|acordado|acordamos|agendado|agende|agendamos|reservado|reserve|programado|fijado|fijamos|cuadrado|cuadramos|confirmado|confirme|cerrado|cerramos',
  ),
  nl: b(
    '(?:verzet|uitgesteld|verplaatst) (?:naar|tot)|afgesproken|geboekt|ingepland|gepland|vastgelegd|vastgezet|geregeld|bevestigd|gereserveerd|geprikt|staat .{0,20}(?:gepland|vast)',
  ),
};

/** Verbs that say a meeting took place: they keep a clause past whatever was arranged. */
const tookPlace: Cues = {
  en: b('met|saw|talked|spoke|caught up|grabbed|chatted|went|happened|visited|hung out|walked'),
  de: b(
    'getroffen|gesprochen|telefoniert|getrunken|gegessen|gequatscht|geplaudert|kennengelernt|war|waren',
  ),
  fr: b('rencontre|rencontree|vu|vue|vus|dejeune|dine|discute|parle|appele|etait'),
  es: b('tome|comi|cene|desayune|hable|platique|conoci|vi|fue|fui|estuve'),
  nl: b('ontmoet|gesproken|gezien|gedronken|geluncht|gebeld|bijgepraat|gegeten|was|waren'),
};

const conjunction: Cues = {
  en: /(?<![\p{L}'])and(?![\p{L}])/gu,
  de: /(?<![\p{L}'])und(?![\p{L}])/gu,
  fr: /(?<![\p{L}'])et(?![\p{L}])/gu,
  es: /(?<![\p{L}'])[ye](?![\p{L}])/gu,
  nl: /(?<![\p{L}'])en(?![\p{L}])/gu,
};

/** "busy until the 16th": a day something runs to lies ahead, unless the sentence says "was". */
const untilAhead =
  /(?:until|till|til|through|up to|bis|jusqu'(?:au|a|à)|hasta(?: el)?|tot(?: en met)?)\s+(?:the\s+|zum\s+|le\s+|el\s+|de\s+)?$/u;

/** Whether a clause arranges a meeting ahead rather than reporting one. */
function arranges(text: string, lang: Language): boolean {
  return (
    (arranging[lang].test(text) || (lang !== 'en' && arranging.en.test(text))) &&
    !tookPlace[lang].test(text)
  );
}

/** The stretch of `text` around offset `at` between the "and"s that join it to the rest. */
function joinedPart(text: string, at: number, lang: Language): string {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(conjunction[lang])) {
    if (m.index + m[0].length <= at) from = m.index + m[0].length;
    else if (m.index >= at && m.index < to) to = m.index;
  }
  return text.slice(from, to);
}

/** The tense of a stretch of text from its own words, or null when it says nothing. */
function tenseOf(raw: string, lang: Language, arranged: boolean): 'past' | 'future' | null {
  // "pasado mañana" is the day after tomorrow, not "pasado" (last).
  const text = raw.replace(/\bpasado\s+manana\b/gu, 'manana');
  const future = arranged || futureCue[lang].test(text);
  const firstWord = /^\W*(\p{L}+)/u.exec(text)?.[1] ?? '';
  const past =
    !arranged &&
    (pastCue[lang].test(text) ||
      metVerb[lang].test(text) ||
      (lang === 'en' && isPastTense(firstWord)));
  if (past && !future) return 'past';
  if (future && !past) return 'future';
  return null;
}

/**
 * The tense at `at`: its clause's own words, else those of the rest of its sentence, leaving
 * out negated clauses and counting a clause that arranges a meeting as future.
 */
export function tenseAt(doc: Doc, at: number, lang: Language): 'past' | 'future' | null {
  const clause = doc.clauses.find((c) => at >= c.start && at < c.end);
  if (
    untilAhead.test(doc.folded.slice(Math.max(0, at - 20), at)) &&
    !/\b(?:was|were|war|waren|etais|etait|estaba|estuve|was ik)\b/u.test(
      doc.folded.slice(clause?.start ?? at, at),
    )
  )
    return 'future';
  if (clause) {
    // "Met Tom on Friday and booked Ana for Tuesday": the part joined by "and" first.
    const text = doc.folded.slice(clause.start, clause.end);
    const part = joinedPart(text, at - clause.start, lang);
    for (const span of part.length < text.length ? [part, text] : [text]) {
      const own = tenseOf(span, lang, arranges(span, lang));
      if (own) return own;
    }
  }
  const sentence = doc.sentences.find((s) => at >= s.start && at < s.end);
  if (!sentence) return null;
  const parts = doc.clauses
    .filter((c) => c.start >= sentence.start && c.end <= sentence.end)
    .map((c) => doc.folded.slice(c.start, c.end))
    .filter((text) => !negation[lang].test(text));
  const arranged = parts.some((text) => arranges(text, lang));
  return tenseOf(parts.filter((text) => !arranges(text, lang)).join(' '), lang, arranged);
}

/** "but", "aber", "mais", "pero", "maar": what follows turns from what came before. */
const contrast =
  /(?<![\p{L}'])(?:but|however|instead|aber|doch|jedoch|sondern|dafur|stattdessen|mais|par contre|en revanche|pourtant|pero|sino|sin embargo|en cambio|maar|echter)(?![\p{L}])/gu;

/** "was going to", "wollte", "iba a", "devais", "zou": a plan that was, not one that is. */
const fellThrough =
  /(?<![\p{L}'])(?:(?:was|were) (?:supposed|going|meant) to|had planned to|wollte|wollten|iba a|ibamos a|devais|devait|zou|zouden)(?![\p{L}])/gu;

/** Moved, not dropped: "postponed to the 21st" names the new day. */
const moved =
  /(?:postponed|rescheduled|moved|pushed(?: back)?|verschoben|verlegt|reporte|reportee|decale|decalee|aplazado|aplazada|aplazo|pospuesto|movido|cambiado|verzet|uitgesteld|verplaatst)$/u;
const movedTo =
  /^\s*(?:\p{L}+\s+){0,3}?(?:to|till|until|for|auf|zum|zur|au|a|al|para|hasta|naar|tot|op)\s+(?:(?:the|den|dem|le|el|de)\s+)?$/u;

/** "auf den 22. verschoben": the new day before the verb. */
const movedOnto =
  /(?:^|\s)(?:to|auf|zum|au|al|para|naar|op)\s+(?:(?:the|den|dem|le|el)\s+)?(?:$|\d)/u;

const movedFrom =
  /(?:moved|pushed|postponed|rescheduled|shifted|bumped|verschoben|verlegt|reporte|reportee|decale|decalee|movio|cambio|paso|aplazo|verzet|verplaatst|verschoven)\b[^.!?]{0,25}\b(?:from|von|vom|du|de|del|van)\s+(?:the\s+|le\s+|el\s+|den\s+|dem\s+)?$/u;
const backReference =
  /\b(?:until|till|til) i'?m back|\b(?:until|till) i (?:get back|return)|\bbis ich (?:zuruck|wieder da) bin|jusqu'a mon retour|hasta que (?:vuelva|regrese)|tot ik (?:terug|weer) ben/u;

const globals = new Map<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let global = globals.get(re);
  if (!global) {
    global = new RegExp(re.source, 'gu');
    globals.set(re, global);
  }
  return global;
}

/**
 * Whether the date at `at` belongs to a plan that was cancelled or fell through: a cue in its
 * sentence, unless a "but" stands between the cue and a later date, or the date is the new
 * day of a moved plan. `intentions` counts "was going to" as falling through (dates do;
 * an event only when it is called off).
 */
export function planDroppedAt(doc: Doc, at: number, lang: Language, intentions = true): boolean {
  const sentence = doc.sentences.find((s) => at >= s.start && at < s.end);
  if (!sentence) return false;
  const text = doc.folded.slice(sentence.start, sentence.end);
  const rel = at - sentence.start;
  const turns = [...text.matchAll(contrast)].map((m) => m.index);
  const cues: { start: number; end: number }[] = [];
  for (const re of intentions
    ? [cancelled[lang], cancelled.en, fellThrough]
    : [cancelled[lang], cancelled.en]) {
    for (const m of text.matchAll(globalOf(re)))
      cues.push({ start: m.index, end: m.index + m[0].length });
  }
  // "pushed ours from Friday to the 6th": the day moved from is no longer the plan's.
  if (movedFrom.test(text.slice(Math.max(0, rel - 40), rel))) return true;
  // "on holiday June 2-14 ... until I'm back": the days away are an absence, not a plan.
  if (
    /^(?:\p{L}+\.?\s+)?\d{1,2}(?:st|nd|rd|th|\.)?\s*(?:-|–|to|through|bis|au|al|tot)\s*\d/u.test(
      text.slice(rel),
    ) &&
    backReference.test(doc.folded)
  )
    return true;
  return cues.some((cue) => {
    if (cue.start < rel && turns.some((t) => t > cue.start && t < rel)) return false;
    if (
      moved.test(text.slice(cue.start, cue.end)) &&
      (cue.end <= rel
        ? movedTo.test(text.slice(cue.end, rel)) ||
          (/^\s*$/u.test(text.slice(cue.end, rel)) &&
            movedOnto.test(` ${text.slice(rel, rel + 6)}`))
        : movedOnto.test(text.slice(Math.max(0, rel - 12), rel)))
    )
      return false;
    return true;
  });
}
