// The default terminal report: a table of findings per document, then the plan in the order to act on it.
import type { Finding, ScanReport } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import type { Reporter, ReportContext } from './reporter.js';
import { clip, plain } from './sanitize.js';
import { historyTextLines } from './hosts.js';
import { alsoMatchedLabel, componentLabel, deadlineLabel, findingMark, formatLabel, gateLine, partialCheckNote, pathLabel, policyLines, rulesOnlyNote, summaryLine, suppressionLabel, unpatchedLine, verdictLine, whereLabel } from './text.js';

const COLORS: Readonly<Record<Severity, string>> = { critical: '\u001b[1;31m', high: '\u001b[31m', medium: '\u001b[33m', low: '\u001b[36m', info: '\u001b[2m' };
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

/** Columns that give up width (cut with an ellipsis) when a row would not fit, and the least each keeps. */
const FLEXIBLE: Readonly<Record<string, number>> = { COMPONENT: 14, WHERE: 8 };

function table(rows: string[][], widths: number[]): string[] {
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

/** Narrow the flexible columns, widest first, until a row fits the terminal. */
function fit(header: readonly string[], widths: number[], max: number): number[] {
  const out = [...widths];
  const total = () => out.reduce((a, b) => a + b, 0) + 2 * (out.length - 1);
  const flexible = header.flatMap((h, i) => (FLEXIBLE[h] !== undefined ? [i] : []));
  while (total() > max) {
    const widest = flexible.filter((i) => (out[i] ?? 0) > (FLEXIBLE[header[i] ?? ''] ?? 0)).sort((a, b) => (out[b] ?? 0) - (out[a] ?? 0))[0];
    if (widest === undefined) break;
    out[widest] = (out[widest] ?? 0) - 1;
  }
  return out;
}

function findingRows(findings: readonly Finding[], ctx: ReportContext): string[] {
  const marks = findings.some((f) => findingMark(f) !== '');
  // Category and confidence are in the plan below; the row keeps what tells one finding from another.
  const header = ['#', 'SEVERITY', 'COMPONENT', 'RULE', 'WHERE', 'ACTION', ...(marks ? ['NOTE'] : [])];
  const body = findings.map((f) => [
    String(f.remediation.priority),
    f.severity,
    plain(componentLabel(f.component)),
    f.rule.id,
    plain(f.subject ? 'SBOM subject' : f.direct === null ? 'unknown' : f.direct ? 'direct' : `via ${f.introducedByComponents.map((c) => c.name).join(', ')}`),
    f.remediation.action,
    ...(marks ? [findingMark(f)] : []),
  ]);
  const natural = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const widths = fit(header, natural, Math.min(ctx.width, 80) - 2);
  const cut = body.map((r) => r.map((cell, i) => (FLEXIBLE[header[i] ?? ''] !== undefined ? clip(cell, widths[i] ?? cell.length) : cell)));
  const lines = table([header, ...cut], widths);
  if (!ctx.color) return lines;
  return lines.map((line, i) => {
    if (i === 0) return `${BOLD}${line}${RESET}`;
    const f = findings[i - 1];
    return f ? `${COLORS[f.severity]}${line}${RESET}` : line;
  });
}

/** Words wrapped to the terminal, the first line after `lead`, the others under it; a word longer than a line is cut. */
function wrap(lead: string, text: string, width: number): string[] {
  // A sentence that starts a line goes on two spaces in, so that its continuation is not read as a new line.
  const indent = ' '.repeat(lead.length || 2);
  const room = Math.max(20, width - lead.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = clip(word, room);
    if (line && line.length + 1 + w.length > room) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  lines.push(line);
  return lines.map((l, i) => `${i === 0 ? lead : indent}${l}`.trimEnd());
}

/** Evidence with its values cut to fit a line: the JSON report has them whole. */
function shortEvidence(f: Finding): string {
  const first = f.evidence[0];
  if (!first) return '';
  const more = f.evidence.length > 1 ? ` (+${f.evidence.length - 1} more)` : '';
  return `${first.field} "${clip(first.value, 40)}" matched ${clip(first.matched, 40)}${more}`;
}

function planLines(f: Finding, width: number): string[] {
  const w = (lead: string, text: string) => wrap(lead, text, width);
  const out = w(`${f.remediation.priority}. `, `${f.remediation.action.toUpperCase()} ${plain(componentLabel(f.component))}: ${plain(f.rule.title)} [${f.rule.id}, ${f.rule.category}, ${f.rule.status}]`);
  if (f.suppression) {
    // Decided already: the suppression is what an auditor needs, not the plan it replaced.
    out.push(...w('   Suppressed: ', plain(suppressionLabel(f.suppression))));
    out.push(...w('   Where:   ', plain(whereLabel(f))));
    return out;
  }
  if (f.expiredSuppression) out.push(...w('   EXPIRED suppression: ', `${plain(suppressionLabel(f.expiredSuppression))}; it no longer applies`));
  out.push(...w('   Why:     ', `${plain(shortEvidence(f))}; confidence ${f.confidence}`));
  const also = alsoMatchedLabel(f);
  if (also) out.push(...w('   Also:    ', plain(also)));
  out.push(...w('   Where:   ', plain(whereLabel(f))));
  if (f.paths.length > 0) {
    const rest = f.pathCount - f.paths.length;
    out.push(...w('   Path:    ', `${plain(pathLabel(f.paths[0] ?? []))}${rest > 0 ? ` (+${rest}${f.pathCountExact ? '' : '+'} more path${rest === 1 ? '' : 's'})` : ''}`));
  }
  out.push(...w('   Do:      ', plain(f.remediation.summary)));
  for (const s of f.remediation.steps) out.push(...w('            - ', plain(s)));
  out.push(...w('   By when: ', deadlineLabel(f)));
  if (f.remediation.alternatives.length > 0) out.push(...w('   Instead: ', plain(f.remediation.alternatives.join('; '))));
  return out;
}

/** Two documents share a finding's plan only when it reads the same: same rule, component, steps and replacements. */
function planKey(f: Finding): string {
  const r = f.remediation;
  return JSON.stringify([f.fingerprint, r.action, r.summary, r.steps, r.alternatives, f.suppression ?? null, f.expiredSuppression ?? null]);
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
      out.push(`${ctx.color ? BOLD : ''}${plain(clip(d.source, 76))}${ctx.color ? RESET : ''}`, `  ${clip(`(${plain(formatLabel(d.format, d.specVersion))}, ${d.components} components${d.services ? `, ${d.services} services` : ''}${d.root ? `, root ${plain(componentLabel(d.root))}` : ''}`, 77)})`);
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
    const width = Math.min(ctx.width, 80);
    const firstSeen = new Map<string, { source: string; others: string[] }>();
    for (const f of report.findings) {
      const seen = firstSeen.get(planKey(f));
      if (!seen) firstSeen.set(planKey(f), { source: f.source, others: [] });
      else if (seen.source !== f.source && !seen.others.includes(f.source)) seen.others.push(f.source);
    }
    for (const [source, findings] of byDoc) {
      const own = findings.filter((f) => firstSeen.get(planKey(f))?.source === source);
      if (own.length === 0) {
        out.push(`Remediation plan for ${plain(source)}: the same as for the documents above (${findings.length} finding${findings.length === 1 ? '' : 's'}).`, '');
        continue;
      }
      // A long path keeps its end (the file name); the JSON report has it whole.
      const shown = plain(source);
      const room = width - 'Remediation plan for :'.length;
      out.push(`Remediation plan for ${shown.length <= room ? shown : `…${shown.slice(shown.length - room + 1)}`}:`);
      for (const f of findings) {
        const seen = firstSeen.get(planKey(f));
        if (seen?.source !== source) {
          out.push(...wrap(`${f.remediation.priority}. `, `${f.remediation.action.toUpperCase()} ${plain(componentLabel(f.component))}: as planned for ${plain(seen?.source ?? '')} [${f.rule.id}]`, width));
          continue;
        }
        out.push(...planLines(f, width));
        if (seen.others.length > 0) out.push(...wrap('   Also in: ', `${seen.others.length} other document${seen.others.length === 1 ? '' : 's'} with the same plan (${seen.others.slice(0, 3).map(plain).join(', ')}${seen.others.length > 3 ? ', …' : ''})`, width));
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
    out.push(...historyTextLines(report, plain));
    const s = report.summary;
    out.push(...wrap('Summary: ', `${summaryLine(report)}.`, width));
    const unpatched = unpatchedLine(report);
    if (unpatched) out.push(...wrap('', `${unpatched}.`, width));
    out.push(...wrap('', `${verdictLine(report).text}.`, width));
    if (rulesOnly) out.push(...wrap('Rules: ', `${plain(rulesOnly)}.`, width));
    for (const line of policyLines(report)) out.push(...wrap('', plain(line), width));
    const gate = gateLine(report);
    if (gate) out.push(...wrap('', plain(gate), width));
    if (s.belowConfidence > 0) out.push(`${s.belowConfidence} finding${s.belowConfidence === 1 ? '' : 's'} below --min-confidence ${report.options.minConfidence} not shown (use --min-confidence low).`);
    return `${out.join('\n')}\n`;
  },
};
