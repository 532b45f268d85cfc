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
import {
  isClientFooter,
  isDisclaimer,
  isLinkOnly,
  isSignatureDelimiter,
  mayStartDisclaimer,
} from './footers.ts';
import { quoteHeaderAt } from './quote-markers.ts';
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
 * person's. A disclaimer may follow the signature without a blank line (HTML paragraphs have
 * none), so it is judged from the line that opens it, not from the paragraph's start.
 */
function startsClosingBlock(
  lines: readonly SourceLine[],
  i: number,
  budget: { disclaimerChecks: number },
): boolean {
  const text = (lines[i] as SourceLine).text;
  if (isSignatureDelimiter(text)) return true;
  if (budget.disclaimerChecks <= 0 || !mayStartDisclaimer(text)) return false;
  budget.disclaimerChecks -= 1;
  return isDisclaimer(paragraphAt(lines, i));
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
  return verdicts;
}
