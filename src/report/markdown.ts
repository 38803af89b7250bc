// A short Markdown report for pull-request comments and job summaries; every SBOM value is escaped.
import type { ScanReport } from '../model/result.js';
import type { Reporter } from './reporter.js';
import { clip, escapeMarkdown } from './sanitize.js';
import { componentLabel, deadlineLabel, summaryLine, whereLabel } from './text.js';

/** GitHub comments are capped at 65,536 characters; stay well under it. */
const MAX_ROWS = 50;

export const markdownReporter: Reporter = {
  name: 'markdown',
  description: 'a short Markdown summary for pull requests and job summaries',
  render(report: ScanReport): string {
    const out: string[] = [];
    const s = report.summary;
    const verdict = s.findings === 0 ? (s.documentsWithErrors > 0 ? '⚠️ No Kaspersky components found, but some inputs could not be read' : '✅ No Kaspersky components found') : `❌ Kaspersky components found`;
    out.push(`### ictscan: ${verdict}`, '', escapeMarkdown(summaryLine(report)), '');
    if (s.findings > 0) {
      out.push('| # | Severity | Component | Rule | Where | Action | By when |', '|---|---|---|---|---|---|---|');
      for (const f of report.findings.slice(0, MAX_ROWS)) {
        out.push(
          `| ${f.remediation.priority} | ${f.severity} | ${escapeMarkdown(clip(componentLabel(f.component), 60))} | ${escapeMarkdown(f.rule.id)} ${escapeMarkdown(f.rule.title)} | ${escapeMarkdown(clip(whereLabel(f), 60))} | ${f.remediation.action} | ${escapeMarkdown(deadlineLabel(f))} |`,
        );
      }
      if (report.findings.length > MAX_ROWS) out.push('', `…and ${report.findings.length - MAX_ROWS} more findings in the JSON report.`);
      out.push('');
    }
    const errors = report.documents.filter((d) => d.error !== null);
    if (errors.length > 0) {
      out.push('**Inputs that could not be read**', '');
      for (const d of errors.slice(0, 20)) out.push(`- ${escapeMarkdown(d.error ?? '')}`);
      out.push('');
    }
    if (s.belowConfidence > 0) out.push(`${s.belowConfidence} low-confidence finding(s) not shown.`, '');
    return `${out.join('\n')}\n`;
  },
};
