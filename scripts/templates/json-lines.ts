/**
 * Where each value of a JSON document starts, by its path (`sequence.0.gapDays`;
 * the document itself is ``), so a problem found in the parsed value can name
 * its line. A small tokenizer: it stops quietly at the first syntax error
 * (JSON.parse reports that one), keeping the lines found so far.
 */
export function jsonPathLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    let out = '';
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
      } else {
        out += text[i];
        i++;
      }
    }
    if (i >= text.length) throw new SyntaxError('unterminated string');
    i++; // closing quote
    return out;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const join = (key: string) => (path === '' ? key : `${path}.${key}`);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') throw new SyntaxError('expected a key');
        const keyLine = line;
        const key = string();
        skip();
        if (text[i] !== ':') throw new SyntaxError('expected ":"');
        i++;
        value(join(key));
        // A value on the line after its key is still found at the key.
        if ((lines.get(join(key)) ?? keyLine) > keyLine) lines.set(join(key), keyLine);
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else throw new SyntaxError('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value(join(String(index)));
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else throw new SyntaxError('expected "," or "]"');
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!literal) throw new SyntaxError('unexpected character');
    i += literal[0].length;
  };
  try {
    value('');
  } catch {
    // JSON.parse names the syntax error; the lines found so far still help.
  }
  return lines;
}

/** The line of `path`, or of its nearest parent the document has (line 1 at worst). */
export function lineOfPath(lines: ReadonlyMap<string, number>, path: string): number {
  const parts = path === '' ? [] : path.split('.');
  for (let n = parts.length; n >= 0; n--) {
    const found = lines.get(parts.slice(0, n).join('.'));
    if (found !== undefined) return found;
  }
  return 1;
}
