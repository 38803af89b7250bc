// What the CLI may touch of the outside world, passed in so tests can run it in-process.
export interface CliIo {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  /** Reads standard input; may stop after `maxSize + 1` bytes (the reader refuses a larger input). */
  readonly stdin: (maxSize: number) => Promise<Buffer>;
  /** Standard input is a terminal: reading it waits for the user to type (or paste) a document. */
  readonly stdinIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Fixed clock for reproducible reports (tests). */
  readonly now?: Date;
}
