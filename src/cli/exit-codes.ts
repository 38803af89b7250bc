// The documented exit codes (README "Exit codes").
export const EXIT = {
  /** No finding at or above --fail-on, and every input was read. */
  ok: 0,
  /** Findings at or above --fail-on. */
  findings: 1,
  /** A usage error, an unreadable or unparsable input, or a bad rule pack; other inputs are still scanned. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
