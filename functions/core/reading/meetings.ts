/**
 * Which of the people a reply names were met. A plan is not a meeting ("coffee with Ola is
 * booked for Friday"), nor is an intention that fell through ("I meant to see Ben but he got
 * ill"), contacting someone ("emailed Nadia"), or a meeting seen only through a reference
 * ("thanks to Rebecca from the coffee chat"). Met means a meeting verb in the past, or an
 * occasion "with" the person in the past, or, answering lesson 4 ("who did you meet?"), a
 * bare list of names.
 */
import type { Today } from './calendar.ts';
import type { FoundDate } from './dates.ts';
import {
  countHeading,
  listAnswer,
  ownSentence,
  ownSpan,
  thankedForIntro,
  underRecap,
} from './meeting-clauses.ts';
import {
  arranged,
  futureExtra,
  introduction,
  laterToday,
  managedToMeet,
  metStrict,
  occasionWords,
} from './meeting-words.ts';
import type { NameHit } from './people.ts';
import { mergeNames, nameCase, sameName } from './people.ts';
import type { Doc, Span } from './text.ts';
import type { Language, Plan } from './types.ts';
import {
  cancelled,
  contactOnly,
  futureCue,
  intention,
  meetingCue,
  metVerb,
  negation,
  pastCue,
} from './words.ts';

type Verdict = 'met' | 'plan' | 'negated' | 'unknown';

const withWord =
  /(?:^|[^\p{L}])(?:with|mit|avec|con|met)\s+(?:(?:el|la|der|die|den|dem|dr|mr|mrs|ms|frau|herr|herrn|m|mme|sr|sra|don|dona|prof)\.?\s+){0,2}$/u;
const occasion =
  /\b(?:coffee|lunch|breakfast|brunch|dinner|drinks?|call|chat|zoom|walk|video|kaffee|mittagessen|essen|fruhstuck|gesprach|telefonat|anruf|zmittag|znacht|cafe|dejeuner|verre|appel|visio|comida|cena|desayuno|llamada|videollamada|koffie|lunch|borrel|pint|videocall|telefoontje)\b/u;
/** "er heißt Uwe", "il s'appelle Olivier": a clause that only names someone just mentioned. */
const naming =
  /\b(?:heisst|heißt|s'appelle|se llama|heet|called|named|name is|name's|nennt sich)\b/u;
const bareList = /^[\s\p{L}\p{M}'’.,&+():\-–—]*$/u;

function textOf(doc: Doc, span: Span | undefined): string {
  return span ? doc.folded.slice(span.start, span.end) : '';
}

function verdict(
  doc: Doc,
  hit: NameHit,
  hits: readonly NameHit[],
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
  step: number | null,
): Verdict {
  const clause = doc.clauses[hit.clause];
  const sentence = ownSentence(doc, hit);
  const own = ownSpan(doc, hit);
  const c = textOf(doc, own);
  const s = textOf(doc, sentence);
  // Status emoji after the name: ✅ done, ❌ not.
  const status = doc.body.slice(hit.end, (clause?.end ?? hit.end) + 3);
  // The name's line so far; found from its last break, not by splitting the reply before it.
  const line = doc.body.slice(doc.body.lastIndexOf('\n', hit.start - 1) + 1, hit.start);
  if (/\u2705|\u2714/u.test(status) || /^\s*(?:\u2705|\u2714)/u.test(line)) return 'met';
  if (/\u274c|\u2716/u.test(status) || /^\s*(?:\u274c|\u2716)/u.test(line)) return 'negated';
  if (/^\s*(?:\u23f3|\u{1F4C5}|\u{1F5D3})/u.test(line)) return 'plan';
  // "nur Frau Lüthi getroffen, und das Znacht mit Beat wurde verschoben": a meeting verb of
  // the name's own clause is not undone by a cancellation in another.
  if (
    (cancelled[lang].test(s) || cancelled.en.test(s)) &&
    (cancelled[lang].test(c) ||
      cancelled.en.test(c) ||
      !metStrict[lang].test(c) ||
      arranged[lang].test(c))
  )
    return 'negated';
  // "Huge thanks to Ben for introducing us": whoever made the introduction was not met for it.
  if (thankedForIntro(doc, hit, own)) return 'unknown';
  // "I met her through volunteering", "kenne ich vom Stammtisch": how they know each other.
  if (
    /\bmet (?:\w+ )?(?:through|via|at (?:uni|university|school|college|work))\b|\b(?:years ago|kenne ich|know from|connais)\b/u.test(
      s,
    )
  )
    return 'unknown';
  const neg = (t: string) =>
    negation[lang].test(t) &&
    !/\b(?:nobody else|sonst niemand|personne d'autre|nadie mas|verder niemand|no one else)\b/u.test(
      t,
    );
  if (neg(c)) return 'negated';
  // "Ich hab es geschafft, Miriam zu treffen", "logré ver a Paloma": a meeting that came off.
  // An infinitive ("…, Miriam zu treffen") reads with the clause that governs it.
  const governed =
    /(?<![\p{L}])(?:zu|te)\s+\p{L}+en(?![\p{L}])/u.test(c) &&
    doc.clauses[hit.clause - 1]?.sentence === hit.sentence;
  const managedText = governed ? `${textOf(doc, doc.clauses[hit.clause - 1])} ${c}` : c;
  if (managedToMeet[lang].test(managedText) || managedToMeet.en.test(managedText))
    return neg(managedText) ? 'negated' : 'met';
  const clauseDates = dates.filter((d) => d.start >= own.start && d.start < own.end && d.precise);
  const sentenceDates = dates.filter(
    (d) => sentence && d.start >= sentence.start && d.start < sentence.end && d.precise,
  );
  const future = (t: string) => futureCue[lang].test(t) || futureExtra[lang].test(t);
  const meeting = (t: string) => meetingCue[lang].test(t) || occasionWords[lang].test(t);
  // A clause with no word of its own ("…, Nadine.") reads with the clause before it; one
  // that opens with a pronoun ("ze gaat me voorstellen aan …") has a verb of its own.
  const lower = Math.max(clause?.start ?? own.start, sentence.start);
  const previousClause = doc.clauses[hit.clause - 1];
  const previousText =
    own.start > lower ? doc.folded.slice(lower, own.start) : textOf(doc, previousClause);
  const samePrevious =
    own.start > lower ||
    (previousClause?.sentence === hit.sentence && previousClause.start >= sentence.start);
  const bareClause =
    !pastCue[lang].test(c) &&
    !future(c) &&
    !meeting(c) &&
    !contactOnly[lang].test(c) &&
    !intention[lang].test(c) &&
    !arranged[lang].test(c) &&
    !introduction[lang].test(c) &&
    (!/^\W*(?:i|we|she|he|they|ich|wir|sie|er|je|j'|nous|elle|il|on|yo|ella|nosotros|ik|we|ze|zij|hij)\b/u.test(
      c,
    ) ||
      naming.test(c));
  const lead = bareClause && samePrevious ? `${previousText} ${c}` : c;
  // "she's going to introduce me to her manager, Colin": whoever is introduced is still to meet.
  if (introduction[lang].test(lead) || introduction.en.test(lead)) return 'plan';
  // "Mit Carla hab ich ein Mittagessen ausgemacht": arranged, which is a plan in any tense.
  if (arranged[lang].test(lead) && !metStrict[lang].test(lead)) return 'plan';
  for (const [text, ownDates] of [
    [lead, clauseDates],
    [s, sentenceDates],
  ] as const) {
    const futureDate = ownDates.some((d) => !d.past && d.day > today.day);
    const pastDate = ownDates.some((d) => d.past);
    const intends =
      intention[lang].test(text) ||
      intention.en.test(text) ||
      /\b(?:we'd|i'd)\b(?!\s+(?:never\s+|not\s+|already\s+|just\s+)?(?:\p{L}+ed|met|been|seen|spoken|done|gone)\b)/u.test(
        text,
      );
    const wasIntended =
      /\b(?:supposed to|meant to|wanted to|was going to|planned to|wollte|sollte|hatte .{0,30}sollen|hatt .{0,30}sollen|devais|devait|devaient|voulais|etait cense|etait prevu|iba a|queria|deberia|zou|wilde)\b/u.test(
        text,
      );
    if (wasIntended) return 'negated';
    if (futureDate && !pastDate) return 'plan';
    if (intends && !pastDate && !/\b(?:went well|happened)\b/u.test(text))
      return future(text) || intends ? 'plan' : 'unknown';
    // English words mixed into a reply count too, except in Dutch, where "met" means "with".
    const english = lang !== 'nl' && lang !== 'en';
    const verb =
      metVerb[lang].test(text) || metStrict[lang].test(text) || (english && metVerb.en.test(text));
    const recap = underRecap(doc, hit, today.date.month) && !future(text);
    const past = pastDate || pastCue[lang].test(text) || verb || recap;
    const before = doc.folded.slice(Math.max(clause?.start ?? 0, hit.start - 40), hit.start);
    const linked = withWord.test(before) && (occasion.test(text) || occasionWords[lang].test(text));
    if (past && (meeting(text) || (english && meetingCue.en.test(text))) && (verb || linked)) {
      if (
        contactOnly[lang].test(text) &&
        !/\b(?:met|saw|had|talked|spoke|getroffen|gesprochen|rencontre|vu|vi|gesproken|gezien)\b/u.test(
          text,
        )
      )
        return 'unknown';
      return 'met';
    }
    if (future(text) && !past) return 'plan';
    if (text === s) break;
    // A clause with no word of its own defers to its sentence.
    if (!bareClause || intention[lang].test(lead) || future(lead)) break;
  }
  // Lesson 4 asks "who did you meet?" and a check-in "how many people did you meet?": a bare
  // list of names, or a count and names, is the answer.
  const sentenceText = doc.body.slice(sentence.start, sentence.end);
  if (
    (step === 4 || step === null) &&
    !contactOnly[lang].test(c) &&
    !future(c) &&
    !laterToday[lang].test(c) &&
    (listAnswer(doc, hit.sentence, futureCue[lang], hits) ||
      countHeading(doc, hit, (t) => future(t) || intention[lang].test(t)) ||
      (bareList.test(sentenceText) && !futureCue[lang].test(s) && occasion.test(s)))
  )
    return 'met';
  return 'unknown';
}

/** "We met on March 2nd. Dmitri was lovely.": a met sentence with no name lends it to the next. */
function metNeighbour(doc: Doc, hit: NameHit, hits: readonly NameHit[], lang: Language): boolean {
  for (const other of [hit.sentence - 1, hit.sentence + 1]) {
    const sentence = doc.sentences[other];
    if (!sentence || hits.some((h) => h.sentence === other)) continue;
    const text = textOf(doc, sentence);
    if (!(metVerb[lang].test(text) && meetingCue[lang].test(text))) continue;
    if (negation[lang].test(text) || futureCue[lang].test(text)) continue;
    const own = textOf(doc, doc.sentences[hit.sentence]);
    if (
      /\b(?:his name|her name|their name|er heisst|sie heisst|il s'appelle|elle s'appelle|se llama|hij heet|ze heet)\b|^\W*(?:\p{L}+ ){1,2}(?:was|war|etait|fue)\b/u.test(
        own,
      )
    )
      return true;
  }
  return false;
}

/**
 * "I messaged Dana. We are having coffee on 16 December.": a dated plan said
 * with "we" in the next sentence, which names nobody, is a plan with the
 * person just named.
 */
function plannedNeighbour(
  doc: Doc,
  hit: NameHit,
  hits: readonly NameHit[],
  dates: readonly FoundDate[],
  lang: Language,
): { sentence: number; text: string; date: string } | null {
  const index = hit.sentence + 1;
  const sentence = doc.sentences[index];
  if (!sentence || hits.some((h) => h.sentence === index)) return null;
  const text = textOf(doc, sentence);
  if (!/^\W*(?:we|we're|wir|nous|on|nosotros|vamos|we gaan|wij)\b/u.test(text)) return null;
  if (!meetingCue[lang].test(text) || negation[lang].test(text)) return null;
  const date = dates.find(
    (d) => d.start >= sentence.start && d.start < sentence.end && d.precise && !d.past,
  );
  return date ? { sentence: index, text: sentence.text.trim(), date: date.iso } : null;
}

export function classifyPeople(
  doc: Doc,
  hits: readonly NameHit[],
  dates: readonly FoundDate[],
  today: Today,
  lang: Language,
  step: number | null,
): { met: string[]; plans: Plan[]; negated: Plan[] } {
  const met: string[] = [];
  const plans = new Map<number, Plan>();
  const negated = new Map<number, Plan>();
  // "Mr. Rajesh Iyer … met Rajesh": a later, shorter mention is reported under the full name.
  const names = mergeNames(hits.map((h) => nameCase(h.name)));
  for (const hit of hits) {
    let v = verdict(doc, hit, hits, dates, today, lang, step);
    if (v === 'unknown' && metNeighbour(doc, hit, hits, lang)) v = 'met';
    const name = names.find((n) => sameName(n, nameCase(hit.name))) ?? nameCase(hit.name);
    const lent = v === 'unknown' ? plannedNeighbour(doc, hit, hits, dates, lang) : null;
    if (lent) {
      const plan = plans.get(lent.sentence) ?? { text: lent.text, people: [], date: lent.date };
      plan.people.push(name);
      plans.set(lent.sentence, plan);
      continue;
    }
    if (v === 'met') met.push(name);
    if (v === 'plan' || v === 'negated') {
      const into = v === 'plan' ? plans : negated;
      const sentence = doc.sentences[hit.sentence];
      const date = dates.find(
        (d) =>
          sentence && d.start >= sentence.start && d.start < sentence.end && d.precise && !d.past,
      );
      const plan = into.get(hit.sentence) ?? {
        text: sentence?.text.trim() ?? '',
        people: [],
        date: v === 'plan' ? (date?.iso ?? null) : null,
      };
      plan.people.push(name);
      into.set(hit.sentence, plan);
    }
  }
  return { met, plans: [...plans.values()], negated: [...negated.values()] };
}
