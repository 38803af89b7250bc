// Where a component sits in the dependency graph: paths from the root, direct or transitive, introducedBy.
import type { SbomDocument } from '../model/document.js';

export const MAX_PATHS_SHOWN = 5;
const NO_NODES: readonly string[] = Object.freeze([]);
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
 * Report order of a path, given as a walk from the component up (read backwards) against a kept path: shortest
 * first, then ref by ref in code-unit order. Never localeCompare, as reports must not depend on the machine's ICU
 * data, and never joined strings, which a thousand long paths per finding made take seconds.
 */
function compareStack(stack: readonly string[], path: readonly string[]): number {
  if (stack.length !== path.length) return stack.length - path.length;
  for (let i = 0, j = stack.length - 1; j >= 0; i++, j--) {
    const x = stack[j] as string;
    const y = path[i] as string;
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
  private readonly children: ReadonlyMap<string, readonly string[]>;
  /** Each node's entry points (sorted, shared along chains), filled in as findings ask. */
  private readonly introducerSets = new Map<string, readonly string[]>();
  private tree: Map<string, string | null> | undefined;

  constructor(doc: SbomDocument) {
    this.children = doc.edges;
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
    // A copy: the sets are shared along chains, and a finding's list is its own.
    const introducedBy = [...this.introducers(ref)];
    const { paths, count, exact } = this.enumerate(ref);
    return { paths, pathCount: count, pathCountExact: exact, direct, introducedBy };
  }

  /**
   * Entry points from which `ref` is reachable, sorted. Worked out once per node for all findings together: the
   * ancestors are walked in strongly connected components (Tarjan, iteratively), each completed after every
   * component above it, so a node's entries are its own component's plus its parents' sets. A node with one
   * parent and no entry of its own shares its parent's list, so a chain costs one step a node, not one walk a finding.
   */
  private introducers(ref: string): readonly string[] {
    const done = this.introducerSets;
    const known = done.get(ref);
    if (known) return known;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const frames: { node: string; next: number }[] = [];
    const open = (n: string): void => {
      index.set(n, index.size);
      low.set(n, index.size - 1);
      stack.push(n);
      onStack.add(n);
      frames.push({ node: n, next: 0 });
    };
    open(ref);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: string; next: number };
      const parents = this.parents.get(frame.node) ?? NO_NODES;
      if (frame.next < parents.length) {
        const p = parents[frame.next++] as string;
        if (done.has(p)) continue;
        const seen = index.get(p);
        if (seen === undefined) open(p);
        else if (onStack.has(p)) low.set(frame.node, Math.min(low.get(frame.node) as number, seen));
        continue;
      }
      frames.pop();
      const lowest = low.get(frame.node) as number;
      const up = frames[frames.length - 1];
      if (up) low.set(up.node, Math.min(low.get(up.node) as number, lowest));
      if (lowest !== index.get(frame.node)) continue;
      const members: string[] = [];
      let m: string;
      do {
        m = stack.pop() as string;
        onStack.delete(m);
        members.push(m);
      } while (m !== frame.node);
      const set = this.componentEntries(members);
      for (const member of members) done.set(member, set);
    }
    return done.get(ref) ?? NO_NODES;
  }

  /** The entries of one strongly connected component: its own, and those of every parent outside it (all known by now). */
  private componentEntries(members: readonly string[]): readonly string[] {
    const inside = members.length === 1 ? undefined : new Set(members);
    let shared: readonly string[] | undefined;
    let merged: Set<string> | undefined;
    for (const member of members) {
      if (this.entries.has(member)) (merged ??= new Set(shared)).add(member);
      for (const p of this.parents.get(member) ?? NO_NODES) {
        if (inside ? inside.has(p) : p === member) continue;
        const above = this.introducerSets.get(p) ?? NO_NODES;
        if (above.length === 0 || above === shared) continue;
        if (merged === undefined && shared === undefined) shared = above;
        else {
          merged ??= new Set(shared);
          for (const e of above) merged.add(e);
        }
      }
    }
    if (merged === undefined) return shared ?? NO_NODES;
    return Object.freeze([...merged].sort());
  }

  /** One shortest path from the start (or the nearest entry) down to `ref`, from one breadth-first tree for all findings. */
  private shortestPath(ref: string): string[] | undefined {
    const tree = (this.tree ??= this.breadthFirstTree());
    if (!tree.has(ref)) return undefined;
    const path: string[] = [];
    for (let at: string | null | undefined = ref; at !== null && at !== undefined; at = tree.get(at)) path.push(at);
    return path.reverse();
  }

  /** Each node reached from the start (or from every entry at once), with the node it was first reached from. */
  private breadthFirstTree(): Map<string, string | null> {
    const sources = this.start !== undefined ? [this.start] : [...this.entries];
    const via = new Map<string, string | null>(sources.map((s) => [s, null]));
    const queue = [...sources];
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head] as string;
      for (const c of this.children.get(n) ?? NO_NODES) {
        if (!via.has(c)) {
          via.set(c, n);
          queue.push(c);
        }
      }
    }
    return via;
  }

  /**
   * Simple paths from the start (or an entry) down to `ref`, shortest first, counted up to a cap. The walk has a
   * budget per document, not per finding: a crafted graph of many flagged diamonds must not take minutes. When the
   * budget is spent, the finding gets one shortest path and a count marked as a lower bound.
   */
  private enumerate(ref: string): { paths: string[][]; count: number; exact: boolean } {
    // Only the first MAX_PATHS_SHOWN in report order are kept; the others are counted. A path is the stack read
    // backwards, compared in place and copied only when it ranks among those kept.
    const shown: string[][] = [];
    let count = 0;
    let steps = 0;
    let exact = true;
    const limit = Math.min(MAX_STEPS, this.budget);
    const stack: string[] = [ref];
    const onPath = new Set<string>([ref]);
    const keep = (): void => {
      count++;
      let at = shown.length;
      while (at > 0 && compareStack(stack, shown[at - 1] as string[]) < 0) at--;
      if (at >= MAX_PATHS_SHOWN) return;
      shown.splice(at, 0, [...stack].reverse());
      if (shown.length > MAX_PATHS_SHOWN) shown.pop();
    };
    const visit = (node: string): void => {
      if (count >= MAX_PATHS_COUNTED || steps++ > limit || stack.length > MAX_DEPTH) {
        exact = false;
        return;
      }
      const atStart = this.start !== undefined ? node === this.start : this.entries.has(node);
      if (atStart) {
        keep();
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
    if (count === 0 && !exact) {
      const one = this.shortestPath(ref);
      if (one) return { paths: [one], count: 1, exact };
    }
    return { paths: shown, count, exact };
  }

}
