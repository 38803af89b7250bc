// The reporter contract: a pure function from the report (and a context) to text.
import type { ScanReport } from '../model/result.js';
import type { Severity } from '../model/severity.js';

export interface ReportContext {
  /** Colour escape codes allowed (a terminal, not NO_COLOR). */
  readonly color: boolean;
  /** The --fail-on threshold, so reporters can say what fails the gate. */
  readonly failOn: Severity | 'none' | 'any';
  /** Terminal width for the table. */
  readonly width: number;
}

export interface Reporter {
  readonly name: string;
  readonly description: string;
  render(report: ScanReport, ctx: ReportContext): string;
}
