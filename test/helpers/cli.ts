// Running the CLI in-process with captured output.
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], opts: { stdin?: string | Buffer; tty?: boolean; stdinTty?: boolean; env?: Record<string, string> } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin: async () => Buffer.from(opts.stdin ?? ''),
    ...(opts.stdinTty && { stdinIsTTY: true }),
    env: opts.env ?? {},
    cwd: process.cwd(),
    now: new Date('2026-11-21T00:00:00Z'),
  });
  return { code, stdout, stderr };
}

/** A table report with its wrapped lines joined again, for assertions on whole sentences. */
export function unwrap(text: string): string {
  return text.replace(/\n {2,}(?=\S)/g, ' ');
}
