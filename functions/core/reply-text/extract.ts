/**
 * Reading only what a subscriber wrote in a reply, from the text part, the HTML part, or both.
 */
import { classifyLines } from './classify.ts';
import { renderHtml } from './html-to-text.ts';
import { quoteHeaderAt } from './quote-markers.ts';
import { type PartReading, reconcile } from './reconcile.ts';
import {
  finishLines,
  isBlank,
  nextNonBlank,
  type SourceLine,
  startsWithQuoteMarker,
  textPartLines,
} from './text-lines.ts';

/** The plain-text body and/or HTML body of an inbound message, as a MIME parser returns them. */
export interface ReplyBody {
  text?: string | null;
  html?: string | null;
}

/**
 * HTML with no quote markup at all is a flat rendering of a plain-text reply (">" written as
 * "&gt;"); there, as in a text part, ">" lines below the first quote header are quotes. In HTML
 * that does mark quotes, a literal ">" is something the person typed.
 */
function markLiteralQuotes(lines: readonly SourceLine[]): readonly SourceLine[] {
  if (!lines.some((line) => startsWithQuoteMarker(line.text))) return lines;
  let quoting = false;
  return lines.map((line, i) => {
    if (line.kind !== 'text') return line;
    if (!quoting) {
      const header = quoteHeaderAt(lines, i);
      const below = header ? lines[nextNonBlank(lines, i + header.span)] : undefined;
      quoting = header !== null && (header.cutsTail || startsWithQuoteMarker(below?.text ?? ''));
    }
    return quoting && startsWithQuoteMarker(line.text) ? { ...line, kind: 'quote' } : line;
  });
}

function readText(text: string): PartReading {
  const lines = textPartLines(text);
  return { lines, verdicts: classifyLines(lines) };
}

function readHtml(html: string): PartReading {
  const rendered = renderHtml(html, true);
  const lines = rendered.structured ? rendered.lines : markLiteralQuotes(rendered.lines);
  return { lines, verdicts: classifyLines(lines) };
}

/** The person's lines as text, blank lines kept as their spacing. */
function ownText(reading: PartReading, isOwn: (i: number) => boolean): string {
  const kept: string[] = [];
  reading.lines.forEach((line, i) => {
    // Blank lines keep the person's paragraphs apart wherever they are, even in a stretch the
    // text rules took for quoted but the HTML showed to be the person's.
    if (isBlank(line.text)) kept.push('');
    else if (isOwn(i)) kept.push(line.text);
  });
  return finishLines(kept);
}

/**
 * Returns only what the person wrote in a reply: the quoted original, the client's quote header
 * ("On <date>, <name> wrote:" and its translations, "-----Original Message-----", From/Sent/To/
 * Subject blocks), signatures, app footers ("Sent from my iPhone" and kin) and legal disclaimers
 * are removed; sign-offs such as "Thanks, Sam" are kept. The person's text is found above the
 * quote, below it, or between quoted blocks.
 *
 * With both parts, the text part's lines are returned, but the HTML decides which of them are
 * quoted wherever it shows that structurally (a ">" line the person typed is outside any
 * blockquote there; a reply below an unmarked quote is outside the quote container). With one
 * part, that part is read alone. Give an HTML-only reply an empty (or null) `text`, not a
 * parser's rendering of the HTML, as the inbound MIME adapter (postal-mime) does.
 *
 * Pure and bounded: text beyond 64 KB and HTML beyond 256 KB are ignored, and the work is
 * linear in the input. The result is trimmed, has "\n" line endings and at most one blank line
 * in a row.
 */
export function extractReplyText(body: ReplyBody): string {
  const text = typeof body.text === 'string' ? body.text : '';
  const html = typeof body.html === 'string' ? body.html : '';
  const hasText = text.trim() !== '';
  const hasHtml = html.trim() !== '';
  if (!hasText && !hasHtml) return '';
  const htmlReading = hasHtml ? readHtml(html) : null;
  const fromHtml = () =>
    htmlReading ? ownText(htmlReading, (i) => htmlReading.verdicts[i] === 'own') : '';
  if (!hasText) return fromHtml();
  const textReading = readText(text);
  if (!htmlReading) return ownText(textReading, (i) => textReading.verdicts[i] === 'own');
  const own = reconcile(textReading, htmlReading);
  // A text part that holds none of the person's words (a stub, a broken conversion) yields to
  // the HTML.
  return ownText(textReading, (i) => own[i] === true) || fromHtml();
}
