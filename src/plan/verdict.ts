// Which of a component's matches decide its finding: all of them, at their strictest and highest, unless an
// authoritative rule positively identifies the component as an exempt class and the others are generic signals.
import path from 'node:path';
import type { Match } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { confidenceRank, severityRank, type Confidence, type Severity } from '../model/severity.js';
import type { Category, Condition, LoadedRule, RuleSet, RuleStatus } from '../ruleset/types.js';

export const STATUS_ORDER: Readonly<Record<RuleStatus, number>> = { banned: 0, review: 1, informational: 2 };

/** Among matches of equal status, the one whose remediation is the most concrete speaks (the severity is the highest anyway). */
const SPECIFICITY: Readonly<Record<Category, number>> = {
  'sdk-engine': 0,
  product: 1,
  oem: 2,
  'api-client': 3,
  'service-endpoint': 4,
  'open-source': 5,
  'legal-entity': 6,
};

/** What ranking needs of a match, at plan time and again when a policy takes some matches out. */
export interface Ranked {
  readonly rule: { readonly id: string; readonly category: Category; readonly status: RuleStatus };
  readonly severity: Severity;
  readonly confidence: Confidence;
}

/**
 * Which match speaks for a finding: the strictest status first, so that a weaker match never does; then the most
 * specific category. The finding's severity is the highest of its matches whichever speaks (highestSeverity).
 */
export function compareMatches(a: Ranked, b: Ranked): number {
  return (
    STATUS_ORDER[a.rule.status] - STATUS_ORDER[b.rule.status] ||
    SPECIFICITY[a.rule.category] - SPECIFICITY[b.rule.category] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
    compareText(a.rule.id, b.rule.id)
  );
}

export function highestSeverity(matches: readonly Ranked[]): Severity {
  let top: Severity = 'info';
  for (const m of matches) if (severityRank(m.severity) > severityRank(top)) top = m.severity;
  return top;
}

/**
 * Whether a condition names the component itself: a purl, a name, a CPE with its product, or, for a service, the
 * host of its own endpoint. Parties, licences, text, and hosts and URLs a component merely links to are signals about it.
 */
function identifies(c: Condition | undefined, field: string, owner = true): boolean {
  if (!c) return false;
  switch (c.kind) {
    case 'all':
      return c.of.some((p) => identifies(p, field, owner));
    case 'purl':
    case 'name':
      return true;
    case 'identifier':
      // Only that the identifier starts with the vendor's name: specific enough to flag, too general to stand against a rule that names the package.
      return owner;
    case 'cpe':
      return c.products !== undefined;
    case 'host':
    case 'url':
      return field === 'endpoints';
    case 'party':
    case 'license':
    case 'text':
    case 'rule':
      return false;
    default: {
      const never: never = c;
      return never;
    }
  }
}

/** The field of the first evidence that came from an identifying condition of the rule, if any. */
function identifyingField(rule: LoadedRule, match: Match, owner = true): string | undefined {
  for (const e of match.evidence) {
    const i = /^conditions\[(\d+)\]/.exec(e.condition)?.[1];
    if (i !== undefined && identifies(rule.conditions[Number(i)], e.field, owner)) return e.field;
  }
  return undefined;
}

/** A rule tagged `identifier` flags whatever is published under the vendor's name: it never names a package. */
function ownerOnly(rule: LoadedRule): boolean {
  return rule.tags?.includes('identifier') === true;
}

/** The exempt class a rule stands for, by the data it carries; a catch-all rule never exempts. */
function exemptClass(rule: LoadedRule): string | undefined {
  if (rule.status === 'banned' || rule.tags?.includes('catch-all')) return undefined;
  if (rule.tags?.includes('ti-excluded')) return 'a Threat Intelligence client, which the Final Determination excludes';
  if (rule.category === 'open-source') return 'Kaspersky-authored open source that is not security software';
  return undefined;
}

export interface Candidate {
  readonly rule: LoadedRule;
  readonly match: Match;
}

export interface SetAside {
  /** The rule whose identification set the match aside. */
  readonly by: string;
  readonly reason: string;
}

/**
 * Split a component's matches into those that decide its verdict (ranked, the first speaks) and those set aside.
 * A match is set aside only when an authoritative rule of an exempt class identifies the component by a purl, name
 * or CPE, no rule identifies it as banned software, and the match itself rests on generic signals alone.
 */
export function settle(matches: readonly Candidate[], authoritative: ReadonlySet<string>): { kept: Candidate[]; setAside: Map<Candidate, SetAside> } {
  const ranked = [...matches].sort((a, b) => compareMatches(view(a), view(b)));
  const setAside = new Map<Candidate, SetAside>();
  const identified = ranked.map((c) => ({ c, field: identifyingField(c.rule, c.match), named: ownerOnly(c.rule) ? undefined : identifyingField(c.rule, c.match, false), exempt: exemptClass(c.rule) }));
  const exempting = identified.find((x) => x.field !== undefined && x.exempt !== undefined && authoritative.has(x.c.rule.id));
  const conflicting = identified.some((x) => x.field !== undefined && x.exempt === undefined && x.c.rule.status === 'banned');
  if (!exempting || conflicting) return { kept: ranked, setAside };
  for (const x of identified) {
    // A match that names the component (a purl, name or CPE) stands; one that only sees the vendor's name at the head of an identifier yields to the rule that names the package.
    if (x.named !== undefined || (x.field !== undefined && exempting.named === undefined)) continue;
    const fields = [...new Set(x.c.match.evidence.map((e) => e.field))].join(', ');
    setAside.set(x.c, {
      by: exempting.c.rule.id,
      reason: `${exempting.c.rule.id} identifies the component by its ${exempting.field ?? 'identity'} as ${exempting.exempt ?? 'an exempt class'}; ${x.c.rule.id} matched only ${x.field !== undefined ? 'the vendor\'s name leading its identifier' : 'a generic signal'} (${fields})`,
    });
  }
  return { kept: ranked.filter((c) => !setAside.has(c)), setAside };
}

export function view(c: Candidate): Ranked {
  return { rule: c.rule, severity: c.rule.severity, confidence: c.match.confidence };
}

/**
 * Ids of the rules that may set other matches aside: the curated pack's, or with only custom packs (--rules-only)
 * every rule, as they replace the curated list. A pack added with --rules can raise a verdict, never lower one.
 */
export function authoritativeRules(set: RuleSet, curatedDir: string): ReadonlySet<string> {
  const curated = set.packs.find((p) => path.resolve(p.dir) === path.resolve(curatedDir));
  if (!curated) return new Set(set.rules.map((r) => r.id));
  const files = new Set(curated.files);
  return new Set(set.rules.filter((r) => files.has(r.file)).map((r) => r.id));
}
