// Building Component values with every list present, so parsers state only what they read.
import type { Component, ExternalRef, Hash, LicenseRef, Party, Property, RelatedIdentity } from '../model/component.js';

export interface ComponentDraft {
  ref: string;
  kind?: Component['kind'];
  name: string;
  group?: string | undefined;
  version?: string | undefined;
  type?: string | undefined;
  purl?: string | undefined;
  cpes?: readonly string[];
  parties?: readonly Party[];
  licenses?: readonly LicenseRef[];
  hashes?: readonly Hash[];
  externalRefs?: readonly ExternalRef[];
  description?: string | undefined;
  properties?: readonly Property[];
  endpoints?: readonly string[];
  related?: readonly RelatedIdentity[];
  scope?: string | undefined;
  parentRef?: string | undefined;
  line?: number | undefined;
}

/** Every field present (undefined when absent): one object shape for all components keeps V8 fast on large SBOMs. */
export function makeComponent(d: ComponentDraft): Component {
  return {
    ref: d.ref,
    kind: d.kind ?? 'component',
    name: d.name,
    group: d.group,
    version: d.version,
    type: d.type,
    purl: d.purl,
    cpes: d.cpes ?? NONE,
    parties: d.parties ?? NONE,
    licenses: d.licenses ?? NONE,
    hashes: d.hashes ?? NONE,
    externalRefs: d.externalRefs ?? NONE,
    description: d.description,
    properties: d.properties ?? NONE,
    endpoints: d.endpoints ?? NONE,
    related: d.related ?? NONE,
    scope: d.scope,
    parentRef: d.parentRef,
    line: d.line,
  };
}

const NONE: readonly never[] = Object.freeze([]);

/** Lists this long are searched; longer ones get a set (a hub such as a root can list thousands). */
const SCAN_LIMIT = 16;

/**
 * Collects edges without duplicates, preserving first-seen order. Duplicates are found in each source's own
 * list (or its set, once the list is long), not in one set of `from/to` strings: on a large SBOM those
 * strings would all outlive the read and make every garbage collection copy them.
 */
export class EdgeSet {
  private readonly map = new Map<string, string[]>();
  private readonly sets = new Map<string, Set<string>>();

  add(from: string, to: string): void {
    if (from === to) return;
    const list = this.map.get(from);
    if (!list) {
      this.map.set(from, [to]);
      return;
    }
    if (list.length < SCAN_LIMIT) {
      if (list.includes(to)) return;
    } else {
      let set = this.sets.get(from);
      if (!set) this.sets.set(from, (set = new Set(list)));
      if (set.has(to)) return;
      set.add(to);
    }
    list.push(to);
  }

  toMap(): ReadonlyMap<string, readonly string[]> {
    return this.map;
  }
}

/** How many examples a summarised warning names. */
const EXAMPLES = 3;

/** Hands out refs for entries that have none, and reports repeats (summarised: a 1.1 BOM has no refs at all). */
export class RefRegistry {
  private readonly used = new Set<string>();
  private counter = 0;
  private readonly missing: string[] = [];
  private readonly duplicates: string[] = [];
  private duplicateCount = 0;

  constructor(private readonly what: string) {}

  /** The ref as written, or a synthesized one (with a warning) when missing. */
  take(written: string | undefined, name: string): string {
    if (written === undefined) {
      this.counter++;
      const ref = `ictscan:missing-ref:${this.counter}`;
      if (this.missing.length < EXAMPLES) this.missing.push(`"${name}"`);
      this.used.add(ref);
      return ref;
    }
    // One hash look-up per ref: the set grows by one unless the ref was already there.
    const before = this.used.size;
    this.used.add(written);
    if (this.used.size === before) {
      this.duplicateCount++;
      if (this.duplicates.length < EXAMPLES) this.duplicates.push(`"${written}" (${this.what} "${name}")`);
    }
    return written;
  }

  has(ref: string): boolean {
    return this.used.has(ref);
  }

  /**
   * Warnings about missing and repeated refs. A missing ref only loses something when the document has
   * a graph to place the entry in (`hasGraph`); repeated refs always make the graph ambiguous.
   */
  warnings(hasGraph: boolean): string[] {
    const out: string[] = [];
    const more = (n: number, shown: number): string => (n > shown ? ` and ${n - shown} more` : '');
    if (this.counter > 0 && hasGraph) {
      out.push(`${this.counter} ${this.what}(s) without a ${this.refName()}, so the dependency graph cannot reach them: ${this.missing.join(', ')}${more(this.counter, this.missing.length)}`);
    }
    if (this.duplicateCount > 0) {
      out.push(`${this.duplicateCount} duplicate ${this.refName()}(s): ${this.duplicates.join(', ')}${more(this.duplicateCount, this.duplicates.length)}; dependencies naming them are ambiguous`);
    }
    return out;
  }

  private refName(): string {
    switch (this.what) {
      case 'package':
        return 'SPDXID';
      case 'element':
        return 'spdxId';
      case 'artifact':
        return 'id';
      default:
        return 'bom-ref';
    }
  }
}
