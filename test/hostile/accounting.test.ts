// Nothing is lost: for every corpus file, flagged plus clean plus untestable equals the components read, in every report format that carries counts.
import { describe, expect, it } from 'vitest';
import type { DocumentReport, ScanReport } from '../../src/model/result.js';
import { REPORTERS } from '../../src/report/registry.js';
import { assembleReport } from '../../src/scan.js';
import { CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';
import { CTX, NOW, RULES, corpusFiles, expectContract, scanOne } from './helpers.js';
import { unwrap } from '../helpers/cli.js';

const files = corpusFiles();

/** Numbers in a rendered report, found by a pattern with one capture per number. */
function numbers(text: string, re: RegExp): number[][] {
  return [...text.matchAll(re)].map((m) => m.slice(1).map(Number));
}

describe.skipIf(CORPUS_MISSING)(withCorpus('every corpus file is accounted for'), () => {
  const results = files.map((f) => {
    const r = scanOne(f.path, f.bytes);
    expectContract(f.path, r);
    return r;
  });
  const report: ScanReport = assembleReport(results, RULES, { minConfidence: 'low', now: NOW });
  const read = report.documents.filter((d) => d.error === null);
  const render = (format: string): string => REPORTERS.get(format)?.render(report, CTX) ?? '';

  it('each document: flagged + clean + untestable = components, and a flagged component has a finding', () => {
    expect(report.documents).toHaveLength(files.length);
    for (const d of read) {
      expect(d.flaggedComponents + d.cleanComponents + d.untestableComponents, d.source).toBe(d.components);
      const flaggedRefs = new Set(report.findings.filter((f) => f.source === d.source && !f.subject && f.component.kind === 'component').map((f) => f.component.ref));
      expect(flaggedRefs.size, d.source).toBeLessThanOrEqual(d.flaggedComponents);
      if (d.flaggedComponents > 0) expect(d.findings, d.source).toBeGreaterThan(0);
    }
  });

  it('the summary adds up the documents, and an unreadable one counts no components', () => {
    const sum = (k: keyof Pick<DocumentReport, 'components' | 'flaggedComponents' | 'cleanComponents' | 'untestableComponents'>) => report.documents.reduce((n, d) => n + d[k], 0);
    const s = report.summary;
    expect(s.flaggedComponents + s.cleanComponents + s.untestableComponents).toBe(s.components);
    expect([s.components, s.flaggedComponents, s.cleanComponents, s.untestableComponents]).toEqual([sum('components'), sum('flaggedComponents'), sum('cleanComponents'), sum('untestableComponents')]);
    expect(s.findings).toBe(report.findings.length);
    for (const d of report.documents.filter((x) => x.error !== null)) expect([d.components, d.flaggedComponents, d.cleanComponents, d.untestableComponents]).toEqual([0, 0, 0, 0]);
    expect(s.documentsWithErrors).toBe(report.documents.length - read.length);
  });

  it('JSON: the same numbers, per document and in the summary', () => {
    const parsed = JSON.parse(render('json')) as ScanReport;
    expect(parsed.summary.flaggedComponents + parsed.summary.cleanComponents + parsed.summary.untestableComponents).toBe(parsed.summary.components);
    for (const d of parsed.documents) expect(d.flaggedComponents + d.cleanComponents + d.untestableComponents, d.source).toBe(d.components);
  });

  it('table and Markdown: the summary line says read = flagged + clean + untestable, with the report\u2019s numbers', () => {
    const s = report.summary;
    for (const format of ['table', 'markdown']) {
      const [line] = numbers(unwrap(render(format)), /(\d+) components read, (\d+) flagged, (\d+) clean, (\d+) untestable/g);
      expect(line, format).toEqual([s.components, s.flaggedComponents, s.cleanComponents, s.untestableComponents]);
    }
  });

  it('table: each document\u2019s heading states its component count', () => {
    const lines = render('table').split('\n');
    for (const d of read) {
      // The document's name on one line, its format and counts on the next (both fit 80 columns).
      const heading = lines[lines.indexOf(d.source.length > 76 ? `${d.source.slice(0, 75)}…` : d.source) + 1] ?? '';
      expect(numbers(heading, /^ {2}\([^,]*, (\d+) components/g)[0], d.source).toEqual([d.components]);
    }
  });

  it('HTML: the tiles and the per-document rows hold the same counts', () => {
    const out = render('html');
    const tile = (label: string) => numbers(out, new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`, 'g'))[0]?.[0];
    expect(tile('Components')).toBe(report.summary.components);
    expect(tile('Flagged components')).toBe(report.summary.flaggedComponents);
    expect(tile('Clean components')).toBe(report.summary.cleanComponents);
    expect(tile('Untestable components')).toBe(report.summary.untestableComponents);
    const rows = numbers(out, /<td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g);
    expect(rows).toEqual(read.map((d) => [d.components, d.flaggedComponents, d.cleanComponents, d.untestableComponents, d.findings]));
  });

  it('JUnit: each document\u2019s suite states its component and finding counts', () => {
    const rows = numbers(render('junit'), /, (\d+) components \((\d+) flagged, (\d+) clean, (\d+) untestable\), (\d+) findings/g);
    expect(rows).toEqual(read.map((d) => [d.components, d.flaggedComponents, d.cleanComponents, d.untestableComponents, d.findings]));
  });
});
