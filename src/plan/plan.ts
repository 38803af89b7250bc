// From matches to findings with a remediation plan each, ordered by what to do first.
import { createHash } from 'node:crypto';
import type { Component } from '../model/component.js';
import type { SbomDocument } from '../model/document.js';
import type { Match } from '../model/finding.js';
import type { ComponentSummary, Finding, RelatedMatch, RemediationPlan } from '../model/result.js';
import { compareText } from '../model/order.js';
import { confidenceRank, severityRank } from '../model/severity.js';
import type { LoadedRule } from '../ruleset/types.js';
import { adviceFor, hostEcosystem } from './ecosystems.js';
import { DependencyGraph, PATH_HEAD, type Placement } from './graph.js';
import { deadlineFor, risksFor } from './risks.js';
import { compareMatches, highestSeverity, settle, STATUS_ORDER, view, type Candidate } from './verdict.js';

export interface ComponentMatches {
  readonly component: Component;
  readonly matches: readonly Match[];
}

export interface PlanContext {
  readonly source: string;
  readonly now: Date;
  readonly rules: ReadonlyMap<string, LoadedRule>;
  /** Ids of the rules that may set a generic match aside (see authoritativeRules). */
  readonly authoritative: ReadonlySet<string>;
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

function label(c: ComponentSummary): string {
  return c.version ? `${c.name}@${c.version}` : c.name;
}

/** What a remediation needs to know of the component: its name as reported, its kind and the ecosystem of its purl. */
export interface RemediationTarget {
  readonly name: string;
  readonly kind: Component['kind'];
  readonly ecosystem: string | undefined;
  /** The SBOM's component type (library, application, container…), when it says. */
  readonly type?: string | undefined;
}

/** Language package registries: what comes from them is a library in a lock file, not installed security software. */
const LIBRARY_ECOSYSTEMS = new Set(['npm', 'pypi', 'maven', 'gradle', 'golang', 'nuget', 'cargo', 'composer', 'gem', 'hex', 'pub', 'cocoapods', 'swift', 'conan']);

function isLibrary(t: RemediationTarget): boolean {
  if (t.kind === 'service') return false;
  if (t.type === 'application' || t.type === 'operating-system' || t.type === 'device' || t.type === 'firmware' || t.type === 'container') return false;
  return (t.ecosystem !== undefined && LIBRARY_ECOSYSTEMS.has(t.ecosystem)) || t.type === 'library' || t.type === 'framework';
}

/** In place of anti-virus replacements, for a library that a generic (supplier, vendor) rule flagged. */
const LIBRARY_ALTERNATIVE = 'A library with the same function from a maintainer outside the ICTS prohibition (or your own code).';

/** "Remove x…" as a step that applies only once the review has decided to remove the component. */
function ifRemoved(step: string): string {
  return `If you decide to remove it: ${step.charAt(0).toLowerCase()}${step.slice(1)}`;
}

/** Steps in order, each once (a rule's own step may repeat an ecosystem's). */
function unique(steps: readonly string[]): string[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    const key = s.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The remediation plan of the rule that speaks for a finding. */
export function remediationFor(rule: LoadedRule, t: RemediationTarget, direct: boolean | null, via: readonly ComponentSummary[], now: Date): Omit<RemediationPlan, 'priority'> {
  const eco = adviceFor(t.ecosystem);
  const name = t.name;
  const removal: string[] = [];
  if (t.kind === 'service') removal.push(`Stop calling the service "${name}" and remove its endpoints and credentials from configuration.`);
  // A service has no package to uninstall: where it "enters the build" is its configuration, said above.
  else if (direct === false && via.length > 0) removal.push(...eco.advice.transitive(name, via.map(label).join(', ')));
  else removal.push(...eco.advice.direct(name));
  const own = rule.remediation.steps ?? [];
  // A review item is decided first; its removal steps apply only if the decision is to remove it.
  const steps = rule.remediation.action === 'review' ? [...own, ...removal.slice(0, 1).map(ifRemoved)] : [...removal, ...own];
  const library = isLibrary(t);
  const alternatives = rule.remediation.alternatives ?? [];
  return {
    action: rule.remediation.action,
    summary: rule.remediation.summary,
    steps: unique(steps),
    alternatives: library && rule.category === 'legal-entity' && alternatives.length > 0 ? [LIBRARY_ALTERNATIVE] : alternatives,
    ecosystem: eco.key,
    deadline: deadlineFor(rule.status, now),
    risks: risksFor(rule.category, { library, deliversCode: t.kind === 'service' && /\b(update|distribution)\b/i.test(rule.title) }),
  };
}

/** The marker that stands for the components left out of a long path. */
export const ELISION_REF = '\u2026';

/** A path as reported: its components, with one marked elision where the placement left the middle out. */
function shownPath(refs: readonly string[], length: number, byRef: ReadonlyMap<string, Component>): ComponentSummary[] {
  const shown = refs.map((r) => componentSummary(byRef.get(r), r));
  const left = length - refs.length;
  if (left <= 0) return shown;
  return [...shown.slice(0, PATH_HEAD), { ref: ELISION_REF, name: `\u2026 ${left} more \u2026`, elided: left }, ...shown.slice(PATH_HEAD)];
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

/**
 * Plan every flagged component of one document: one finding per component, at the highest severity and strictest
 * status of its matches, spoken for by the first of them (see verdict.ts); the others are kept as `alsoMatched`,
 * those an exempt identification set aside marked so (a Threat-Intelligence client authored by AO Kaspersky Lab is
 * a review item, not a legal-entity violation). The result is ordered and carries priorities 1..n.
 */
export function planDocument(doc: SbomDocument, matched: readonly ComponentMatches[], ctx: PlanContext): Finding[] {
  if (matched.length === 0) return [];
  const graph = new DependencyGraph(doc);
  // Placed first (in the same order, so the graph's step budget is spent as before), then only the refs the
  // placements name are looked up: a map of every component of a large SBOM would be built for a handful.
  const placed: { c: Component; settled: ReturnType<typeof settle>; subject: boolean; place: Placement }[] = [];
  const needed = new Set<string>();
  for (const { component: c, matches } of matched) {
    const candidates: Candidate[] = matches.flatMap((match) => {
      const rule = ctx.rules.get(match.ruleId);
      return rule ? [{ rule, match }] : [];
    });
    if (candidates.length === 0) continue;
    const settled = settle(candidates, ctx.authoritative);
    const subject = c.ref === doc.rootRef;
    const place: Placement = subject ? { paths: [[c.ref]], pathLengths: [1], pathCount: 1, pathCountExact: true, direct: false, introducedBy: [], introducedByCount: 0 } : graph.place(c.ref);
    for (const r of place.introducedBy) needed.add(r);
    for (const path of place.paths) for (const r of path) needed.add(r);
    placed.push({ c, settled, subject, place });
  }
  const byRef = new Map<string, Component>();
  if (needed.size > 0) {
    for (const c of doc.components) if (needed.has(c.ref) && !byRef.has(c.ref)) byRef.set(c.ref, c);
    for (const s of doc.services) if (needed.has(s.ref) && !byRef.has(s.ref)) byRef.set(s.ref, s);
    if (doc.root && needed.has(doc.root.ref) && !byRef.has(doc.root.ref)) byRef.set(doc.root.ref, doc.root);
  }
  const findings: Finding[] = [];
  for (const { c, settled, subject, place } of placed) {
    const { kept, setAside } = settled;
    const { rule, match } = kept[0] as Candidate;
    const via = place.introducedBy.map((r) => componentSummary(byRef.get(r), r));
    const comp = componentSummary(c, c.ref);
    const others = [...kept.slice(1), ...setAside.keys()];
    const target = { name: comp.name, kind: c.kind, type: c.type, ecosystem: hostEcosystem(c) ?? purlType(c.purl) ?? purlType(c.related.find((r) => r.purl)?.purl) };
    findings.push({
      fingerprint: fingerprint(rule.id, comp),
      source: ctx.source,
      component: { ...comp, kind: c.kind, ...(c.type !== undefined && { type: c.type }) },
      rule: { id: rule.id, title: rule.title, category: rule.category, status: rule.status },
      severity: highestSeverity(kept.map(view)),
      confidence: match.confidence,
      evidence: match.evidence,
      alsoMatched: others.map((o) => {
        const aside = setAside.get(o);
        return {
          fingerprint: fingerprint(o.rule.id, comp),
          rule: { id: o.rule.id, title: o.rule.title, category: o.rule.category, status: o.rule.status },
          severity: o.rule.severity,
          confidence: o.match.confidence,
          evidence: o.match.evidence,
          ...(aside && { setAside: aside }),
        };
      }),
      paths: place.paths.map((p, i) => shownPath(p, place.pathLengths[i] ?? p.length, byRef)),
      pathLengths: place.pathLengths,
      pathCount: place.pathCount,
      pathCountExact: place.pathCountExact,
      direct: place.direct,
      subject,
      introducedBy: place.introducedBy,
      introducedByCount: place.introducedByCount,
      introducedByComponents: via,
      remediation: { ...remediationFor(rule, target, place.direct, via, ctx.now), priority: 0 },
      ...lineOf(c, doc),
    });
  }
  findings.sort(compareFindings);
  return findings.map((f, i) => ({ ...f, remediation: { ...f.remediation, priority: i + 1 } }));
}

/** Every match of a finding, the one that speaks first; its own severity from its rule (the finding's is the highest). */
export function matchesOf(f: Finding, rules: ReadonlyMap<string, LoadedRule>): RelatedMatch[] {
  const own: RelatedMatch = {
    fingerprint: f.fingerprint,
    rule: f.rule,
    severity: rules.get(f.rule.id)?.severity ?? f.severity,
    confidence: f.confidence,
    evidence: f.evidence,
  };
  return [own, ...f.alsoMatched];
}

/**
 * A finding decided again after a policy took some of its matches out (`counts` false: set aside, suppressed, in the
 * baseline). `all` is matchesOf(f) with the policy's marks. The matches that still count give the severity and the
 * rule that speaks, with that rule's remediation; none left, the finding keeps its verdict and the caller marks it.
 */
export function redecide(f: Finding, all: readonly RelatedMatch[], counts: (m: RelatedMatch) => boolean, rules: ReadonlyMap<string, LoadedRule>, now: Date): Finding {
  const live = all.filter(counts).sort(compareMatches);
  const speaker = live[0];
  if (!speaker) return { ...f, alsoMatched: all.slice(1) };
  const severity = highestSeverity(live);
  if (speaker === all[0]) return { ...f, severity, alsoMatched: all.slice(1) };
  const rule = rules.get(speaker.rule.id);
  const target = { name: f.component.name, kind: f.component.kind, type: f.component.type, ecosystem: f.remediation.ecosystem };
  return {
    ...f,
    fingerprint: speaker.fingerprint,
    rule: speaker.rule,
    severity,
    confidence: speaker.confidence,
    evidence: speaker.evidence,
    alsoMatched: [...live.slice(1), ...all.filter((m) => !counts(m))],
    remediation: rule ? { ...remediationFor(rule, target, f.direct, f.introducedByComponents, now), priority: f.remediation.priority } : f.remediation,
  };
}

export { compareFindings };
