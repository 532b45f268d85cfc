/**
 * Reading HTML tags without a DOM: one tag at a time, each scan bounded by the next tag, so a
 * whole document is read in linear time however broken its markup is.
 */
import { decodeEntities } from './entities.ts';

/** One start or end tag as written. */
export interface ParsedTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: Map<string, string>;
}

/** Elements whose boundaries are line breaks when rendered. */
export const blockElements = new Set([
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

/** Elements with no closing tag, so they never open a subtree. */
export const voidElements = new Set([
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
export const hiddenContentElements = new Set(['script', 'style', 'title', 'template', 'noscript']);

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
export function tagEnd(html: string, start: number): number {
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

/** Parses the text between `<` and `>`; null when it is not a tag (e.g. "< 3"). */
export function parseTag(raw: string): ParsedTag | null {
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

/** The tag's class names, lower-cased. */
export function classTokens(tag: ParsedTag): string[] {
  const value = tag.attrs.get('class');
  return value ? value.toLowerCase().split(/\s+/).filter(Boolean) : [];
}

/** The tag's id, lower-cased, without the `x_` prefix Outlook adds to the ids of quoted mail. */
export function tagId(tag: ParsedTag): string {
  return (tag.attrs.get('id') ?? '').toLowerCase().replace(/^x_/, '');
}
