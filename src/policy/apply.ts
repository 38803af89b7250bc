// Policy applied to a report: suppressions (with expiry, audited), the baseline, and the gate decision.
import type { AppliedSuppression, BaselineReport, Finding, GateResult, PolicyReport, ScanReport, SuppressionAudit } from '../model/result.js';
import type { Confidence, Severity } from '../model/severity.js';
import { severityRank } from '../model/severity.js';
import { componentIdentity } from '../plan/plan.js';
import { pathMatches } from './glob.js';
import type { LoadedPolicy, Suppression } from './types.js';



const DAY = 86_400_000;

/** An invalid date counts as expired: an exception must never outlive what was approved. */
export function isExpired(expires: string | undefined, now: Date): boolean {
  if (expires === undefined) return false;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T00:00:00Z` : expires);
  if (Number.isNaN(t)) return true;
  // A date alone means "through that day".
  return now.getTime() >= t + (/^\d{4}-\d{2}-\d{2}$/.test(expires) ? DAY : 0);
}

function selector(s: Suppression): string {
  return [s.rule && `rule ${s.rule}`, s.purl && `purl ${s.purl}`, s.component && `component ${s.component}`, s.cpe && `cpe ${s.cpe}`].filter(Boolean).join(', ');
}

function purlCovers(pattern: string, purl: string | undefined): boolean {
  if (!purl) return false;
  const strip = (p: string) => p.replace(/[?#].*$/, '').toLowerCase();
  const hasVersion = /@[^/@]+$/.test(pattern.replace(/[?#].*$/, ''));
  return hasVersion ? strip(pattern) === strip(purl) : componentIdentity({ name: '', purl: pattern }) === componentIdentity({ name: '', purl });
}

function covers(s: Suppression, f: Finding, client: string | null | undefined): boolean {
  if (s.rule !== undefined && s.rule.toLowerCase() !== f.rule.id.toLowerCase()) return false;
  if (s.purl !== undefined && !purlCovers(s.purl, f.component.purl)) return false;
  if (s.component !== undefined && s.component.toLowerCase() !== f.component.name.toLowerCase()) return false;
  if (s.cpe !== undefined) {
    const cpe = s.cpe.toLowerCase();
    const evidence = [...f.evidence, ...f.alsoMatched.flatMap((m) => m.evidence)];
    if (!evidence.some((e) => e.field.endsWith('cpe') && e.value.toLowerCase() === cpe)) return false;
  }
  if (s.scope?.documents && !s.scope.documents.some((d) => pathMatches(d, f.source))) return false;
  if (s.scope?.clients && !(client && s.scope.clients.includes(client))) return false;
  return true;
}

/** Mark the findings that a policy's live suppressions cover, and audit expired and stale ones. */
export function applySuppressions(report: ScanReport, loaded: LoadedPolicy | undefined, now: Date): ScanReport & { policy: PolicyReport } {
  const suppressions = loaded?.policy.suppressions ?? [];
  const clients = new Map(report.documents.map((d) => [d.source, d.client ?? null]));
  const counts = suppressions.map(() => 0);
  const live = suppressions.map((s) => !isExpired(s.expires, now));
  const findings = report.findings.map((f) => {
    let applied: AppliedSuppression | undefined;
    suppressions.forEach((s, i) => {
      if (!covers(s, f, clients.get(f.source))) return;
      counts[i] = (counts[i] ?? 0) + 1;
      if (live[i] && !applied) {
        applied = {
          reason: s.reason,
          ...(s.expires !== undefined && { expires: s.expires }),
          ...(s.approvedBy !== undefined && { approvedBy: s.approvedBy }),
          ...(s.ticket !== undefined && { ticket: s.ticket }),
          ...(s.reference !== undefined && { reference: s.reference }),
          origin: `${loaded?.file ?? 'policy'}:${loaded?.lines[i] ?? 0}`,
        };
      }
    });
    return applied ? { ...f, suppression: applied } : f;
  });
  const audit = (s: Suppression, i: number): SuppressionAudit => ({
    index: i,
    line: loaded?.lines[i] ?? 0,
    reason: s.reason,
    ...(s.expires !== undefined && { expires: s.expires }),
    selector: selector(s),
    matched: counts[i] ?? 0,
  });
  return {
    ...report,
    findings,
    policy: {
      file: loaded?.file ?? null,
      suppressed: findings.filter((f) => f.suppression).length,
      expired: suppressions.flatMap((s, i) => (live[i] ? [] : [audit(s, i)])),
      stale: suppressions.flatMap((s, i) => (live[i] && (counts[i] ?? 0) === 0 ? [audit(s, i)] : [])),
      permanent: suppressions.flatMap((s, i) => (s.expires === undefined ? [audit(s, i)] : [])),
    },
  };
}


/** Mark each finding new or unchanged against the fingerprints of a previous JSON report. */
export function applyBaseline<R extends ScanReport>(report: R, baselineSource: string, previous: readonly { fingerprint: string }[]): R & { baseline: BaselineReport } {
  const before = new Set(previous.map((f) => f.fingerprint));
  const now = new Set(report.findings.map((f) => f.fingerprint));
  const findings = report.findings.map((f) => ({ ...f, baseline: before.has(f.fingerprint) ? ('unchanged' as const) : ('new' as const) }));
  return {
    ...report,
    findings,
    baseline: {
      source: baselineSource,
      new: findings.filter((f) => f.baseline === 'new').length,
      unchanged: findings.filter((f) => f.baseline === 'unchanged').length,
      fixed: [...before].filter((fp) => !now.has(fp)).length,
    },
  };
}

export interface GateOptions {
  readonly failOn: Severity | 'none';
  /** A count ("10") or a share ("20%") of a document's components. */
  readonly failOnUnidentified?: string;
  readonly minConfidence?: Confidence;
}


/** A threshold is exceeded when a document has more unidentified components than a count, or a larger share than a percentage. */
function tooPoor(threshold: string, unidentified: number, components: number): boolean {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(threshold.trim());
  if (!m?.[1]) return false;
  const n = Number(m[1]);
  if (m[2] === '%') return components > 0 && (unidentified / components) * 100 > n;
  return unidentified > n;
}

export function decideGate(report: ScanReport, options: GateOptions): GateResult {
  const reasons: string[] = [];
  const errors = report.documents.filter((d) => d.error !== null).length;
  if (errors > 0) reasons.push(`${errors} input${errors === 1 ? '' : 's'} could not be read`);
  const failing =
    options.failOn === 'none'
      ? 0
      : report.findings.filter((f) => severityRank(f.severity) >= severityRank(options.failOn as Severity) && !f.suppression && f.baseline !== 'unchanged').length;
  if (failing > 0) reasons.push(`${failing} finding${failing === 1 ? '' : 's'} at or above ${options.failOn}${report.findings.some((f) => f.baseline) ? ' that are not in the baseline' : ''}`);
  if (options.failOnUnidentified !== undefined) {
    for (const d of report.documents) {
      if (d.error === null && tooPoor(options.failOnUnidentified, d.unidentifiedComponents, d.components)) {
        reasons.push(`${d.source}: ${d.unidentifiedComponents} of ${d.components} components carry no identifier a rule can test (limit ${options.failOnUnidentified})`);
      }
    }
  }
  const status = errors > 0 ? 'error' : reasons.length > 0 ? 'fail' : 'pass';
  return { status, failOn: options.failOn, failing, reasons };
}
