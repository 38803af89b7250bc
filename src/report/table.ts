// The default terminal report: a table of findings per document, then the plan in the order to act on it.
import type { Finding, ScanReport } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import type { Reporter, ReportContext } from './reporter.js';
import { clip, plain } from './sanitize.js';
import { componentLabel, deadlineLabel, evidenceLabel, findingMark, formatLabel, gateLine, partialCheckNote, pathLabel, policyLines, rulesOnlyNote, summaryLine, verdictLine, whereLabel } from './text.js';

const COLORS: Readonly<Record<Severity, string>> = { critical: '\u001b[1;31m', high: '\u001b[31m', medium: '\u001b[33m', low: '\u001b[36m', info: '\u001b[2m' };
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

function table(rows: string[][], widths: number[]): string[] {
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

function findingRows(findings: readonly Finding[], ctx: ReportContext): string[] {
  const marks = findings.some((f) => findingMark(f) !== '');
  const header = ['#', 'SEVERITY', 'CONF.', 'COMPONENT', 'RULE', 'CATEGORY', 'WHERE', 'ACTION', ...(marks ? ['NOTE'] : [])];
  const body = findings.map((f) => [
    String(f.remediation.priority),
    f.severity,
    f.confidence,
    clip(plain(componentLabel(f.component)), 40),
    f.rule.id,
    f.rule.category,
    clip(plain(f.subject ? 'SBOM subject' : f.direct === null ? 'unknown' : f.direct ? 'direct' : `via ${f.introducedByComponents.map((c) => c.name).join(', ')}`), 32),
    f.remediation.action,
    ...(marks ? [findingMark(f)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const lines = table([header, ...body], widths);
  if (!ctx.color) return lines;
  return lines.map((line, i) => {
    if (i === 0) return `${BOLD}${line}${RESET}`;
    const f = findings[i - 1];
    return f ? `${COLORS[f.severity]}${line}${RESET}` : line;
  });
}

function planLines(f: Finding): string[] {
  const out = [`${f.remediation.priority}. ${f.remediation.action.toUpperCase()} ${plain(componentLabel(f.component))}: ${plain(f.rule.title)} [${f.rule.id}, ${f.rule.status}]`];
  out.push(`   Why:     ${plain(evidenceLabel(f))}; confidence ${f.confidence}`);
  if (f.alsoMatched.length > 0) out.push(`   Also:    ${f.alsoMatched.map((m) => `${m.rule.id} (${m.rule.category}, ${m.rule.status})`).join('; ')}`);
  out.push(`   Where:   ${plain(whereLabel(f))}`);
  if (f.paths.length > 0) {
    const rest = f.pathCount - f.paths.length;
    out.push(`   Path:    ${plain(pathLabel(f.paths[0] ?? []))}${rest > 0 ? ` (+${rest}${f.pathCountExact ? '' : '+'} more path${rest === 1 ? '' : 's'})` : ''}`);
  }
  if (f.suppression) out.push(`   Suppressed: ${plain(f.suppression.reason)}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ''}${f.suppression.ticket ? ` [${plain(f.suppression.ticket)}]` : ''} — ${plain(f.suppression.origin)}`);
  out.push(`   Do:      ${plain(f.remediation.summary)}`);
  for (const s of f.remediation.steps) out.push(`            - ${plain(s)}`);
  out.push(`   By when: ${deadlineLabel(f)}`);
  if (f.remediation.alternatives.length > 0) out.push(`   Instead: ${plain(f.remediation.alternatives.join('; '))}`);
  return out;
}

export const tableReporter: Reporter = {
  name: 'table',
  description: 'a table of findings and the remediation plan, for terminals (default)',
  render(report: ScanReport, ctx: ReportContext): string {
    const out: string[] = [];
    const rulesOnly = rulesOnlyNote(report);
    if (rulesOnly) out.push(`${ctx.color ? COLORS.medium : ''}warning: ${plain(rulesOnly)}${ctx.color ? RESET : ''}`, '');
    const byDoc = new Map<string, Finding[]>();
    for (const f of report.findings) {
      const list = byDoc.get(f.source);
      if (list) list.push(f);
      else byDoc.set(f.source, [f]);
    }
    for (const d of report.documents) {
      if (d.error !== null) continue;
      const findings = byDoc.get(d.source) ?? [];
      // The spec version is the SBOM's own text, like every other value from it.
      out.push(`${ctx.color ? BOLD : ''}${plain(d.source)}${ctx.color ? RESET : ''}  (${plain(formatLabel(d.format, d.specVersion))}, ${d.components} components${d.services ? `, ${d.services} services` : ''}${d.root ? `, root ${plain(componentLabel(d.root))}` : ''})`);
      const partial = partialCheckNote(d);
      if (findings.length === 0) out.push(partial ? '  no findings in what could be checked' : '  no findings');
      else out.push(...findingRows(findings, ctx).map((l) => `  ${l}`));
      out.push(`  ${d.flaggedComponents} flagged, ${d.cleanComponents} clean, ${d.untestableComponents} untestable`);
      if (partial) out.push(`  ${ctx.color ? COLORS.medium : ''}warning: ${partial}${ctx.color ? RESET : ''}`);
      for (const u of d.unchecked.slice(0, 5)) out.push(`  not checked: ${plain(u)}`);
      if (d.unchecked.length > 5) out.push(`  not checked: (${d.unchecked.length - 5} more in the JSON report)`);
      if (d.untestableComponents > 0) out.push(`  untestable: ${plain(clip(d.untestable.slice(0, 5).map(componentLabel).join(', '), 100))}${d.untestableComponents > 5 ? ` (+${d.untestableComponents - 5} more in the JSON report)` : ''}`);
      for (const w of d.warnings.slice(0, 5)) out.push(`  warning: ${plain(w)}`);
      if (d.warnings.length > 5) out.push(`  warning: (${d.warnings.length - 5} more in the JSON report)`);
      out.push('');
    }
    // A component flagged the same way in several documents (a portfolio, one SBOM in several formats) gets its
    // plan once, where it first appears, with the other documents named: the plan does not depend on the document.
    const firstSeen = new Map<string, { source: string; others: string[] }>();
    for (const f of report.findings) {
      const seen = firstSeen.get(f.fingerprint);
      if (!seen) firstSeen.set(f.fingerprint, { source: f.source, others: [] });
      else if (seen.source !== f.source && !seen.others.includes(f.source)) seen.others.push(f.source);
    }
    for (const [source, findings] of byDoc) {
      const own = findings.filter((f) => firstSeen.get(f.fingerprint)?.source === source);
      if (own.length === 0) {
        out.push(`Remediation plan for ${plain(source)}: the same as for the documents above (${findings.length} finding${findings.length === 1 ? '' : 's'}).`, '');
        continue;
      }
      out.push(`Remediation plan for ${plain(source)}:`);
      for (const f of findings) {
        const seen = firstSeen.get(f.fingerprint);
        if (seen?.source !== source) {
          out.push(`${f.remediation.priority}. ${f.remediation.action.toUpperCase()} ${plain(componentLabel(f.component))}: as planned for ${plain(seen?.source ?? '')} [${f.rule.id}]`);
          continue;
        }
        out.push(...planLines(f));
        if (seen.others.length > 0) out.push(`   Also in: ${seen.others.length} other document${seen.others.length === 1 ? '' : 's'} (${seen.others.slice(0, 3).map(plain).join(', ')}${seen.others.length > 3 ? ', …' : ''})`);
      }
      out.push('');
    }
    const errors = report.documents.filter((d) => d.error !== null);
    if (errors.length > 0) {
      out.push('Inputs that could not be read:');
      for (const d of errors) out.push(`  error: ${plain(d.error ?? '')}`);
      out.push('');
    }
    if (report.skipped.length > 0) {
      out.push(`Skipped while walking directories (${report.skipped.length}):`);
      for (const k of report.skipped) out.push(`  skipped: ${plain(k.source)}: ${plain(k.reason)}`);
      out.push('');
    }
    const s = report.summary;
    out.push(`Summary: ${summaryLine(report)}.`);
    out.push(`${verdictLine(report).text}.`);
    if (rulesOnly) out.push(`Rules: ${plain(rulesOnly)}.`);
    out.push(...policyLines(report).map(plain));
    const gate = gateLine(report);
    if (gate) out.push(plain(gate));
    if (s.belowConfidence > 0) out.push(`${s.belowConfidence} finding${s.belowConfidence === 1 ? '' : 's'} below --min-confidence ${report.options.minConfidence} not shown (use --min-confidence low).`);
    return `${out.join('\n')}\n`;
  },
};
