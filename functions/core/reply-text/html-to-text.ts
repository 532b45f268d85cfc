/**
 * HTML to text without a DOM, in one linear pass. For reply reading every rendered line also
 * says whether it sits in quoted history, in a signature or in the person's own text, so the
 * person's lines can be found wherever they are: above the quote, below it or between quotes.
 */
import { decodeEntities } from './entities.ts';
import { type ContainerRole, containerRole, startsQuotedTail } from './html-quotes.ts';
import {
  blockElements,
  hiddenContentElements,
  type ParsedTag,
  parseTag,
  tagEnd,
  voidElements,
} from './html-tags.ts';
import {
  cleanLine,
  type LineKind,
  MAX_HTML_CHARS,
  type SourceLine,
  tidyText,
} from './text-lines.ts';

/**
 * What `<hr>` renders as: Outlook's own plain-text separator, so an `<hr>` followed by a
 * From:/Sent: block is recognised by the same rule as Outlook's text part.
 */
const HR_TEXT = '________________________________';

/** Deeper nesting of quote containers adds nothing; the cap keeps each tag's work constant. */
const MAX_OPEN_CONTAINERS = 16;

/** The lines of an HTML body and whether its client marked quotes structurally at all. */
export interface RenderedHtml {
  lines: SourceLine[];
  /** A quote container or an Outlook quoted-tail marker was present. */
  structured: boolean;
}

interface OpenContainer {
  name: string;
  /** Open elements of the same name inside it, itself included. */
  depth: number;
  role: ContainerRole;
  /** For a wrapper: whether its own text is still the quoted attribution. */
  quoted: boolean;
}

/** Accumulates rendered text line by line; a line's kind is the kind of its first visible text. */
class LineSink {
  kind: LineKind = 'text';
  private readonly lines: SourceLine[] = [];
  private current: string[] = [];
  private currentKind: LineKind | null = null;
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

  finish(): SourceLine[] {
    if (this.current.length > 0) this.endLine();
    return this.lines;
  }

  private flushSpace(): void {
    if (this.pendingSpace && this.lastChar !== '\n') this.push(' ');
    this.pendingSpace = false;
  }

  private push(value: string): void {
    if (!value) return;
    let start = 0;
    for (;;) {
      const newline = value.indexOf('\n', start);
      const piece = newline === -1 ? value.slice(start) : value.slice(start, newline);
      if (piece) {
        this.current.push(piece);
        if (this.currentKind === null && /\S/.test(piece)) this.currentKind = this.kind;
      }
      if (newline === -1) break;
      this.endLine();
      start = newline + 1;
    }
    this.lastChar = value[value.length - 1] ?? this.lastChar;
  }

  private endLine(): void {
    this.lines.push({ text: this.current.join(''), kind: this.currentKind ?? 'text' });
    this.current = [];
    this.currentKind = null;
  }
}

function effectiveKind(stack: readonly OpenContainer[], inQuotedTail: boolean): LineKind {
  if (inQuotedTail) return 'quote';
  let signature = false;
  for (const entry of stack) {
    if (entry.role === 'quote' || (entry.role === 'wrapper' && entry.quoted)) return 'quote';
    if (entry.role === 'signature') signature = true;
  }
  return signature ? 'signature' : 'text';
}

function innermost(stack: readonly OpenContainer[], name: string): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]?.name === name) return k;
  return -1;
}

/**
 * Tracks the open quote, wrapper and signature containers. Same-name elements inside one are
 * counted rather than stacked, as a skip would, so hostile nesting costs constant work per tag.
 * Returns whether the rendered kind may have changed.
 */
function trackContainers(
  stack: OpenContainer[],
  tag: ParsedTag,
  role: ContainerRole | null,
): boolean {
  if (voidElements.has(tag.name) || tag.selfClosing) return false;
  if (!tag.closing) {
    if (role && stack.length < MAX_OPEN_CONTAINERS) {
      stack.push({ name: tag.name, depth: 1, role, quoted: role !== 'signature' });
      return true;
    }
    const k = innermost(stack, tag.name);
    if (k !== -1) (stack[k] as OpenContainer).depth += 1;
    return false;
  }
  const k = innermost(stack, tag.name);
  if (k === -1) return false;
  const entry = stack[k] as OpenContainer;
  entry.depth -= 1;
  if (entry.depth > 0) return false;
  // A container closing closes anything left open inside it (unclosed markup).
  stack.length = k;
  const parent = stack[stack.length - 1];
  if (parent?.role === 'wrapper' && entry.name === 'blockquote') parent.quoted = false;
  return true;
}

/**
 * Renders HTML as lines. With `markQuotes`, lines inside quote containers, after Outlook's
 * quoted-tail markers, or in signature containers carry that kind; without it, every line is
 * plain text (htmlToText).
 */
export function renderHtml(html: string, markQuotes: boolean): RenderedHtml {
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const out = new LineSink();
  const stack: OpenContainer[] = [];
  let inQuotedTail = false;
  let structured = false;
  let preDepth = 0;
  let inHead = false;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i && !inHead) out.text(decodeEntities(source.slice(i, textEnd)), preDepth > 0);
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
      if (!inHead) out.text('<', preDepth > 0);
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

    if (markQuotes) {
      if (!tag.closing && !inQuotedTail && startsQuotedTail(tag)) {
        inQuotedTail = true;
        structured = true;
        out.blockBreak();
        out.kind = 'quote';
      }
      const role = tag.closing ? null : containerRole(tag);
      if (role === 'quote' || role === 'wrapper') structured = true;
      if (trackContainers(stack, tag, role)) {
        out.blockBreak();
        out.kind = effectiveKind(stack, inQuotedTail);
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
  const lines = out.finish().map((line) => ({
    text: cleanLine(line.text).replace(/[ \t]+$/, ''),
    kind: line.kind,
  }));
  return { lines, structured };
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
  const { lines } = renderHtml(html, false);
  return tidyText(lines.map((line) => line.text).join('\n')).trim();
}
