// A short Markdown report for pull-request comments and job summaries; every SBOM value is escaped.
import type { ScanReport } from '../model/result.js';
import type { Reporter } from './reporter.js';
import { clip, escapeMarkdown } from './sanitize.js';
import { componentLabel, coverageWarning, deadlineLabel, findingMark, gateLine, policyLines, summaryLine, whereLabel } from './text.js';

/** GitHub comments are capped at 65,536 characters; stay well under it. */
const MAX_ROWS = 50;

function headline(report: ScanReport): string {
  const s = report.summary;
  if (s.documentsWithErrors > 0) return s.findings > 0 ? '❌ Kaspersky components found, and some inputs could not be read' : '⚠️ Some inputs could not be read';
  if (s.findings === 0) return '✅ No Kaspersky components found';
  if (report.gate?.status === 'pass') return '✅ Kaspersky components found, none fails the gate';
  return '❌ Kaspersky components found';
}

export const markdownReporter: Reporter = {
  name: 'markdown',
  description: 'a short Markdown summary for pull requests and job summaries',
  render(report: ScanReport): string {
    const out: string[] = [];
    const s = report.summary;
    const verdict = headline(report);
    out.push(`### ictscan: ${verdict}`, '', escapeMarkdown(summaryLine(report)), '');
    if (s.findings > 0) {
      out.push('| # | Severity | Component | Rule | Where | Action | By when | Note |', '|---|---|---|---|---|---|---|---|');
      for (const f of report.findings.slice(0, MAX_ROWS)) {
        out.push(
          `| ${f.remediation.priority} | ${f.severity} | ${escapeMarkdown(clip(componentLabel(f.component), 60))} | ${escapeMarkdown(f.rule.id)} ${escapeMarkdown(f.rule.title)} | ${escapeMarkdown(clip(whereLabel(f), 60))} | ${f.remediation.action} | ${escapeMarkdown(deadlineLabel(f))} | ${escapeMarkdown(findingMark(f))} |`,
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
    if (report.skipped.length > 0) {
      out.push(`**Skipped while walking directories** (${report.skipped.length})`, '');
      for (const k of report.skipped.slice(0, 20)) out.push(`- ${escapeMarkdown(`${k.source}: ${k.reason}`)}`);
      if (report.skipped.length > 20) out.push(`- …and ${report.skipped.length - 20} more in the JSON report`);
      out.push('');
    }
    for (const d of report.documents) {
      const poor = coverageWarning(d);
      if (poor) out.push(`⚠️ ${escapeMarkdown(d.source)}: ${escapeMarkdown(poor)}`, '');
    }
    for (const line of policyLines(report)) out.push(escapeMarkdown(line), '');
    const gate = gateLine(report);
    if (gate) out.push(`**${escapeMarkdown(gate)}**`, '');
    if (s.belowConfidence > 0) out.push(`${s.belowConfidence} low-confidence finding(s) not shown.`, '');
    return `${out.join('\n')}\n`;
  },
};
