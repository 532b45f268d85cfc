import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../functions/', import.meta.url));
const reading = path.join(root, 'core', 'reading');

/** Files a module imports at run time (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const match of source.matchAll(/^import\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)';/gms)) {
    if (match[1]) continue;
    out.push(path.resolve(path.dirname(file), match[2] ?? ''));
  }
  for (const match of source.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) {
    out.push(path.resolve(path.dirname(file), match[1] ?? ''));
  }
  return out;
}

function reachable(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    try {
      queue.push(...runtimeImports(file));
    } catch {
      // A path that is not a source file (a JSON import, say) ends the walk there.
    }
  }
  return seen;
}

describe('the reader stays where it belongs', () => {
  it('is not in the web function: nothing the web handlers import reaches core/reading', () => {
    const handlers = path.join(root, 'handlers');
    const web = readdirSync(handlers)
      .filter((f) => f.startsWith('web') && f.endsWith('.ts'))
      .map((f) => path.join(handlers, f));
    expect(web.length).toBeGreaterThan(0);
    const files = [...reachable(web)];
    expect(files.filter((f) => f.startsWith(reading))).toEqual([]);
  });

  it('is in the inbound function', () => {
    const files = [...reachable([path.join(root, 'handlers', 'inbound.ts')])];
    expect(files.some((f) => f.startsWith(reading))).toBe(true);
  });

  const sources = readdirSync(reading).filter((f) => f.endsWith('.ts'));

  it.each(sources)('%s is pure: no I/O, no clock, no environment', (file) => {
    const source = readFileSync(path.join(reading, file), 'utf8');
    expect(source).not.toMatch(
      /from 'node:|require\(|process\.env|Date\.now\(|new Date\(\)|Math\.random\(|console\./,
    );
  });

  it.each(sources)('%s has one concern and stays short (about 300 lines)', (file) => {
    const lines = readFileSync(path.join(reading, file), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(320);
  });
});
