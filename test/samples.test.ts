// The bundled samples: the findings a user sees on the README's first command, in every format (test/sample-app), and
// the README's first command itself, which prints about a screenful.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';
import type { Finding, ScanReport } from '../src/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { EVAL_DIR } from '../bench/eval-lib.js';

const SAMPLES = path.join(PACKAGE_ROOT, 'test', 'sample-app');
const NOW = new Date('2026-11-21T00:00:00Z');
/** The sample application in every format (test/eval-suite/ holds the evaluation suite: see eval.test.ts). */
const SAMPLE_FILES = readdirSync(SAMPLES)
  .filter((f) => f.startsWith('acme-secure-gateway.'))
  .sort()
  .map((f) => path.join(SAMPLES, f));

/** Component name -> [rule id, direct, introducedBy names] for component (not service) findings. */
function digest(report: ScanReport, source: string): Record<string, [string, boolean | null, string[]]> {
  const out: Record<string, [string, boolean | null, string[]]> = {};
  for (const f of report.findings.filter((x: Finding) => x.source === source && x.component.kind === 'component')) {
    out[f.component.name] = [f.rule.id, f.direct, f.introducedByComponents.map((c) => c.name)];
  }
  return out;
}

const EXPECTED = {
  'kaspersky/scanengine_icapd': ['KL-SDK-003', false, ['@acme/av-scanner']],
  kesl: ['KL-PRD-001', false, ['gateway-base']],
  klnagent64: ['KL-PRD-002', false, ['gateway-base']],
  opentip: ['KL-API-001', false, ['acme-ioc-enricher']],
  '@kaspersky/hexa-ui': ['KL-OSS-001', true, ['@kaspersky/hexa-ui']],
};

describe('the sample application', () => {
  it('finds the Kaspersky components of the sample application, and nothing else', async () => {
    const report = await scan({ inputs: SAMPLE_FILES, now: NOW });
    const sources = report.documents.map((d) => d.source);
    expect(sources.length).toBeGreaterThanOrEqual(11);
    expect(report.summary.documentsWithErrors).toBe(0);
    for (const source of sources) expect(digest(report, source), source).toEqual(EXPECTED);
  });

  it('reports the two services of the CycloneDX samples: KSN (banned) and OpenTIP (review)', async () => {
    const cyclonedx = ['acme-secure-gateway.cdx.json', 'acme-secure-gateway.cdx.xml', 'acme-secure-gateway.cdx-1.4.xml', 'acme-secure-gateway.cdx.intoto.jsonl'];
    for (const file of cyclonedx) {
      const report = await scan({ inputs: [path.join(SAMPLES, file)], now: NOW });
      const services = report.findings.filter((f) => f.component.kind === 'service').map((f) => [f.component.name, f.rule.id, f.rule.status]);
      expect(services, file).toEqual([
        ['KSN file reputation', 'KL-NET-001', 'banned'],
        ['OpenTIP hash lookup', 'KL-API-001', 'review'],
      ]);
    }
  });

  it('never flags the look-alike packages, even at low confidence', async () => {
    const report = await scan({ inputs: SAMPLE_FILES, now: NOW, minConfidence: 'low' });
    const lookalikes = ['kaspa-wasm', 'casperjs', 'kava', '@kuma-ui/core', '@kaspernj/api-maker', 'kasper', 'kaspersmicrobit', 'kics', 'ksc'];
    const flagged = new Set(report.findings.map((f) => f.component.name));
    for (const name of lookalikes) expect(flagged.has(name), name).toBe(false);
  });

  it('accounts for every component, in the samples and the evaluation suite: flagged plus clean equals read', async () => {
    const report = await scan({ inputs: [path.join(PACKAGE_ROOT, 'sbom-samples'), SAMPLES, EVAL_DIR], now: NOW });
    expect(report.summary.documents).toBeGreaterThanOrEqual(24);
    expect(report.summary.documentsWithErrors).toBe(0);
    for (const d of report.documents) expect(d.flaggedComponents + d.cleanComponents + d.untestableComponents).toBe(d.components);
    expect(report.summary.flaggedComponents + report.summary.cleanComponents + report.summary.untestableComponents).toBe(report.summary.components);
  });

  it('orders the plan: banned before review before informational, priorities 1..n', async () => {
    const report = await scan({ inputs: [path.join(SAMPLES, 'acme-secure-gateway.spdx.json')], now: NOW });
    expect(report.findings.map((f) => f.rule.status)).toEqual(['banned', 'banned', 'banned', 'review', 'informational']);
    expect(report.findings.map((f) => f.remediation.priority)).toEqual([1, 2, 3, 4, 5]);
    const kesl = report.findings.find((f) => f.component.name === 'kesl');
    expect(kesl?.remediation.deadline).toMatchObject({ due: 'immediately', unpatchedDays: 783 });
    expect(kesl?.remediation.steps[0]).toMatch(/gateway-base.*apt-get purge kesl/);
    expect(kesl?.remediation.risks.join(' ')).toMatch(/Kernel-level access/);
    expect(kesl?.paths[0]?.map((c) => c.name)).toEqual(['acme-secure-gateway', 'gateway-base', 'kesl']);
  });
});
