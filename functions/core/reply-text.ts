/**
 * Reading only what a subscriber wrote in a reply: the quoted lesson, the client's reply
 * header and the signature are cut away so the coach reacts to the person, not to itself.
 *
 * Everything here is pure and bounded. Subscriber mail is untrusted, so input is capped before
 * any scanning, the HTML reader is a single linear pass (no DOM, no regex over the whole
 * document) and every regex is anchored to one line with bounded repetition.
 */

/** Plain text beyond this is never the person's own words (they top-post), only quoted history. */
const MAX_TEXT_CHARS = 64 * 1024;

/**
 * HTML is far more verbose than the text it carries (inline styles, Word markup), so it gets a
 * larger allowance; the scan is linear, so this only bounds the work.
 */
const MAX_HTML_CHARS = 256 * 1024;

/** Lines longer than this are never reply headers; the cap keeps per-line regex work small. */
const MAX_HEADER_LINE = 600;

/** The plain-text body and/or HTML body of an inbound message, as a MIME parser returns them. */
export interface ReplyBody {
  text?: string | null;
  html?: string | null;
}

// ---------------------------------------------------------------------------------------------
// HTML to text
// ---------------------------------------------------------------------------------------------

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  // Kept as U+00A0 so an "empty" paragraph holding only &nbsp; still renders as a blank line.
  nbsp: '\u00A0',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  zwnj: '\u200C',
  zwj: '\u200D',
  shy: '',
  lrm: '',
  rlm: '',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  iexcl: '¡',
  iquest: '¿',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  oslash: 'ø',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  yuml: 'ÿ',
  szlig: 'ß',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Atilde: 'Ã',
  Auml: 'Ä',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Euml: 'Ë',
  Igrave: 'Ì',
  Iacute: 'Í',
  Icirc: 'Î',
  Iuml: 'Ï',
  Ntilde: 'Ñ',
  Ograve: 'Ò',
  Oacute: 'Ó',
  Ocirc: 'Ô',
  Otilde: 'Õ',
  Ouml: 'Ö',
  Oslash: 'Ø',
  Ugrave: 'Ù',
  Uacute: 'Ú',
  Ucirc: 'Û',
  Uuml: 'Ü',
  Yacute: 'Ý',
};

/** Elements whose boundaries are line breaks when rendered. */
const blockElements = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements with no closing tag, so they never open a subtree to skip. */
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Content that is never shown to a reader. */
const hiddenContentElements = new Set(['script', 'style', 'title', 'template', 'noscript']);

/**
 * What `<hr>` renders as: Outlook's own plain-text separator, so an `<hr>` followed by a
 * From:/Sent: block is recognised by the same rule as Outlook's text part.
 */
const HR_TEXT = '________________________________';

function decodeCodePoint(code: number): string {
  // Surrogates and out-of-range values are what a hostile sender would use to corrupt text.
  if (
    !Number.isFinite(code) ||
    code <= 0 ||
    code > 0x10ffff ||
    (code >= 0xd800 && code <= 0xdfff)
  ) {
    return '\uFFFD';
  }
  return String.fromCodePoint(code);
}

/** Decodes named (common subset) and numeric character references; unknown names stay as-is. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g,
    (all, ref) => {
      const name = String(ref);
      if (name.startsWith('#x') || name.startsWith('#X'))
        return decodeCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return decodeCodePoint(Number.parseInt(name.slice(1), 10));
      const named = namedEntities[name] ?? namedEntities[name.toLowerCase()];
      return named ?? all;
    },
  );
}

interface ParsedTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: Map<string, string>;
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!name || attrs.has(name)) continue;
    attrs.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attrs;
}

/**
 * Index just past the `>` that ends a tag starting at `start`, honouring quoted attribute
 * values, or -1. A `<` inside a quoted value means the quote was never closed: the scan then
 * falls back to the first `>`, which also keeps the total work linear, since a failed scan
 * never crosses the next tag's `<`.
 */
function tagEnd(html: string, start: number): number {
  let quote = '';
  for (let i = start; i < html.length; i++) {
    const ch = html[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '<') break;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  const plain = html.indexOf('>', start);
  return plain === -1 ? -1 : plain + 1;
}

function parseTag(raw: string): ParsedTag | null {
  // raw is the text between '<' and '>'.
  const closing = raw.startsWith('/');
  const body = closing ? raw.slice(1) : raw;
  const nameMatch = /^([a-zA-Z][a-zA-Z0-9:-]{0,40})/.exec(body);
  if (!nameMatch?.[1]) return null;
  const name = nameMatch[1].toLowerCase();
  const rest = body.slice(nameMatch[1].length);
  return {
    name,
    closing,
    selfClosing: rest.trimEnd().endsWith('/'),
    attrs: closing ? new Map() : parseAttributes(rest),
  };
}

function classTokens(tag: ParsedTag): string[] {
  const value = tag.attrs.get('class');
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

/**
 * Class names (matched as a suffix, because Outlook prefixes quoted classes with `x_` and Yahoo
 * with `ydp<hash>`) that wrap quoted history, the client's attribution line, or a signature.
 */
const skippedClassSuffixes = [
  'gmail_quote',
  'gmail_quote_container',
  'gmail_attr',
  'gmail_extra',
  'gmail_signature',
  'gmail_signature_prefix',
  'yahoo_quoted',
  'moz-cite-prefix',
  'moz-signature',
  'protonmail_quote',
  'ms-outlook-mobile-reference-message',
  'ms-outlook-ios-signature',
  'ms-outlook-android-signature',
  'aolreplacedbody',
];

/** Element ids that wrap a signature or a quoted message (compared case-insensitively). */
const skippedIds = new Set([
  'applemailsignature',
  'ms-outlook-mobile-signature',
  'mail-editor-reference-message-container',
  'ymail_android_signature',
  'ymail_ios_signature',
  'composer_signature',
  'signature',
]);

/** Element ids after which the rest of the document is quoted history (Outlook, AOL). */
function startsQuotedTail(tag: ParsedTag): boolean {
  const id = (tag.attrs.get('id') ?? '').toLowerCase().replace(/^x_/, '');
  return (
    id === 'divrplyfwdmsg' ||
    id === 'appendonsend' ||
    id === 'olk_src_body_section' ||
    id.startsWith('aolmsgpart') ||
    (tag.attrs.get('name') ?? '').toLowerCase() === 'divrplyfwdmsg'
  );
}

function isSkippedSubtree(tag: ParsedTag): boolean {
  if (tag.name === 'blockquote') {
    const type = (tag.attrs.get('type') ?? '').toLowerCase();
    if (type === 'cite') return true;
    if ((tag.attrs.get('cite') ?? '').toLowerCase().startsWith('mid:')) return true;
  }
  const id = (tag.attrs.get('id') ?? '').toLowerCase().replace(/^x_/, '');
  if (id && skippedIds.has(id)) return true;
  for (const token of classTokens(tag)) {
    const lower = token.toLowerCase();
    if (skippedClassSuffixes.some((suffix) => lower.endsWith(suffix))) return true;
  }
  return false;
}

interface HtmlToTextOptions {
  /** Drop quote containers and signatures, and stop at markers that start quoted history. */
  stripQuotes: boolean;
}

/** Accumulates rendered text, keeping track of line starts so blocks never double-break. */
class TextSink {
  private readonly parts: string[] = [];
  private lastChar = '\n';
  private pendingSpace = false;

  text(value: string, preformatted: boolean): void {
    if (preformatted) {
      this.flushSpace();
      this.push(value);
      return;
    }
    // Source whitespace (including newlines) renders as single spaces.
    const collapsed = value.replace(/[ \t\r\n\f]+/g, ' ');
    for (const piece of collapsed.split(/( )/)) {
      if (piece === ' ') {
        if (this.lastChar !== '\n') this.pendingSpace = true;
      } else if (piece) {
        this.flushSpace();
        this.push(piece);
      }
    }
  }

  lineBreak(): void {
    this.pendingSpace = false;
    this.push('\n');
  }

  blockBreak(): void {
    this.pendingSpace = false;
    if (this.lastChar !== '\n') this.push('\n');
  }

  toString(): string {
    return this.parts.join('');
  }

  private flushSpace(): void {
    if (this.pendingSpace && this.lastChar !== '\n') this.push(' ');
    this.pendingSpace = false;
  }

  private push(value: string): void {
    if (!value) return;
    this.parts.push(value);
    this.lastChar = value[value.length - 1] ?? this.lastChar;
  }
}

function renderHtml(html: string, options: HtmlToTextOptions): string {
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const out = new TextSink();
  let preDepth = 0;
  let inHead = false;
  // When skipping a subtree: the element name being skipped and how deeply it is nested.
  let skipName = '';
  let skipDepth = 0;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i && !inHead && skipDepth === 0) {
      out.text(decodeEntities(source.slice(i, textEnd)), preDepth > 0);
    }
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      i = close === -1 ? source.length : close + 3;
      continue;
    }
    const next = source[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const close = source.indexOf('>', i + 2);
      i = close === -1 ? source.length : close + 1;
      continue;
    }
    if (!/[a-zA-Z/]/.test(next)) {
      // A bare '<' is text (e.g. "a < b").
      if (!inHead && skipDepth === 0) out.text('<', preDepth > 0);
      i += 1;
      continue;
    }
    const end = tagEnd(source, i + 1);
    if (end === -1) break;
    const tag = parseTag(source.slice(i + 1, end - 1));
    i = end;
    if (!tag) continue;

    if (!tag.closing && hiddenContentElements.has(tag.name) && !tag.selfClosing) {
      // Raw-text content: jump to the matching close tag without interpreting markup.
      // Case-insensitive search from here; lower-casing the whole source could shift indices.
      const closer = new RegExp(`</${tag.name}`, 'gi');
      closer.lastIndex = i;
      const closeAt = closer.exec(source)?.index ?? -1;
      if (closeAt === -1) break;
      i = tagEnd(source, closeAt + 1);
      if (i === -1) break;
      continue;
    }
    if (tag.name === 'head') {
      inHead = !tag.closing;
      continue;
    }
    if (tag.name === 'body' && !tag.closing) inHead = false;
    if (inHead) continue;

    if (skipDepth > 0) {
      if (tag.name === skipName && !voidElements.has(tag.name)) {
        if (tag.closing) skipDepth -= 1;
        else if (!tag.selfClosing) skipDepth += 1;
        if (skipDepth === 0) out.blockBreak();
      }
      continue;
    }

    if (options.stripQuotes && !tag.closing) {
      if (startsQuotedTail(tag)) break;
      if (isSkippedSubtree(tag) && !voidElements.has(tag.name) && !tag.selfClosing) {
        skipName = tag.name;
        skipDepth = 1;
        out.blockBreak();
        continue;
      }
    }

    switch (tag.name) {
      case 'br':
        out.lineBreak();
        break;
      case 'hr':
        out.blockBreak();
        out.text(HR_TEXT, true);
        out.lineBreak();
        break;
      case 'pre':
        out.blockBreak();
        preDepth = Math.max(0, preDepth + (tag.closing ? -1 : 1));
        break;
      case 'li':
        out.blockBreak();
        if (!tag.closing) out.text('- ', true);
        break;
      case 'td':
      case 'th':
        // Cells sit side by side; a space keeps their words apart.
        out.text(' ', false);
        break;
      default:
        if (blockElements.has(tag.name)) out.blockBreak();
    }
  }
  return tidyText(out.toString());
}

/** Removes invisible characters and trailing spaces and limits blank runs to one blank line. */
function tidyText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    // Zero-width space, word joiner, BOM and soft hyphen; joiners stay, emoji sequences need them.
    .replace(/\u200B|\u2060|\uFEFF|\u00AD/g, '')
    .replace(/\u00A0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  const kept: string[] = [];
  for (const line of lines) {
    const blank = line.trim() === '';
    if (blank && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(blank ? '' : line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

/**
 * Converts HTML to readable plain text without a DOM: block elements and `<br>` become line
 * breaks, `<li>` becomes "- ", `<hr>` a separator line, `<head>`, `<style>`, `<script>` and
 * comments are dropped, character references (named and numeric) are decoded, runs of
 * whitespace collapse to one space (except inside `<pre>`) and blank lines collapse to one.
 *
 * Input beyond 256 KB is ignored; the work is a single linear pass.
 */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  return renderHtml(html, { stripQuotes: false }).trim();
}

// ---------------------------------------------------------------------------------------------
// Reply text
// ---------------------------------------------------------------------------------------------

/**
 * "On <date>, <name> wrote:" and its translations ("Am <date> schrieb <name>:", "Le <date>,
 * <name> a écrit :"). The date makes a digit mandatory (checked separately), which keeps "On
 * reflection I wrote:" in the person's own text.
 */
const attributionPattern =
  /^(?:On|Am|Le|El|Em|Il|Op|Den|På|W dniu|Dne)\s.{0,480}?(?:(?:wrote|a\s+écrit|escribió|ha\s+scritto|escreveu|napisał|napsal)\s*:|(?:schrieb|schreef|skrev)\s[^:]{0,200}:)/iu;

/** Chinese clients (Yahoo, QQ) end the attribution with 寫道/写道. */
const cjkAttributionPattern = /(?:寫道|写道)\s*[:：]/u;

/** A bare "Name wrote:" only counts when quoted lines follow it. */
const bareWrotePattern = /\b(?:wrote|schrieb|a\s+écrit|escribió)\s*:\s*$/iu;

const originalMessagePattern =
  /^-{2,}\s*(?:original message|ursprüngliche nachricht|original-nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht|message transféré)\s*-{2,}$/iu;

const forwardedPattern =
  /^(?:begin forwarded message|anfang der weitergeleiteten nachricht)\s*:$/iu;

const underscoreSeparatorPattern = /^_{8,}$/;

const headerFromPattern = /^\*?(?:from|von|de|van|da|fra|från|od)\s*:\*?\s*\S/iu;

const headerFieldPattern =
  /^\*?(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|à|objet|enviado|fecha|para|asunto|inviato|oggetto|verzonden|aan|onderwerp)\s*:/iu;

/**
 * Footers mobile clients append under the reply. Whole line only, optionally followed by the
 * link some clients add ("Get Outlook for iOS<https://aka.ms/o0ukef>").
 */
const mobileFooterPattern = new RegExp(
  [
    '^(?:',
    [
      'sent from my (?:iphone|ipad|ipod|android(?: (?:phone|device|tablet))?|galaxy[\\w .-]{0,30}|samsung[\\w .-]{0,40}|pixel[\\w .-]{0,20}|blackberry[\\w .-]{0,40}|huawei[\\w .-]{0,30}|oneplus[\\w .-]{0,20}|xiaomi[\\w .-]{0,20}|mobile(?: device)?|phone|smartphone)',
      'sent from yahoo mail(?: (?:for|on) (?:iphone|ipad|android))?',
      'sent from aol mobile mail',
      'sent from the all new aol app for (?:ios|android)',
      'get outlook for (?:ios|android|mac)',
      'sent from outlook(?: for (?:ios|android|mac))?',
      'sent from mail for windows(?: 1[01])?',
      'sent via the samsung galaxy[\\w .,-]{0,60}',
      'sent from proton mail (?:for )?(?:ios|android|mobile)',
      'sent with proton mail secure email',
      'von meinem (?:iphone|ipad|smartphone|samsung[\\w .-]{0,30}) gesendet',
      'gesendet von (?:meinem iphone|outlook für (?:ios|android))',
      'envoyé de mon (?:iphone|ipad|smartphone)',
      'enviado desde mi (?:iphone|ipad|smartphone)',
      'enviado do meu (?:iphone|ipad)',
      'inviato da iphone',
      'verzonden vanaf mijn (?:iphone|ipad)',
    ].join('|'),
    // Clients and converters render the footer's link as <url>, [url] or a bare url.
    ')[.!]?(?:\\s*(?:<[^<>\\s]{1,200}>|\\[[^[\\]\\s]{1,200}\\]|https?://\\S{1,200}))?$',
  ].join(''),
  'iu',
);

/** The RFC 3676 signature delimiter "-- " (many clients drop the trailing space). */
function isSignatureDelimiter(line: string): boolean {
  return line === '-- ' || line.trimEnd() === '--';
}

function isQuotedLine(line: string): boolean {
  return /^[ \t]*>/.test(line);
}

function hasDigit(text: string): boolean {
  return /\d/.test(text);
}

/**
 * If an attribution ("On ..., X wrote:") starts at line `i`, the number of lines it spans
 * (clients wrap it over up to three lines); else 0.
 */
function attributionLength(lines: readonly string[], i: number): number {
  const first = (lines[i] ?? '').trim();
  if (!first || first.length > MAX_HEADER_LINE) return 0;
  if (cjkAttributionPattern.test(first) && hasDigit(first)) return 1;
  if (!/^(?:On|Am|Le|El|Em|Il|Op|Den|På|W dniu|Dne)\s/iu.test(first)) return 0;
  let joined = first;
  for (let span = 1; span <= 3; span++) {
    if (attributionPattern.test(joined) && hasDigit(joined)) return span;
    const next = lines[i + span];
    if (next === undefined || next.trim() === '' || isQuotedLine(next)) return 0;
    joined = `${joined} ${next.trim()}`;
    if (joined.length > MAX_HEADER_LINE) return 0;
  }
  return 0;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  for (let j = from; j < lines.length; j++) {
    if ((lines[j] ?? '').trim() !== '') return j;
  }
  return -1;
}

/** An Outlook-style header block: From: followed closely by at least two of Sent/To/Subject. */
function isHeaderBlock(lines: readonly string[], i: number): boolean {
  const first = (lines[i] ?? '').trim();
  if (first.length > MAX_HEADER_LINE || !headerFromPattern.test(first)) return false;
  let fields = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
    const line = (lines[j] ?? '').trim();
    if (line.length <= MAX_HEADER_LINE && headerFieldPattern.test(line)) fields += 1;
  }
  return fields >= 2;
}

function isUnderscoreSeparator(lines: readonly string[], i: number): boolean {
  if (!underscoreSeparatorPattern.test((lines[i] ?? '').trim())) return false;
  const next = nextNonBlank(lines, i + 1);
  if (next === -1) return true;
  const line = (lines[next] ?? '').trim();
  return line.length <= MAX_HEADER_LINE && headerFromPattern.test(line);
}

/** Whether a line is a mobile client's footer ("Sent from my iPhone", "Get Outlook for iOS"). */
function isMobileFooter(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 260 && mobileFooterPattern.test(trimmed);
}

/**
 * The person's lines from a plain-text reply: everything before the first quote header,
 * signature delimiter or mobile footer, minus ">" quoted lines (which also keeps the person's
 * lines of an inline, interleaved reply).
 */
function personLinesFromText(text: string): string[] {
  const lines = text.split('\n');
  const kept: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (isQuotedLine(line)) {
      i += 1;
      continue;
    }
    const attribution = attributionLength(lines, i);
    if (attribution > 0) {
      const after = nextNonBlank(lines, i + attribution);
      // Followed by ">" lines: the header of one quoted block in an inline reply; drop just it.
      // Otherwise (Outlook, Yahoo, HTML-derived text) everything below is the quoted message.
      if (after !== -1 && isQuotedLine(lines[after] ?? '')) {
        i += attribution;
        continue;
      }
      break;
    }
    if (bareWrotePattern.test(trimmed) && trimmed.length <= MAX_HEADER_LINE) {
      const after = nextNonBlank(lines, i + 1);
      if (after !== -1 && isQuotedLine(lines[after] ?? '')) {
        i += 1;
        continue;
      }
    }
    if (
      (trimmed.length <= MAX_HEADER_LINE &&
        (originalMessagePattern.test(trimmed) || forwardedPattern.test(trimmed))) ||
      isUnderscoreSeparator(lines, i) ||
      isHeaderBlock(lines, i) ||
      isSignatureDelimiter(line) ||
      isMobileFooter(line)
    ) {
      break;
    }
    kept.push(line);
    i += 1;
  }
  return kept;
}

function finish(lines: readonly string[]): string {
  const trimmed = lines.map((line) => line.replace(/[ \t]+$/, ''));
  // A separator left dangling where the quote was cut (Outlook's <hr>) is not the person's.
  while (trimmed.length > 0 && /^\s*(?:[-_=*~]{3,})?\s*$/.test(trimmed[trimmed.length - 1] ?? '')) {
    trimmed.pop();
  }
  return tidyText(trimmed.join('\n')).trim();
}

function normaliseText(text: string): string {
  const capped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  return capped
    .replace(/\r\n?/g, '\n')
    .replace(/\u200B|\u2060|\uFEFF/g, '')
    .replace(/\u00A0/g, ' ');
}

/**
 * Returns only what the person wrote in a reply: the quoted original, the client's reply
 * header and the signature are removed; sign-offs such as "Thanks, Sam" are kept.
 *
 * The text part is preferred. With no (or an empty) text part the HTML is used, cutting at the
 * clients' quote containers (Gmail `gmail_quote`, Apple/Thunderbird `blockquote type="cite"`,
 * Outlook `divRplyFwdMsg`/`appendonsend`, Outlook mobile reference message, Yahoo/AOL
 * `yahoo_quoted`, AOL `AOLMsgPart`, ...) before converting. Text rules cover "On <date>, <name>
 * wrote:" (also wrapped, German "Am ... schrieb", French "Le ... a écrit :"), "-----Original
 * Message-----", Outlook From/Sent/To/Subject blocks with or without the underscore line, ">"
 * quoted lines (interleaved replies keep the person's lines), mobile footers ("Sent from my
 * iPhone", "Get Outlook for iOS", ...) and the "-- " signature delimiter.
 *
 * Give an HTML-only reply an empty (or null) `text`, not a parser's own rendering of the HTML,
 * as the inbound MIME adapter (postal-mime) does, so the quote containers above are seen.
 *
 * The result is trimmed, has "\n" line endings and at most one blank line in a row.
 */
export function extractReplyText(body: ReplyBody): string {
  const text = typeof body.text === 'string' ? normaliseText(body.text) : '';
  if (text.trim() !== '') return finish(personLinesFromText(text));
  const html = typeof body.html === 'string' ? body.html : '';
  if (html.trim() === '') return '';
  const rendered = renderHtml(html, { stripQuotes: true });
  return finish(personLinesFromText(normaliseText(rendered)));
}
