// Why a component did or did not match each rule: every condition tried, with its evidence or the reason it failed.
import type { Component } from '../model/component.js';
import type { Evidence } from '../model/finding.js';
import type { Confidence } from '../model/severity.js';
import type { Condition, LoadedRule } from '../ruleset/types.js';
import { compileRules } from './compile.js';
import { facetsOf, type Facets } from './facets.js';
import { matchComponent } from './matcher.js';

export interface ConditionTrace {
  /** Path of the condition in the rule (`conditions[1]`, `conditions[2].of[0]`). */
  readonly path: string;
  readonly kind: Condition['kind'];
  readonly matched: boolean;
  readonly evidence: readonly Evidence[];
  /** Why it did not match: what the component offers for this kind of condition. */
  readonly reason?: string;
}

export interface RuleTrace {
  readonly ruleId: string;
  readonly title: string;
  readonly matched: boolean;
  readonly confidence?: Confidence;
  readonly conditions: readonly ConditionTrace[];
}

function offered(kind: Condition['kind'], f: Facets, c: Component): string {
  const list = (label: string, values: readonly string[]) => (values.length === 0 ? `the component has no ${label}` : `the component's ${label}: ${values.slice(0, 5).join(', ')}${values.length > 5 ? ', …' : ''}`);
  switch (kind) {
    case 'purl':
    case 'identifier':
      return list('purl', f.purls.map((p) => p.value));
    case 'cpe':
      return list('CPE', f.cpes.map((p) => p.value));
    case 'party':
      return list('supplier/author/publisher names or e-mails', [...f.parties.map((p) => `${p.role} "${p.value}" (normalized "${p.normalized}")`), ...f.emails.map((e) => e.value)]);
    case 'name':
      return list('names', f.names.map((n) => n.value)) + (c.purl ? ` (ecosystem ${c.purl.slice(4).split('/')[0] ?? '?'})` : ' (no purl, so no ecosystem)');
    case 'host':
    case 'url':
      return list('URLs', f.urls.map((u) => u.value));
    case 'license':
      return list('licences', f.licenses.map((l) => l.value));
    case 'text':
      return f.texts.length === 0 ? 'the component has no description' : 'the description does not contain the pattern';
    case 'all':
      return 'not every part matched';
    case 'rule':
      return 'none of the rules it names matched the component';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

function leafTraces(rule: LoadedRule, c: Component, f: Facets, cond: Condition, path: string, actual: ReadonlyMap<string, { evidence: readonly Evidence[] }>): ConditionTrace[] {
  if (cond.kind === 'all') {
    const parts = cond.of.flatMap((p, i) => leafTraces(rule, c, f, p, `${path}.of[${i}]`, actual));
    const matched = parts.every((p) => p.matched);
    return [{ path, kind: 'all', matched, evidence: [], ...(!matched && { reason: offered('all', f, c) }) }, ...parts];
  }
  if (cond.kind === 'rule') {
    // Another rule's match is known only from the whole rule set.
    const evidence = cond.ids.flatMap((id) => actual.get(id)?.evidence ?? []);
    const matched = cond.ids.some((id) => actual.has(id));
    return [{ path, kind: 'rule', matched, evidence, ...(!matched && { reason: offered('rule', f, c) }) }];
  }
  // The condition alone, as a rule of its own, through the real matcher: explain never disagrees with scan.
  const single = compileRules([{ ...rule, conditions: [cond] }]);
  const [m] = matchComponent(single, c);
  return [{ path, kind: cond.kind, matched: m !== undefined, evidence: m?.evidence ?? [], ...(m === undefined && { reason: offered(cond.kind, f, c) }) }];
}

/** Trace every rule against one component. */
export function explainComponent(rules: readonly LoadedRule[], c: Component): RuleTrace[] {
  const f = facetsOf(c);
  const all = compileRules(rules);
  const actual = new Map(matchComponent(all, c).map((m) => [m.ruleId, m]));
  return rules.map((rule) => {
    const m = actual.get(rule.id);
    return {
      ruleId: rule.id,
      title: rule.title,
      matched: m !== undefined,
      ...(m && { confidence: m.confidence }),
      conditions: rule.conditions.flatMap((cond, i) => leafTraces(rule, c, f, cond, `conditions[${i}]`, actual)),
    };
  });
}
