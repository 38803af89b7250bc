// Report size is linear in the input: a long chain of flagged components reports in every format, each finding bounded.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ComponentSummary, ScanReport } from '../../src/model/result.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { DependencyGraph, PATH_HEAD, PATH_TAIL } from '../../src/plan/graph.js';
import { component, documentOf } from '../helpers/builders.js';
import { cli } from '../helpers/cli.js';

const N = 10_000;
const FORMATS = ['json', 'table', 'markdown', 'sarif', 'junit', 'html', 'csv'] as const;

/** root -> c0 -> c1 -> ... -> c9999, every component supplied by AO Kaspersky Lab (about 1.5 MB). */
function chain(n: number): string {
  const components = [];
  const dependencies = [{ ref: 'app', dependsOn: ['c0'] }];
  for (let i = 0; i < n; i++) {
    components.push({ type: 'library', 'bom-ref': `c${i}`, name: `c${i}`, version: '1.0', supplier: { name: 'AO Kaspersky Lab' } });
    dependencies.push({ ref: `c${i}`, dependsOn: i + 1 < n ? [`c${i + 1}`] : [] });
  }
  const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'app' } }, components, dependencies };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ictscan-chain-')), 'chain.cdx.json');
  writeFileSync(file, JSON.stringify(bom));
  return file;
}

describe('a chain of 10,000 flagged components', () => {
  it('reports in every format, each finding carrying a bounded path with its full depth and count', { timeout: 300_000 }, async () => {
    const sbom = chain(N);
    const out = mkdtempSync(path.join(tmpdir(), 'ictscan-chain-out-'));
    const files = Object.fromEntries(FORMATS.map((f) => [f, path.join(out, `report.${f}`)]));
    const r = await cli(['scan', sbom, '-j', '1', '-q', ...FORMATS.flatMap((f) => ['--output-format', `${f}=${files[f]}`])]);
    expect(r.code).toBe(1);

    const report = JSON.parse(readFileSync(files['json'] as string, 'utf8')) as ScanReport;
    expect(report.findings).toHaveLength(N);
    const byName = new Map(report.findings.map((f) => [f.component.name, f]));
    const deepest = byName.get(`c${N - 1}`);
    expect(deepest?.pathLengths).toEqual([N + 1]);
    expect(deepest?.pathCount).toBe(1);
    const shown = deepest?.paths[0] as ComponentSummary[];
    expect(shown.map((c) => c.ref)).toEqual(['app', 'c0', 'c1', '\u2026', `c${N - 4}`, `c${N - 3}`, `c${N - 2}`, `c${N - 1}`]);
    expect(shown[PATH_HEAD]).toEqual({ ref: '\u2026', name: `\u2026 ${N + 1 - PATH_HEAD - PATH_TAIL} more \u2026`, elided: N + 1 - PATH_HEAD - PATH_TAIL });
    // Short paths are whole; every path is bounded, and its length is the real one.
    expect(byName.get('c2')?.paths[0]?.map((c) => c.ref)).toEqual(['app', 'c0', 'c1', 'c2']);
    for (const f of report.findings) {
      for (const p of f.paths) expect(p.length).toBeLessThanOrEqual(PATH_HEAD + PATH_TAIL + 1);
      expect(f.pathLengths[0]).toBe(Number(f.component.name.slice(1)) + 2);
      expect(f.introducedBy).toEqual(['c0']);
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8')) as object);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    // Linear: a few kilobytes per finding in every format (the whole paths took gigabytes).
    for (const f of FORMATS) expect(statSync(files[f] as string).size, f).toBeLessThan(N * 8 * 1024);
    expect(readFileSync(files['table'] as string, 'utf8')).toContain(`\u2026 ${N + 1 - PATH_HEAD - PATH_TAIL} more \u2026`);
  });
});

describe('DependencyGraph on a long chain', () => {
  it('keeps the head and tail of a deep path and its full length, and caps the entry points named', () => {
    const refs = Array.from({ length: 50 }, (_, i) => `n${i}`);
    const edges: Record<string, string[]> = {};
    refs.forEach((r, i) => (edges[r] = i + 1 < refs.length ? [refs[i + 1] as string] : []));
    const g = new DependencyGraph(documentOf(refs.map((name) => component({ name })), edges));
    expect(g.place('n49')).toMatchObject({ paths: [['n0', 'n1', 'n2', 'n46', 'n47', 'n48', 'n49']], pathLengths: [50], pathCount: 1 });
    expect(g.place('n7')).toMatchObject({ paths: [['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']], pathLengths: [8] });

    const entries = Array.from({ length: 40 }, (_, i) => `e${String(i).padStart(2, '0')}`);
    const fan = new DependencyGraph(documentOf([...entries, 'k'].map((name) => component({ name })), Object.fromEntries(entries.map((e) => [e, ['k']]))));
    const k = fan.place('k');
    expect(k.introducedByCount).toBe(40);
    expect(k.introducedBy).toEqual(entries.slice(0, 25));
  });
});
