// Reporters: the JSON contract holds, and nothing taken from an SBOM can forge or inject output.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { scanBytes, prepareRules, assembleReport } from '../../src/scan.js';
import { REPORTERS } from '../../src/report/registry.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { ScanReport } from '../../src/model/result.js';
import { corpusEntries, CORPUS_MISSING, partlyWithCorpus } from '../helpers/corpus.js';
import { activeElements, renderMarkdown } from '../helpers/markdown.js';

const rules = prepareRules();
const NOW = new Date('2026-11-21T00:00:00Z');
const ctx = { color: false, failOn: 'info' as const, width: 120 };

function reportOf(docs: Record<string, string>): ScanReport {
  const results = Object.entries(docs).map(([source, text]) => scanBytes(source, Buffer.from(text), rules, { walked: false, minConfidence: 'medium', maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence: 'medium', now: NOW });
}

const hostile = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: [
    { type: 'library', name: '<img src=x onerror=alert(1)>', version: '](javascript:alert(1))', supplier: { name: 'AO Kaspersky Lab' } },
    { type: 'library', name: 'evil\u001b[2J\u001b[HSummary: 0 findings\u202e', version: '1\n0 findings', supplier: { name: 'AO Kaspersky Lab' } },
  ],
});

describe('json reporter', () => {
  const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);

  it(partlyWithCorpus('produces reports valid against schemas/report.schema.json, for the samples and every corpus file'), () => {
    const samples = ['acme-secure-gateway.cdx.json', 'acme-secure-gateway.spdx.json'].map((f) => path.join(PACKAGE_ROOT, 'sbom-samples', f));
    const inputs = [...samples, ...corpusEntries().map((e) => e.path)];
    if (!CORPUS_MISSING) expect(inputs.length).toBeGreaterThan(samples.length);
    const results = inputs.map((p) => scanBytes(p, readFileSync(p), rules, { walked: false, minConfidence: 'low', maxSize: 1e9, now: NOW }));
    const report = assembleReport(results, rules, { minConfidence: 'low', now: NOW });
    const parsed = JSON.parse(REPORTERS.get('json')?.render(report, ctx) ?? '');
    expect(validate(parsed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(parsed.summary.flaggedComponents + parsed.summary.cleanComponents + parsed.summary.untestableComponents).toBe(parsed.summary.components);
  });
});

describe('table reporter', () => {
  it('strips terminal control sequences and bidi overrides from SBOM values', () => {
    const out = REPORTERS.get('table')?.render(reportOf({ 'hostile.json': hostile }), ctx) ?? '';
    expect(out).not.toMatch(/\u001b/);
    expect(out).not.toMatch(/\u202e/);
    expect(out).not.toMatch(/^Summary: 0 findings/m);
    expect(out).toMatch(/Summary: 1 document, 2 components read, 2 flagged/);
  });
});

describe('markdown reporter', () => {
  it('renders everything taken from an SBOM as text: no element, no link, by either renderer', () => {
    const out = REPORTERS.get('markdown')?.render(reportOf({ 'hostile.json': hostile }), ctx) ?? '';
    for (const [renderer, html] of Object.entries(renderMarkdown(out))) {
      expect(activeElements(html), renderer).toEqual([]);
      expect(html, renderer).toContain('<code>&lt;img src=x onerror=alert(1)&gt;@](javascript:alert(1))</code>');
    }
  });

  it('says when nothing was found, and only when everything was checked', () => {
    const clean = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad', purl: 'pkg:npm/left-pad@1.3.0' }] });
    expect(REPORTERS.get('markdown')?.render(reportOf({ 'clean.json': clean }), ctx)).toMatch(/✅ No Kaspersky components found/);
    const names = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad' }] });
    const partial = REPORTERS.get('markdown')?.render(reportOf({ 'names.json': names }), ctx) ?? '';
    expect(partial).not.toMatch(/✅/);
    expect(partial).toMatch(/⚠️ No Kaspersky components found in what could be checked/);
  });
});
