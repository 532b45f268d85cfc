import path from 'node:path';

/** The build found problems; `problems` lists each one with the file and line it comes from. */
export class TemplateBuildError extends Error {
  override name = 'TemplateBuildError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`template build failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Paths in messages are relative to where the build runs, which is how authors think of them. */
export function show(file: string): string {
  return path.relative(process.cwd(), file) || '.';
}

/** `file:line`, as editors and terminals link it. */
export function at(file: string, line: number): string {
  return `${show(file)}:${line}`;
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The line where `needle` first appears in `text`, or 1. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index < 0 ? 1 : lineAt(text, index);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
