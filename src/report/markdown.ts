// A short Markdown report for pull-request comments and job summaries: every value from an input is a code span.
import type { Finding, ScanReport } from '../model/result.js';
import { severityRank } from '../model/severity.js';
import type { Reporter } from './reporter.js';
import { historyMarkdownLines } from './hosts.js';
import { clip, escapeMarkdown, markdownCode } from './sanitize.js';
import { componentLabel, deadlineLabel, findingMark, partialCheckNote, policyLines, relatedLabel, rulesOnlyNote, summaryLine, unpatchedLine, verdictLine, whereLabel } from './text.js';

/** GitHub comments are capped at 65,536 characters; stay well under it. */
const MAX_ROWS = 50;
/** Documents named in the coverage notes; the JSON report has them all. */
const MAX_NOTES = 20;

function headline(report: ScanReport): string {
  const s = report.summary;
  if (s.documentsWithErrors > 0) return s.findings > 0 ? '❌ Kaspersky components found, and some inputs could not be read' : '⚠️ Some inputs could not be read';
  const verdict = verdictLine(report);
  if (verdict.kind === 'partial') return `⚠️ ${s.documents === 0 ? 'No SBOM found in the inputs' : 'No Kaspersky components found in what could be checked; not everything could be'}`;
  if (verdict.kind === 'clean') return '✅ No Kaspersky components found';
  if (report.gate?.status === 'pass') return '✅ Kaspersky components found, none fails the gate';
  return '❌ Kaspersky components found';
}

/** The gate line: fixed words escaped, each reason (which may name a file) a code span. */
function gateMarkdown(report: ScanReport): string | undefined {
  const g = report.gate;
  if (!g) return undefined;
  const verdict = g.status === 'pass' ? 'PASS' : g.status === 'fail' ? 'FAIL' : 'ERROR';
  const reasons = g.reasons.map((r) => markdownCode(r)).join('; ');
  const partial = g.status === 'pass' && (report.summary.untestableComponents > 0 || report.summary.documentsPartlyChecked > 0) ? ' (not fully checked: see above)' : '';
  return `**Gate (${escapeMarkdown(`--fail-on ${g.failOn}`)}): ${verdict}**${reasons ? `: ${reasons}` : ''}${partial}`;
}

/** Most severe first across the whole report (banned before review at equal severity), each document's order kept. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  const STATUS = { banned: 0, review: 1, informational: 2 } as const;
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || STATUS[a.f.rule.status] - STATUS[b.f.rule.status] || a.i - b.i)
    .map(({ f }) => f);
}

/** The note of a row: its own mark, and the other matches that do not count, with why. */
function noteOf(f: Finding): string {
  const notes = [findingMark(f), ...f.alsoMatched.filter((m) => m.setAside || m.suppression).map(relatedLabel)].filter(Boolean);
  return notes.join('; ');
}

export const markdownReporter: Reporter = {
  name: 'markdown',
  description: 'a short Markdown summary for pull requests and job summaries',
  render(report: ScanReport): string {
    const out: string[] = [];
    const s = report.summary;
    out.push(`### ictscan: ${headline(report)}`, '');
    const rulesOnly = rulesOnlyNote(report);
    if (rulesOnly) out.push(`⚠️ **Rules:** ${markdownCode(rulesOnly)}`, '');
    out.push(escapeMarkdown(summaryLine(report)), '');
    if (s.findings > 0) {
      // Numbered across the report (the table's numbers are per document), most severe first, so a cap drops the least.
      const clients = new Map(report.documents.map((d) => [d.source, d.client ?? null]));
      const withClients = [...clients.values()].some((c) => c !== null);
      out.push(`| # | Severity | Component | Rule | Document${withClients ? ' (client)' : ''} | Where | Action | By when | Note |`, '|---|---|---|---|---|---|---|---|---|');
      const cell = (text: string) => markdownCode(text, { cell: true });
      bySeverity(report.findings)
        .slice(0, MAX_ROWS)
        .forEach((f, i) => {
          const client = clients.get(f.source);
          out.push(
            `| ${i + 1} | ${f.severity} | ${cell(clip(componentLabel(f.component), 60))} | ${cell(f.rule.id)} ${cell(f.rule.title)} | ${cell(clip(f.source, 60))}${client ? ` (${cell(client)})` : ''} | ${cell(clip(whereLabel(f), 60))} | ${f.remediation.action} | ${escapeMarkdown(deadlineLabel(f))} | ${escapeMarkdown(clip(noteOf(f), 300))} |`,
          );
        });
      if (report.findings.length > MAX_ROWS) out.push('', `…and ${report.findings.length - MAX_ROWS} less severe findings in the JSON report.`);
      const unpatched = unpatchedLine(report);
      if (unpatched) out.push('', `${escapeMarkdown(unpatched)}.`);
      out.push('');
    }
    const errors = report.documents.filter((d) => d.error !== null);
    if (errors.length > 0) {
      out.push('**Inputs that could not be read**', '');
      for (const d of errors.slice(0, 20)) out.push(`- ${markdownCode(d.error ?? '')}`);
      out.push('');
    }
    const partial = report.documents.flatMap((d) => {
      const note = partialCheckNote(d);
      return note ? [{ d, note }] : [];
    });
    if (partial.length > 0) {
      out.push('**Not fully checked**', '');
      for (const { d, note } of partial.slice(0, MAX_NOTES)) {
        out.push(`- ⚠️ ${markdownCode(d.source)}: ${escapeMarkdown(note)}`);
        for (const u of d.unchecked.slice(0, 3)) out.push(`  - not checked: ${markdownCode(u)}`);
      }
      if (partial.length > MAX_NOTES) out.push(`- …and ${partial.length - MAX_NOTES} more documents in the JSON report.`);
      out.push('');
    }
    if (report.skipped.length > 0) {
      out.push(`**Skipped while walking directories** (${report.skipped.length})`, '');
      for (const k of report.skipped.slice(0, 20)) out.push(`- ${markdownCode(k.source)}: ${escapeMarkdown(k.reason)}`);
      if (report.skipped.length > 20) out.push(`- …and ${report.skipped.length - 20} more in the JSON report`);
      out.push('');
    }
    out.push(...historyMarkdownLines(report));
    for (const line of policyLines(report)) out.push(markdownCode(line), '');
    const gate = gateMarkdown(report);
    if (gate) out.push(gate, '');
    if (s.belowConfidence > 0) out.push(`${s.belowConfidence} low-confidence finding(s) not shown.`, '');
    return `${out.join('\n')}\n`;
  },
};
