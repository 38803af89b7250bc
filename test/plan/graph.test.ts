import { describe, expect, it } from 'vitest';
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
