// The shape of a CLI command: a yargs definition and a handler that returns an exit code.
import type { Argv } from 'yargs';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

export type Args = Readonly<Record<string, unknown>>;

export interface Command {
  /** yargs command string, e.g. `scan <inputs..>`. */
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv;
  readonly handler: (args: Args, io: CliIo) => Promise<ExitCode>;
}

/** A mistake in how the command was called: exit 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function strings(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}
