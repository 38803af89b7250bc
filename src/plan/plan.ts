// From matches to findings with a remediation plan each, ordered by what to do first.
import { createHash } from 'node:crypto';
import type { Component } from '../model/component.js';
import type { SbomDocument } from '../model/document.js';
import type { Match } from '../model/finding.js';
import type { ComponentSummary, Finding, RemediationPlan } from '../model/result.js';
import { compareText } from '../model/order.js';
import { confidenceRank, severityRank } from '../model/severity.js';
import type { Category, LoadedRule, RuleStatus } from '../ruleset/types.js';
import { adviceFor, hostEcosystem } from './ecosystems.js';
import { DependencyGraph, type Placement } from './graph.js';
import { deadlineFor, RISKS } from './risks.js';

export interface ComponentMatches {
  readonly component: Component;
  readonly matches: readonly Match[];
}

export interface PlanContext {
  readonly source: string;
  readonly now: Date;
  readonly rules: ReadonlyMap<string, LoadedRule>;
}

/** How a component is named in reports: group/name, version and purl. */
export function componentSummary(c: Component | undefined, ref: string): ComponentSummary {
  if (!c) return { ref, name: ref };
  return { ref: c.ref, name: c.group ? `${c.group}/${c.name}` : c.name, ...(c.version !== undefined && { version: c.version }), ...(c.purl !== undefined && { purl: c.purl }) };
}

function purlType(purl: string | undefined): string | undefined {
  const m = purl ? /^pkg:\/*([a-zA-Z][a-zA-Z0-9.+-]*)\//.exec(purl) : null;
  return m?.[1]?.toLowerCase();
}

/** Identity of a component across runs: purl without version and qualifiers, else group/name. */
export function componentIdentity(c: { name: string; purl?: string }): string {
  if (c.purl) return c.purl.replace(/[?#].*$/, '').replace(/@[^/@]*$/, '').toLowerCase();
  return c.name.toLowerCase();
}

export function fingerprint(ruleId: string, c: { name: string; purl?: string }): string {
  return createHash('sha256').update(`${ruleId}\u0000${componentIdentity(c)}`).digest('hex').slice(0, 32);
}

const STATUS_ORDER: Readonly<Record<RuleStatus, number>> = { banned: 0, review: 1, informational: 2 };

function label(c: ComponentSummary): string {
  return c.version ? `${c.name}@${c.version}` : c.name;
}

function remediation(rule: LoadedRule, c: Component, direct: boolean | null, via: readonly ComponentSummary[], now: Date): Omit<RemediationPlan, 'priority'> {
  const eco = adviceFor(hostEcosystem(c) ?? purlType(c.purl) ?? purlType(c.related.find((r) => r.purl)?.purl));
  const name = c.group ? `${c.group}/${c.name}` : c.name;
  const steps: string[] = [];
  if (rule.remediation.action !== 'review') {
    if (direct === false && via.length > 0) steps.push(...eco.advice.transitive(name, via.map(label).join(', ')));
    else steps.push(...eco.advice.direct(name));
  }
  steps.push(...(rule.remediation.steps ?? []));
  if (c.kind === 'service') steps.unshift(`Stop calling the service "${name}" and remove its endpoints and credentials from configuration.`);
  return {
    action: rule.remediation.action,
    summary: rule.remediation.summary,
    steps,
    alternatives: rule.remediation.alternatives ?? [],
    ecosystem: eco.key,
    deadline: deadlineFor(rule.status, now),
    risks: RISKS[rule.category],
  };
}

function lineOf(c: Component, doc: SbomDocument): { line?: number } {
  const line = c.line ?? doc.lineOf?.(c.ref);
  return line === undefined ? {} : { line };
}

/** Order: banned before review before informational; then severity, confidence, direct first, name. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[a.rule.status] - STATUS_ORDER[b.rule.status] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
    Number(b.direct === true) - Number(a.direct === true) ||
    compareText(a.component.name, b.component.name) ||
    compareText(a.rule.id, b.rule.id) ||
    compareText(a.component.ref, b.component.ref)
  );
}

/** Which rule speaks for a component when several match: the most specific category, then banned first, then severity. */
const SPECIFICITY: Readonly<Record<Category, number>> = {
  'sdk-engine': 0,
  product: 1,
  oem: 2,
  'api-client': 3,
  'service-endpoint': 4,
  'open-source': 5,
  'legal-entity': 6,
};

function primaryFirst(a: { rule: LoadedRule; match: Match }, b: { rule: LoadedRule; match: Match }): number {
  return (
    SPECIFICITY[a.rule.category] - SPECIFICITY[b.rule.category] ||
    STATUS_ORDER[a.rule.status] - STATUS_ORDER[b.rule.status] ||
    severityRank(b.rule.severity) - severityRank(a.rule.severity) ||
    confidenceRank(b.match.confidence) - confidenceRank(a.match.confidence) ||
    compareText(a.rule.id, b.rule.id)
  );
}

/**
 * Plan every flagged component of one document: one finding per component, spoken for by its most specific rule
 * (a Threat-Intelligence client authored by AO Kaspersky Lab is a review item, not a legal-entity violation);
 * the other rules that matched are kept as `alsoMatched`. The result is ordered and carries priorities 1..n.
 */
export function planDocument(doc: SbomDocument, matched: readonly ComponentMatches[], ctx: PlanContext): Finding[] {
  if (matched.length === 0) return [];
  const graph = new DependencyGraph(doc);
  // Placed first (in the same order, so the graph's step budget is spent as before), then only the refs the
  // placements name are looked up: a map of every component of a large SBOM would be built for a handful.
  const placed: { c: Component; ranked: { rule: LoadedRule; match: Match }[]; subject: boolean; place: Placement }[] = [];
  const needed = new Set<string>();
  for (const { component: c, matches } of matched) {
    const ranked = matches
      .flatMap((match) => {
        const rule = ctx.rules.get(match.ruleId);
        return rule ? [{ rule, match }] : [];
      })
      .sort(primaryFirst);
    if (ranked.length === 0) continue;
    const subject = c.ref === doc.rootRef;
    const place: Placement = subject ? { paths: [[c.ref]], pathCount: 1, pathCountExact: true, direct: false, introducedBy: [] } : graph.place(c.ref);
    for (const r of place.introducedBy) needed.add(r);
    for (const path of place.paths) for (const r of path) needed.add(r);
    placed.push({ c, ranked, subject, place });
  }
  const byRef = new Map<string, Component>();
  if (needed.size > 0) {
    for (const c of doc.components) if (needed.has(c.ref) && !byRef.has(c.ref)) byRef.set(c.ref, c);
    for (const s of doc.services) if (needed.has(s.ref) && !byRef.has(s.ref)) byRef.set(s.ref, s);
    if (doc.root && needed.has(doc.root.ref) && !byRef.has(doc.root.ref)) byRef.set(doc.root.ref, doc.root);
  }
  const findings: Finding[] = [];
  for (const { c, ranked, subject, place } of placed) {
    const { rule, match } = ranked[0] as { rule: LoadedRule; match: Match };
    const via = place.introducedBy.map((r) => componentSummary(byRef.get(r), r));
    const comp = componentSummary(c, c.ref);
    findings.push({
      fingerprint: fingerprint(rule.id, comp),
      source: ctx.source,
      component: { ...comp, kind: c.kind, ...(c.type !== undefined && { type: c.type }) },
      rule: { id: rule.id, title: rule.title, category: rule.category, status: rule.status },
      severity: rule.severity,
      confidence: match.confidence,
      evidence: match.evidence,
      alsoMatched: ranked.slice(1).map((o) => ({
        rule: { id: o.rule.id, title: o.rule.title, category: o.rule.category, status: o.rule.status },
        severity: o.rule.severity,
        confidence: o.match.confidence,
        evidence: o.match.evidence,
      })),
      paths: place.paths.map((p) => p.map((r) => componentSummary(byRef.get(r), r))),
      pathCount: place.pathCount,
      pathCountExact: place.pathCountExact,
      direct: place.direct,
      subject,
      introducedBy: place.introducedBy,
      introducedByComponents: via,
      remediation: { ...remediation(rule, c, place.direct, via, ctx.now), priority: 0 },
      ...lineOf(c, doc),
    });
  }
  findings.sort(compareFindings);
  return findings.map((f, i) => ({ ...f, remediation: { ...f.remediation, priority: i + 1 } }));
}

export { compareFindings };
