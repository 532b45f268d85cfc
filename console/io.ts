import { Presets, SingleBar } from 'cli-progress';

/** Where a console run writes; a TTY stderr gets progress bars. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** What one console run reads and writes: the real process, or a test's buffers. */
export interface ConsoleIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  /** Relative paths (files, DATA_DIR) are taken from here. */
  cwd: string;
  /** Reads a deployed stack's CloudFormation outputs; the default asks CloudFormation. */
  stackOutputs?: (stackName: string) => Promise<Record<string, string>>;
}

/**
 * Bad input or a state the command cannot work in: printed as `coach: <message>`
 * without a stack trace, exit code 1.
 */
export class ConsoleError extends Error {
  override name = 'ConsoleError';
}

/** A progress bar on stderr; silent when stderr is no terminal or the output is JSON. */
export interface Progress {
  increment(by?: number): void;
  stop(): void;
}

export function progressBar(
  io: ConsoleIo,
  options: { label: string; total: number; json?: boolean },
): Progress {
  const stream = io.stderr as NodeJS.WriteStream;
  if (options.json || !io.stderr.isTTY || options.total <= 0) {
    return { increment() {}, stop() {} };
  }
  const bar = new SingleBar(
    {
      stream,
      format: `${options.label} [{bar}] {value}/{total} {percentage}% {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(options.total, 0);
  return {
    increment: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}

/** Writes a value as pretty JSON on stdout. */
export function printJson(io: ConsoleIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
