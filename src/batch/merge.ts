// Combining JSON reports of shards (or of separate runs) into one portfolio report, as one run over all inputs would write it.
import type { DocumentReport, Finding, PolicyReport, ScanReport, SuppressionAudit } from '../model/result.js';
import { REPORT_SCHEMA_VERSION } from '../model/result.js';
import { summarize } from '../pipeline.js';
import { comparePaths } from './order.js';

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function order(a: string, b: string): number {
  return a === '-' ? -1 : b === '-' ? 1 : comparePaths(a, b);
}

/** Policy audits across shards: suppressed counts add up; a suppression is stale only if no shard used it. */
function mergePolicies(reports: readonly ScanReport[]): PolicyReport | undefined {
  const policies = reports.map((r) => r.policy).filter((p): p is PolicyReport => p !== undefined);
  const first = policies[0];
  if (!first || policies.length !== reports.length) return undefined;
  const sumMatched = (pick: (p: PolicyReport) => readonly SuppressionAudit[], keep: (index: number) => boolean): SuppressionAudit[] => {
    const byIndex = new Map<number, SuppressionAudit>();
    for (const p of policies)
      for (const a of pick(p)) {
        if (!keep(a.index)) continue;
        const cur = byIndex.get(a.index);
        byIndex.set(a.index, cur ? { ...cur, matched: cur.matched + a.matched } : a);
      }
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  };
  const staleEverywhere = (i: number) => policies.every((p) => p.stale.some((a) => a.index === i));
  return {
    file: first.file,
    suppressed: policies.reduce((n, p) => n + p.suppressed, 0),
    expired: sumMatched((p) => p.expired, () => true),
    stale: sumMatched((p) => p.stale, staleEverywhere),
    ...(policies.some((p) => p.permanent) && { permanent: sumMatched((p) => p.permanent ?? [], () => true) }),
  };
}

/**
 * A document of a schema 1.0 report in today's accounting: 1.0 counted every unflagged component as clean, so its
 * unidentified components that no finding names are untestable, and clean shrinks by as many.
 */
function upgradeDocument(d: DocumentReport, findings: readonly Finding[]): DocumentReport {
  if (typeof (d as Partial<DocumentReport>).untestableComponents === 'number') return d;
  const flagged = new Set(findings.filter((f) => f.source === d.source && f.component.kind === 'component').map((f) => f.component.ref));
  const untestable = (d.unidentified ?? []).filter((c) => !flagged.has(c.ref));
  return { ...d, cleanComponents: Math.max(0, d.cleanComponents - untestable.length), untestableComponents: untestable.length, untestable, unchecked: d.unchecked ?? [] };
}

/** Whether a report used the curated rules; a 1.0 report does not say, so its pack names tell. */
function curated(r: ScanReport): boolean {
  const said = (r.rules as Partial<ScanReport['rules']>).curated;
  return typeof said === 'boolean' ? said : r.rules.packs.some((p) => p.name === 'ictscan-curated');
}

/** Merge reports: documents and skipped files in path order, findings grouped by document in that order, counts recomputed. */
export function mergeReports(reports: readonly ScanReport[]): { report: ScanReport; warnings: string[] } {
  const first = reports[0];
  if (!first) throw new MergeError('no reports to merge');
  const warnings: string[] = [];
  const packs = JSON.stringify(first.rules.packs);
  for (const r of reports) {
    if (r.schemaVersion.split('.')[0] !== first.schemaVersion.split('.')[0]) throw new MergeError(`reports of schema ${r.schemaVersion} and ${first.schemaVersion} cannot be merged`);
    if (JSON.stringify(r.rules.packs) !== packs) warnings.push(`the reports were made with different rule packs (${r.rules.packs.map((p) => `${p.name} ${p.version}`).join(', ')} vs ${first.rules.packs.map((p) => `${p.name} ${p.version}`).join(', ')})`);
    if (r.options.minConfidence !== first.options.minConfidence) warnings.push(`the reports were made with different --min-confidence (${r.options.minConfidence} vs ${first.options.minConfidence})`);
  }
  const documents: DocumentReport[] = reports.flatMap((r) => r.documents.map((d) => upgradeDocument(d, r.findings))).sort((a, b) => order(a.source, b.source));
  const seen = new Set<string>();
  for (const d of documents) {
    if (seen.has(d.source)) warnings.push(`${d.source} appears in more than one report`);
    seen.add(d.source);
  }
  const skipped = reports.flatMap((r) => r.skipped).sort((a, b) => order(a.source, b.source));
  const bySource = new Map<string, Finding[]>();
  for (const f of reports.flatMap((r) => r.findings)) {
    const list = bySource.get(f.source);
    if (list) list.push(f);
    else bySource.set(f.source, [f]);
  }
  const findings = [...new Set(documents.map((d) => d.source))].flatMap((s) => bySource.get(s) ?? []);
  const scannedAt = reports.map((r) => r.scannedAt).sort()[reports.length - 1] ?? first.scannedAt;
  const report: ScanReport = {
    // The merged report is written in today's shape, whatever minor version its parts had.
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: first.tool,
    scannedAt,
    // Curated only if every part was: one --rules-only shard makes the whole report one without the curated list.
    rules: { ...first.rules, curated: reports.every(curated) },
    options: first.options,
    documents,
    skipped,
    findings,
    summary: summarize(documents, skipped, findings, reports.reduce((n, r) => n + r.summary.belowConfidence, 0)),
  };
  const policy = mergePolicies(reports);
  return { report: policy ? { ...report, policy } : report, warnings: [...new Set(warnings)] };
}
