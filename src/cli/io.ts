// What the CLI may touch of the outside world, passed in so tests can run it in-process.
export interface CliIo {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stdin: () => Promise<Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Fixed clock for reproducible reports (tests). */
  readonly now?: Date;
}
