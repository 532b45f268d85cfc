/**
 * Dates in a reply, read with chrono's parser for the reply's language and the subscriber's
 * locale (day first everywhere but in American English), plus the forms chrono leaves alone
 * (date-extras.ts). Past sentences resolve days backwards ("Saw them on Monday" on a
 * Wednesday is the Monday just gone), plans forwards.
 */
import * as chrono from 'chrono-node';
import {
  dayNumber,
  fromDayNumber,
  isoOfDay,
  previousDayOfMonth,
  type Today,
  validYmd,
} from './calendar.ts';
import { extraDates, previousMonthDay, previousWeekday } from './date-extras.ts';
import { tenseAt } from './date-tense.ts';
import { languageOfLocale } from './language.ts';
import type { Doc } from './text.ts';
import type { Language } from './types.ts';

/** One date the reply names, resolved for its tense. */
export interface FoundDate {
  start: number;
  end: number;
  text: string;
  /** The day meant (day number), after tense. */
  day: number;
  iso: string;
  /** For a range, the day it ends; else null. */
  endDay: number | null;
  yearStated: boolean;
  /** A named day (a date, a weekday, today/tomorrow), not a month or a vague span. */
  precise: boolean;
  /** A month alone ("in April"): the first of it, precise false. */
  monthOnly: boolean;
  /** An end of month or the new year: a bound for a pause, not a plan's date. */
  bound: boolean;
  /** Read backwards because its sentence is in the past. */
  past: boolean;
}

type Parser = { parse: typeof chrono.parse };

/** Month-first only in American English (and its neighbours); day first everywhere else. */
const monthFirstLocales = /^en(?:-(?:us|ca|ph))?$/i;

/**
 * chrono's day-first English, except that a month name before a number is
 * that month's day ("until April 20"), which its British parser reads as a
 * year (April 2020); numeric dates stay day first.
 */
const dayFirstEnglish: Parser = {
  parse(text, ref, options) {
    const british = chrono.en.GB.parse(text, ref, options);
    const monthFirst = /^\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?$/u;
    if (!british.some((r) => !r.start.isCertain('day') && monthFirst.test(r.text))) return british;
    const american = chrono.en.parse(text, ref, options);
    return british.map((r) =>
      !r.start.isCertain('day') && monthFirst.test(r.text)
        ? (american.find((a) => a.index === r.index && a.start.isCertain('day')) ?? r)
        : r,
    );
  },
};

export function parserFor(lang: Language, locale: string | undefined): Parser {
  switch (lang) {
    case 'de':
      return chrono.de;
    case 'fr':
      return chrono.fr;
    case 'es':
      return chrono.es;
    case 'nl':
      return chrono.nl;
    default: {
      const tag = (locale ?? 'en-US').replace('_', '-');
      if (languageOfLocale(tag) === 'en' && monthFirstLocales.test(tag)) return chrono.en;
      // English written by someone whose locale is not American English: day first.
      return languageOfLocale(tag) === null && !/^en/i.test(tag) ? chrono.en : dayFirstEnglish;
    }
  }
}

/** "next week", "diese Woche": spans, not days. */
const vagueSpan =
  /\b(?:week|weeks|weekend|month|months|year|woche|wochen|wochenende|monat|jahr|semaine|week-end|mois|annee|semana|fin de semana|mes|ano|maand|jaar)\b/u;
const namedDay =
  /\d|\b(?:today|tonight|tomorrow|yesterday|heute|morgen|gestern|ubermorgen|aujourd'hui|demain|hier|ce soir|hoy|manana|ayer|esta noche|vandaag|gisteren|vanavond|vanochtend|morgen)\b|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\bmon|\btue|\bwed|\bthu|\bfri|\bsat|\bsun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miercoles|jueves|viernes|sabado|domingo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)/u;
const monthCue =
  /\b(?:in|until|till|til|by|from|through|since|before|after|early|mid|late|start|beginning|next|this|during|ab|bis|im|seit|anfang|vor|nach|en|des|jusqu'en|jusqu'a|avant|apres|debut|hasta|desde|antes|despues|principios|vanaf|tot|voor|na|begin|in)[\s-]+$/u;
const hoursOrMinutes =
  /^(?:in|within|after|en|dans|binnen|over|na|nach)?\s*(?:\d+(?:[.,]\d+)?|an?|one|a couple of|a few|half an?|une?|eine[nr]?|una?|een)\s*(?:hours?|hrs?|minutes?|mins?|stunden?|minuten?|heures?|horas?|minutos?|uur|uren)(?:\s+(?:from now|later|ago|away|from))?$/u;
const backwardWord = /\b(?:last|letzte[nmrs]?|vorige[nm]?|dernier|derniere|pasado|pasada)\b/u;
const backwardAfter = /^\s*(?:dernier|derniere|pasado|pasada)\b/u;
const forwardWord =
  /\b(?:next|this coming|nachste[nmrs]?|kommende[nmrs]?|prochain|prochaine|proximo|proxima|que viene|volgende|komende)\b/u;

function parseSafe(parser: Parser, text: string, today: Today): chrono.ParsedResult[] {
  try {
    return parser.parse(
      text,
      { instant: today.startOfDay, timezone: today.offsetMinutes },
      { forwardDate: true },
    );
  } catch {
    return [];
  }
}

function componentsDay(c: chrono.ParsedComponents): number | null {
  const year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  if (year === null || month === null || day === null || !validYmd(year, month, day)) return null;
  return dayNumber({ year, month, day });
}

/**
 * Every date in `doc`: chrono's readings and the extras, tense applied, in order. Vague
 * spans ("next week") and bare times are left out; months alone count only after a word
 * that makes them a date ("until April"), so "April and Maya" stays people.
 */
export function findDates(
  doc: Doc,
  today: Today,
  lang: Language,
  locale: string | undefined,
): FoundDate[] {
  const found: FoundDate[] = [];
  const extras = extraDates(doc.folded, lang, today);
  const taken = (start: number, end: number) => extras.some((e) => e.start < end && start < e.end);
  const parser = parserFor(lang, locale);
  const results: { result: chrono.ParsedResult; offset: number }[] = parseSafe(
    parser,
    doc.body,
    today,
  ).map((result) => ({ result, offset: 0 }));
  for (let r = 0; r < results.length; r++) {
    const { result, offset } = results[r] as { result: chrono.ParsedResult; offset: number };
    const start = offset + result.index;
    const end = start + result.text.length;
    const text = doc.folded.slice(start, end);
    const s = result.start;
    const certainDay = s.isCertain('day') || s.isCertain('weekday');
    const monthOnly = !certainDay && s.isCertain('month');
    if (taken(start, end) || /^\s*(?:right\s+)?now\s*$/u.test(text)) continue;
    // "5 hours from anywhere", "à 2 heures de Paris": a distance or a wait, not a named day.
    if (hoursOrMinutes.test(text)) continue;
    if (certainDay && !namedDay.test(text)) continue;
    if (
      /^(?:mon|tue|wed|thu|fri|sat|sun|mar|mer|jeu|ven|sam|dim|lun|mie|jue|vie|sab|dom|ma|di|wo|do|vr|za|zo|mo|mi|fr|sa|so)$/u.test(
        text,
      ) &&
      !/^\p{Lu}/u.test(result.text)
    )
      continue;
    if (
      certainDay &&
      vagueSpan.test(text) &&
      !/\d|day|tag|dag|di\b|jour|lunes|martes|miercoles|jueves|viernes|sabado|domingo/u.test(text)
    )
      continue;
    if (!certainDay && !monthOnly) {
      // "Night on December 3rd": chrono took a time-of-day word and lost the date; read on.
      const space = result.text.indexOf(' ');
      if (space > 0 && offset === 0) {
        const rest = start + space + 1;
        for (const again of parseSafe(parser, doc.body.slice(rest, end), today))
          results.push({ result: again, offset: rest });
      }
      continue;
    }
    if (
      monthOnly &&
      !monthCue.test(doc.folded.slice(Math.max(0, start - 16), start)) &&
      !monthCue.test(`${text.split(' ')[0] ?? ''} `)
    )
      continue;
    let day = componentsDay(s);
    if (day === null) continue;
    // "esta mañana", "heute Morgen": this morning, not tomorrow.
    if (
      /^(?:manana|morgen)$/u.test(text) &&
      /(?:esta|heute|de la|por la|diese[nm]?)\s+$/u.test(
        doc.folded.slice(Math.max(0, start - 8), start),
      )
    )
      continue;
    const endDay = result.end ? componentsDay(result.end) : null;
    const yearStated = s.isCertain('year');
    const weekdayOnly = s.isCertain('weekday') && !s.isCertain('day');
    let past = false;
    if (
      certainDay &&
      !yearStated &&
      !/\b(?:tomorrow|morgen|demain|manana|ubermorgen|today|heute|aujourd'hui|hoy|vandaag|yesterday|gestern|hier|ayer|gisteren)\b/u.test(
        text,
      )
    ) {
      const before = doc.folded.slice(Math.max(0, start - 14), start);
      const after = doc.folded.slice(end, end + 10);
      const backward =
        backwardWord.test(text) || backwardWord.test(before) || backwardAfter.test(after);
      const forward = forwardWord.test(text) || forwardWord.test(before);
      const tense = tenseAt(doc, start, lang);
      const back = weekdayOnly
        ? previousWeekday(today, s.get('weekday') ?? 0)
        : previousMonthDay(today, day);
      // A year-less date a whole year ahead but days ago is the one just gone. A named
      // month and day keep their reading otherwise ("I've booked it for 9 December").
      const stale = !weekdayOnly && day - today.day > 300 && today.day - back <= 45;
      if (!forward && (backward || stale || (weekdayOnly && tense === 'past'))) {
        day = back;
        past = true;
      }
    }
    if (day < today.day) past = true;
    found.push({
      start,
      end,
      text: doc.body.slice(start, end).trim(),
      day,
      iso: isoOfDay(day),
      endDay,
      yearStated,
      precise: certainDay,
      monthOnly,
      bound: false,
      past,
    });
  }
  for (const e of extras) {
    let day = e.day;
    let past = false;
    if (e.noYear && !e.bound) {
      const backward = backwardWord.test(doc.folded.slice(Math.max(0, e.start - 14), e.start));
      const tense = tenseAt(doc, e.start, lang);
      const back = e.dayOfMonthOnly
        ? previousDayOfMonthOf(today, e.day)
        : previousMonthDay(today, e.day);
      const stale = !e.dayOfMonthOnly && day - today.day > 300 && today.day - back <= 45;
      if (backward || stale || (e.dayOfMonthOnly && tense === 'past')) {
        day = back;
        past = true;
      }
    }
    found.push({
      start: e.start,
      end: e.end,
      text: doc.body.slice(e.start, e.end).trim(),
      day,
      iso: isoOfDay(day),
      endDay: e.endDay === undefined ? null : e.endDay + (day - e.day),
      yearStated: e.yearStated,
      precise: !e.bound,
      monthOnly: false,
      bound: e.bound,
      past: past || day < today.day,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function previousDayOfMonthOf(today: Today, forward: number): number {
  return previousDayOfMonth(today.day, fromDayNumber(forward).day) ?? forward;
}
