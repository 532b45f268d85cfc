/**
 * The line model every reply rule works on, the input caps, and the text clean-up shared by the
 * plain-text and HTML readers.
 */

/** Plain text beyond this is never the person's own words, only quoted history. */
export const MAX_TEXT_CHARS = 64 * 1024;

/**
 * HTML is far more verbose than the text it carries (inline styles, Word markup), so it gets a
 * larger allowance; the scan is linear, so this only bounds the work.
 */
export const MAX_HTML_CHARS = 256 * 1024;

/** Lines longer than this are never reply headers; the cap keeps per-line regex work small. */
export const MAX_HEADER_LINE = 600;

/**
 * Where a line came from: `quote` is quoted history (a ">" line of a text part, or anything inside
 * an HTML quote container), `signature` an HTML signature container, `text` everything else.
 */
export type LineKind = 'text' | 'quote' | 'signature';

/** One rendered line of a reply and what its source says about it. */
export interface SourceLine {
  text: string;
  kind: LineKind;
}

const quotedLinePattern = /^[ \t]*>/;

/** Whether a plain-text line carries the ">" quote marker. */
export function startsWithQuoteMarker(text: string): boolean {
  return quotedLinePattern.test(text);
}

/** Drops the ">" markers (any depth) a text part puts before quoted lines. */
export function stripQuoteMarkers(text: string): string {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '>' || ch === ' ' || ch === '\t') i += 1;
    else break;
  }
  return text.slice(i);
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The trimmed text of a line that could be part of a quote header, or null. */
export function headerCandidate(lines: readonly SourceLine[], i: number): string | null {
  const line = lines[i];
  if (line?.kind !== 'text') return null;
  const trimmed = line.text.trim();
  return trimmed && trimmed.length <= MAX_HEADER_LINE ? trimmed : null;
}

/** Every quote header ends in a colon (ASCII or full-width); testing for one first is cheap. */
export function hasColon(text: string): boolean {
  return text.includes(':') || text.includes('：');
}

/** Index of the first non-blank line at or after `from`, or -1. */
export function nextNonBlank(lines: readonly SourceLine[], from: number): number {
  for (let j = from; j < lines.length; j++) if (!isBlank(lines[j]?.text ?? '')) return j;
  return -1;
}

/** Caps the input, unifies line ends and removes invisible characters; NBSP becomes a space. */
export function normaliseText(text: string): string {
  const capped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  return cleanLine(capped.replace(/\r\n?/g, '\n'));
}

/**
 * Zero-width space, word joiner, BOM and soft hyphen go; joiners stay, emoji sequences need them.
 * NBSP becomes a plain space so an "empty" &nbsp; paragraph reads as a blank line.
 */
export function cleanLine(text: string): string {
  return text.replace(/\u200B|\u2060|\uFEFF|\u00AD/g, '').replace(/\u00A0/g, ' ');
}

/** The lines of a plain-text part; ">" lines are quoted history. */
export function textPartLines(text: string): SourceLine[] {
  return normaliseText(text)
    .split('\n')
    .map((line) => ({ text: line, kind: startsWithQuoteMarker(line) ? 'quote' : 'text' }));
}

/** Removes trailing spaces, limits blank runs to one blank line and trims blank edges. */
export function tidyText(text: string): string {
  const lines = cleanLine(text.replace(/\r\n?/g, '\n'))
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

/** The person's lines as the final text: no dangling separator where a quote was cut. */
export function finishLines(lines: readonly string[]): string {
  const trimmed = lines.map((line) => line.replace(/[ \t]+$/, ''));
  while (trimmed.length > 0 && isRuleOrBlank(trimmed[trimmed.length - 1] ?? '')) trimmed.pop();
  return tidyText(trimmed.join('\n')).trim();
}

/** A blank line or a bare rule of dashes, underscores, equals signs, stars or tildes. */
function isRuleOrBlank(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return true;
  if (trimmed.length < 3) return false;
  for (const ch of trimmed) if (!'-_=*~'.includes(ch)) return false;
  return true;
}

/**
 * A comparison key for the same line as two parts render it: case, typographic quotes, link
 * renderings ("text <https://...>"), emphasis markers and whitespace differ between the text
 * part and the HTML of one message.
 */
export function lineKey(text: string): string {
  const capped = text.length > 2000 ? text.slice(0, 2000) : text;
  return capped
    .replace(/<(?:https?|mailto):[^<>\s]{0,500}>/giu, ' ')
    .replace(/[‘’‚‛`´]/g, "'")
    .replace(/[“”„‟«»]/g, '"')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
