/**
 * A cheap, sound pre-check for word patterns: the literal text every match must start with.
 * The command reader tests some sixty long alternations against the whole reply, and the
 * regex engine tries every alternative at every position (about 0.7 ms on a 2 KB reply);
 * looking up a match's possible first letters among the reply's own word starts rules most
 * patterns out without running them. Only ever a necessary condition: assertions (lookbehind,
 * lookahead, `\b`, `^`, `$`) are ignored, which can only admit more, and whatever this small
 * parser does not understand makes the pattern always run.
 */
import { letter } from './phrase-pattern.ts';

/** The lookbehind `phrase` opens with: a match starts after no letter or apostrophe. */
const wordStartLead = `(?<![${letter}'])`;

type Item =
  | { kind: 'char'; char: string; quantifier: string }
  | { kind: 'group'; alternatives: Item[][]; quantifier: string }
  | { kind: 'assertion' }
  | { kind: 'unknown' };

const quantifierAt = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/;

/**
 * Parses `source` from `at` up to a `)` or its end, as alternatives of items. A class, `.`,
 * an escape class or any group it does not know is an unknown item: a start stops there.
 */
function parse(source: string, at: number): { alternatives: Item[][]; end: number } {
  const alternatives: Item[][] = [[]];
  let i = at;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ')') break;
    if (ch === '|') {
      alternatives.push([]);
      i++;
      continue;
    }
    let item: Item;
    if (ch === '(') {
      const lookaround = /^\(\?<?[=!]/.exec(source.slice(i, i + 4));
      const plain = source[i + 1] !== '?';
      const open = lookaround
        ? lookaround[0].length
        : plain
          ? 1
          : source.startsWith('(?:', i)
            ? 3
            : 0;
      if (open === 0) return { alternatives: [[{ kind: 'unknown' }]], end: source.length };
      const inner = parse(source, i + open);
      i = inner.end + 1;
      item = lookaround
        ? { kind: 'assertion' }
        : { kind: 'group', alternatives: inner.alternatives, quantifier: '' };
    } else if (ch === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      item = { kind: 'unknown' };
    } else if (ch === '\\') {
      const next = source[i + 1] ?? '';
      i += 2;
      if (next === 'b' || next === 'B') item = { kind: 'assertion' };
      else if (/[^\p{L}\p{N}]/u.test(next)) item = { kind: 'char', char: next, quantifier: '' };
      else item = { kind: 'unknown' };
    } else if (ch === '^' || ch === '$') {
      i++;
      item = { kind: 'assertion' };
    } else {
      i++;
      item = ch === '.' ? { kind: 'unknown' } : { kind: 'char', char: ch, quantifier: '' };
    }
    const quantifier = quantifierAt.exec(source.slice(i, i + 12));
    if (quantifier) {
      if (item.kind === 'char' || item.kind === 'group') item.quantifier = quantifier[0];
      i += quantifier[0].length;
    }
    alternatives[alternatives.length - 1]?.push(item);
  }
  return { alternatives, end: i };
}

/** The strings of `need` characters a match of `items` can start with, or null if unknown. */
function firsts(items: readonly Item[], need: number): Set<string> | null {
  if (need === 0) return new Set(['']);
  const [head, ...rest] = items;
  if (head === undefined || head.kind === 'unknown') return null;
  if (head.kind === 'assertion') return firsts(rest, need);
  const q = head.quantifier.replace(/\?$/, head.quantifier.length > 1 ? '' : '?');
  if (q !== '' && q !== '?' && q !== '*' && q !== '+') return null;
  const out = new Set<string>();
  const add = (set: Set<string> | null): boolean => {
    if (set === null) return false;
    for (const s of set) out.add(s);
    return true;
  };
  const more: readonly Item[] =
    q === '*' || q === '+' ? [{ ...head, quantifier: '*' }, ...rest] : rest;
  if ((q === '?' || q === '*') && !add(firsts(rest, need))) return null;
  if (head.kind === 'char') {
    const tail = firsts(more, need - 1);
    if (tail === null) return null;
    for (const s of tail) out.add(head.char + s);
  } else {
    for (const alternative of head.alternatives)
      if (!add(firsts([...alternative, ...more], need))) return null;
  }
  return out;
}

/**
 * What every match of `pattern` (a `phrase`) starts with, at a word start: strings of one
 * length, the longest known up to 8, or null when no such list is known.
 */
export function literalStarts(pattern: RegExp): string[] | null {
  if (pattern.flags.includes('i') || !pattern.source.startsWith(wordStartLead)) return null;
  const { alternatives } = parse(pattern.source, 0);
  // Only a pattern whose every match passes the opening lookbehind starts at a word start.
  if (alternatives.length !== 1) return null;
  const items: Item[] = [{ kind: 'group', alternatives, quantifier: '' }];
  for (let length = LONGEST; length >= 2; length--) {
    const starts = firsts(items, length);
    if (starts !== null && starts.size <= 2000) return [...starts];
  }
  return null;
}

/**
 * The runs of 2 to 8 characters that open at a word start of the text (after no folded
 * letter or apostrophe, as `phrase` asks), hashed into bit sets: a set bit is only a "maybe".
 */
export type Grams = readonly Uint32Array[];

/** The longest start looked up: longer starts rule out more patterns ("will" vs "will be"). */
const LONGEST = 8;
const BITS = 16;
const MASK = (1 << BITS) - 1;

function step(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0;
}

function bucket(h: number): number {
  return (h ^ (h >>> BITS)) & MASK;
}

function hash(text: string): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) h = step(h, text.charCodeAt(k));
  return bucket(h);
}

/** The class of `letter` and the apostrophe, by code: a match never starts after one. */
function letterOrApostrophe(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x27 ||
    code === 0xaa ||
    code === 0xb5 ||
    code === 0xba ||
    (code >= 0xc0 && code <= 0x24f) ||
    (code >= 0x370 && code <= 0x4ff)
  );
}

export function gramsOf(text: string): Grams {
  const sets: Uint32Array[] = [];
  for (let length = 0; length <= LONGEST; length++) sets.push(new Uint32Array(1 << (BITS - 5)));
  for (let i = 0; i < text.length - 1; i++) {
    if (i > 0 && letterOrApostrophe(text.charCodeAt(i - 1))) continue;
    let h = 0;
    for (let length = 1; length <= LONGEST && i + length <= text.length; length++) {
      h = step(h, text.charCodeAt(i + length - 1));
      if (length < 2) continue;
      const b = bucket(h);
      const bits = sets[length] as Uint32Array;
      bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
    }
  }
  return sets;
}

/** Whether the text may hold a match's start (false means it certainly does not). */
export function mayHold(grams: Grams, starts: readonly string[]): boolean {
  for (const s of starts) {
    const h = hash(s);
    const bits = grams[s.length];
    if (bits === undefined || ((bits[h >>> 5] as number) & (1 << (h & 31))) !== 0) return true;
  }
  return false;
}
