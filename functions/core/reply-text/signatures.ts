/**
 * Where a person's signature starts: the RFC 3676 "-- " delimiter, or the dash iOS and macOS
 * smart punctuation make of a typed "--" ("—" or "–") when a short name/title block follows it
 * and nothing of the person's comes after.
 */
import { isBlank, type SourceLine } from './text-lines.ts';

/** The RFC 3676 signature delimiter "-- " (many clients drop the trailing space). */
export function isSignatureDelimiter(line: string): boolean {
  return line === '-- ' || line.trimEnd() === '--';
}

/** A signature block under a dash line is at most this many lines... */
const MAX_SIGNATURE_LINES = 6;
/** ...and is looked for within this many lines (blank ones included), which bounds the scan. */
const MAX_SIGNATURE_SCAN = 12;
/** A name, title, company, phone or address line is short. */
const MAX_SIGNATURE_LINE = 70;

/** Company and title abbreviations a signature line may end with: "Atlas Ltd.", "Dr.". */
const abbreviationEnd =
  /(?:^|[\s,])(?:ltd|inc|co|corp|gmbh|ag|e\.v|s\.l|s\.a|s\.p\.a|s\.r\.l|b\.v|n\.v|o\.o|sarl|pty|llc|plc|jr|sr|ph\.d|m\.d|a\.s|a\.ş)\.$/iu;

/** A line a signature holds (a name, a title, a company, a number), not a sentence. */
function isSignatureLine(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > MAX_SIGNATURE_LINE || trimmed.split(/\s+/).length > 8) return false;
  if (/[!?…:;]$/u.test(trimmed)) return false;
  return !trimmed.endsWith('.') || abbreviationEnd.test(trimmed);
}

/**
 * Whether line `i` is a dash alone on its line opening a signature: one to six short lines that
 * are not sentences follow it, up to the end of the text or to a line `isBoundary` says starts
 * quoted history. A dash the person used to set off more of their own words is not one.
 */
export function isDashSignature(
  lines: readonly SourceLine[],
  i: number,
  isBoundary: (j: number) => boolean,
): boolean {
  const text = (lines[i] as SourceLine).text.trim();
  if (text !== '—' && text !== '–') return false;
  let count = 0;
  const limit = Math.min(lines.length, i + 1 + MAX_SIGNATURE_SCAN);
  for (let j = i + 1; j < limit; j++) {
    const line = lines[j] as SourceLine;
    if (line.kind === 'quote') return count > 0;
    if (isBlank(line.text) || line.kind === 'signature') continue;
    if (isBoundary(j)) return count > 0;
    count += 1;
    if (count > MAX_SIGNATURE_LINES || !isSignatureLine(line.text)) return false;
  }
  return limit === lines.length && count > 0;
}
