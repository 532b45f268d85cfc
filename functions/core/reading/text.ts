/**
 * The shape of a reply: its body without greeting and sign-off, sentences, clauses, tokens
 * and quoted spans, all with offsets into one string, so every part of the reader can point
 * at the same words.
 */

/** Replies are a few sentences; anything longer is cut so reading stays fast. */
export const MAX_READ_CHARS = 4000;

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
}

export interface Clause extends Span {
  text: string;
  sentence: number;
}

export interface Token extends Span {
  text: string;
  /** Lower case, without diacritics, straight apostrophes. */
  fold: string;
  sentence: number;
  clause: number;
  /** First word of its sentence (capitals there say nothing). */
  initial: boolean;
}

export interface Doc {
  /** The reply as read: capped, line ends normalised. */
  source: string;
  /** `source` with the greeting and sign-off blanked out (same length). */
  body: string;
  sentences: Sentence[];
  clauses: Clause[];
  tokens: Token[];
  /** `body` folded (lower case, no diacritics), same offsets. */
  folded: string;
  /** Spans inside quotation marks. */
  quotes: Span[];
}

/** Lower case without diacritics, with straight apostrophes. */
export function fold(text: string): string {
  // Names and words are folded again and again, once per lexicon lookup; a bounded memo of
  // short strings saves the Unicode normalization (about a tenth of a reply's reading time).
  if (text.length > 40) return foldNow(text);
  // Plain ASCII (no backtick) has no marks, no curly apostrophes and is its own NFD: lower
  // case is all folding does, and cheaper than the memo's lookup.
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) {
    const code = text.charCodeAt(i);
    ascii = code < 0x80 && code !== 0x60;
  }
  if (ascii) return text.toLowerCase();
  let folded = foldedWords.get(text);
  if (folded === undefined) {
    if (foldedWords.size >= 20_000) foldedWords.clear();
    folded = foldNow(text);
    foldedWords.set(text, folded);
  }
  return folded;
}

const foldedWords = new Map<string, string>();

function foldNow(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase();
}

/** `fold`, character by character, so offsets stay those of `text`. */
export function foldKeep(text: string): string {
  const whole = fold(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const folded = fold(ch);
    out +=
      folded.length === ch.length
        ? folded
        : ch.toLowerCase().length === ch.length
          ? ch.toLowerCase()
          : ch;
  }
  return out;
}

export function capText(text: unknown): string {
  const value = typeof text === 'string' ? text.replace(/\r\n?/g, '\n') : '';
  return value.length > MAX_READ_CHARS ? value.slice(0, MAX_READ_CHARS) : value;
}

const greeting =
  /^\s*(?:hi|hello|hey|hiya|heya|dear|morning|good (?:morning|afternoon|evening)|greetings|yo|hallo|hi|liebe[rs]?|sehr geehrte[rs]?|guten (?:morgen|tag|abend)|moin|servus|gruezi|bonjour|bonsoir|salut|coucou|cher|chere|hola|buenas(?: tardes| noches)?|buenos dias|estimad[oa]|hoi|hey|beste|goedemorgen|goedemiddag|dag)\b[^.!?\n,:]{0,30}[,!:.]?[ \t]*\n?/iu;

const signOff =
  /(?:^|\n|[.!?]\s+|,\s*)((?:many |warm |kind |best |with )?(?:thanks|thank you|thx|ta|cheers|best|best wishes|all the best|regards|kind regards|best regards|warm regards|warmly|sincerely|talk soon|speak soon|take care|love|yours|viele gr(?:u|ü)(?:ss|ß)e|liebe gr(?:u|ü)(?:ss|ß)e|beste gr(?:u|ü)(?:ss|ß)e|herzliche gr(?:u|ü)(?:ss|ß)e|gr(?:u|ü)(?:ss|ß)e|gru(?:ss|ß)|lg|vg|mfg|danke(?: dir| ihnen)?|merci(?: beaucoup)?|bonne (?:journee|journée|soiree|soirée)|cordialement|bien a vous|bien à vous|bises|a bientot|à bientôt|saludos|un saludo|gracias|abrazos|besos|groetjes|groeten|hartelijke groeten|met vriendelijke groet|vriendelijke groet|mvg|bedankt|dank je(?: wel)?)(?:\s+(?:so much|again|a lot|very much|x+))?[\s,!.]*)(?=[\s\S]*$)/giu;

/** What may follow a sign-off: nothing, or the sender's name (capitals, as written). */
const signature =
  /^(?:\n?[-–—~]?[ \t]*\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2}[\s,!.]*)?$/u;

/** A lone capitalised name on the last line, after a blank line: the sender signing. */
const signatureLine =
  /\n\s*\n[ \t]*[-–—~]?[ \t]*\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2}[ \t.,!]*$/u;

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/** `source` with the greeting line and the closing sign-off (and name) blanked out. */
export function bodyOf(source: string): string {
  let body = source;
  const hello = greeting.exec(body);
  // Only a short greeting: "Hi coach," or "Hallo!", not a sentence that starts with "Hey".
  if (hello && hello[0].trim().split(/\s+/).length <= 4) {
    body = blank(body, hello.index, hello.index + hello[0].length);
  }
  const tail = body.slice(-200);
  let cut = -1;
  for (const off of tail.matchAll(signOff)) {
    const phrase = off[1] ?? '';
    const start = off.index + off[0].length - phrase.length;
    if (signature.test(tail.slice(start + phrase.length))) {
      cut = body.length - tail.length + start;
      break;
    }
  }
  if (cut >= 0) {
    body = blank(body, cut, body.length);
  } else {
    const sig = signatureLine.exec(body);
    if (sig && body.slice(0, sig.index).trim()) {
      body = blank(body, sig.index, body.length);
    }
  }
  return body;
}

const titlesBeforeDot =
  /(?:\b(?:dr|mr|mrs|ms|mx|prof|st|mt|jr|sr|sra|vs|etc|e\.g|i\.e|z\.b|bzw|ca|nr|inkl|m)\.)$/i;

/** Months (and their short forms) in the five languages: "14. Dezember" is one date. */
const monthWord =
  /^(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|f[eé]v|avr|juil|ao[uû]|d[eé]c|ene|abr|ago|dic|mrt|mei|januar|februar|m[aä]rz|juni|juli|dezember|janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[eé]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januari|februari|maart|augustus|oktober)/iu;
/** German words that make "2." an ordinal ("der 2. Termin", "am 3. Montag"). */
const ordinalLead =
  /(?:^|\s)(?:der|die|das|den|dem|des|am|zum|zur|im|beim|vom|ab|bis|seit|jeden|jede|jeder)\s+\S*$/iu;

/**
 * "lesson 2. Huge thanks", "le 7/04. Pour Paul": a number's dot ends the sentence when a
 * capitalised word that is not a month follows and no article makes the number an ordinal.
 */
function numberEndsSentence(body: string, dot: number): boolean {
  const next = /^\s+(\p{Lu}\p{L}*)/u.exec(body.slice(dot + 1, dot + 24))?.[1];
  if (!next || monthWord.test(next)) return false;
  return !ordinalLead.test(body.slice(Math.max(0, dot - 24), dot));
}

/** Sentence spans: split at . ! ? … and line breaks, not after titles, initials or in dates. */
function sentenceSpans(body: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    if (body.slice(start, end).trim()) spans.push({ start, end });
    start = end;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch === '\n') {
      push(i + 1);
      continue;
    }
    // "… 😂 Fine: Mia and Dev": an emoji before a capital ends the sentence.
    if (
      ch >= '\u2000' &&
      /\p{Extended_Pictographic}/u.test(body.slice(i, i + 2)) &&
      /^\S*\s+\p{Lu}/u.test(body.slice(i + 1, i + 12))
    ) {
      const space = body.slice(i).search(/\s/);
      push(i + (space === -1 ? 1 : space));
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    const next = body[i + 1] ?? '';
    if (next && !/\s/.test(next) && !/[.!?…"'»”)]/.test(next)) continue;
    if (ch === '.') {
      const before = body.slice(Math.max(0, i - 6), i + 1);
      // "14.12." and "Dr." and "J." do not end a sentence.
      if (/\d\.\d{1,2}\.$/.test(before)) continue;
      if (/(?:^|[\s/–-])\d{1,2}\.$/.test(before) && !numberEndsSentence(body, i)) continue;
      if (titlesBeforeDot.test(before) || /(?:^|[\s(])\p{Lu}\.$/u.test(before)) continue;
    }
    let end = i + 1;
    while (end < body.length && /[.!?…"'»”)]/.test(body[end] ?? '')) end++;
    i = end - 1;
    push(end);
  }
  push(body.length);
  return spans;
}

/** Clause breaks: punctuation, dashes, brackets, status emoji, and "but"/"and I" style joins. */
const clauseBreak =
  /[,;:()[\]\u2013\u2014]|\s-\s|[\u2705\u274c\u2714\u2716\u{1F6AB}]\uFE0F?|\b(?:but|though|although|mais|pero|sino|maar)\b|\b(?:and|und|et|y|en|so)\s+(?=(?:i|i'm|i've|i'll|we|we're|he|she|they|ich|wir|er|sie|je|j'|nous|il|elle|yo|ik|we|hij|ze)\b)/giu;

function clauseSpans(body: string, sentence: Span): Span[] {
  const spans: Span[] = [];
  const text = body.slice(sentence.start, sentence.end);
  let start = 0;
  clauseBreak.lastIndex = 0;
  for (let match = clauseBreak.exec(text); match; match = clauseBreak.exec(text)) {
    if (match.index > start)
      spans.push({ start: sentence.start + start, end: sentence.start + match.index });
    start = match.index + (match[0].length || 1);
  }
  if (start < text.length) spans.push({ start: sentence.start + start, end: sentence.end });
  return spans.filter((s) => /[\p{L}\p{N}]/u.test(body.slice(s.start, s.end)));
}

const tokenPattern = /[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}]|['’](?=\p{L})|[-.](?=[\p{L}\p{N}]))*/gu;

/** Quoted spans: "…", “…”, «…», „…“, and '…' opened after a space and closed before one. */
function quoteSpans(body: string): Span[] {
  const spans: Span[] = [];
  const pattern =
    /"([^"\n]{1,80})"|“([^”\n]{1,80})”|«([^»\n]{1,80})»|„([^“”\n]{1,80})[“”]|(?<=^|[\s(:])'([^'\n]{1,80})'(?=$|[\s.,!?;:)])/gu;
  for (const match of body.matchAll(pattern))
    spans.push({ start: match.index, end: match.index + match[0].length });
  return spans;
}

/** Reads the shape of a reply. */
export function readDoc(text: unknown): Doc {
  const source = capText(text);
  const body = bodyOf(source);
  const sentences: Sentence[] = [];
  const clauses: Clause[] = [];
  const tokens: Token[] = [];
  for (const span of sentenceSpans(body)) {
    const index = sentences.length;
    sentences.push({ ...span, text: body.slice(span.start, span.end) });
    let first = true;
    for (const clause of clauseSpans(body, span)) {
      const clauseIndex = clauses.length;
      const text = body.slice(clause.start, clause.end);
      clauses.push({ ...clause, text, sentence: index });
      // `exec` on the one global pattern, not `matchAll`, which copies the pattern per clause.
      tokenPattern.lastIndex = 0;
      for (let match = tokenPattern.exec(text); match; match = tokenPattern.exec(text)) {
        const start = clause.start + match.index;
        tokens.push({
          text: match[0],
          fold: fold(match[0]),
          start,
          end: start + match[0].length,
          sentence: index,
          clause: clauseIndex,
          initial: first,
        });
        first = false;
      }
    }
  }
  return {
    source,
    body,
    sentences,
    clauses,
    tokens,
    folded: foldKeep(body),
    quotes: quoteSpans(body),
  };
}

// Readers walk a reply sentence by sentence; grouping its tokens once spares filtering all
// of them for every sentence. Keyed by the doc, so it lives exactly as long as the reading.
const bySentence = new WeakMap<Doc, Token[][]>();

/** The doc's tokens, one (read-only) array a sentence, in order. */
export function tokensBySentence(doc: Doc): readonly (readonly Token[])[] {
  let groups = bySentence.get(doc);
  if (groups === undefined) {
    groups = doc.sentences.map(() => []);
    for (const t of doc.tokens) groups[t.sentence]?.push(t);
    bySentence.set(doc, groups);
  }
  return groups;
}

export function inside(span: Span, at: number): boolean {
  return at >= span.start && at < span.end;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Words in a text (letters or digits). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
