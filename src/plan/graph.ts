// Where a component sits in the dependency graph: paths from the root, direct or transitive, introducedBy.
import type { SbomDocument } from '../model/document.js';

export const MAX_PATHS_SHOWN = 5;
/** A path longer than PATH_HEAD + PATH_TAIL + 1 components keeps only its first and last ones (see Placement). */
export const PATH_HEAD = 3;
export const PATH_TAIL = 4;
/** Entry points named per finding; `introducedByCount` keeps the full number. */
export const MAX_INTRODUCERS_SHOWN = 25;
const NO_NODES: readonly string[] = Object.freeze([]);
/** Paths are enumerated up to this many; beyond it the count is a lower bound. */
const MAX_PATHS_COUNTED = 1000;
const MAX_STEPS = 200_000;
/** Path-walk steps for all the findings of one document together. */
const DOCUMENT_STEPS = 2_000_000;
/** Deeper paths are not followed (recursion depth), and the count becomes a lower bound. */
const MAX_DEPTH = 400;

export interface Placement {
  /**
   * Up to MAX_PATHS_SHOWN paths, shortest first. A path longer than PATH_HEAD + PATH_TAIL + 1 holds only its first
   * PATH_HEAD and last PATH_TAIL refs, so that a finding is bounded whatever the depth: `pathLengths` says how long
   * each path really is, and where the two differ the rest is left out after the head.
   */
  readonly paths: readonly (readonly string[])[];
  readonly pathLengths: readonly number[];
  readonly pathCount: number;
  readonly pathCountExact: boolean;
  readonly direct: boolean | null;
  /** The first MAX_INTRODUCERS_SHOWN entry points (sorted) through which the component is reached. */
  readonly introducedBy: readonly string[];
  readonly introducedByCount: number;
}

/** A path as a placement holds it: whole when short, else its head and tail (its full length is kept beside it). */
function shorten(path: readonly string[]): readonly string[] {
  return path.length > PATH_HEAD + PATH_TAIL + 1 ? [...path.slice(0, PATH_HEAD), ...path.slice(-PATH_TAIL)] : path;
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
  private depths: Map<string, number> | undefined;
  /** The first PATH_HEAD refs of each node's tree path, shared down a chain. */
  private readonly heads = new Map<string, readonly string[]>();

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
    if (this.empty) return { paths: [], pathLengths: [], pathCount: 0, pathCountExact: true, direct: null, introducedBy: [], introducedByCount: 0 };
    const direct = this.entries.has(ref);
    // A copy: the sets are shared along chains, and a finding's list is its own.
    const all = this.introducers(ref);
    const introducedBy = all.slice(0, MAX_INTRODUCERS_SHOWN);
    const { paths, lengths, count, exact } = this.enumerate(ref);
    return { paths, pathLengths: lengths, pathCount: count, pathCountExact: exact, direct, introducedBy, introducedByCount: all.length };
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

  /**
   * One shortest path from the start (or the nearest entry) down to `ref`, from one breadth-first tree for all
   * findings, already shortened: its tail is walked up from `ref`, its head shared along the tree, so a finding
   * deep in a long chain costs a few steps, not the depth.
   */
  private shortestPath(ref: string): { path: readonly string[]; length: number } | undefined {
    if (!this.tree) [this.tree, this.depths] = this.breadthFirstTree();
    const tree = this.tree;
    const depth = this.depths?.get(ref);
    if (depth === undefined) return undefined;
    const length = depth + 1;
    if (length <= PATH_HEAD + PATH_TAIL + 1) {
      const path: string[] = [];
      for (let at: string | null | undefined = ref; at !== null && at !== undefined; at = tree.get(at)) path.push(at);
      return { path: path.reverse(), length };
    }
    const tail: string[] = [];
    let at: string | null | undefined = ref;
    for (let i = 0; i < PATH_TAIL && typeof at === 'string'; i++, at = tree.get(at)) tail.push(at);
    return { path: [...this.headOf(at as string), ...tail.reverse()], length };
  }

  /** The first PATH_HEAD refs of a node's tree path; every node walked up to a known one shares its answer. */
  private headOf(ref: string): readonly string[] {
    const tree = this.tree as Map<string, string | null>;
    const depths = this.depths as Map<string, number>;
    const walked: string[] = [];
    let at = ref;
    let head = this.heads.get(at);
    while (!head) {
      if ((depths.get(at) ?? 0) < PATH_HEAD) {
        const path: string[] = [];
        for (let n: string | null | undefined = at; typeof n === 'string'; n = tree.get(n)) path.push(n);
        head = path.reverse();
        break;
      }
      walked.push(at);
      at = tree.get(at) as string;
      head = this.heads.get(at);
    }
    for (const n of walked) this.heads.set(n, head);
    return head;
  }

  /** Each node reached from the start (or from every entry at once), with the node it was first reached from and its depth. */
  private breadthFirstTree(): [Map<string, string | null>, Map<string, number>] {
    const sources = this.start !== undefined ? [this.start] : [...this.entries];
    const via = new Map<string, string | null>(sources.map((s) => [s, null]));
    const depth = new Map<string, number>(sources.map((s) => [s, 0]));
    const queue = [...sources];
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head] as string;
      const below = (depth.get(n) ?? 0) + 1;
      for (const c of this.children.get(n) ?? NO_NODES) {
        if (!via.has(c)) {
          via.set(c, n);
          depth.set(c, below);
          queue.push(c);
        }
      }
    }
    return [via, depth];
  }

  /**
   * Simple paths from the start (or an entry) down to `ref`, shortest first, counted up to a cap. The walk has a
   * budget per document, not per finding: a crafted graph of many flagged diamonds must not take minutes. When the
   * budget is spent, the finding gets one shortest path and a count marked as a lower bound.
   */
  private enumerate(ref: string): { paths: (readonly string[])[]; lengths: number[]; count: number; exact: boolean } {
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
      if (one) return { paths: [one.path], lengths: [one.length], count: 1, exact };
    }
    return { paths: shown.map(shorten), lengths: shown.map((p) => p.length), count, exact };
  }

}
