// The --fail-on threshold, and the one mapping from the gate's verdict to the exit code.
import type { GateStatus } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export type FailOn = Severity | 'none';

/** The exit code of a gate verdict: the report's `gate.status` and the code a pipeline sees can never disagree. */
export function exitCodeOf(status: GateStatus): ExitCode {
  switch (status) {
    case 'pass':
      return EXIT.ok;
    case 'fail':
      return EXIT.findings;
    case 'error':
      return EXIT.error;
    default: {
      const never: never = status;
      return never;
    }
  }
}
