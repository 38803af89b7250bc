// Which rule and condition flags each item of the fact sheet, found by running the rules on the item itself.
import type { Confidence } from '../model/severity.js';
import { confidenceRank } from '../model/severity.js';
import type { FactItem } from '../ruleset/fact-items.js';
import type { LoadedRule } from '../ruleset/types.js';
import { makeComponent } from '../sbom/builder.js';
import { compileRules } from './compile.js';
import { matchComponent } from './matcher.js';

export interface CoverageRow {
  readonly section: string;
  readonly item: string;
  readonly expect: 'flag' | 'clean';
  /** The strongest matching rule and the conditions that matched, or nothing. */
  readonly rule?: string;
  readonly conditions?: readonly string[];
  readonly confidence?: Confidence;
  /** covered: flagged at or above the threshold; below: flagged only under it; uncovered: no rule; no-field: no SBOM field carries it; clean / flagged-decoy for decoys. */
  readonly outcome: 'covered' | 'below-threshold' | 'uncovered' | 'no-field' | 'clean' | 'flagged-decoy';
}

/** Run the rules on every fact item; `threshold` is the confidence a scan shows by default. */
export function coverage(rules: readonly LoadedRule[], items: readonly FactItem[], threshold: Confidence): CoverageRow[] {
  const compiled = compileRules(rules);
  return items.map((it, i) => {
    const expect = it.expect ?? 'flag';
    const base = { section: it.section, item: it.item, expect } as const;
    if (!it.probe) return { ...base, outcome: 'no-field' };
    const matches = matchComponent(compiled, makeComponent({ ...it.probe, ref: `fact-${i}` })).sort(
      (a, b) => confidenceRank(b.confidence) - confidenceRank(a.confidence) || (a.ruleId < b.ruleId ? -1 : 1),
    );
    const best = matches[0];
    const shown = best !== undefined && confidenceRank(best.confidence) >= confidenceRank(threshold);
    const found = best ? { rule: best.ruleId, conditions: [...new Set(best.evidence.map((e) => e.condition))], confidence: best.confidence } : {};
    if (expect === 'clean') return { ...base, ...found, outcome: shown ? 'flagged-decoy' : 'clean' };
    return { ...base, ...found, outcome: shown ? 'covered' : best ? 'below-threshold' : 'uncovered' };
  });
}
