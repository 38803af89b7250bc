// The reporter contract: a pure function from the report (and a context) to text.
import type { ScanReport } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import type { LoadedRule } from '../ruleset/types.js';

export interface ReportContext {
  /** Colour escape codes allowed (a terminal, not NO_COLOR). */
  readonly color: boolean;
  /** The --fail-on threshold, so reporters can say what fails the gate. */
  readonly failOn: Severity | 'none' | 'any';
  /** Terminal width for the table. */
  readonly width: number;
  /** Full rule metadata by id (the report carries only a summary of each rule); SARIF uses it for rule help. */
  readonly rules?: ReadonlyMap<string, LoadedRule>;
  /** The working directory, so that file locations can be written relative to the repository (SARIF). */
  readonly cwd?: string;
  /** The command line as typed, for SARIF's invocation record; omitted when not given. */
  readonly commandLine?: string;
  /** Distinguishes several SARIF uploads for the same commit (GitHub's `category`): `runAutomationDetails.id`. */
  readonly category?: string;
}

export interface Reporter {
  readonly name: string;
  readonly description: string;
  render(report: ScanReport, ctx: ReportContext): string;
}
