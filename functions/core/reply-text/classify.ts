/**
 * Deciding, line by line, which lines of a reply the person wrote. The same rules read a text
 * part and the lines rendered from HTML; only where "quoted" comes from differs (">" markers or
 * the HTML's quote containers).
 *
 * A quote header directly above quoted lines removes just itself, so text above the quote
 * (top-posting), below it (bottom-posting) and between quoted blocks (inline answers) is kept.
 * Only a header with nothing marked below it (Outlook, Yahoo and Samsung quote without
 * markers) means the rest is the quoted message.
 */
import { isDisclaimer, isTrailingDisclaimer, mayStartDisclaimer } from './disclaimers.ts';
import { isClientFooter, isLinkOnly } from './footers.ts';
import { quoteHeaderAt } from './quote-markers.ts';
import { isDashSignature, isSignatureDelimiter } from './signatures.ts';
import { isBlank, nextNonBlank, type SourceLine } from './text-lines.ts';

/**
 * - `own`: the person wrote it.
 * - `blank`: an empty line; kept only as spacing between the person's lines.
 * - `quote`: quoted history.
 * - `header`: the client's attribution, separator or header block.
 * - `tail`: below an unmarked quote header: the quoted message.
 * - `closing`: a signature or disclaimer block.
 * - `footer`: an app or device footer line.
 */
export type Verdict = 'own' | 'blank' | 'quote' | 'header' | 'tail' | 'closing' | 'footer';

/** A disclaimer paragraph is judged on at most this much of its text. */
const MAX_PARAGRAPH_CHARS = 1500;

/**
 * A message holds one or two disclaimers; past this many lines that could open one, hostile
 * input ("confidential" on every line) gets no more paragraph reads.
 */
const MAX_DISCLAIMER_CHECKS = 64;

function paragraphAt(lines: readonly SourceLine[], i: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let j = i; j < lines.length && length < MAX_PARAGRAPH_CHARS; j++) {
    const line = lines[j] as SourceLine;
    if (line.kind !== 'text' || isBlank(line.text)) break;
    parts.push(line.text.trim());
    length += line.text.length + 1;
  }
  return parts.join(' ');
}

/**
 * Where a signature or disclaimer starts: everything after it up to the next quote is not the
 * person's. A signature starts at "-- " or at a dash alone above a short name block (which ends
 * at the next quote or quote header). A disclaimer may follow the signature without a blank line
 * (HTML paragraphs have none), so it is judged from the line that opens it, not from the
 * paragraph's start.
 */
function startsClosingBlock(
  lines: readonly SourceLine[],
  i: number,
  budget: { disclaimerChecks: number },
): boolean {
  const text = (lines[i] as SourceLine).text;
  if (isSignatureDelimiter(text)) return true;
  if (isDashSignature(lines, i, (j) => quoteHeaderAt(lines, j) !== null)) return true;
  if (budget.disclaimerChecks <= 0 || !mayStartDisclaimer(text)) return false;
  budget.disclaimerChecks -= 1;
  return isDisclaimer(paragraphAt(lines, i));
}

/** The person's lines `start..end` (one paragraph) as one string, capped like `paragraphAt`. */
function ownParagraph(lines: readonly SourceLine[], start: number, end: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let j = start; j <= end && length < MAX_PARAGRAPH_CHARS; j++) {
    const text = (lines[j] as SourceLine).text.trim();
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join(' ');
}

/** A trailing disclaimer is looked for in at most this many of a paragraph's last lines. */
const MAX_TRAILING_LINES = 30;

/**
 * Where a trailing disclaimer starts in the paragraph `start..end`, or -1. HTML paragraphs
 * have no blank line between the sign-off and the notice, so it starts on the first line that
 * could open one, or at a long first line (a wrapped notice's first line may name none of its
 * cues); a short sign-off line ("Regards,", a name) is never its start.
 */
function trailingDisclaimerStart(lines: readonly SourceLine[], start: number, end: number): number {
  for (let j = Math.max(start, end - MAX_TRAILING_LINES); j <= end; j++) {
    const text = (lines[j] as SourceLine).text;
    const longFirst = j === start && text.trim().length >= 40;
    if (!longFirst && !mayStartDisclaimer(text)) continue;
    if (isTrailingDisclaimer(ownParagraph(lines, j, end))) return j;
  }
  return -1;
}

/**
 * Disclaimers whose wording the anywhere-rule does not know are still cut when they end the
 * person's text below what they wrote: paragraphs are checked from the last one back, and the
 * person's words above a notice (their first paragraph, or the sign-off above it) never are.
 */
function cutTrailingDisclaimers(lines: readonly SourceLine[], verdicts: Verdict[]): void {
  let end = verdicts.lastIndexOf('own');
  while (end > 0) {
    let start = end;
    while (start > 0 && verdicts[start - 1] === 'own') start -= 1;
    const before = start > 0 ? verdicts.lastIndexOf('own', start - 1) : -1;
    const from = trailingDisclaimerStart(lines, start, end);
    if (from === -1 || (from === start && before < 0)) return;
    for (let j = from; j <= end; j++) verdicts[j] = 'closing';
    if (from > start) return;
    end = before;
  }
}

/** The verdict for every line, in order. Linear: each line's checks read a bounded window. */
export function classifyLines(lines: readonly SourceLine[]): Verdict[] {
  const n = lines.length;
  const verdicts: Verdict[] = new Array<Verdict>(n).fill('own');
  const budget = { disclaimerChecks: MAX_DISCLAIMER_CHECKS };
  let i = 0;
  while (i < n) {
    const line = lines[i] as SourceLine;
    if (line.kind !== 'text' || isBlank(line.text)) {
      verdicts[i] =
        line.kind === 'quote' ? 'quote' : line.kind === 'signature' ? 'closing' : 'blank';
      i += 1;
      continue;
    }
    const header = quoteHeaderAt(lines, i);
    if (header) {
      const after = nextNonBlank(lines, i + header.span);
      const aboveQuote = after !== -1 && lines[after]?.kind === 'quote';
      if (aboveQuote || header.cutsTail) {
        const end = Math.min(n, i + header.span);
        for (let j = i; j < end; j++) verdicts[j] = 'header';
        if (aboveQuote) {
          i = end;
          continue;
        }
        for (let j = end; j < n; j++) verdicts[j] = 'tail';
        break;
      }
      // An undated "X wrote:" with no quote below it is the person's own sentence.
    }
    if (startsClosingBlock(lines, i, budget)) {
      let j = i;
      do {
        verdicts[j] = 'closing';
        j += 1;
      } while (j < n && lines[j]?.kind !== 'quote' && quoteHeaderAt(lines, j) === null);
      i = j;
      continue;
    }
    if (isClientFooter(line.text) || (verdicts[i - 1] === 'footer' && isLinkOnly(line.text))) {
      verdicts[i] = 'footer';
      i += 1;
      continue;
    }
    verdicts[i] = 'own';
    i += 1;
  }
  cutTrailingDisclaimers(lines, verdicts);
  return verdicts;
}
