// Shared wording for the human-readable reporters (table, Markdown).
import type { AppliedSuppression, ComponentSummary, DocumentReport, Finding, RelatedMatch, ScanReport } from '../model/result.js';
import { SEVERITIES } from '../model/severity.js';
import { FORMAT_LABELS } from './labels.js';

export function componentLabel(c: ComponentSummary): string {
  return c.version ? `${c.name}@${c.version}` : c.name;
}

export function pathLabel(path: readonly ComponentSummary[]): string {
  return path.map((c) => c.name).join(' > ');
}

export function whereLabel(f: Finding): string {
  if (f.subject) return "the SBOM's subject itself";
  if (f.direct === null) return 'no dependency graph in the SBOM';
  if (f.direct) return 'direct dependency';
  const via = f.introducedByComponents.map(componentLabel).join(', ');
  return via ? `transitive, via ${via}` : 'transitive (not reachable from the root)';
}

export function evidenceLabel(f: Finding): string {
  const first = f.evidence[0];
  if (!first) return '';
  const more = f.evidence.length > 1 ? ` (+${f.evidence.length - 1} more)` : '';
  return `${first.field} "${first.value}" matched ${first.matched}${more}`;
}

export function deadlineLabel(f: Finding): string {
  const d = f.remediation.deadline;
  switch (d.due) {
    case 'immediately':
      return 'immediately: no updates since 2024-09-29';
    case 'next-review':
      return 'at the next review: record a decision (threat-intelligence use is excluded from the ban)';
    case 'none':
      return 'no deadline: a policy decision';
    default: {
      const never: never = d.due;
      return never;
    }
  }
}

export function formatLabel(format: string | null, version: string | null): string {
  if (!format) return 'unreadable';
  return `${FORMAT_LABELS[format] ?? format}${version ? ` ${version}` : ''}`;
}

export function severityCounts(report: ScanReport): string {
  return SEVERITIES.slice()
    .reverse()
    .filter((s) => report.summary.bySeverity[s] > 0)
    .map((s) => `${report.summary.bySeverity[s]} ${s}`)
    .join(', ');
}

export function summaryLine(report: ScanReport): string {
  const s = report.summary;
  const read = s.documents - s.documentsWithErrors;
  const parts = [
    s.documentsWithErrors > 0 ? `${read} of ${s.documents} documents read (${s.documentsWithErrors} could not be)` : `${s.documents} document${s.documents === 1 ? '' : 's'}`,
    `${s.components} components read`,
    `${s.flaggedComponents} flagged`,
    `${s.cleanComponents} clean`,
    `${s.untestableComponents} untestable`,
  ];
  if (s.services > 0) parts.push(`${s.services} services`);
  const findings = s.findings === 0 ? 'no findings' : `${s.findings} finding${s.findings === 1 ? '' : 's'} (${severityCounts(report)})`;
  return `${parts.join(', ')}; ${findings}`;
}

/** What a document's components carry when they are untestable. */
const UNTESTABLE = 'nothing but a name to test (no purl, CPE, supplier, author, URL or licence)';

/**
 * Why a read document is not fully checked (untestable components, parts the reader could not check), or undefined
 * when it is. Counts only: the caller shows SBOM text (the unchecked parts) with its own escaping.
 */
export function partialCheckNote(d: Pick<DocumentReport, 'error' | 'components' | 'untestableComponents' | 'unchecked'>): string | undefined {
  if (d.error !== null) return undefined;
  const parts: string[] = [];
  if (d.untestableComponents > 0) parts.push(`${d.untestableComponents} of ${d.components} component${d.components === 1 ? '' : 's'} ${d.untestableComponents === 1 ? 'carries' : 'carry'} ${UNTESTABLE}`);
  if (d.unchecked.length > 0) parts.push(`${d.unchecked.length} part${d.unchecked.length === 1 ? '' : 's'} of the document could not be checked`);
  return parts.length > 0 ? `not fully checked: ${parts.join('; ')}: no finding there does not mean no Kaspersky code` : undefined;
}

/** What the whole report could not check, or undefined when everything was read and checked. */
export function uncheckedSummary(report: ScanReport): string | undefined {
  const s = report.summary;
  const parts: string[] = [];
  if (s.documentsWithErrors > 0) parts.push(`${s.documentsWithErrors} input${s.documentsWithErrors === 1 ? '' : 's'} could not be read`);
  if (s.untestableComponents > 0) parts.push(`${s.untestableComponents} component${s.untestableComponents === 1 ? '' : 's'} had nothing to test but a name`);
  const unchecked = report.documents.reduce((n, d) => n + d.unchecked.length, 0);
  if (unchecked > 0) parts.push(`${unchecked} part${unchecked === 1 ? '' : 's'} of documents could not be checked`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The one-line verdict every human-readable format leads with; never "none found" when something went unchecked. */
export function verdictLine(report: ScanReport): { readonly kind: 'found' | 'partial' | 'clean'; readonly text: string } {
  const s = report.summary;
  const unchecked = uncheckedSummary(report);
  if (s.findings > 0) return { kind: 'found', text: unchecked ? `Kaspersky components found; and not everything could be checked: ${unchecked}` : 'Kaspersky components found' };
  if (s.documents === 0) return { kind: 'partial', text: 'Nothing was checked: no SBOM found in the inputs' };
  if (unchecked) return { kind: 'partial', text: `No Kaspersky components found in what could be checked, but ${unchecked}` };
  return { kind: 'clean', text: 'No Kaspersky components found' };
}

/** Said by every format when --rules-only replaced the curated rules; undefined otherwise. */
export function rulesOnlyNote(report: ScanReport): string | undefined {
  if (report.rules.curated !== false) return undefined;
  const packs = report.rules.packs.map((p) => p.name).join(', ');
  return `--rules-only: the curated Kaspersky rules were not used; ${report.rules.count} rule${report.rules.count === 1 ? '' : 's'} from ${packs || 'no pack'} only`;
}

export function gateLine(report: ScanReport): string | undefined {
  const g = report.gate;
  if (!g) return undefined;
  const verdict = g.status === 'pass' ? 'PASS' : g.status === 'fail' ? 'FAIL' : 'ERROR';
  // A pass vouches only for what was checked; the line says what was not.
  const caveat = g.status === 'pass' ? uncheckedSummary(report) : undefined;
  return `Gate (--fail-on ${g.failOn}): ${verdict}${g.reasons.length > 0 ? `: ${g.reasons.join('; ')}` : ''}${caveat ? ` (not fully checked: ${caveat})` : ''}`;
}

export function policyLines(report: ScanReport): string[] {
  const out: string[] = [];
  const p = report.policy;
  const permanent = p?.permanent ?? [];
  if (p && (p.suppressed > 0 || p.expired.length > 0 || p.stale.length > 0 || permanent.length > 0)) {
    const parts = [`${p.suppressed} finding${p.suppressed === 1 ? '' : 's'} suppressed`];
    if (p.expired.length > 0) parts.push(`${p.expired.length} expired suppression${p.expired.length === 1 ? '' : 's'} (${p.expired.map((e) => `line ${e.line}, ${e.expires ?? '?'}`).join('; ')}) no longer apply`);
    if (p.stale.length > 0) parts.push(`${p.stale.length} stale suppression${p.stale.length === 1 ? '' : 's'} matched nothing (${p.stale.map((e) => `line ${e.line}`).join('; ')})`);
    if (permanent.length > 0) parts.push(`${permanent.length} permanent suppression${permanent.length === 1 ? '' : 's'} never expire${permanent.length === 1 ? 's' : ''} (${permanent.map((e) => `line ${e.line}, ${e.selector}`).join('; ')})`);
    out.push(`Policy ${p.file ?? ''}: ${parts.join('; ')}.`);
  }
  const b = report.baseline;
  if (b) out.push(`Baseline ${b.source}: ${b.new} new, ${b.unchanged} unchanged, ${b.fixed} fixed since.`);
  return out;
}

/** A short status mark for a finding row: suppressed, or already in the baseline. */
export function findingMark(f: Finding): string {
  if (f.suppression) return 'suppressed';
  if (f.expiredSuppression) return 'expired supp.';
  if (f.baseline === 'unchanged') return 'in baseline';
  if (f.baseline === 'new') return 'new';
  return '';
}

/** Said once per report (not on every banned item): how long banned Kaspersky software has gone without updates. */
export function unpatchedLine(report: ScanReport): string | undefined {
  const days = report.findings.find((f) => f.remediation.deadline.unpatchedDays !== undefined)?.remediation.deadline.unpatchedDays;
  if (days === undefined) return undefined;
  return `Banned components: no updates since 2024-09-29 (${days} days unpatched at scan time)`;
}

/** Another match of a finding, with why it does not count when it does not (set aside, suppressed, in the baseline). */
export function relatedLabel(m: RelatedMatch): string {
  const why = m.setAside ? `; set aside: ${m.setAside.reason}` : m.suppression ? `; suppressed: ${m.suppression.reason}` : m.baseline === 'unchanged' ? '; in the baseline' : '';
  return `${m.rule.id} (${m.rule.category}, ${m.rule.status}${why})`;
}

/**
 * The "also matched" text of a finding. When a stricter match does not count, the sentence says first what the finding
 * itself is, so that an informational row never reads as "banned".
 */
export function alsoMatchedLabel(f: Finding): string | undefined {
  if (f.alsoMatched.length === 0) return undefined;
  const stricter = f.rule.status !== 'banned' && f.alsoMatched.some((m) => m.rule.status === 'banned' || (m.rule.status === 'review' && f.rule.status === 'informational'));
  const lead = stricter ? `this finding is ${f.rule.status === 'review' ? 'a review item' : 'informational'} (${f.rule.id} decides); ` : '';
  return `${lead}${f.alsoMatched.map(relatedLabel).join('; ')}`;
}

/** A suppression as an auditor reads it: reason, approver, ticket, expiry, and where it is written. */
export function suppressionLabel(s: AppliedSuppression): string {
  const parts = [s.reason];
  if (s.approvedBy) parts.push(`approved by ${s.approvedBy}`);
  if (s.ticket) parts.push(`ticket ${s.ticket}`);
  if (s.reference) parts.push(s.reference);
  parts.push(s.expires ? `until ${s.expires}` : 'no expiry');
  return `${parts.join('; ')} (${s.origin})`;
}
