/**
 * Reads a reply as a careful person would: first what kind of reply it is (a command, an
 * out-of-office note, a report, a plan, a question...), then the details: dates in their
 * tense, people and whether they were met, the event, the why.
 *
 * Pure and bounded: time, zone and locale come from the caller, input is capped at 4,000
 * characters, nothing is read from the clock, the network or the environment.
 */
import { type Today, todayIn } from './calendar.ts';
import { readCommand } from './commands.ts';
import { planDroppedAt } from './date-tense.ts';
import { type FoundDate, findDates } from './dates.ts';
import { findEvent } from './events.ts';
import { detectLanguage } from './language.ts';
import { classifyPeople } from './meetings.ts';
import { findNames, mergeNames, nameCase } from './people.ts';
import { type Doc, readDoc, type Span } from './text.ts';
import { bringsNews, questionsOf, soundsDiscouraged } from './tone.ts';
import {
  type Language,
  noUnderstanding,
  type ReplyContext,
  type ReplyKind,
  type Understanding,
} from './types.ts';
import { mendTypos } from './typos.ts';
import { whyAndOffer } from './why.ts';
import { negation } from './words.ts';

// Enough for a month's round-up of meetings; a cap still bounds what one reply can log.
const MAX_PEOPLE = 12;

/** Dates to follow up: future, named days of plans, not cancelled, not the end of an absence. */
function planDates(
  doc: Doc,
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
  skip: (d: FoundDate) => boolean,
): FoundDate[] {
  return dates.filter((d) => {
    if (!d.precise || d.bound || d.past || d.day < today.day || skip(d)) return false;
    const sentence = doc.sentences.find((s) => d.start >= s.start && d.start < s.end);
    const clause = doc.clauses.find((c) => d.start >= c.start && d.start < c.end);
    const sText = sentence ? doc.folded.slice(sentence.start, sentence.end) : '';
    const cText = clause ? doc.folded.slice(clause.start, clause.end) : '';
    // Cancelled or fell through ("was supposed to", "iba a"), unless a "but" turns to a new plan.
    if (planDroppedAt(doc, d.start, lang)) return false;
    if (negation[lang].test(cText) && !/\b(?:can'?t wait|no worries|not sure)\b/u.test(cText))
      return false;
    return !(
      d.day === today.day &&
      /\b(?:met|had|saw|was|came|got|went|grabbed|getroffen|war|vu|vi|gezien)\b/u.test(sText)
    );
  });
}

function kindOf(u: Understanding, ooo: boolean): ReplyKind {
  if (ooo) return 'auto-reply';
  if (u.command) return 'command';
  if (u.met.length > 0) return 'report';
  if (u.news) return 'news';
  if (u.discouraged) return 'discouragement';
  if (u.question) return 'question';
  if (u.dates.length > 0 || u.event || (u.plans?.length ?? 0) > 0) return 'plan';
  if (u.people.length > 0 || u.why) return 'answer';
  return 'other';
}

/**
 * Reads a reply (already stripped of quotes and signature, see `extractReplyText`) in the
 * context of the course step it answers. Never throws; input beyond 4,000 characters is
 * ignored.
 */
export function understandReply(text: string, ctx: ReplyContext): Understanding {
  const result = noUnderstanding();
  let today: Today;
  try {
    today = todayIn(ctx.now, ctx.timezone);
  } catch {
    return result;
  }
  const raw = typeof text === 'string' ? text.slice(0, 4000) : '';
  if (!raw.trim()) return result;
  const lang = detectLanguage(raw, ctx.locale);
  const doc = readDoc(mendTypos(raw, lang));
  result.language = lang;
  const locale = ctx.locale ?? (lang === 'en' ? 'en-US' : lang);
  const dates = findDates(doc, today, lang, locale);

  const command = readCommand(doc, dates, today, lang);
  result.command = command.command;
  result.until = command.until;
  const absenceSentences = new Set(
    command.found.filter((f) => f.command === 'pause').map((f) => f.sentence),
  );

  if (!command.outOfOffice) {
    const event = findEvent(doc, dates, lang, ctx.step === 3);
    if (event)
      result.event = {
        name: event.name,
        date: event.date ?? nextSentenceDate(doc, dates, event.span),
      };
    const excluded: Span[] = [...doc.quotes, ...dates.map((d) => ({ start: d.start, end: d.end }))];
    if (event) excluded.push(event.span);
    if (ctx.step === 1) {
      // The why leaves out what was a command; the offer's words ("help with Python") are not people.
      let body = doc.body;
      for (const f of command.found) {
        const s = doc.sentences[f.sentence];
        if (!s) continue;
        // "Already know my why (…) — ready for the next lesson": a dash ends the thought before.
        const dash =
          f.end > f.start
            ? Math.max(...['—', '–', ' - '].map((d) => doc.body.lastIndexOf(d, f.start)))
            : -1;
        const from = Math.max(dash, s.start);
        body = body.slice(0, from) + ' '.repeat(s.end - from) + body.slice(s.end);
      }
      const { why, offer } = whyAndOffer(body);
      result.why = why;
      result.offer = offer;
      const at = offer ? doc.body.indexOf(offer.replace(/…$/u, '')) : -1;
      if (offer && at >= 0) excluded.push({ start: at, end: at + offer.length });
    }
    const hits = findNames(doc, lang, excluded).filter((h) => !h.reference && !h.rejected);
    const classified = classifyPeople(doc, hits, dates, today, lang, ctx.step);
    result.people = mergeNames(hits.map((h) => nameCase(h.name))).slice(0, MAX_PEOPLE);
    result.met = mergeNames(classified.met.map(nameCase)).slice(0, MAX_PEOPLE);
    if (classified.plans.length > 0) result.plans = classified.plans;
    if (classified.negated.length > 0) result.negated = classified.negated;
    const skip = (d: FoundDate) =>
      absenceSentences.has(doc.sentences.findIndex((s) => d.start >= s.start && d.start < s.end));
    result.dates = planDates(doc, dates, today, lang, skip).map((d) => ({
      text: d.text.replace(/[\s,;:.!?]+$/u, ''),
      date: d.iso,
    }));
  }
  if (!command.outOfOffice) {
    result.discouraged = soundsDiscouraged(doc, lang);
    result.news = bringsNews(doc);
    result.question = questionsOf(doc);
  }
  result.kind = kindOf(result, command.outOfOffice);
  return result;
}

/** "Signed up for the mixer. It is on the 19th.": the date in the sentence after. */
function nextSentenceDate(doc: Doc, dates: readonly FoundDate[], span: Span): string | null {
  const index = doc.sentences.findIndex((s) => span.start >= s.start && span.start < s.end);
  const next = doc.sentences[index + 1];
  if (!next || !/^\s*(?:it|it's|it is|this|that|es|c'est|het|dat)\b/iu.test(next.text)) return null;
  const date = dates.find(
    (d) => d.start >= next.start && d.start < next.end && d.precise && !d.past && !d.bound,
  );
  return date?.iso ?? null;
}
