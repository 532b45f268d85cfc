/**
 * Using both parts of a multipart reply. The text part gives the wording (it is what the person's
 * client wrote as plain text), the HTML part gives the structure: which lines sit in a quote
 * container. They disagree when the person began a line with ">" (the text part cannot tell it
 * from a quote; the HTML shows it outside any blockquote), when a quote's text part carries no
 * markers but its HTML does (a reply written below an unmarked quote), or when the text part's
 * quote header is in a form the text rules do not know but the HTML puts it in a container.
 * When the HTML is clear about a line, the HTML decides; otherwise the text part does.
 */
import type { Verdict } from './classify.ts';
import { lineKey, type SourceLine, stripQuoteMarkers } from './text-lines.ts';

/** The lines of one part and the verdict for each. */
export interface PartReading {
  lines: readonly SourceLine[];
  verdicts: readonly Verdict[];
}

interface Evidence {
  /** The person's lines in the HTML with this key not yet matched to a text line. */
  own: number;
  /** Quoted, header, signature or footer lines in the HTML with this key. */
  other: number;
}

type Judgement = 'own' | 'other' | null;

function collectEvidence(html: PartReading): Map<string, Evidence> {
  const evidence = new Map<string, Evidence>();
  html.lines.forEach((line, i) => {
    const verdict = html.verdicts[i];
    if (verdict === 'blank') return;
    const key = lineKey(line.text);
    if (!key) return;
    let entry = evidence.get(key);
    if (!entry) {
      entry = { own: 0, other: 0 };
      evidence.set(key, entry);
    }
    if (verdict === 'own') entry.own += 1;
    else entry.other += 1;
  });
  return evidence;
}

/**
 * What the HTML says about a line with this key: only an unambiguous answer counts (a line that
 * is both the person's and quoted, such as "Thanks,", leaves the text part to decide). Each of
 * the person's HTML lines vouches for one text line, in order of use.
 */
function judge(evidence: Map<string, Evidence>, key: string): Judgement {
  const entry = key ? evidence.get(key) : undefined;
  if (!entry) return null;
  if (entry.own > 0 && entry.other === 0) {
    entry.own -= 1;
    return 'own';
  }
  return entry.other > 0 && entry.own === 0 ? 'other' : null;
}

/** For every line of the text part, whether the person wrote it, the HTML part consulted. */
export function reconcile(text: PartReading, html: PartReading): boolean[] {
  const evidence = collectEvidence(html);
  return text.lines.map((line, i) => {
    const verdict = text.verdicts[i];
    if (verdict === 'blank') return false;
    const judgement = judge(evidence, lineKey(line.text));
    if (judgement !== null) return judgement === 'own';
    // A ">" line whose words the HTML shows quoted is quoted, whatever the text rules said.
    if (line.kind === 'quote' && judge(evidence, lineKey(stripQuoteMarkers(line.text))) === 'other')
      return false;
    return verdict === 'own';
  });
}
