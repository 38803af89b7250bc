// JUnit reporter: well-formed XML whatever the SBOM holds, counts that add up, and the --fail-on gate per test case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../../src/model/result.js';
import { severityRank } from '../../src/model/severity.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { escapeXmlAttribute, escapeXmlText, junitReporter } from '../../src/report/junit.js';
import type { ReportContext } from '../../src/report/reporter.js';
import { assembleReport, prepareRules, scanBytes } from '../../src/scan.js';

const rules = prepareRules();
const NOW = new Date('2026-11-21T00:00:00Z');
const SAMPLES = ['acme-secure-gateway.cdx.json', 'acme-secure-gateway.spdx.json'].map((f) => path.join('sbom-samples', f));

function ctx(failOn: ReportContext['failOn']): ReportContext {
  return { color: false, failOn, width: 120 };
}

function reportOf(inputs: readonly { source: string; bytes: Buffer }[]): ScanReport {
  const results = inputs.map((i) => scanBytes(i.source, i.bytes, rules, { walked: false, minConfidence: 'medium', maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence: 'medium', now: NOW });
}

function samplesReport(): ScanReport {
  return reportOf(SAMPLES.map((source) => ({ source, bytes: readFileSync(path.join(PACKAGE_ROOT, source)) })));
}

interface Outcome {
  '@_message'?: string;
  '@_type'?: string;
  '#text'?: string;
}

interface TestCase {
  '@_name': string;
  '@_classname': string;
  failure?: Outcome;
  error?: Outcome;
  skipped?: Outcome;
  'system-out'?: string;
}

interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: TestCase[];
}

interface Parsed {
  testsuites: { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; '@_time': string; testsuite?: Suite[] };
}

// fast-xml-parser's validator does not check characters or entity syntax, so those are checked here as well.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Check the output is well-formed XML 1.0 and return it parsed. */
function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(NOT_XML_CHAR);
  expect(xml).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
  expect(xml).not.toMatch(/="[^"]*[<>][^"]*"/);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml) as Parsed;
}

function suitesOf(p: Parsed): Suite[] {
  return p.testsuites.testsuite ?? [];
}

function casesOf(p: Parsed): TestCase[] {
  return suitesOf(p).flatMap((s) => s.testcase);
}

function atOrAbove(findings: readonly Finding[], failOn: 'info' | 'low' | 'medium' | 'high' | 'critical'): Finding[] {
  return findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
}

const hostile = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: [
    { type: 'library', name: '<img src=x onerror=alert(1)>', version: '"\'&amp;]]>', supplier: { name: 'AO Kaspersky Lab' } },
    { type: 'library', name: 'evil\u001b[2J\u001b[H</testcase><testcase name="forged">\u202e', version: '1\n0\u0000\u0007\u000b', supplier: { name: 'AO Kaspersky Lab' } },
    { type: 'library', name: 'lone\ud800surrogate\udfff\ufffe', supplier: { name: 'AO Kaspersky Lab' } },
  ],
});

describe('junit reporter: structure and counts', () => {
  const report = samplesReport();

  it('has one suite per document, a scan case plus one case per finding, and totals that match the cases', () => {
    const p = parse(junitReporter.render(report, ctx('high')));
    const suites = suitesOf(p);
    expect(p.testsuites['@_name']).toBe('ictscan');
    expect(suites.map((s) => s['@_name'])).toEqual(report.documents.map((d) => d.source));
    for (const s of suites) {
      const findings = report.findings.filter((f) => f.source === s['@_name']);
      expect(s.testcase).toHaveLength(1 + findings.length);
      expect(s.testcase[0]?.['@_name']).toBe('scan');
      expect(s.testcase.slice(1).map((c) => c['@_name'])).toEqual(findings.map((f) => `${f.rule.id} ${f.component.version ? `${f.component.name}@${f.component.version}` : f.component.name}`));
      expect(s.testcase.every((c) => c['@_classname'] === s['@_name'])).toBe(true);
      expect(Number(s['@_tests'])).toBe(s.testcase.length);
      expect(Number(s['@_failures'])).toBe(s.testcase.filter((c) => c.failure !== undefined).length);
      expect(Number(s['@_errors'])).toBe(s.testcase.filter((c) => c.error !== undefined).length);
      expect(Number(s['@_skipped'])).toBe(s.testcase.filter((c) => c.skipped !== undefined).length);
    }
    const cases = casesOf(p);
    expect(Number(p.testsuites['@_tests'])).toBe(cases.length);
    expect(Number(p.testsuites['@_failures'])).toBe(cases.filter((c) => c.failure !== undefined).length);
    expect(Number(p.testsuites['@_errors'])).toBe(0);
    expect(p.testsuites['@_time']).toBe('0');
  });

  it('puts the plan in the failure text and in system-out for findings that pass', () => {
    const cases = casesOf(parse(junitReporter.render(report, ctx('critical'))));
    const failed = cases.find((c) => c.failure !== undefined && c['@_name'] !== 'scan');
    expect(failed?.failure?.['@_type']).toBe('critical');
    expect(failed?.failure?.['#text']).toMatch(/^Do \(\w[\w-]*\): /m);
    expect(failed?.failure?.['#text']).toMatch(/^By when: /m);
    const passed = cases.find((c) => c.failure === undefined && c['@_name'] !== 'scan');
    expect(passed?.['system-out']).toMatch(/^Where: /m);
  });
});

describe('junit reporter: the --fail-on threshold', () => {
  const report = samplesReport();
  const withFindings = new Set(report.findings.map((f) => f.source)).size;

  it.each(['info', 'low', 'medium', 'high', 'critical'] as const)('fails exactly the findings at or above %s, and the scans that have them', (failOn) => {
    const p = parse(junitReporter.render(report, ctx(failOn)));
    const failing = atOrAbove(report.findings, failOn);
    const failedScans = new Set(failing.map((f) => f.source)).size;
    expect(Number(p.testsuites['@_failures'])).toBe(failing.length + failedScans);
    const failedNames = casesOf(p).filter((c) => c.failure !== undefined && c['@_name'] !== 'scan').map((c) => c['@_name']);
    expect(failedNames).toHaveLength(failing.length);
  });

  it('fails nothing with none, and everything with any', () => {
    const none = parse(junitReporter.render(report, ctx('none')));
    expect(Number(none.testsuites['@_failures'])).toBe(0);
    expect(Number(none.testsuites['@_tests'])).toBe(report.findings.length + report.documents.length);
    const any = parse(junitReporter.render(report, ctx('any')));
    expect(Number(any.testsuites['@_failures'])).toBe(report.findings.length + withFindings);
  });

  it('never fails a suppressed finding: it is skipped with its reason, and the scan case ignores it', () => {
    const source = SAMPLES[0] ?? '';
    const one = reportOf([{ source, bytes: readFileSync(path.join(PACKAGE_ROOT, source)) }]);
    const findings: Finding[] = one.findings.map((f) => ({ ...f, suppression: { reason: `accepted for ${f.rule.id}`, origin: 'policy.yaml#0' } }));
    const p = parse(junitReporter.render({ ...one, findings }, ctx('info')));
    expect(Number(p.testsuites['@_failures'])).toBe(0);
    expect(Number(p.testsuites['@_skipped'])).toBe(findings.length);
    const cases = casesOf(p);
    expect(cases[0]?.['@_name']).toBe('scan');
    expect(cases[0]?.failure).toBeUndefined();
    for (const [i, c] of cases.slice(1).entries()) expect(c.skipped?.['@_message']).toBe(`suppressed: accepted for ${findings[i]?.rule.id ?? ''}`);
  });
});

describe('junit reporter: unreadable documents', () => {
  it('reports an unreadable document as an error in its scan case', () => {
    const report = reportOf([
      { source: 'sboms/broken.cdx.json', bytes: Buffer.from('{"bomFormat": "CycloneDX", "specVersion": ') },
      { source: SAMPLES[0] ?? '', bytes: readFileSync(path.join(PACKAGE_ROOT, SAMPLES[0] ?? '')) },
    ]);
    const p = parse(junitReporter.render(report, ctx('none')));
    expect(Number(p.testsuites['@_errors'])).toBe(1);
    const broken = suitesOf(p).find((s) => s['@_name'] === 'sboms/broken.cdx.json');
    expect(broken?.testcase).toHaveLength(1);
    expect(broken?.['@_errors']).toBe('1');
    const error = broken?.testcase[0]?.error;
    expect(error?.['@_message']).toMatch(/^sboms\/broken\.cdx\.json: /);
    expect(error?.['@_type']).toBe('malformed');
  });
});

describe('junit reporter: hostile SBOM values', () => {
  it('escapes markup and drops what XML 1.0 forbids, in names, messages and text', () => {
    const source = 'sboms/<evil> & "quoted" \'x\'\u0001\ud800.json';
    const report = reportOf([{ source, bytes: Buffer.from(hostile) }]);
    expect(report.findings).toHaveLength(3);
    for (const failOn of ['info', 'none'] as const) {
      const xml = junitReporter.render(report, ctx(failOn));
      const p = parse(xml);
      expect(xml).not.toMatch(/<img/);
      expect(xml).not.toMatch(/<testcase name="forged"/);
      expect(xml).not.toMatch(/[\u001b\u202e]/);
      const suite = suitesOf(p)[0];
      expect(suite?.['@_name']).toBe('sboms/<evil> & "quoted" \'x\'\ufffd.json');
      expect(suite?.testcase).toHaveLength(4);
      const names = casesOf(p).map((c) => c['@_name']);
      expect(names.some((n) => n.includes('<img src=x onerror=alert(1)>@"\'&amp;]]>'))).toBe(true);
      expect(names.some((n) => n.includes('</testcase><testcase name="forged">'))).toBe(true);
    }
  });
});

describe('escapeXmlText and escapeXmlAttribute', () => {
  it('escape the five markup characters', () => {
    expect(escapeXmlText(`a&b<c>d"e'f]]>`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f]]&gt;');
    expect(escapeXmlAttribute(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });

  it('drop characters XML 1.0 forbids, keeping surrogate pairs and allowed whitespace', () => {
    expect(escapeXmlText('a\u0000b\u0001c\u0008d\u000be\u000cf\u000eg\u001fh\ufffei\uffffj')).toBe('abcdefghij');
    expect(escapeXmlText('x\ud800y\udc00z')).toBe('xyz');
    expect(escapeXmlText('😀 \ud83d\ude00')).toBe('😀 😀');
    expect(escapeXmlText('tab\there\nnext')).toBe('tab\there\nnext');
    expect(escapeXmlText('cr\r\n')).toBe('cr&#13;\n');
    expect(escapeXmlText('\u0085\u2028 stays')).toBe('\u0085\u2028 stays');
  });

  it('keep whitespace in attributes as character references, so that attribute normalization cannot eat it', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd\u0000')).toBe('a&#9;b&#10;c&#13;d');
    const xml = `<a v="${escapeXmlAttribute('<&>"\'\u0007\ud800')}">${escapeXmlText('<&>"\'\u0007\ud800')}</a>`;
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml) as { a: { '@_v': string; '#text': string } };
    expect(parsed.a['@_v']).toBe('<&>"\'');
    expect(parsed.a['#text']).toBe('<&>"\'');
  });
});
