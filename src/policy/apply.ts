// Policy applied to a report: suppressions (with expiry, audited), the baseline, and the gate decision.
import type { AppliedSuppression, BaselineReport, Finding, GateResult, PolicyReport, RelatedMatch, ScanReport, SuppressionAudit } from '../model/result.js';
import type { Confidence, Severity } from '../model/severity.js';
import { severityRank } from '../model/severity.js';
import { componentIdentity, fingerprint, matchesOf, redecide } from '../plan/plan.js';
import type { LoadedRule } from '../ruleset/types.js';
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

/** Whether a suppression's selectors other than `rule` cover the finding's component. */
function coversComponent(s: Suppression, f: Finding, client: string | null | undefined): boolean {
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

/** A match counts toward its finding's verdict unless set aside or suppressed by a rule-scoped suppression. */
const counts = (m: RelatedMatch): boolean => m.setAside === undefined && m.suppression === undefined;

/**
 * Mark what a policy's live suppressions cover, and audit expired and stale ones. A suppression without `rule` covers
 * the component's finding; one with `rule` covers that rule's match only, and the finding is decided again by the
 * matches left (suppressed as a whole only when none is left).
 */
export function applySuppressions(report: ScanReport, loaded: LoadedPolicy | undefined, now: Date, rules: ReadonlyMap<string, LoadedRule>): ScanReport & { policy: PolicyReport } {
  const suppressions = loaded?.policy.suppressions ?? [];
  const clients = new Map(report.documents.map((d) => [d.source, d.client ?? null]));
  const hits = suppressions.map(() => 0);
  const live = suppressions.map((s) => !isExpired(s.expires, now));
  const applied = (s: Suppression, i: number): AppliedSuppression => ({
    reason: s.reason,
    ...(s.expires !== undefined && { expires: s.expires }),
    ...(s.approvedBy !== undefined && { approvedBy: s.approvedBy }),
    ...(s.ticket !== undefined && { ticket: s.ticket }),
    ...(s.reference !== undefined && { reference: s.reference }),
    origin: `${loaded?.file ?? 'policy'}:${loaded?.lines[i] ?? 0}`,
  });
  const findings = report.findings.map((f) => {
    let whole: AppliedSuppression | undefined;
    let lapsed: AppliedSuppression | undefined;
    const all = matchesOf(f, rules);
    const marked = [...all];
    suppressions.forEach((s, i) => {
      if (!coversComponent(s, f, clients.get(f.source))) return;
      if (s.rule === undefined) {
        hits[i] = (hits[i] ?? 0) + 1;
        if (live[i]) whole ??= applied(s, i);
        else lapsed ??= applied(s, i);
        return;
      }
      const id = s.rule.toLowerCase();
      const at = marked.findIndex((m) => m.setAside === undefined && m.rule.id.toLowerCase() === id);
      const m = marked[at];
      if (!m) return;
      hits[i] = (hits[i] ?? 0) + 1;
      if (live[i] && !m.suppression) marked[at] = { ...m, suppression: applied(s, i) };
      else if (!live[i]) lapsed ??= applied(s, i);
    });
    if (whole) return { ...f, suppression: whole };
    const found = lapsed ? { ...f, expiredSuppression: lapsed } : f;
    if (marked.every((m, k) => m === all[k])) return found;
    const next = redecide(found, marked, counts, rules, now);
    const own = marked[0]?.suppression;
    return marked.some(counts) || !own ? next : { ...next, suppression: own };
  });
  const audit = (s: Suppression, i: number): SuppressionAudit => ({
    index: i,
    line: loaded?.lines[i] ?? 0,
    reason: s.reason,
    ...(s.expires !== undefined && { expires: s.expires }),
    selector: selector(s),
    matched: hits[i] ?? 0,
  });
  return {
    ...report,
    findings,
    policy: {
      file: loaded?.file ?? null,
      suppressed: findings.filter((f) => f.suppression).length,
      expired: suppressions.flatMap((s, i) => (live[i] ? [] : [audit(s, i)])),
      stale: suppressions.flatMap((s, i) => (live[i] && (hits[i] ?? 0) === 0 ? [audit(s, i)] : [])),
      permanent: suppressions.flatMap((s, i) => (s.expires === undefined ? [audit(s, i)] : [])),
    },
  };
}


/** The match fingerprints of each finding of a previous JSON report (set-aside matches never passed a gate, so are left out). */
export function baselineEntries(findings: readonly unknown[]): string[][] {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return findings.flatMap((raw) => {
    const f = raw as { fingerprint?: unknown; component?: { name?: unknown; purl?: unknown }; alsoMatched?: unknown };
    const own = text(f.fingerprint);
    if (own === undefined) return [];
    const name = text(f.component?.name) ?? '';
    const purl = text(f.component?.purl);
    const others = Array.isArray(f.alsoMatched) ? (f.alsoMatched as { fingerprint?: unknown; rule?: { id?: unknown }; setAside?: unknown }[]) : [];
    // Reports written before matches had their own fingerprint: the same hash, from the rule id and the component.
    const more = others.flatMap((m) => {
      if (m.setAside !== undefined) return [];
      const fp = text(m.fingerprint) ?? (text(m.rule?.id) !== undefined ? fingerprint(text(m.rule?.id) as string, { name, ...(purl !== undefined && { purl }) }) : undefined);
      return fp === undefined ? [] : [fp];
    });
    return [[own, ...more]];
  });
}

/**
 * Mark each finding new or unchanged against a previous JSON report, match by match: a finding is unchanged when every
 * match that counts was in the baseline; otherwise it is new and decided again by its new matches alone.
 */
export function applyBaseline<R extends ScanReport>(report: R, baselineSource: string, previous: readonly (readonly string[])[], rules: ReadonlyMap<string, LoadedRule>, now: Date): R & { baseline: BaselineReport } {
  const before = new Set(previous.flat());
  const seen = new Set<string>();
  const findings = report.findings.map((f): Finding => {
    const all = matchesOf(f, rules);
    for (const m of all) seen.add(m.fingerprint);
    if (f.suppression) return { ...f, baseline: before.has(f.fingerprint) ? 'unchanged' : 'new' };
    const marked = all.map((m): RelatedMatch => (counts(m) ? { ...m, baseline: before.has(m.fingerprint) ? 'unchanged' : 'new' } : m));
    if (!marked.some((m) => m.baseline === 'new')) return { ...f, alsoMatched: marked.slice(1), baseline: 'unchanged' };
    return { ...redecide(f, marked, (m) => counts(m) && m.baseline === 'new', rules, now), baseline: 'new' };
  });
  return {
    ...report,
    findings,
    baseline: {
      source: baselineSource,
      new: findings.filter((f) => f.baseline === 'new').length,
      unchanged: findings.filter((f) => f.baseline === 'unchanged').length,
      fixed: previous.filter((fps) => !fps.some((fp) => seen.has(fp))).length,
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
  // Nothing read is nothing vouched for: the gate says so itself, so that its status and the exit code agree.
  const nothingRead = report.documents.length === 0;
  if (nothingRead) reasons.push('no SBOM found in the inputs');
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
  const status = errors > 0 || nothingRead ? 'error' : reasons.length > 0 ? 'fail' : 'pass';
  return { status, failOn: options.failOn, failing, reasons };
}
