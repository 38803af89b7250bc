// Coverage in every reporter: a document with parts its reader could not check is never called clean, and a 1.0
// report merged today is recounted so that its unidentified components are no longer clean.
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/batch/merge.js';
import type { DocumentReport, ScanReport } from '../../src/model/result.js';
import { REPORTERS } from '../../src/report/registry.js';
import { assembleReport, prepareRules, scanBytes } from '../../src/scan.js';
import { summarize } from '../../src/pipeline.js';
import { decideGate } from '../../src/policy/apply.js';
import { unwrap } from '../helpers/cli.js';

const rules = prepareRules();
const NOW = new Date('2026-11-21T00:00:00Z');
const ctx = { color: false, failOn: 'info' as const, width: 120 };

function reportOf(docs: Record<string, unknown>): ScanReport {
  const results = Object.entries(docs).map(([source, doc]) => scanBytes(source, Buffer.from(JSON.stringify(doc)), rules, { walked: false, minConfidence: 'medium', maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence: 'medium', now: NOW });
}

const cdx = (components: unknown[]) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
const TESTED = { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' };

/** A report whose one document had a part its reader did not understand (as a reader reports it in SbomDocument.unchecked). */
function withUnchecked(): ScanReport {
  const base = reportOf({ 'app.cdx.json': cdx([TESTED]) });
  const documents = base.documents.map((d) => ({ ...d, unchecked: ['components[0].x-vendor-blob: an element kind the reader does not understand'] }));
  const report = { ...base, documents, summary: summarize(documents, base.skipped, base.findings, 0) };
  return { ...report, gate: decideGate(report, { failOn: 'info' }) };
}

describe('a part the reader could not check counts against coverage, in every format', () => {
  const report = withUnchecked();
  const render = (format: string) => REPORTERS.get(format)?.render(report, ctx) ?? '';

  it('the summary counts the document as partly checked, though every component was tested', () => {
    expect(report.summary).toMatchObject({ components: 1, cleanComponents: 1, untestableComponents: 0, documentsPartlyChecked: 1 });
  });

  it('no format calls it clean, and each names what was not checked', () => {
    expect(render('table')).toMatch(/^ {2}no findings in what could be checked$/m);
    expect(render('table')).toMatch(/^ {2}not checked: components\[0\]\.x-vendor-blob: an element kind the reader does not understand$/m);
    expect(unwrap(render('table'))).toMatch(/^Gate \(--fail-on info\): PASS \(not fully checked: 1 part of documents could not be checked\)$/m);
    expect(render('markdown')).not.toMatch(/✅/);
    expect(render('markdown')).toMatch(/ {2}- not checked: `components\[0\]\.x-vendor-blob/);
    expect(render('html')).not.toMatch(/No Kaspersky software found\./);
    expect(render('html')).toMatch(/<li>not checked: components\[0\]\.x-vendor-blob/);
    const sarif = JSON.parse(render('sarif')) as { runs: { invocations: { toolExecutionNotifications: { descriptor: { id: string } }[] }[] }[] };
    expect(sarif.runs[0]?.invocations[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toEqual(['not-fully-checked', 'input-unchecked']);
    expect(render('junit')).toMatch(/<testcase name="coverage" classname="app.cdx.json" time="0">\n\s*<skipped message="not fully checked: 1 part of the document could not be checked/);
    expect(render('csv')).toMatch(/,UNCHECKED,components\[0\]\.x-vendor-blob: an element kind the reader does not understand,/);
    expect((JSON.parse(render('json')) as ScanReport).documents[0]?.unchecked).toHaveLength(1);
  });
});

describe('merge reads a 1.0 report in today\u2019s accounting', () => {
  it('unidentified components that no finding names become untestable, and clean shrinks by as many', () => {
    const today = reportOf({ 'a.cdx.json': cdx([TESTED, { type: 'library', name: 'bare' }, { type: 'library', name: 'kaspersky-endpoint-security' }]) });
    // What ictscan 1.0 wrote: no untestable or unchecked fields, every unflagged component counted clean.
    const old = JSON.parse(JSON.stringify(today)) as ScanReport;
    const { curated, ...oldRules } = old.rules;
    void curated;
    const oldDocs = old.documents.map((d) => {
      const { untestableComponents, untestable, unchecked, ...rest } = d as DocumentReport & Record<string, unknown>;
      void untestable;
      void unchecked;
      return { ...rest, cleanComponents: d.cleanComponents + untestableComponents };
    });
    const merged = mergeReports([{ ...old, schemaVersion: '1.0.0', rules: oldRules, documents: oldDocs } as unknown as ScanReport]).report;
    const [d] = merged.documents;
    expect(today.documents[0]?.unidentifiedComponents).toBeGreaterThan(today.documents[0]?.untestableComponents ?? 0);
    expect(d).toMatchObject({ components: 3, flaggedComponents: today.documents[0]?.flaggedComponents, cleanComponents: today.documents[0]?.cleanComponents, untestableComponents: today.documents[0]?.untestableComponents, unchecked: [] });
    expect(merged.summary.untestableComponents).toBe(today.summary.untestableComponents);
    expect(merged.rules.curated).toBe(true);
    expect(merged.schemaVersion).toBe(today.schemaVersion);
  });
});
