// npm run bench hostile: the cost of linear-time rule patterns, and how hostile inputs scale (time at n and 4n; linear is about 4x).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CompiledRules, LinearRegex, PatternEntry } from '../src/match/compile.js';
import { prepareRules, scanBytes, type PreparedRules } from '../src/scan.js';
import { best } from './timing.js';
import { cyclonedxDocument } from './generate.js';

const NOW = new Date();

function scan(rules: PreparedRules, bytes: Buffer): number {
  return scanBytes('bench.json', bytes, rules, { walked: false, minConfidence: 'low', maxSize: 1e10, now: NOW }).findings.length;
}

/** The compiled rules as they were before RE2: V8 RegExps, one alternation per flag set. */
function withNativeRegExps(prepared: PreparedRules): PreparedRules {
  const pattern = (p: PatternEntry): string => {
    const c = p.entry.condition;
    return (c.kind === 'name' || c.kind === 'text') && c.pattern !== undefined ? c.pattern : '';
  };
  const native = (src: string): RegExp => new RegExp(src, /[^\x00-\x7f]|\\[pP]\{|\\u\{/.test(src) ? 'iu' : 'i');
  const entries = (list: readonly PatternEntry[]): PatternEntry[] => list.map((p) => ({ entry: p.entry, regex: native(pattern(p)) }));
  const combine = (list: readonly PatternEntry[]): LinearRegex[] =>
    ['i', 'iu'].flatMap((flags) => {
      const same = list.filter((p) => (p.regex as RegExp).flags === flags);
      return same.length === 0 ? [] : [new RegExp(same.map((p) => `(?:${pattern(p)})`).join('|'), flags)];
    });
  const namePatterns = entries(prepared.compiled.namePatterns);
  const textPatterns = entries(prepared.compiled.textPatterns);
  const compiled: CompiledRules = { ...prepared.compiled, namePatterns, textPatterns, namePrefilter: combine(namePatterns), textPrefilter: combine(textPatterns) };
  return { ...prepared, compiled };
}

/** RE2 against V8's RegExp on the 100,000-component document, runs interleaved so that both see the same machine load. */
export function regexEngineCost(): void {
  const size = Number(process.env['BENCH_COMPONENTS'] ?? 100_000);
  const runs = Number(process.env['BENCH_RUNS'] ?? 5);
  const bytes = Buffer.from(JSON.stringify(cyclonedxDocument(size, 10)));
  const re2 = prepareRules();
  const v8 = withNativeRegExps(re2);
  scan(re2, bytes);
  scan(v8, bytes);
  let bestRe2 = Infinity;
  let bestV8 = Infinity;
  for (let i = 0; i < runs; i++) {
    bestV8 = Math.min(bestV8, best(1, () => scan(v8, bytes)));
    bestRe2 = Math.min(bestRe2, best(1, () => scan(re2, bytes)));
  }
  console.log(`Rule patterns on RE2 (re2js) vs V8 RegExp, CycloneDX JSON, ${size.toLocaleString('en')} components, best of ${runs} interleaved runs`);
  console.log(`  V8 RegExp:      ${bestV8.toFixed(0)} ms full scan`);
  console.log(`  RE2:            ${bestRe2.toFixed(0)} ms full scan (${(((bestRe2 - bestV8) / bestV8) * 100).toFixed(1)}%)`);
}

function cdx(components: readonly object[], extra: object = {}): Buffer {
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', ...extra, components }));
}

const CDX_XML = 'http://cyclonedx.org/schema/bom/1.6';
const RDF_OPEN = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument rdf:about="http://x#SPDXRef-DOCUMENT"><spdx:specVersion>SPDX-2.3</spdx:specVersion></spdx:SpdxDocument>';

interface Family {
  readonly name: string;
  readonly n: number;
  readonly make: (n: number) => Buffer;
  readonly rules?: () => PreparedRules;
  /** A known super-linear case, reported rather than fixed here. */
  readonly known?: string;
}

function patternPack(): PreparedRules {
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-bench-rules-'));
  const rule = (id: string, kind: string, pattern: string) => ({ id, title: id, category: 'product', severity: 'high', status: 'banned', description: 'bench', conditions: [{ kind, pattern }], remediation: { action: 'remove', summary: 'remove it' }, references: [{ url: 'https://example.org/' }], checked: '2026-11-21' });
  // Catastrophic in a backtracking engine, and accepted at load (no nested quantifier): RE2 must keep them linear.
  writeFileSync(path.join(dir, 'redos.json'), JSON.stringify({ rules: [rule('BENCH-R-001', 'name', '^(a|aa)*$'), rule('BENCH-R-002', 'text', '^(\\s|\\S)*x$'), rule('BENCH-R-003', 'text', '.*a.*a.*a.*=')] }));
  return prepareRules({ rulesOnly: [dir] });
}

const FAMILIES: readonly Family[] = [
  { name: 'XML detection: unclosed <?', n: 16_000, make: (n) => Buffer.from('<?'.repeat(n)) },
  { name: 'XML detection: unclosed <!--', n: 16_000, make: (n) => Buffer.from('<!--'.repeat(n)) },
  { name: 'XML detection: unclosed DOCTYPE [', n: 8_000, make: (n) => Buffer.from('<!DOCTYPE x ['.repeat(n)) },
  { name: 'JSON: nested arrays', n: 50_000, make: (n) => Buffer.from('['.repeat(n) + ']'.repeat(n)) },
  { name: 'CycloneDX: nested components', n: 50_000, make: (n) => Buffer.from(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":${'[{"name":"a","components":'.repeat(n)}[]${'}]'.repeat(n)}}`) },
  { name: 'XML: predefined entities in one text', n: 50_000, make: (n) => Buffer.from(`<bom xmlns="${CDX_XML}"><components><component type="library"><name>${'&amp;'.repeat(n)}</name></component></components></bom>`) },
  { name: 'XML: one huge attribute', n: 1_000_000, make: (n) => Buffer.from(`<bom xmlns="${CDX_XML}"><components><component type="${'t'.repeat(n)}"><name>x</name></component></components></bom>`) },
  { name: 'XML: sibling components', n: 5_000, make: (n) => Buffer.from(`<bom xmlns="${CDX_XML}"><components>${'<component type="library"><name>x</name></component>'.repeat(n)}</components></bom>`) },
  { name: 'SPDX tag-value: <text> blocks', n: 5_000, make: (n) => Buffer.from(`SPDXVersion: SPDX-2.3\n${'PackageName: a\nPackageComment: <text>x\ny</text>\n'.repeat(n)}`) },
  { name: 'SPDX YAML: packages', n: 2_000, make: (n) => Buffer.from(`spdxVersion: SPDX-2.3\npackages:\n${'  - name: a\n    SPDXID: SPDXRef-a\n'.repeat(n)}`) },
  {
    name: 'RDF: packages sharing a licence set',
    n: 1_000,
    make: (n) => Buffer.from(`${RDF_OPEN}${Array.from({ length: n }, (_, i) => `<spdx:Package rdf:about="http://x#SPDXRef-p${i}"><spdx:name>p</spdx:name><spdx:licenseConcluded rdf:nodeID="l0"/></spdx:Package>`).join('')}<spdx:ConjunctiveLicenseSet rdf:nodeID="l0"><spdx:member rdf:resource="http://spdx.org/licenses/MIT"/><spdx:member rdf:resource="http://spdx.org/licenses/0BSD"/></spdx:ConjunctiveLicenseSet></rdf:RDF>`),
  },
  { name: 'SPDX party: blanks and brackets', n: 20_000, make: (n) => Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-a', name: 'a', supplier: `Organization: ${' '.repeat(n)}x`, originator: `Person: ${'(@'.repeat(n)}` }] })) },
  { name: 'rule patterns: ReDoS-shaped names', n: 2_000, make: (n) => cdx([{ name: `${'a'.repeat(n)}!`, description: `${'a '.repeat(n)}!` }]), rules: patternPack },
  { name: 'names and descriptions: 4 KiB / 10 KiB each', n: 500, make: (n) => cdx(Array.from({ length: n }, (_, i) => ({ name: `${'kaspersky-'.repeat(400)}${i}`, description: 'Kaspersky '.repeat(1000) }))) },
  {
    name: 'graph: flagged components in a chain',
    n: 500,
    known: 'the report itself: each finding carries its whole path from the root, so it grows with findings times depth',
    make: (n) => {
      const components = Array.from({ length: n }, (_, i) => ({ 'bom-ref': `c${i}`, name: 'kaspersky-endpoint-security' }));
      const dependencies = [{ ref: 'root', dependsOn: ['c0'] }, ...components.map((_, i) => ({ ref: `c${i}`, dependsOn: i + 1 < n ? [`c${i + 1}`] : [] }))];
      return cdx(components, { metadata: { component: { 'bom-ref': 'root', name: 'app' } }, dependencies });
    },
  },
  {
    name: 'graph: flagged diamonds (paths double per layer)',
    n: 20,
    known: 'the report itself: five paths per finding, each as long as its depth (the walks stay within their budgets)',
    make: (layers) => {
      const components: object[] = [];
      const dependencies: object[] = [{ ref: 'root', dependsOn: ['a0', 'b0'] }];
      for (let i = 0; i < layers; i++) {
        components.push({ 'bom-ref': `a${i}`, name: 'kaspersky-endpoint-security' }, { 'bom-ref': `b${i}`, name: 'kaspersky-endpoint-security' });
        if (i + 1 < layers) dependencies.push({ ref: `a${i}`, dependsOn: [`a${i + 1}`, `b${i + 1}`] }, { ref: `b${i}`, dependsOn: [`a${i + 1}`, `b${i + 1}`] });
      }
      return cdx(components, { metadata: { component: { 'bom-ref': 'root', name: 'app' } }, dependencies });
    },
  },
];

/** Time at n and at 4n: about 4x is linear; 16x is quadratic. */
function scaling(): void {
  const curated = prepareRules();
  console.log('Hostile inputs: time of a full scan at n and 4n (linear is about 4x; over 8x is flagged)');
  for (const f of FAMILIES) {
    const rules = f.rules ? f.rules() : curated;
    const small = f.make(f.n);
    const large = f.make(4 * f.n);
    scan(rules, small);
    const a = best(3, () => scan(rules, small));
    const b = best(3, () => scan(rules, large));
    const ratio = b / Math.max(a, 0.05);
    const verdict = ratio <= 8 || b < 5 ? 'linear' : f.known ? `SUPER-LINEAR (known: ${f.known})` : 'SUPER-LINEAR';
    console.log(`  ${f.name.padEnd(48)} n=${String(f.n).padStart(9)}: ${a.toFixed(1).padStart(8)} ms, 4n: ${b.toFixed(1).padStart(8)} ms, ${ratio.toFixed(1).padStart(5)}x  ${verdict}`);
  }
}

export function hostileBench(): void {
  regexEngineCost();
  scaling();
}
