// The JSON report: the contract in schemas/report.schema.json, serialized, never concatenated.
import type { Reporter } from './reporter.js';

export const jsonReporter: Reporter = {
  name: 'json',
  description: 'the full report as JSON (schemas/report.schema.json)',
  render(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
  },
};
