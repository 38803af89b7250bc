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
  cpes?: string[];
  parties?: Party[];
  licenses?: LicenseRef[];
  hashes?: Hash[];
  externalRefs?: ExternalRef[];
  description?: string | undefined;
  properties?: Property[];
  endpoints?: string[];
  related?: RelatedIdentity[];
  scope?: string | undefined;
  parentRef?: string | undefined;
  line?: number | undefined;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function makeComponent(d: ComponentDraft): Component {
  return defined({
    ref: d.ref,
    kind: d.kind ?? 'component',
    name: d.name,
    group: d.group,
    version: d.version,
    type: d.type,
    purl: d.purl,
    cpes: d.cpes ?? [],
    parties: d.parties ?? [],
    licenses: d.licenses ?? [],
    hashes: d.hashes ?? [],
    externalRefs: d.externalRefs ?? [],
    description: d.description,
    properties: d.properties ?? [],
    endpoints: d.endpoints ?? [],
    related: d.related ?? [],
    scope: d.scope,
    parentRef: d.parentRef,
    line: d.line,
  });
}

/** Collects edges without duplicates, preserving first-seen order. */
export class EdgeSet {
  private readonly map = new Map<string, string[]>();
  private readonly seen = new Set<string>();

  add(from: string, to: string): void {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const list = this.map.get(from);
    if (list) list.push(to);
    else this.map.set(from, [to]);
  }

  toMap(): ReadonlyMap<string, readonly string[]> {
    return this.map;
  }
}

/** Hands out refs for entries that have none, and reports repeats. */
export class RefRegistry {
  private readonly used = new Set<string>();
  private counter = 0;
  readonly warnings: string[] = [];

  constructor(private readonly what: string) {}

  /** The ref as written, or a synthesized one (with a warning) when missing. */
  take(written: string | undefined, name: string): string {
    if (written === undefined) {
      this.counter++;
      const ref = `ictscan:missing-ref:${this.counter}`;
      this.warnings.push(`${this.what} "${name}" has no ${this.refName()}; referred to as ${ref}`);
      this.used.add(ref);
      return ref;
    }
    if (this.used.has(written)) {
      this.warnings.push(`duplicate ${this.refName()} "${written}" (component "${name}"); dependencies naming it are ambiguous`);
    }
    this.used.add(written);
    return written;
  }

  has(ref: string): boolean {
    return this.used.has(ref);
  }

  private refName(): string {
    return this.what === 'package' ? 'SPDXID' : 'bom-ref';
  }
}
