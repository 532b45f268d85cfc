/**
 * The lines a mail client writes above quoted history, in the languages its users run it in:
 * attributions ("On <date>, <name> wrote:" and its translations) here, separators and header
 * blocks in `separators.ts`. They are recognised by the shapes clients write (a time, the
 * "wrote" verb or an address at the end), never by a word alone, so a person's sentence that
 * merely starts like one stays theirs.
 */
import { headerBlockSpan, isSeparator } from './separators.ts';
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

// "wrote" as each language's clients write it at the end of the attribution (en, de, fr, es, it,
// nl, pt, pl, sv/da/no, ru, cs, fi, tr, hu); Latin and Cyrillic ones must start a word, and an
// apostrophe before one ("m'a écrit") is a person's sentence, not a client's header.
const wroteWords = [
  'wrote',
  'schrieb',
  'geschrieben',
  'a\\s+[ée]crit',
  'escribi[óo]',
  'ha\\s+scritto',
  'scrisse',
  'schreef',
  'geschreven',
  'escreveu',
  'napisa[łl](?:a|\\(a\\))?',
  'pisze',
  'skrev',
  'пишет',
  'написал(?:а|\\(а\\))?',
  'napsal(?:a|\\(a\\))?',
  'kirjoitti',
  'yazdı',
  'írta',
].join('|');

// Japanese (Thunderbird "さんは書きました", Apple Mail "のメール") and Chinese attributions.
const cjkWroteWords = ['書きました', 'のメール', '写道', '寫道'].join('|');

const verbLastPattern = new RegExp(
  `(?:(?<![\\p{L}\\p{N}'’])(?:${wroteWords})|(?:${cjkWroteWords}))\\s*[:：](?:\\s{2,}\\S.*)?$`,
  'iu',
);

/** German, Dutch and Scandinavian clients put the name after the verb: "schrieb Name <a@b>:". */
const verbFirstPattern = /(?<![\p{L}\p{N}'’])(?:schrieb|schreef|skrev)\s[^:：\n]{1,250}[:：]$/iu;

/** Gmail (Russian, Japanese), Yandex and mail.ru write no verb: "<date>, Name <a@b>:". */
const addressLastPattern = /@[^\s<>@()]{1,253}>\)?\s*[:：]$/u;

/**
 * Name first, date last: Gmail for Android in German ("Name <a@b> schrieb am Di., 1. Dez. 2026,
 * 09:00:"), Lotus Notes ("Name <a@b> wrote on 01.12.2026 09:00:") and Apple Mail in Polish
 * ("Wiadomość napisana przez Name <a@b> w dniu 1 gru 2026, o godz. 09:00:").
 */
const nameFirstPatterns = [
  /@[^\s<>@()]{1,253}>\)?,?\s+(?:schrieb|wrote|a\s+écrit|escribió|ha\s+scritto|schreef|escreveu|skrev)\s[^\n]{1,120}[:：]$/iu,
  /^wiadomość\s+napisana\s+przez\s[^\n]{1,250}[:：]$/iu,
];

/** The time (or numeric date) every client's attribution carries. */
const timePattern = /(?<!\d)\d{1,2}[:.h]\d{2}(?!\d)|\d{1,2}\s?時/u;

/**
 * How attributions begin: an opening word (en On, de Am, fr Le, es El, pt Em, it Il, nl Op,
 * sv Den/På, pl W dniu/Dnia, cs Dne/V, ru В) or the date itself, possibly after a weekday
 * ("вт, 3 мар.", "Вторник, 3 марта", "2026年12月1日", "03.03.2026, 09:00").
 */
const openerPattern = /^(?:on|am|le|el|em|il|op|den|på|w\s+dniu|dnia|dne|ve?|в)\s/iu;
// A date ("Tuesday, December 1, 2026"), never a bare time: "9:00 AM, Name" is the second line
// of a wrapped header.
const leadingDatePattern = /^(?:\p{L}{2,12}\.?,\s*)?(?:\p{L}{3,12}\.?\s)?\d(?!\d?[:h]\d)/u;

const hasAddress = (text: string): boolean => /\S@\S/.test(text);

function endsLikeAttribution(text: string): boolean {
  return verbLastPattern.test(text) || verbFirstPattern.test(text) || addressLastPattern.test(text);
}

/** Cheap test of a first line: every attribution shape starts like one of these. */
function mayStartAttribution(text: string): boolean {
  return (
    openerPattern.test(text) ||
    leadingDatePattern.test(text) ||
    text.includes('@') ||
    text.includes('<') ||
    /^wiadomość\s/iu.test(text)
  );
}

function isDatedAttribution(text: string): boolean {
  // Every shape ends in a colon; checking for one first keeps ordinary lines cheap.
  if (!hasColon(text) || !timePattern.test(text)) return false;
  if ((openerPattern.test(text) || leadingDatePattern.test(text)) && endsLikeAttribution(text))
    return true;
  return nameFirstPatterns.some((pattern) => pattern.test(text));
}

/**
 * A dated attribution starting at line `i`, wrapped over up to three lines as clients wrap it.
 * A line ending a sentence is never the first part of a wrapped one, and a header that starts
 * on a later line of the span wins, so the person's line above a header is never swallowed.
 */
function attributionAt(lines: readonly SourceLine[], i: number): QuoteHeader | null {
  const parts: string[] = [];
  for (let span = 1; span <= 3; span++) {
    const line = lines[i + span - 1];
    if (line?.kind !== 'text') return null;
    // Yahoo's Android app flattens the whole quote onto the attribution's line ("wrote:   LESSON
    // 2 ..."); its start is what carries the header.
    const part = line.text.trim().slice(0, MAX_ATTRIBUTION);
    if (!part || (span === 1 && !mayStartAttribution(part))) return null;
    if (span > 1 && /[.!?…]$/.test(parts[parts.length - 1] ?? '')) return null;
    parts.push(part);
    const joined = parts.join(' ');
    if (joined.length > MAX_ATTRIBUTION) return null;
    if (!isDatedAttribution(joined)) continue;
    for (let later = 1; later < span; later++) {
      if (isDatedAttribution(parts.slice(later).join(' '))) return null;
    }
    return { span, cutsTail: hasAddress(joined) };
  }
  return null;
}

/**
 * An attribution without a date ("Drip Coach wrote:", "Иван пишет:", "Name <a@b>:"); clients
 * only write these directly above quoted lines, so the caller requires them there.
 */
function isBareAttribution(lines: readonly SourceLine[], i: number): boolean {
  const text = headerCandidate(lines, i);
  return text !== null && text.length <= 200 && hasColon(text) && endsLikeAttribution(text);
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
