// Suppressions and baseline entries scoped to one rule take that rule's match out, never the component's others.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../../src/model/result.js';
import { cli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-apply-'));
const LAB = { name: 'AO Kaspersky Lab' };
const KESL = { type: 'library', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0' };
const WIDGET = { type: 'library', name: 'widget', version: '1.0', supplier: LAB, externalReferences: [{ type: 'website', url: 'https://www.kaspersky.com/' }] };

function cdx(components: object[]): string {
  const file = path.join(tmp(), 'sbom.cdx.json');
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
  return file;
}

function policy(yaml: string): string {
  const file = path.join(tmp(), '.ictscan.yaml');
  writeFileSync(file, yaml);
  return file;
}

async function scanJson(args: string[]): Promise<{ code: number; report: ScanReport }> {
  const r = await cli(['scan', ...args, '-f', 'json', '-q']);
  return { code: r.code, report: JSON.parse(r.stdout) as ScanReport };
}

const only = (r: ScanReport): Finding => {
  expect(r.findings).toHaveLength(1);
  return r.findings[0] as Finding;
};

describe('a suppression scoped to one rule', () => {
  it('takes out a weaker match only: the component stays critical by its vendor', async () => {
    const config = policy('suppressions:\n  - rule: KL-NET-005\n    reason: the web link is documentation\n    expires: 2027-06-30\n');
    const { code, report } = await scanJson([cdx([WIDGET]), '--config', config, '--fail-on', 'high']);
    expect(code).toBe(1);
    const f = only(report);
    expect(f).toMatchObject({ severity: 'critical', rule: { id: 'KL-ENT-001' } });
    expect(f.suppression).toBeUndefined();
    expect(f.alsoMatched.find((m) => m.rule.id === 'KL-NET-005')?.suppression?.reason).toBe('the web link is documentation');
    expect(report.policy?.stale).toEqual([]);
  });

  it('takes out the rule that spoke; the next match speaks, with its own remediation', async () => {
    const config = policy('suppressions:\n  - rule: KL-PRD-001\n    reason: licence runs out next month\n    expires: 2027-06-30\n');
    const { code, report } = await scanJson([cdx([{ ...KESL, supplier: LAB }]), '--config', config, '--fail-on', 'high']);
    expect(code).toBe(1);
    const f = only(report);
    expect(f).toMatchObject({ severity: 'critical', rule: { id: 'KL-ENT-001', status: 'banned' }, remediation: { priority: 1 } });
    expect(f.evidence[0]?.field).toBe('supplier');
    expect(f.remediation.summary).not.toMatch(/Endpoint Security/);
    expect(f.alsoMatched.find((m) => m.rule.id === 'KL-PRD-001')?.suppression?.reason).toBe('licence runs out next month');
    expect(report.gate).toMatchObject({ status: 'fail', failing: 1 });
  });

  it('lowers the finding to what its other matches say', async () => {
    const config = policy('suppressions:\n  - rule: KL-ENT-001\n    reason: a reseller, not the vendor\n    expires: 2027-06-30\n');
    const { code, report } = await scanJson([cdx([WIDGET]), '--config', config, '--fail-on', 'high']);
    expect(code).toBe(0);
    expect(only(report)).toMatchObject({ severity: 'medium', rule: { id: 'KL-NET-005', status: 'review' } });
    expect((await cli(['scan', cdx([WIDGET]), '--config', config, '--fail-on', 'medium', '-q'])).code).toBe(1);
  });

  it('suppresses the finding when every match that counts is suppressed', async () => {
    const config = policy('suppressions:\n  - rule: KL-PRD-001\n    reason: approved\n    expires: 2027-06-30\n  - rule: KL-ENT-001\n    reason: approved\n    expires: 2027-06-30\n');
    const { code, report } = await scanJson([cdx([{ ...KESL, supplier: LAB }]), '--config', config]);
    expect(code).toBe(0);
    expect(only(report).suppression?.reason).toBe('approved');
    expect(report.policy).toMatchObject({ suppressed: 1, stale: [] });
  });

  it('a suppression of the exempt rule covers the finding; the match it set aside stays aside', async () => {
    const config = policy('suppressions:\n  - rule: KL-API-001\n    reason: TI lookups only\n    expires: 2027-06-30\n');
    const { code, report } = await scanJson([cdx([{ type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2', supplier: LAB }]), '--config', config]);
    expect(code).toBe(0);
    expect(only(report)).toMatchObject({ rule: { id: 'KL-API-001' }, suppression: { reason: 'TI lookups only' } });
  });

  it('a suppression without a rule still covers the whole component', async () => {
    const config = policy('suppressions:\n  - purl: pkg:deb/debian/kesl\n    reason: being removed\n    expires: 2027-06-30\n');
    const { code, report } = await scanJson([cdx([{ ...KESL, supplier: LAB }]), '--config', config]);
    expect(code).toBe(0);
    expect(only(report).suppression?.reason).toBe('being removed');
  });
});

describe('a baseline entry scoped to one rule', () => {
  async function baselineOf(components: object[]): Promise<string> {
    const file = path.join(tmp(), 'baseline.json');
    writeFileSync(file, (await cli(['scan', cdx(components), '-f', 'json', '-q'])).stdout);
    return file;
  }

  it('a new match on a component already in the baseline fails the gate', async () => {
    const baseline = await baselineOf([KESL]);
    const { code, report } = await scanJson([cdx([{ ...KESL, supplier: LAB }]), '--baseline', baseline]);
    expect(code).toBe(1);
    const f = only(report);
    expect(f).toMatchObject({ baseline: 'new', rule: { id: 'KL-ENT-001' }, severity: 'critical' });
    expect(f.alsoMatched.find((m) => m.rule.id === 'KL-PRD-001')?.baseline).toBe('unchanged');
    expect(report.baseline).toMatchObject({ new: 1, unchanged: 0, fixed: 0 });
  });

  it('a component whose every match is in the baseline is unchanged, also against a report without match fingerprints', async () => {
    const baseline = await baselineOf([{ ...KESL, supplier: LAB }]);
    const old = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: { alsoMatched: { fingerprint?: string }[] }[] };
    for (const f of old.findings) for (const m of f.alsoMatched) delete m.fingerprint;
    writeFileSync(baseline, JSON.stringify(old));
    const { code, report } = await scanJson([cdx([{ ...KESL, supplier: LAB }]), '--baseline', baseline]);
    expect(code).toBe(0);
    expect(only(report).baseline).toBe('unchanged');
    expect(report.baseline).toMatchObject({ new: 0, unchanged: 1, fixed: 0 });
  });

  it('a component gone since the baseline counts as fixed; one that only lost a match does not', async () => {
    const baseline = await baselineOf([{ ...KESL, supplier: LAB }, WIDGET]);
    const { code, report } = await scanJson([cdx([KESL]), '--baseline', baseline]);
    expect(code).toBe(0);
    expect(report.baseline).toMatchObject({ new: 0, unchanged: 1, fixed: 1 });
  });
});

describe('a suppression scoped to documents', () => {
  it('applies where its glob matches the document path, and a pattern of many stars is matched at once', async () => {
    const sbom = cdx([{ ...KESL, supplier: LAB }]);
    const scoped = (glob: string) => policy(`suppressions:\n  - purl: pkg:deb/debian/kesl\n    reason: lab machine\n    expires: 2027-06-30\n    scope:\n      documents: ['${glob}']\n`);
    expect((await cli(['scan', sbom, '--config', scoped('**/sbom.cdx.json'), '-q'])).code).toBe(0);
    expect((await cli(['scan', sbom, '--config', scoped('ictscan-apply-*/sbom.cdx.json'), '-q'])).code).toBe(0);
    const { code, report } = await scanJson([sbom, '--config', scoped(`${'*'.repeat(200)}.xml`)]);
    expect(code).toBe(1);
    expect(report.policy?.stale).toHaveLength(1);
  });
});
