// What the matcher says about one component: which rule, on what evidence, how sure.
import type { Confidence } from './severity.js';

export interface Evidence {
  /** The component field the value came from (e.g. `purl`, `supplier`, `pedigree.ancestors[0].purl`). */
  readonly field: string;
  readonly value: string;
  /** The rule condition that matched, as a path into the rule (e.g. `conditions[2]`). */
  readonly condition: string;
  /** What the condition tests, for people: `purl namespace @kaspersky (npm)`. */
  readonly matched: string;
  readonly confidence: Confidence;
}

/** A rule matched on a component (before planning). */
export interface Match {
  readonly ruleId: string;
  readonly confidence: Confidence;
  readonly evidence: readonly Evidence[];
}
