import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DependencyGraph } from '../../src/plan/graph.js';
import { component, documentOf } from '../helpers/builders.js';

const names = ['app', 'a', 'b', 'c', 'k'].map((n) => component({ name: n }));

describe('DependencyGraph', () => {
  it('finds paths, direct or transitive, and the direct dependencies that bring a component in', () => {
    const g = new DependencyGraph(documentOf(names, { app: ['a', 'b'], a: ['c'], b: ['c'], c: ['k'] }, 'app'));
    const k = g.place('k');
    expect(k.direct).toBe(false);
    expect(k.introducedBy).toEqual(['a', 'b']);
    expect(k.paths).toEqual([
      ['app', 'a', 'c', 'k'],
      ['app', 'b', 'c', 'k'],
    ]);
    expect(k.pathCount).toBe(2);
    expect(g.place('a')).toMatchObject({ direct: true, introducedBy: ['a'], paths: [['app', 'a']] });
  });

  it('orders paths of one length by code unit, whatever the locale of the machine', () => {
    const refs = ['app', 'a', 'B', '\u00e9', 'k'];
    const g = new DependencyGraph(documentOf(refs.map((n) => component({ name: n })), { app: ['a', 'B', '\u00e9'], a: ['k'], B: ['k'], '\u00e9': ['k'] }, 'app'));
    // localeCompare would put a before B and \u00e9 before B.
    expect(g.place('k').paths).toEqual([
      ['app', 'B', 'k'],
      ['app', 'a', 'k'],
      ['app', '\u00e9', 'k'],
    ]);
  });

  it('survives cycles', () => {
    const g = new DependencyGraph(documentOf(names, { app: ['a'], a: ['b'], b: ['a', 'k'] }, 'app'));
    expect(g.place('k')).toMatchObject({ direct: false, introducedBy: ['a'], paths: [['app', 'a', 'b', 'k']], pathCount: 1 });
  });

  it('caps the paths shown and counts the rest', () => {
    const layer = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const edges: Record<string, string[]> = { app: layer };
    for (const m of layer) edges[m] = ['k'];
    const g = new DependencyGraph(documentOf([...names, ...layer.map((n) => component({ name: n }))], edges, 'app'));
    const k = g.place('k');
    expect(k.paths.length).toBe(5);
    expect(k.pathCount).toBe(12);
    expect(k.pathCountExact).toBe(true);
  });

  it('says when there is no graph at all', () => {
    expect(new DependencyGraph(documentOf(names)).place('k')).toMatchObject({ direct: null, paths: [], introducedBy: [] });
  });

  it('uses top-level nodes as entry points when the root has no edges', () => {
    const g = new DependencyGraph(documentOf(names, { a: ['k'] }, 'app'));
    expect(g.place('k')).toMatchObject({ direct: false, introducedBy: ['a'], paths: [['a', 'k']] });
  });
});

describe('DependencyGraph on hostile graphs', () => {
  it('shares one walking budget across the findings of a document, and still gives every finding a shortest path', () => {
    // The root reaches each target through one node; above the targets sits a ladder of diamonds that never
    // reaches the root, so a path walk explores exponentially many dead ends.
    const edges: Record<string, string[]> = { app: ['gate'] };
    const targets = Array.from({ length: 30 }, (_, i) => `t${i}`);
    edges['gate'] = targets;
    for (let i = 0; i < 40; i++) {
      edges[`a${i}`] = [`a${i + 1}`, `b${i + 1}`];
      edges[`b${i}`] = [`a${i + 1}`, `b${i + 1}`];
    }
    edges['a40'] = targets;
    edges['b40'] = targets;
    const g = new DependencyGraph(documentOf([component({ name: 'app' })], edges, 'app'));
    const results = targets.map((t) => g.place(t));
    for (const [i, r] of results.entries()) {
      expect(r.paths[0]).toEqual(['app', 'gate', `t${i}`]);
      expect(r.introducedBy).toEqual(['gate']);
    }
    // The first findings spend the budget on dead ends and say their count is a lower bound; the rest get the shortest path at once.
    expect(results[0]?.pathCountExact).toBe(false);
    expect(results.at(-1)?.paths).toEqual([['app', 'gate', 't29']]);
  });
});

describe('DependencyGraph against a plain reference walk', () => {
  /** Every simple path from a start down to `ref`, and the entries above it, the slow and obvious way. */
  function reference(edges: Record<string, string[]>, start: string | undefined, entries: ReadonlySet<string>, ref: string) {
    const parents = new Map<string, string[]>();
    for (const [from, tos] of Object.entries(edges)) for (const to of tos) parents.set(to, [...(parents.get(to) ?? []), from]);
    const seen = new Set([ref]);
    const queue = [ref];
    for (let i = 0; i < queue.length; i++) {
      for (const p of parents.get(queue[i] as string) ?? []) {
        if (seen.has(p)) continue;
        seen.add(p);
        queue.push(p);
      }
    }
    const introducedBy = [...seen].filter((n) => entries.has(n)).sort();
    const paths: string[][] = [];
    const walk = (node: string, path: string[]): void => {
      if (start !== undefined ? node === start : entries.has(node)) {
        paths.push([...path].reverse());
        if (start === undefined) return;
      }
      for (const p of parents.get(node) ?? []) if (!path.includes(p)) walk(p, [...path, p]);
    };
    walk(ref, [ref]);
    paths.sort((a, b) => a.length - b.length || (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
    return { introducedBy, paths: paths.slice(0, 5), pathCount: paths.length };
  }

  it('gives the same entries, paths and counts on random small graphs, with and without a root, cycles included', () => {
    const node = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'B', 'k');
    fc.assert(
      fc.property(fc.array(fc.tuple(node, node), { maxLength: 40 }), fc.boolean(), (pairs, rooted) => {
        const edges: Record<string, string[]> = rooted ? { app: ['a', 'B'] } : {};
        for (const [from, to] of pairs) if (from !== to && !(edges[from] ?? []).includes(to)) edges[from] = [...(edges[from] ?? []), to];
        const all = ['app', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'B', 'k'];
        const g = new DependencyGraph(documentOf(all.map((name) => component({ name })), edges, rooted ? 'app' : undefined));
        for (const ref of all.slice(1)) {
          const got = g.place(ref);
          const want = reference(edges, g.start, g.entries, ref);
          if (g.empty) continue;
          expect({ introducedBy: got.introducedBy, paths: got.paths, pathCount: got.pathCount }, `${ref} in ${JSON.stringify(edges)}`).toEqual(want);
          expect(got.pathCountExact).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
