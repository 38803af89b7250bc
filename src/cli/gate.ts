// Turning a report into an exit code: the pipeline gate.
import type { ScanReport } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import { severityRank } from '../model/severity.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export type FailOn = Severity | 'none';

/** Findings at or above the threshold fail; unreadable inputs are an error whatever was found. */
export function exitCodeFor(report: ScanReport, failOn: FailOn): ExitCode {
  if (report.summary.documentsWithErrors > 0) return EXIT.error;
  if (failOn === 'none') return EXIT.ok;
  const threshold = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}
