// SARIF reporter: valid against the official 2.1.0 schema for every kind of report, stable fingerprints, GitHub's mappings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../../src/model/result.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { ReportContext } from '../../src/report/reporter.js';
import { SARIF_SCHEMA_MISSING, sarifValidator, withSarifSchema } from '../helpers/sarif.js';
import { artifactLocation, pascalCase, SARIF_LEVELS, SARIF_SCHEMA_URI, SECURITY_SEVERITY, sarifReporter } from '../../src/report/sarif.js';
import { assembleReport, prepareRules, scanBytes } from '../../src/scan.js';
import { corpusEntries, CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';

const rules = prepareRules();
const NOW = new Date('2026-11-21T00:00:00Z');
const SAMPLES = ['acme-secure-gateway.cdx.json', 'acme-secure-gateway.spdx.json'].map((f) => path.join('sbom-samples', f));
const ctx: ReportContext = { color: false, failOn: 'info', width: 120, rules: rules.byId, cwd: PACKAGE_ROOT };

function reportOf(inputs: readonly { source: string; bytes: Buffer }[], minConfidence: 'low' | 'medium' = 'medium'): ScanReport {
  const results = inputs.map((i) => scanBytes(i.source, i.bytes, rules, { walked: false, minConfidence, maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence, now: NOW });
}

function samplesReport(): ScanReport {
  return reportOf(SAMPLES.map((source) => ({ source, bytes: readFileSync(path.join(PACKAGE_ROOT, source)) })));
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } }; logicalLocations: { name: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  baselineState?: string;
  properties: Record<string, unknown>;
}

interface SarifRule {
  id: string;
  name: string;
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}

interface SarifLogShape {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] } };
    automationDetails?: { id: string };
    invocations: { executionSuccessful: boolean; commandLine?: string; toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    results: SarifResult[];
    properties: { summary: { findings: number } };
  }[];
}

function runOf(log: SarifLogShape): SarifLogShape['runs'][number] {
  const run = log.runs[0];
  if (!run) throw new Error('no run');
  return run;
}

const validate = SARIF_SCHEMA_MISSING ? undefined : sarifValidator();

/** Render, check the output is JSON valid against the SARIF schema (JSON only without ../shared), and return it parsed. */
function renderValid(report: ScanReport, context: ReportContext = ctx): SarifLogShape {
  const text = sarifReporter.render(report, context);
  const parsed: unknown = JSON.parse(text);
  if (validate) expect(validate(parsed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return parsed as SarifLogShape;
}

const hostile = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: [
    { type: 'library', name: '<img src=x onerror=alert(1)>', version: '](javascript:alert(1))', supplier: { name: 'AO Kaspersky Lab' } },
    { type: 'library', name: 'evil\u001b[2J\u001b[HSummary: 0 findings\u202e"}', version: '1\n0 findings', supplier: { name: 'AO Kaspersky Lab' } },
    { type: 'library', name: 'lone\ud800surrogate\u0000nul', purl: 'pkg:npm/%40kaspersky/x%22y@1', supplier: { name: 'AO Kaspersky Lab' } },
  ],
});

describe('sarif reporter: schema validity', () => {
  it(withSarifSchema('is valid for the bundled samples, with and without rule metadata, and says what GitHub needs'), () => {
    const report = samplesReport();
    expect(report.findings.length).toBeGreaterThan(0);
    for (const context of [ctx, { color: false, failOn: 'info', width: 80 } satisfies ReportContext]) {
      const log = renderValid(report, context);
      expect(log.$schema).toBe(SARIF_SCHEMA_URI);
      expect(log.version).toBe('2.1.0');
      expect(log.runs).toHaveLength(1);
      const run = runOf(log);
      expect(run.tool.driver.name).toBe('ictscan');
      expect(run.tool.driver.semanticVersion).toBe(report.tool.version);
      expect(run.invocations[0]?.executionSuccessful).toBe(true);
      expect(run.properties.summary.findings).toBe(report.findings.length);
      for (const r of run.results) {
        expect(r.locations).toHaveLength(1);
        expect(r.locations[0]?.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it.skipIf(CORPUS_MISSING)(withCorpus(withSarifSchema('is valid for every corpus file')), () => {
    const entries = corpusEntries();
    const report = reportOf(entries.map((e) => ({ source: e.path, bytes: readFileSync(e.path) })), 'low');
    renderValid(report);
  });

  it('records unreadable inputs as error notifications and an unsuccessful invocation', () => {
    const report = reportOf([
      { source: 'sboms/broken.cdx.json', bytes: Buffer.from('{"bomFormat": "CycloneDX", "specVersion": ') },
      { source: SAMPLES[0] ?? '', bytes: readFileSync(path.join(PACKAGE_ROOT, SAMPLES[0] ?? '')) },
    ]);
    expect(report.summary.documentsWithErrors).toBe(1);
    const run = runOf(renderValid(report, { ...ctx, commandLine: 'ictscan scan sboms --format sarif' }));
    const invocation = run.invocations[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.commandLine).toBe('ictscan scan sboms --format sarif');
    const errors = invocation?.toolExecutionNotifications.filter((n) => n.level === 'error') ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message.text).toMatch(/broken\.cdx\.json/);
    expect(errors[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('sboms/broken.cdx.json');
    expect(run.results.length).toBe(report.findings.length);
  });

  it('leaves out the command line and automation id unless given', () => {
    const run = runOf(renderValid(samplesReport()));
    expect(run.invocations[0]?.commandLine).toBeUndefined();
    expect(run.automationDetails).toBeUndefined();
    expect(runOf(renderValid(samplesReport(), { ...ctx, category: 'ictscan/sboms/' })).automationDetails).toEqual({ id: 'ictscan/sboms/' });
  });

  it('marks suppressed findings and baseline states', () => {
    const base = samplesReport();
    const [first, second, third] = base.findings;
    if (!first || !second || !third) throw new Error('the samples should give at least three findings');
    const findings: Finding[] = [
      { ...first, suppression: { reason: 'Threat intelligence only', ticket: 'SEC-42', approvedBy: 'ciso@example.org', expires: '2027-01-01', origin: '.ictscan.yaml#suppressions[0]' } },
      { ...second, baseline: 'unchanged' },
      { ...third, baseline: 'new' },
      ...base.findings.slice(3),
    ];
    const run = runOf(renderValid({ ...base, findings }));
    const [a, b, c] = run.results;
    expect(a?.suppressions).toEqual([
      expect.objectContaining({ kind: 'external', justification: 'Threat intelligence only (ticket SEC-42; approved by ciso@example.org; expires 2027-01-01)' }),
    ]);
    // Absent means accepted; the committee schema names it `state`, the errata `status`, so neither is written.
    expect(a?.suppressions?.[0]).not.toHaveProperty('status');
    expect(a?.suppressions?.[0]).not.toHaveProperty('state');
    expect(a?.baselineState).toBeUndefined();
    expect(b?.baselineState).toBe('unchanged');
    expect(b?.suppressions).toBeUndefined();
    expect(c?.baselineState).toBe('new');
  });

  it('keeps hostile SBOM values inside valid JSON and out of message markup', () => {
    const source = 'odd dir\\sub\\[x]#100%\u0007\ud800é.json';
    const report = reportOf([{ source, bytes: Buffer.from(hostile) }]);
    expect(report.findings).toHaveLength(3);
    const text = sarifReporter.render(report, ctx);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const run = runOf(renderValid(report));
    for (const r of run.results) {
      expect(r.message.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(r.message.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      // No "](" is left, so SARIF viewers cannot turn SBOM text into an embedded link; and no backslash escapes show.
      expect(r.message.text).not.toMatch(/\]\(/);
      expect(r.message.text).not.toMatch(/\\[[\]]/);
      expect(r.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'odd%20dir/sub/%5Bx%5D%23100%25%07%EF%BF%BD%C3%A9.json', uriBaseId: '%SRCROOT%' });
    }
    expect(run.results.map((r) => r.locations[0]?.logicalLocations[0]?.name)).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('sarif reporter: rules and results', () => {
  const report = samplesReport();
  const run = runOf(renderValid(report));

  it('has one descriptor per rule that appears in the findings, and one result per finding pointing at it', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(report.findings.map((f) => f.rule.id)));
    expect(run.results).toHaveLength(report.findings.length);
    run.results.forEach((r, i) => {
      expect(r.ruleId).toBe(report.findings[i]?.rule.id);
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    });
  });

  it('maps severities to levels and security-severity as documented', () => {
    expect(SARIF_LEVELS).toEqual({ critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' });
    expect(SECURITY_SEVERITY).toEqual({ critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' });
    // GitHub's bands: critical over 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9 (info has no band of its own).
    const bands = { critical: [9.0, 10], high: [7.0, 8.9], medium: [4.0, 6.9], low: [0.1, 3.9], info: [0.1, 3.9] } as const;
    for (const s of SEVERITIES) {
      const n = Number(SECURITY_SEVERITY[s]);
      expect(n).toBeGreaterThanOrEqual(bands[s][0]);
      expect(n).toBeLessThanOrEqual(bands[s][1]);
    }
    run.results.forEach((r, i) => {
      const f = report.findings[i];
      if (!f) throw new Error('result without finding');
      expect(r.level).toBe(SARIF_LEVELS[f.severity]);
      expect(r.properties['severity']).toBe(f.severity);
    });
    for (const d of run.tool.driver.rules) {
      const rule = rules.byId.get(d.id);
      if (!rule) throw new Error(`no rule ${d.id}`);
      expect(d.properties['security-severity']).toBe(SECURITY_SEVERITY[rule.severity]);
      expect(d.defaultConfiguration.level).toBe(SARIF_LEVELS[rule.severity]);
      expect(d.properties.tags).toEqual(['security', 'supply-chain', rule.category, rule.status]);
      expect(['high', 'medium', 'low']).toContain(d.properties.precision);
    }
  });

  it('builds rule help from the remediation and the references', () => {
    const d = run.tool.driver.rules.find((r) => r.id === 'KL-API-001');
    const rule = rules.byId.get('KL-API-001');
    if (!d || !rule) throw new Error('the samples should match KL-API-001');
    expect(d.name).toBe('KasperskyOpenTIPClients');
    expect(d.helpUri).toBe(rule.references[0]?.url);
    expect(d.help.text).toContain(rule.remediation.summary);
    for (const step of rule.remediation.steps ?? []) expect(d.help.text).toContain(step);
    for (const alt of rule.remediation.alternatives ?? []) expect(d.help.text).toContain(alt);
    expect(d.help.markdown).toMatch(/\*\*References\*\*/);
    expect(d.help.markdown).toContain(`](${rule.references[0]?.url ?? ''})`);
  });

  it('falls back to the finding summary when there is no rule metadata', () => {
    const bare = runOf(renderValid(report, { color: false, failOn: 'info', width: 80 }));
    const d = bare.tool.driver.rules.find((r) => r.id === 'KL-API-001');
    expect(d?.helpUri).toBeUndefined();
    expect(d?.help.text).toContain(rules.byId.get('KL-API-001')?.remediation.summary);
    expect(bare.tool.driver.rules.map((r) => r.id)).toEqual(run.tool.driver.rules.map((r) => r.id));
  });

  it('says in the message what matched, where, what to do and by when', () => {
    const i = report.findings.findIndex((f) => f.direct === false && f.introducedByComponents.length > 0);
    const text = run.results[Math.max(0, i)]?.message.text ?? '';
    expect(text).toMatch(/matched KL-/);
    expect(text).toMatch(/^Where: /m);
    expect(text).toMatch(/^Action: (remove|replace|ask-vendor|isolate|review)\. /m);
    expect(text).toMatch(/^By when: /m);
    if (i >= 0) expect(text).toMatch(/transitive, via /);
  });
});

describe('sarif reporter: fingerprints', () => {
  const sample = SAMPLES[0] ?? '';
  const bytes = readFileSync(path.join(PACKAGE_ROOT, sample));

  function fingerprintsOf(b: Buffer): { key: string; line: number }[] {
    const run = runOf(renderValid(reportOf([{ source: sample, bytes: b }])));
    return run.results.map((r) => ({ key: JSON.stringify([r.ruleId, r.partialFingerprints]), line: r.locations[0]?.physicalLocation.region.startLine ?? 0 }));
  }

  it('are identical across two runs and do not move when the file shifts by a line', () => {
    const once = fingerprintsOf(bytes);
    const twice = fingerprintsOf(bytes);
    const shifted = fingerprintsOf(Buffer.concat([Buffer.from('\n'), bytes]));
    expect(twice).toEqual(once);
    expect(shifted.map((s) => s.key)).toEqual(once.map((s) => s.key));
    // The shift is real: the lines moved, the fingerprints did not.
    expect(shifted.map((s) => s.line)).toEqual(once.map((s) => s.line + 1));
    for (const r of runOf(renderValid(reportOf([{ source: sample, bytes }]))).results) {
      expect(Object.keys(r.partialFingerprints)).toEqual(['ictscan/v1']);
    }
  });
});

describe('artifactLocation', () => {
  it('writes the SBOM path relative to the working directory, with forward slashes and percent-encoding', () => {
    expect(artifactLocation('/repo/sboms/app.cdx.json', '/repo')).toEqual({ uri: 'sboms/app.cdx.json', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('sboms/app.cdx.json', '/repo')).toEqual({ uri: 'sboms/app.cdx.json', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('./sboms\\win dows\\a#b?.json')).toEqual({ uri: 'sboms/win%20dows/a%23b%3F.json', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('C:sbom.json')).toEqual({ uri: 'C%3Asbom.json', uriBaseId: '%SRCROOT%' });
  });

  it('uses an absolute file URI for a file outside the working directory', () => {
    expect(artifactLocation('/elsewhere/app.json', '/repo')).toEqual({ uri: 'file:///elsewhere/app.json' });
    expect(artifactLocation('../other/app.json', '/repo')).toEqual({ uri: 'file:///other/app.json' });
    expect(artifactLocation('/abs/a b.json')).toEqual({ uri: 'file:///abs/a%20b.json' });
  });
});

describe('pascalCase', () => {
  it('makes an identifier-like name from a title', () => {
    expect(pascalCase('Kaspersky Security Network (KSN) hosts')).toBe('KasperskySecurityNetworkHosts');
    expect(pascalCase('AO Kaspersky Lab and its other names, including Kaspersky Lab, Inc.')).toBe('AOKasperskyLabAndItsOtherNamesIncludingKasperskyLabInc');
    expect(pascalCase('(only an aside)')).toBe('OnlyAnAside');
    expect(pascalCase('KL-API-001')).toBe('KLAPI001');
  });
});
