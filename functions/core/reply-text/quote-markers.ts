/**
 * The lines a mail client writes above quoted history, in the languages its users run it in:
 * attributions ("On <date>, <name> wrote:" and its translations) here (their verbs in
 * `attribution-words.ts`), separators in `separators.ts`, header blocks in `header-fields.ts`.
 * They are recognised by the shapes clients write (a time, the "wrote" verb or an address at
 * the end), never by a word alone, so a person's sentence that merely starts like one stays
 * theirs.
 */
import { cjkWroteWords, nameFirstVerbs, verbFirstWords, wroteWords } from './attribution-words.ts';
import { headerBlockSpan } from './header-fields.ts';
import { isSeparator } from './separators.ts';
import { hasColon, headerCandidate, type SourceLine } from './text-lines.ts';

/** A quote header found at a line: how many lines it spans and whether it may end the reply. */
export interface QuoteHeader {
  span: number;
  /**
   * The header is strong enough to mean "everything below is the quoted message" even when the
   * lines below carry no quote marking (Outlook, Yahoo and Samsung text parts). Otherwise it
   * only counts as a header directly above quoted lines.
   */
  cutsTail: boolean;
}

/** A wrapped attribution is never longer than this; the cap also bounds the regex work. */
const MAX_ATTRIBUTION = 400;

// Latin, Cyrillic, Greek, Hebrew and Arabic verbs must start a word; an apostrophe before one
// ("m'a écrit") makes it a person's sentence.
const wordStart = "(?<![\\p{L}\\p{N}'’])";

const verbLastPattern = new RegExp(
  `(?:${wordStart}(?:${wroteWords.join('|')})|(?:${cjkWroteWords.join('|')}))\\s*[:：](?:\\s{2,}\\S.*)?$`,
  'iu',
);

/** Some languages put the name after the verb: "schrieb Name <a@b>:", "skrev Name <a@b>:". */
const verbFirstPattern = new RegExp(
  `${wordStart}(?:${verbFirstWords.join('|')})\\s[^:：\\n]{1,250}[:：]$`,
  'iu',
);

/** Gmail (ru, ja, he, ar), Yandex and mail.ru write no verb: "<date>, Name <a@b>:". */
const addressLastPattern = /@[^\s<>@()]{1,253}>\)?\s*[:：]$/u;

/**
 * Name first, date last: Gmail for Android in German ("Name <a@b> schrieb am Di., 1. Dez. 2026,
 * 09:00:"), Lotus Notes ("Name <a@b> wrote on 01.12.2026 09:00:") and Apple Mail in Polish
 * ("Wiadomość napisana przez Name <a@b> w dniu 1 gru 2026, o godz. 09:00:").
 */
const nameFirstPatterns = [
  new RegExp(
    `@[^\\s<>@()]{1,253}>\\)?,?\\s+(?:${nameFirstVerbs.join('|')})\\s[^\\n]{1,120}[:：]$`,
    'iu',
  ),
  /^wiadomość\s+napisana\s+przez\s[^\n]{1,250}[:：]$/iu,
];

/** The same without an address ("Drip Coach kirjoitti 1.12.2026 klo 9.00:"); needs a date. */
const namedVerbDatePattern = new RegExp(
  `^[^:：\\n]{1,100}\\s(?:${nameFirstVerbs.join('|')})\\s[^\\n]{1,120}[:：]$`,
  'iu',
);

/** The time (or numeric date) every client's attribution carries. */
const timePattern = /(?<!\p{Nd})\p{Nd}{1,2}[:.h]\p{Nd}{2}(?!\p{Nd})|\p{Nd}{1,2}\s?時/u;

/** A date: a year, a numeric day.month.year, or a CJK month ("12月", "12월"). */
const datePattern =
  /(?<!\p{Nd})(?:19|20)\p{Nd}{2}(?!\p{Nd})|\p{Nd}{1,2}[./-]\p{Nd}{1,2}[./-]\p{Nd}{2,4}|\p{Nd}{1,2}\s?[月월]/u;

/**
 * How attributions begin: an opening word (en On, de Am, fr Le, es El, pt Em, it Il, nl Op,
 * sv Den/På, pl W dniu/Dnia, cs Dne/V, ru В, el Στις, ro În, he בתאריך, ar في) or the date
 * itself, possibly after a weekday ("вт, 3 мар.", "Вторник, 3 марта", "2026年12月1日",
 * "03.03.2026, 09:00").
 */
const openerPattern =
  /^(?:on|am|le|el|em|il|op|den|på|w\s+dniu|dnia|dne|ve?|в|στις|în|בתאריך|في)\s/iu;
// A date ("Tuesday, December 1, 2026"), never a bare time: "9:00 AM, Name" is the second line
// of a wrapped header.
const leadingDatePattern = /^(?:\p{L}{2,12}\.?,\s*)?(?:\p{L}{3,12}\.?\s)?\d(?!\d?[:h]\d)/u;

const hasAddress = (text: string): boolean => /\S@\S/.test(text);

/** Right-to-left clients (he, ar) wrap names and addresses in direction marks. */
const directionMarks = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Hungarian Gmail puts the date in brackets after the verb: "Name <a@b> ezt írta (időpont:
 * 2026. dec. 1., K, 9:00):"; without the brackets the verb ends the line as elsewhere.
 */
function withoutTrailingBrackets(text: string): string {
  return text.replace(/\s*\([^()]{1,160}\)\s*([:：])$/u, '$1');
}

/** Whether a line ends with the "wrote" verb ("… wrote:", "schrieb Name <a@b>:"). */
function endsWithVerb(text: string): boolean {
  return (
    verbLastPattern.test(text) ||
    verbLastPattern.test(withoutTrailingBrackets(text)) ||
    verbFirstPattern.test(text)
  );
}

function endsLikeAttribution(text: string): boolean {
  return endsWithVerb(text) || addressLastPattern.test(text);
}

/** Cheap test of a first line: every attribution shape starts like one of these. */
function mayStartAttribution(text: string): boolean {
  return (
    openerPattern.test(text) ||
    leadingDatePattern.test(text) ||
    text.includes('@') ||
    text.includes('<') ||
    /^wiadomość\s/iu.test(text) ||
    // A name first and the date later: "Name, 1 Ara 2026 Sal, 09:00 tarihinde şunu yazdı:".
    timePattern.test(text) ||
    datePattern.test(text)
  );
}

/**
 * - `known`: a client's attribution shape (an opener or date first and "wrote:" or an address
 *   last; or a sender, a date and "wrote:" in any order).
 * - `generic`: only the shape every attribution has: an address, a date and time, and a colon
 *   at the end. It counts directly above quoted lines, never as the start of an unmarked quote.
 */
type AttributionShape = 'known' | 'generic';

function datedAttribution(text: string): AttributionShape | null {
  // Every shape ends in a colon; checking for one first keeps ordinary lines cheap.
  if (!hasColon(text) || !timePattern.test(text)) return null;
  const opens = openerPattern.test(text) || leadingDatePattern.test(text);
  if (opens && endsLikeAttribution(text)) return 'known';
  if (nameFirstPatterns.some((pattern) => pattern.test(text))) return 'known';
  // A date with "wrote:" at the end, the sender where the language puts it (tr "Name <a@b>,
  // 1 Ara 2026 Sal, 09:00 tarihinde şunu yazdı:", ko "… <a@b>님이 작성:"). A time alone is not
  // enough: "9:00 AM, Name <a@b> wrote:" is the tail of a wrapped header, not its start.
  const dated = datePattern.test(text);
  if (dated && (endsWithVerb(text) || namedVerbDatePattern.test(text))) return 'known';
  if (hasAddress(text) && dated && /[:：]$/u.test(text)) return 'generic';
  return null;
}

/**
 * Whether a line ends a sentence. A period after a number or a short abbreviation ("2026.",
 * "1 dec.", "Dez.") is part of a date that a client wrapped mid-way.
 */
function endsSentence(text: string): boolean {
  if (/[!?…]$/u.test(text)) return true;
  return text.endsWith('.') && !/(?:\p{Nd}|(?<!\p{L})\p{L}{1,5})\.$/u.test(text);
}

/** A sender's address as clients write it in a header: "<a@b>" or "(a@b)". */
const senderAddress = /<[^\s<>@]{1,64}@[^\s<>@]{1,253}>|\([^\s()@]{1,64}@[^\s()@]{1,253}\)/u;

/**
 * Whether the lines of a span from `later` on are a header by themselves, so the earlier lines
 * are the person's. They are not when the whole is a known shape and the rest only the generic
 * one, or when the earlier lines hold the sender's address and the rest holds none (Gmail wraps
 * "Name <a@b>, 1 Ara 2026 Sal, 09:00 tarihinde şunu" / "yazdı:" and "Name <a@b> ezt" / "írta
 * (időpont: …):"): a person's line above a header does not end in a client's "<a@b>".
 */
function startsLater(parts: readonly string[], later: number, whole: AttributionShape): boolean {
  const rest = parts.slice(later).join(' ');
  const shape = datedAttribution(rest);
  if (!shape || (whole === 'known' && shape === 'generic')) return false;
  // "On …", "Am …", "Le …" opens a header; a line above that is never its start.
  if (openerPattern.test(rest)) return true;
  return !(senderAddress.test(parts.slice(0, later).join(' ')) && !hasAddress(rest));
}

/**
 * A dated attribution starting at line `i`, wrapped over up to three lines as clients wrap it
 * (Gmail wraps its text part near 76 characters, so "… tarihinde şunu" / "yazdı:" is one
 * header). A line ending a sentence is never the first part of a wrapped one, and a header that
 * starts on a later line of the span wins, so the person's line above a header is never
 * swallowed.
 */
function attributionAt(lines: readonly SourceLine[], i: number): QuoteHeader | null {
  const parts: string[] = [];
  for (let span = 1; span <= 3; span++) {
    const line = lines[i + span - 1];
    if (line?.kind !== 'text') return null;
    // Yahoo's Android app flattens the whole quote onto the attribution's line ("wrote:   LESSON
    // 2 ..."); its start is what carries the header.
    const part = line.text.replace(directionMarks, '').trim().slice(0, MAX_ATTRIBUTION);
    if (!part || (span === 1 && !mayStartAttribution(part))) return null;
    if (span > 1 && endsSentence(parts[parts.length - 1] ?? '')) return null;
    parts.push(part);
    const joined = parts.join(' ');
    if (joined.length > MAX_ATTRIBUTION) return null;
    const shape = datedAttribution(joined);
    if (!shape) continue;
    for (let later = 1; later < span; later++) {
      if (startsLater(parts, later, shape)) return null;
    }
    return { span, cutsTail: shape === 'known' && hasAddress(joined) };
  }
  return null;
}

/**
 * An attribution without a date ("Drip Coach wrote:", "Иван пишет:", "Name <a@b>:"); clients
 * only write these directly above quoted lines, so the caller requires them there.
 */
function isBareAttribution(lines: readonly SourceLine[], i: number): boolean {
  const text = headerCandidate(lines, i)?.replace(directionMarks, '');
  return text !== undefined && text.length <= 200 && hasColon(text) && endsLikeAttribution(text);
}

/** The quote header starting at line `i`, if any. */
export function quoteHeaderAt(lines: readonly SourceLine[], i: number): QuoteHeader | null {
  if (isSeparator(lines, i)) return { span: 1, cutsTail: true };
  const block = headerBlockSpan(lines, i);
  if (block > 0) return { span: block, cutsTail: true };
  const attribution = attributionAt(lines, i);
  if (attribution) return attribution;
  return isBareAttribution(lines, i) ? { span: 1, cutsTail: false } : null;
}
