// Where a component sits in the dependency graph: paths from the root, direct or transitive, introducedBy.
import type { SbomDocument } from '../model/document.js';

export const MAX_PATHS_SHOWN = 5;
/** Paths are enumerated up to this many; beyond it the count is a lower bound. */
const MAX_PATHS_COUNTED = 1000;
const MAX_STEPS = 200_000;
/** Path-walk steps for all the findings of one document together. */
const DOCUMENT_STEPS = 2_000_000;
/** Deeper paths are not followed (recursion depth), and the count becomes a lower bound. */
const MAX_DEPTH = 400;

export interface Placement {
  readonly paths: readonly (readonly string[])[];
  readonly pathCount: number;
  readonly pathCountExact: boolean;
  readonly direct: boolean | null;
  readonly introducedBy: readonly string[];
}

/**
 * Shortest first, then ref by ref in code-unit order: never localeCompare, as reports must not depend on the
 * machine's ICU data, and never joined strings, which a thousand long paths per finding made take seconds.
 */
function comparePaths(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The graph of one document, with reverse edges and entry points computed once. */
export class DependencyGraph {
  private readonly parents = new Map<string, string[]>();
  /** The root's direct dependencies, or the nodes nothing points to when there is no usable root. */
  readonly entries: ReadonlySet<string>;
  readonly start: string | undefined;
  readonly empty: boolean;
  private budget = DOCUMENT_STEPS;

  constructor(doc: SbomDocument) {
    const allNodes = new Set<string>();
    for (const [from, tos] of doc.edges) {
      allNodes.add(from);
      for (const to of tos) {
        allNodes.add(to);
        const list = this.parents.get(to);
        if (list) list.push(from);
        else this.parents.set(to, [from]);
      }
    }
    this.empty = doc.edges.size === 0;
    const rootChildren = doc.rootRef !== undefined ? doc.edges.get(doc.rootRef) : undefined;
    if (doc.rootRef !== undefined && rootChildren && rootChildren.length > 0) {
      this.start = doc.rootRef;
      this.entries = new Set(rootChildren);
    } else {
      // No usable root: whatever nothing depends on is where the application starts.
      const entries = new Set<string>();
      for (const c of doc.components) if (!this.parents.has(c.ref)) entries.add(c.ref);
      for (const n of allNodes) if (!this.parents.has(n) && n !== doc.rootRef) entries.add(n);
      this.entries = entries;
      this.start = undefined;
    }
  }

  place(ref: string): Placement {
    if (this.empty) return { paths: [], pathCount: 0, pathCountExact: true, direct: null, introducedBy: [] };
    const direct = this.entries.has(ref);
    const introducedBy = this.introducers(ref);
    const { paths, count, exact } = this.enumerate(ref);
    return { paths, pathCount: count, pathCountExact: exact, direct, introducedBy };
  }

  /** Entry points from which `ref` is reachable: a reverse breadth-first walk. */
  private introducers(ref: string): string[] {
    const seen = new Set<string>([ref]);
    const queue = [ref];
    const found: string[] = [];
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head] as string;
      if (this.entries.has(n)) found.push(n);
      for (const p of this.parents.get(n) ?? []) {
        if (!seen.has(p)) {
          seen.add(p);
          queue.push(p);
        }
      }
    }
    return found.sort();
  }

  /** One shortest path from the start (or an entry) down to `ref`, by a reverse breadth-first walk: linear, whatever the graph. */
  private shortestPath(ref: string): string[] | undefined {
    const via = new Map<string, string | null>([[ref, null]]);
    const queue = [ref];
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head] as string;
      if (this.start !== undefined ? n === this.start : this.entries.has(n)) {
        const path: string[] = [];
        for (let at: string | null | undefined = n; at !== null && at !== undefined; at = via.get(at)) path.push(at);
        return path;
      }
      for (const p of this.parents.get(n) ?? []) {
        if (!via.has(p)) {
          via.set(p, n);
          queue.push(p);
        }
      }
    }
    return undefined;
  }

  /**
   * Simple paths from the start (or an entry) down to `ref`, shortest first, counted up to a cap. The walk has a
   * budget per document, not per finding: a crafted graph of many flagged diamonds must not take minutes. When the
   * budget is spent, the finding gets one shortest path and a count marked as a lower bound.
   */
  private enumerate(ref: string): { paths: string[][]; count: number; exact: boolean } {
    const found: string[][] = [];
    let steps = 0;
    let exact = true;
    const limit = Math.min(MAX_STEPS, this.budget);
    const stack: string[] = [ref];
    const onPath = new Set<string>([ref]);
    const visit = (node: string): void => {
      if (found.length >= MAX_PATHS_COUNTED || steps++ > limit || stack.length > MAX_DEPTH) {
        exact = false;
        return;
      }
      const atStart = this.start !== undefined ? node === this.start : this.entries.has(node);
      if (atStart) {
        found.push([...stack].reverse());
        if (this.start === undefined) return;
      }
      for (const p of this.parents.get(node) ?? []) {
        if (onPath.has(p)) continue;
        onPath.add(p);
        stack.push(p);
        visit(p);
        stack.pop();
        onPath.delete(p);
        if (!exact) return;
      }
    };
    visit(ref);
    this.budget = Math.max(0, this.budget - steps);
    if (found.length === 0 && !exact) {
      const one = this.shortestPath(ref);
      if (one) found.push(one);
    }
    found.sort(comparePaths);
    return { paths: found.slice(0, MAX_PATHS_SHOWN), count: found.length, exact };
  }
}
