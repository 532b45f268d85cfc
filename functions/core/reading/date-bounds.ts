/**
 * Dates that bound a pause rather than name a day: the end of a month ("month end", "Ende
 * Oktober", "Monatsende", "fin du mois", "fin de mes", "finales de octubre", "tot het einde
 * van de maand", "eind deze maand"), the new year, and a month alone after a cue ("until
 * April", "ab Februar", "hasta marzo").
 */
import { dayNumber, endOfMonth, type Today } from './calendar.ts';
import { type ExtraDate, monthAlternation, monthOf, yearlessDate } from './date-words.ts';

const monthEndPattern = new RegExp(
  `\\b(?:(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?(month|${monthAlternation})|(month)(?:'s)?[\\s-]end|(?:ende|zum ende)\\s+(?:des\\s+|dieses\\s+|diesen\\s+)?(monats?|${monthAlternation})|(?:the\\s+)?rest\\s+of\\s+(?:the\\s+|this\\s+)(month)|(?:den\\s+)?rest\\s+des\\s+(monats)|(?:le\\s+)?reste\\s+du\\s+(mois)|(?:el\\s+)?resto\\s+del\\s+(mes)|(?:de\\s+)?rest\\s+van\\s+(?:de|deze)\\s+(maand)|(monats)ende|fin(?:\\s+du|\\s+de|\\s+de\\s+ce)?\\s+(mois|${monthAlternation})|(?:a\\s+)?(?:final(?:es)?|fin)\\s+de(?:l)?\\s+(?:este\\s+)?(mes|${monthAlternation})|(?:het\\s+)?einde?\\s+(?:van\\s+)?(?:de\\s+|deze\\s+)?(maand|${monthAlternation}))\\b`,
  'gu',
);

export function monthEnds(folded: string, today: Today, out: ExtraDate[]): void {
  for (const match of folded.matchAll(monthEndPattern)) {
    const word = match.slice(1).find(Boolean) ?? '';
    const month = monthOf(word);
    let day: number;
    if (month === null) {
      day = endOfMonth(today.day);
    } else {
      const year = month >= today.date.month ? today.date.year : today.date.year + 1;
      day = endOfMonth(dayNumber({ year, month, day: 1 }));
    }
    out.push(yearlessDate(match.index, match[0], day, true));
  }
  for (const match of folded.matchAll(
    /\b(?:the\s+)?new\s+year\b|\bneujahr\b|\b(?:le\s+)?nouvel\s+an\b|\bla\s+nouvelle\s+annee\b|\bano\s+nuevo\b|\bnieuwjaar\b|\bhet\s+nieuwe\s+jaar\b/gu,
  )) {
    const day = dayNumber({ year: today.date.year + 1, month: 1, day: 1 });
    out.push(yearlessDate(match.index, match[0], day, true));
  }
}

const monthAfterCue = new RegExp(
  `(?<![\\p{L}'])(?:until|till|by|in|from|after|before|since|bis|ab|im|seit|nach|vor|jusqu'en|en|a partir de|des|hasta|desde|tot|vanaf|na|per)\\s+(?:(?:early|mid|late|anfang|mitte|debut|principios de|begin)\\s+)?(${monthAlternation})(?![\\p{L}\\s]*\\d)(?![\\p{L}])`,
  'gu',
);

/** "until April", "ab Februar", "hasta marzo": the first of the month (a bound, not a plan's date). */
export function monthsAlone(folded: string, today: Today, out: ExtraDate[]): void {
  for (const match of folded.matchAll(monthAfterCue)) {
    const month = monthOf(match[1] ?? '');
    if (
      month === null ||
      (match[1] ?? '').length < 3 ||
      [
        'mar',
        'may',
        'mai',
        'jun',
        'jul',
        'aug',
        'sep',
        'dec',
        'nov',
        'oct',
        'jan',
        'feb',
        'apr',
        'mei',
      ].includes(match[1] ?? '')
    )
      continue;
    const year = month > today.date.month ? today.date.year : today.date.year + 1;
    const day = dayNumber({ year, month, day: 1 });
    const start = match.index + match[0].length - (match[1] ?? '').length;
    out.push(yearlessDate(start, match[1] ?? '', day, true));
  }
}
