/**
 * An event named by what the person does about it rather than by an event noun: signing up,
 * buying a ticket or going, in German, French, Spanish and Dutch ("hab mich für die dmexco
 * angemeldet", "me inscribí en el Foro de Innovación", "ga ik op 22 oktober naar de
 * ProductTank"). The name is the proper-noun phrase after the preposition; a place after
 * "in", "en", "à" is cut, and a café or a bar named as a meeting place is not an event.
 */
import { isNameInLexicon, lexiconClass } from './names.ts';
import { type Doc, fold, type Span, type Token } from './text.ts';
import type { Language } from './types.ts';

type Cues = Record<Exclude<Language, 'en'>, RegExp>;
const b = (words: string) => new RegExp(`(?<![\\p{L}'])(?:${words})(?![\\p{L}])`, 'u');

/** Signing up, a ticket, taking part: these name an event even when its name is one plain word. */
const register: Cues = {
  de: b(
    'angemeldet|anmelden|melde .{0,40} an|registriert|eingeschrieben|tickets?|karten?|teilnehmen|nehme .{0,40} teil',
  ),
  fr: b(
    'inscrit|inscrite|inscrits|inscris|inscrire|billets?|participe|participer|participerai|assiste|assister|assisterai',
  ),
  es: b(
    'inscribi|inscrito|inscrita|inscribirme|anote|anotado|anotada|anotarme|apunte|apuntado|apuntada|apuntarme|registre|registrado|registrada|entradas?|boletos?|asistir|asistire|asisto|participar|participare|participo',
  ),
  nl: b(
    'aangemeld|aanmelden|ingeschreven|inschrijven|kaartjes?|tickets?|bijwonen|deelnemen|neem .{0,40} deel',
  ),
};

/** Going: an event when its name has more than a plain word (a city is gone to as well). */
const going: Cues = {
  de: b('gehe|gehen|geh|hingehen|besuche|besuchen|fahre|fahren|bin .{0,30} dabei'),
  fr: b('vais|va|allons|irai|irons|aller|serai|serons'),
  es: b('voy|vamos|ire|iremos|ir'),
  nl: b('ga|gaan|gaat|bezoek|bezoeken|erbij|heen'),
};

/** The preposition, with its article, that the event's name follows ("für die", "al", "naar de"). */
const article: Cues = {
  de: /(?:^|\s)(?:(?:fur|auf|an|zu|bei|uber)\s+(?:die|das|den|der|dem)|zur|zum|beim|aufs|furs)\s+$/u,
  fr: /(?:^|\s)(?:au|aux|a la|pour (?:le|la|les))\s+$/u,
  es: /(?:^|\s)(?:al|a la|a los|en el|en la|para el|para la)\s+$/u,
  nl: /(?:^|\s)(?:naar|voor|bij|aan)\s+(?:de|het)\s+$/u,
};

/** A bare preposition right after the verb ("vais à", "asistir a", "ga ik naar"), as cities take. */
const bare: Cues = {
  de: /(?:^|\s)(?:besuche|besuchen|fur)\s+$/u,
  fr: /(?:^|\s)(?:pour|(?:vais|irai|aller|participe|participer|participerai|assiste|assister|assisterai|inscrite?s?|serai)\s+a)\s+$/u,
  es: /(?:^|\s)(?:para|(?:ir|voy|vamos|ire|asistir|asistire|asisto|participar|participare|inscribi|inscribirme|anote|anotad[oa]|apunte|apuntarme|apuntad[oa]|inscrit[oa])\s+(?:a|en))\s+$/u,
  nl: /(?:^|\s)(?:naar|voor|bezoek|bezoeken)\s+$/u,
};

/**
 * Things one signs up for or buys a ticket for that are not events ("für den Kurs angemeldet",
 * "Ticket für den Zug").
 */
const notEvents =
  /^(?:bus|bahn|zug|flug|flieger|fahrt|fahre|train|tgv|trein|tren|avion|vuelo|vlucht|metro|ferry|kino|film|cine|cinema|bioscoop|konzert|concert|concierto|spiel|match|partido|wedstrijd|kurs|kurse|sprachkurs|prufung|klausur|schulung|fortbildung|weiterbildung|newsletter|warteliste|liste|studium|uni|verein|termin|mitgliedschaft|stelle|job|ausbildung|praktikum|app|plattform|website|seite|wahl|impfung|yoga|gym|fitnessstudio|arzt|arztin|zahnarzt|bank|post|arbeit|schule|uni)$/u;

/** Between the capitalised words of one name: "Foro de Innovación", "Salon des Entrepreneurs". */
const connector = /^(?:de|del|la|du|des|of|for|and|van|der|den|voor|fur|y|et|und)$/u;
/** A place where people meet, not an event: "Cafe Coffee Day", "the Summit Cafe". */
const venue =
  /^(?:cafe|caffe|coffeeshop|restaurant|bar|pub|bistro|brasserie|hotel|kneipe|bakery|backerei|cafeteria|taqueria|koffiebar|eetcafe|diner|kantine|mensa|canteen|store|shop|museum|museo|musee|cine|cinema|kino|bioscoop|teatro|theater|theatre|gym|gimnasio|parque|parc|park|zoo|playa|strand|beach|supermarkt|supermercado|mercado|markt)$/u;

/** Whether a name is a café, a bar or a restaurant. */
export function isVenue(tokens: readonly Token[]): boolean {
  return venue.test(tokens[0]?.fold ?? '') || venue.test(tokens[tokens.length - 1]?.fold ?? '');
}

const capitalised = (t: Token) =>
  /^\p{Lu}/u.test(t.text) || /^\d+\p{L}/u.test(t.text) || /^[ld]['’]\p{Lu}/u.test(t.text);
/** Web endings and abbreviations: "google.com" and "z.b" are not brands. */
const notBrandEnd =
  /^(?:com|org|net|io|co|uk|de|fr|es|nl|be|at|ch|eu|html|pdf|app|ai|b|g|e|h|a|ex|bzw)$/u;

/**
 * The last token of a lower-case brand written with inner punctuation ("re:publica",
 * "hub.berlin", "code.talks") starting at `i`, or -1. Such a spelling is a name in any language.
 */
export function punctuatedBrand(doc: Doc, tokens: readonly Token[], i: number): number {
  const first = tokens[i];
  if (!first || !/^\p{Ll}/u.test(first.text)) return -1;
  let j = i;
  while (
    tokens[j + 1] &&
    /^[:.]$/u.test(doc.body.slice(tokens[j]?.end ?? 0, tokens[j + 1]?.start ?? 0))
  )
    j++;
  const name = doc.body.slice(first.start, tokens[j]?.end ?? first.end);
  const parts = name.split(/[:.]/u);
  if (parts.length < 2 || name.length < 6 || parts.some((p) => !/^\p{L}{2,}$/u.test(p))) return -1;
  return notBrandEnd.test(fold(parts[parts.length - 1] ?? '')) ? -1 : j;
}
/** "ProductTank", "OMR", "Web2Day": a brand, not a word or a city. */
const branded = (t: Token) => /^.\p{Ll}*\p{Lu}|\p{L}\d|\d\p{L}/u.test(t.text);

/**
 * The event a German, French, Spanish or Dutch sentence names by signing up for it or going to
 * it, as written, or null. `strong` allows one plain word ("Codemotion") and, in German, a
 * lower-case brand ("dmexco"): the events lesson, or a sentence that gives the day.
 */
export function framedEvent(
  doc: Doc,
  tokens: readonly Token[],
  lang: Language,
  taken: readonly Span[],
  strong: boolean,
): string | null {
  if (lang === 'en') return null;
  const inDate = (t: Token) => taken.some((s) => t.start < s.end && s.start < t.end);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (inDate(t) || /^\d+$/u.test(t.text)) continue;
    const clause = doc.clauses[t.clause];
    if (!clause) continue;
    const lead = doc.folded.slice(Math.max(clause.start, t.start - 40), t.start);
    const withArticle = article[lang].test(lead);
    if (!withArticle && !bare[lang].test(lead)) continue;
    const words = doc.folded.slice(clause.start, clause.end);
    // "Ich bin auf der DMEXCO, Ticket ist schon gekauft": the ticket may sit in the next clause.
    const whole = doc.sentences[t.sentence];
    const signed =
      register[lang].test(words) ||
      (whole ? register[lang].test(doc.folded.slice(whole.start, whole.end)) : false);
    if (!signed && !going[lang].test(words)) continue;
    if (!capitalised(t)) {
      const brandEnd = punctuatedBrand(doc, tokens, i);
      if (brandEnd >= 0 && strong) return doc.body.slice(t.start, tokens[brandEnd]?.end ?? t.end);
      // "für die dmexco angemeldet", "zur droidcon, Tickets hab ich": German writes its nouns
      // with capitals, so a lower-case word after the article and a sign-up or a ticket in the
      // sentence is a brand, if the day or the lesson backs it.
      const sentence = doc.sentences[t.sentence];
      const ticket =
        signed ||
        (sentence ? register.de.test(doc.folded.slice(sentence.start, sentence.end)) : false);
      if (lang !== 'de' || !ticket || !strong || t.fold.length < 3 || notEvents.test(t.fold))
        continue;
      if (lexiconClass(t.text) !== 'unknown') continue;
      return t.text;
    }
    let j = i;
    while (tokens[j + 1]) {
      const next = tokens[j + 1] as Token;
      const gap = doc.body.slice(tokens[j]?.end ?? 0, next.start);
      if (/[^\s'’&-]/u.test(gap) || inDate(next)) break;
      if (capitalised(next)) j++;
      else if (
        (connector.test(next.fold) || (lang === 'nl' && next.fold === 'en')) &&
        tokens[j + 2] &&
        capitalised(tokens[j + 2] as Token) &&
        !inDate(tokens[j + 2] as Token)
      )
        j += 2;
      else break;
    }
    if (isVenue(tokens.slice(i, j + 1)) || notEvents.test(t.fold)) continue;
    // "ProductTank Utrecht", "Talent Land de Guadalajara": the place is cut from the name,
    // unless what is left is a short code ("C2 Montréal").
    const code = j === i + 1 && t.text.length <= 3;
    while (!code && j > i && lexiconClass((tokens[j] as Token).text) === 'place') {
      j--;
      if (j > i && connector.test((tokens[j] as Token).fold)) j--;
    }
    const name = tokens.slice(i, j + 1);
    // "à l'Agile Tour": the name starts after the elided article.
    const text = doc.body.slice(t.start, tokens[j]?.end ?? t.end).replace(/^[ld]['’]/u, '');
    // "zur Tante Erika", "naar de Albert Heijn": someone's name is not an event's.
    if (name.some((n) => isNameInLexicon(n.text))) continue;
    if (name.length === 1 && lexiconClass(t.text) === 'place') continue;
    const brand = name.some(branded);
    if (name.length === 1 && !brand && !(signed && strong)) continue;
    // "ga naar Den Haag": without an article a name is gone to like a city, unless dated.
    if (!withArticle && !brand && !strong) continue;
    // German nouns are capitalised: one plain word needs a sign-up ("zur Arbeit gehen" is not).
    if (lang === 'de' && name.length === 1 && !brand && !signed) continue;
    return text;
  }
  return null;
}
