// Pipeline gating: policy file, suppressions with expiry, baseline, coverage gate, several outputs, diff.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli } from '../helpers/cli.js';

const SPDX = path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.spdx.json');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-gate-'));

function policy(yaml: string): string {
  const file = path.join(tmp(), '.ictscan.yaml');
  writeFileSync(file, yaml);
  return file;
}

function cdx(components: object[]): string {
  const file = path.join(tmp(), 'sbom.cdx.json');
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
  return file;
}

const KESL = { type: 'library', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0', supplier: { name: 'AO Kaspersky Lab' } };
const OPENTIP = { type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2' };

describe('policy file and suppressions', () => {
  it('suppresses with a reason: the finding stays in the report, marked, and does not fail the build', async () => {
    const config = policy(`suppressions:\n  - purl: pkg:pypi/opentip\n    reason: Threat-intelligence lookups only; excluded from the Final Determination\n    approvedBy: ciso@acme.example\n    ticket: SEC-1234\n    expires: 2027-06-30\n`);
    const sbom = cdx([OPENTIP]);
    const r = await cli(['scan', sbom, '--config', config, '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings[0].suppression).toMatchObject({ reason: expect.stringMatching(/Threat-intelligence/), ticket: 'SEC-1234', approvedBy: 'ciso@acme.example', expires: '2027-06-30' });
    expect(report.findings[0].suppression.origin).toMatch(/\.ictscan\.yaml:2$/);
    expect(report.policy).toMatchObject({ suppressed: 1, expired: [], stale: [] });
    expect(report.gate).toMatchObject({ status: 'pass', failing: 0 });
    const table = await cli(['scan', sbom, '--config', config]);
    expect(table.stdout).toMatch(/Suppressed: Threat-intelligence lookups only/);
    expect(table.stdout).toMatch(/Gate \(--fail-on info\): PASS/);
  });

  it('an expired suppression stops working, is reported, and the finding fails again', async () => {
    const config = policy(`suppressions:\n  - rule: KL-API-001\n    reason: approved for one quarter\n    expires: 2026-09-30\n`);
    const r = await cli(['scan', cdx([OPENTIP]), '--config', config, '-f', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings[0].suppression).toBeUndefined();
    expect(report.policy.expired).toEqual([{ index: 0, line: 2, reason: 'approved for one quarter', expires: '2026-09-30', selector: 'rule KL-API-001', matched: 1 }]);
    expect(r.stderr).toMatch(/expired on 2026-09-30; it no longer applies/);
  });

  it('an unreadable expiry date is an error at load naming its line (test/policy/load.test.ts has the cases)', async () => {
    const config = policy(`suppressions:\n  - component: opentip\n    reason: typo in the date\n    expires: 30/09/2027\n`);
    const r = await cli(['scan', cdx([OPENTIP]), '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.ictscan\.yaml:4: \/suppressions\/0\/expires "30\/09\/2027" is not a date that exists/);
  });

  it('reports a suppression that matched nothing as stale', async () => {
    const config = policy(`suppressions:\n  - purl: pkg:npm/not-there@1.0.0\n    reason: old exception\n    expires: 2027-06-30\n`);
    const r = await cli(['scan', cdx([OPENTIP]), '--config', config, '-f', 'json']);
    expect(JSON.parse(r.stdout).policy.stale).toMatchObject([{ line: 2, selector: 'purl pkg:npm/not-there@1.0.0', matched: 0 }]);
    expect(r.stderr).toMatch(/matched nothing/);
  });

  it('honours a versioned purl, a CPE and a document scope', async () => {
    const sbom = cdx([KESL, { type: 'application', name: 'engine', version: '8', cpe: 'cpe:2.3:a:kaspersky:antivirus_engine:8:*:*:*:*:*:*:*' }]);
    const config = policy(
      [
        'suppressions:',
        '  - purl: pkg:deb/debian/kesl@11.0.0',
        '    reason: other version',
        '    expires: 2027-06-30',
        '  - cpe: cpe:2.3:a:kaspersky:antivirus_engine:8:*:*:*:*:*:*:*',
        '    reason: isolated lab machine',
        '    permanent: true',
        '    reference: BIS exemption 0001',
        '    scope:',
        '      documents: ["**/sbom.cdx.json"]',
        '',
      ].join('\n'),
    );
    const report = JSON.parse((await cli(['scan', sbom, '--config', config, '-f', 'json'])).stdout);
    const byName = Object.fromEntries(report.findings.map((f: { component: { name: string }; suppression?: { reference?: string } }) => [f.component.name, f.suppression]));
    expect(byName['kesl']).toBeUndefined();
    expect(byName['engine']).toMatchObject({ reference: 'BIS exemption 0001' });
  });

  it('reads .ictscan.yaml from the working directory for defaults', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '.ictscan.yaml'), 'failOn: critical\nminConfidence: high\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli(['scan', cdx([OPENTIP]), '-f', 'json']);
      expect(JSON.parse(r.stdout).gate.failOn).toBe('critical');
      expect(r.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it('an invalid policy file exits 2 naming the line', async () => {
    const r = await cli(['scan', SPDX, '--config', policy(`failOn: high\nsuppressions:\n  - rule: KL-API-001\n    reson: typo\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy file error: .*\.ictscan\.yaml:3: \/suppressions\/0 must have required property 'reason'/);
    const yaml = await cli(['scan', SPDX, '--config', policy('failOn: [high\n')]);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/\.ictscan\.yaml:\d+: is not valid YAML/);
    const selectorless = await cli(['scan', SPDX, '--config', policy('suppressions:\n  - reason: everything\n')]);
    expect(selectorless.stderr).toMatch(/:2: \/suppressions\/0 must match a schema in anyOf \(a suppression needs rule, purl, component or cpe\)/);
  });
});

describe('--baseline', () => {
  it('fails only on findings that are not in the previous report', async () => {
    const dir = tmp();
    const baseline = path.join(dir, 'baseline.json');
    await cli(['scan', cdx([OPENTIP]), '-f', 'json', '-o', baseline]);
    const same = await cli(['scan', cdx([OPENTIP]), '--baseline', baseline, '-f', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).baseline).toMatchObject({ new: 0, unchanged: 1, fixed: 0 });
    const more = await cli(['scan', cdx([{ ...OPENTIP, version: '1.3' }, KESL]), '--baseline', baseline, '-f', 'json']);
    expect(more.code).toBe(1);
    const report = JSON.parse(more.stdout);
    expect(report.findings.map((f: { component: { name: string }; baseline: string }) => [f.component.name, f.baseline])).toEqual([
      ['kesl', 'new'],
      ['opentip', 'unchanged'],
    ]);
    expect(report.gate.failing).toBe(1);
  });

  it('rejects a baseline that is not a JSON report', async () => {
    const bad = path.join(tmp(), 'x.json');
    writeFileSync(bad, '{"hello":1}');
    const r = await cli(['scan', SPDX, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an ictscan JSON report/);
  });
});

describe('honest coverage', () => {
  const bare = () => cdx(Array.from({ length: 10 }, (_, i) => ({ type: 'library', name: `lib${i}`, version: '1.0' })));

  it('lists unidentified components and never lets a poor SBOM look like a pass', async () => {
    const r = await cli(['scan', bare(), '-f', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.documents[0].unidentifiedComponents).toBe(10);
    expect(report.documents[0].unidentified[0]).toMatchObject({ name: 'lib0', version: '1.0' });
    expect((await cli(['scan', bare()])).stdout).toMatch(/not fully checked: 10 of 10 components carry nothing but a name to test \(no purl, CPE, supplier, author, URL or licence\): no finding there does not mean no Kaspersky code/);
  });

  it('--fail-on-unidentified fails the gate by count or share', async () => {
    expect((await cli(['scan', bare(), '--fail-on-unidentified', '5'])).code).toBe(1);
    expect((await cli(['scan', bare(), '--fail-on-unidentified', '10'])).code).toBe(0);
    const pct = await cli(['scan', bare(), '--fail-on-unidentified', '20%', '-f', 'json']);
    expect(pct.code).toBe(1);
    expect(JSON.parse(pct.stdout).gate.reasons[0]).toMatch(/10 of 10 components carry no identifier/);
    expect((await cli(['scan', bare(), '--fail-on-unidentified', 'lots'])).code).toBe(2);
  });
});

describe('--output-format', () => {
  it('writes several reports in one run', async () => {
    const dir = tmp();
    const json = path.join(dir, 'r.json');
    const md = path.join(dir, 'r.md');
    const r = await cli(['scan', SPDX, '--output-format', `json=${json}`, '--output-format', `markdown=${md}`, '--output-format', 'table']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Remediation plan for/);
    expect(JSON.parse(readFileSync(json, 'utf8')).summary.findings).toBe(5);
    expect(readFileSync(md, 'utf8')).toMatch(/^### ictscan/);
    expect((await cli(['scan', SPDX, '--output-format', 'json', '--output-format', 'table'])).code).toBe(2);
    expect((await cli(['scan', SPDX, '--output-format', 'pdf=x.pdf'])).stderr).toMatch(/unknown format "pdf"/);
  });
});

describe('ictscan diff', () => {
  it('lists Kaspersky components added, removed and changed in version; exit 1 when one was added', async () => {
    const before = cdx([OPENTIP, { type: 'library', name: 'hexa-ui', group: '@kaspersky', version: '6.0.0', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.0.0' }]);
    const after = cdx([{ ...OPENTIP, version: '1.3', purl: 'pkg:pypi/opentip@1.3' }, KESL]);
    const r = await cli(['diff', before, after, '-f', 'json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.added.map((e: { name: string }) => e.name)).toEqual(['kesl']);
    expect(d.removed.map((e: { name: string }) => e.name)).toEqual(['@kaspersky/hexa-ui']);
    expect(d.changed).toMatchObject([{ name: 'opentip', oldVersions: ['1.2'], newVersions: ['1.3'] }]);
    const back = await cli(['diff', after, before]);
    expect(back.code).toBe(1);
    expect(back.stdout).toMatch(/removed +kesl 12\.0\.0/);
  });
});
