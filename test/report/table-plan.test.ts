// The table and its plan speak about the component at hand: fit an 80-column terminal, say what an informational row
// is, fit alternatives and risks to the kind of component, list each step once, give review items their removal
// commands, state the days unpatched once, and show a suppression instead of the plan it replaced.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/result.js';
import { remediationFor } from '../../src/plan/plan.js';
import { cli, unwrap } from '../helpers/cli.js';
import { rule } from '../helpers/builders.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-table-'));
const SAMPLE = path.resolve('sbom-samples/acme-secure-gateway.cdx.json');

function write(name: string, content: string, dir = tmp()): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const MIXED = write(
  'mixed.cdx.json',
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    components: [
      { type: 'library', name: 'grid-widgets', version: '1.0.0', purl: 'pkg:npm/grid-widgets@1.0.0', supplier: { name: 'AO Kaspersky Lab' } },
      { type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2' },
      { type: 'library', group: '@kaspersky', name: 'hexa-ui', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2', author: 'AO Kaspersky Lab' },
      { type: 'application', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0' },
      { type: 'application', name: 'klnagent64', version: '14.0.0', purl: 'pkg:deb/debian/klnagent64@14.0.0' },
      { type: 'library', name: 'a-very-long-component-name-that-would-never-fit-in-a-terminal-column', version: '1.0.0-with-a-long-build-suffix', supplier: { name: 'AO Kaspersky Lab' } },
    ],
  }),
);

async function report(file: string): Promise<ScanReport> {
  return JSON.parse((await cli(['scan', file, '-f', 'json'])).stdout) as ScanReport;
}

describe('the table fits an 80-column terminal', () => {
  it.each([SAMPLE, MIXED])('every line of the table of %s is at most 80 characters, long values cut with an ellipsis', async (file) => {
    const r = await cli(['scan', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeGreaterThan(20);
    const long = lines.filter((l) => l.length > 80);
    expect(long).toEqual([]);
    if (file === MIXED) {
      expect(r.stdout).toMatch(/a-very-long-component-name.*…/);
      // The JSON report keeps the value whole.
      expect((await report(file)).findings.map((f) => f.component.name)).toContain('a-very-long-component-name-that-would-never-fit-in-a-terminal-column');
    }
  });
});

describe('the plan speaks about this component', () => {
  it('an informational row says it is informational before naming a banned match, and says why that match does not count', async () => {
    const out = unwrap((await cli(['scan', MIXED])).stdout);
    const hexa = out.slice(out.indexOf('REVIEW @kaspersky/hexa-ui'));
    expect(hexa).toMatch(/Also: +this finding is informational \(KL-OSS-001 decides\); KL-ENT-001 \(legal-entity, banned; set aside: KL-OSS-001 identifies/);
  });

  it('a library flagged by its supplier gets no anti-virus replacement and no update-channel risk; installed products keep both', async () => {
    const r = await report(MIXED);
    const lib = r.findings.find((f) => f.component.name === 'grid-widgets');
    const kesl = r.findings.find((f) => f.component.name === 'kesl');
    expect(lib?.rule.category).toBe('legal-entity');
    expect(lib?.remediation.alternatives.join(' ')).not.toMatch(/ClamAV|Defender/);
    expect(lib?.remediation.alternatives).toEqual([expect.stringMatching(/library with the same function/)]);
    expect(lib?.remediation.risks.join(' ')).not.toMatch(/Update channel/);
    expect(kesl?.remediation.alternatives.join(' ')).toMatch(/ClamAV/);
    expect(kesl?.remediation.risks.join(' ')).toMatch(/Update channel/);
    // A reputation lookup (KSN) is no update channel.
    const ksn = (await report(SAMPLE)).findings.find((f) => f.rule.id === 'KL-NET-001');
    expect(ksn?.remediation.risks.join(' ')).not.toMatch(/Update channel/);
  });

  it('review items get their ecosystem removal command, as a step for after the decision', async () => {
    const r = await report(MIXED);
    const steps = (name: string) => r.findings.find((f) => f.component.name === name)?.remediation.steps.join('\n') ?? '';
    expect(steps('opentip')).toMatch(/^If you decide to remove it: .*pip uninstall opentip/m);
    expect(steps('@kaspersky/hexa-ui')).toMatch(/^If you decide to remove it: .*npm uninstall @kaspersky\/hexa-ui/m);
  });

  it('no plan lists a step twice', async () => {
    for (const file of [SAMPLE, MIXED]) for (const f of (await report(file)).findings) expect(new Set(f.remediation.steps).size, f.component.name).toBe(f.remediation.steps.length);
    const r = rule({ id: 'T-1', conditions: { kind: 'name', names: ['x'] } as never, remediation: { action: 'remove', summary: 's', steps: ['Remove "x" from dependencies in package.json (npm uninstall x) and commit the updated package-lock.json.'] } });
    const plan = remediationFor(r, { name: 'x', kind: 'component', ecosystem: 'npm' }, true, [], new Date('2026-11-21T00:00:00Z'));
    expect(plan.steps).toEqual(['Remove "x" from dependencies in package.json (npm uninstall x) and commit the updated package-lock.json.']);
  });

  it('states the days unpatched once, in the summary, not on every banned item', async () => {
    const out = (await cli(['scan', SAMPLE])).stdout;
    expect(out.match(/days unpatched/g)).toHaveLength(1);
    expect(unwrap(out)).toMatch(/^Banned components: no updates since 2024-09-29 \(\d+ days unpatched at scan time\)\.$/m);
    expect(out.match(/By when: immediately: no updates since 2024-09-29$/gm)?.length).toBe(4);
  });
});

describe('suppressions in the table', () => {
  const policy = (body: string) => write('.ictscan.yaml', body);

  it('a suppressed finding shows its reason, approver, ticket and expiry instead of a plan', async () => {
    const config = policy('suppressions:\n  - component: opentip\n    reason: TI lookups only\n    approvedBy: j.doe\n    ticket: SEC-42\n    expires: 2027-06-30\n');
    const r = await cli(['scan', MIXED, '--config', config]);
    const out = unwrap(r.stdout);
    const block = out.slice(out.indexOf('REVIEW opentip'), out.indexOf('\n', out.indexOf('Where:', out.indexOf('REVIEW opentip'))));
    expect(block).toMatch(/Suppressed: TI lookups only; approved by j\.doe; ticket SEC-42; until 2027-06-30 \(.*\.ictscan\.yaml:\d+\)/);
    expect(block).not.toMatch(/Do:|By when:|Instead:/);
    expect(r.stdout).toMatch(/opentip@1\.2 .*suppressed/);
  });

  it('an expired suppression shows on its finding\'s row and in its plan', async () => {
    const config = policy('suppressions:\n  - component: opentip\n    reason: TI lookups only\n    approvedBy: j.doe\n    expires: 2025-01-31\n');
    const r = await cli(['scan', MIXED, '--config', config]);
    expect(r.stdout).toMatch(/opentip@1\.2 .*expired supp\./);
    expect(unwrap(r.stdout)).toMatch(/EXPIRED suppression: TI lookups only; approved by j\.doe; until 2025-01-31 .*it no longer applies/);
    const json = JSON.parse((await cli(['scan', MIXED, '--config', config, '-f', 'json'])).stdout) as ScanReport;
    expect(json.findings.find((f) => f.component.name === 'opentip')?.expiredSuppression).toMatchObject({ reason: 'TI lookups only', expires: '2025-01-31' });
  });
});

describe('a plan shared across documents', () => {
  const dir = tmp();
  function doc(name: string, via: string): string {
    return write(
      name,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        metadata: { component: { 'bom-ref': 'root', type: 'application', name: 'app' } },
        components: [
          { 'bom-ref': via, type: 'library', name: via, version: '1.0', purl: `pkg:deb/debian/${via}@1.0` },
          { 'bom-ref': 'kesl', type: 'application', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0' },
        ],
        dependencies: [
          { ref: 'root', dependsOn: [via] },
          { ref: via, dependsOn: ['kesl'] },
        ],
      }),
      dir,
    );
  }

  it('is shared only when its steps are the same; otherwise each document gets its own', async () => {
    const a = doc('a1-client.cdx.json', 'base-a');
    const a2 = doc('a2-client-copy.cdx.json', 'base-a');
    const b = doc('b-client.cdx.json', 'base-b');
    const out = unwrap((await cli(['scan', a, b, a2])).stdout);
    const planOf = (file: string) => {
      const start = out.indexOf(`Remediation plan for ${file}`);
      return out.slice(start, out.indexOf('\n\n', start));
    };
    expect(planOf(b)).not.toMatch(/as planned for/);
    expect(planOf(b)).toMatch(/Remove base-b@1\.0, which depends on kesl/);
    expect(planOf(a)).toMatch(/Also in: 1 other document with the same plan \(.*a2-client-copy\.cdx\.json\)/);
    expect(planOf(a)).not.toMatch(/b-client/);
    expect(planOf(a2)).toMatch(/the same as for the documents above/);
  });
});
