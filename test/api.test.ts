// The library API as a user imports it: `import { scan } from 'ictscan'` returns the typed report the CLI renders.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import type * as Api from '../src/index.js';

describe("import { scan } from 'ictscan'", () => {
  it('resolves the package by its name and returns the same report as the CLI', async () => {
    const api = (await import('ictscan')) as typeof Api;
    const report = await api.scan({ inputs: [path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.spdx.json')], now: new Date('2026-11-21T00:00:00Z') });
    expect(report.schemaVersion).toMatch(/^1\./);
    expect(report.findings.map((f) => f.rule.id)).toEqual(['KL-SDK-003', 'KL-PRD-001', 'KL-PRD-002', 'KL-API-001', 'KL-OSS-001']);
    expect([...api.REPORTERS.keys()]).toEqual(['table', 'json', 'markdown', 'sarif', 'junit', 'html', 'csv', 'hosts-csv', 'hosts-json']);
    expect(api.REPORTERS.get('markdown')?.render(report, { color: false, failOn: 'info', width: 100 })).toMatch(/^### ictscan/);
  });
});
