// `ictscan rules` and `ictscan explain`: the rule tooling rule authors and users rely on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli } from '../helpers/cli.js';

const CDX = path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.cdx.json');

const CUSTOM_RULE = {
  id: 'ACME-VENDOR-001',
  title: 'Example Corp anti-virus engine',
  category: 'sdk-engine',
  severity: 'high',
  status: 'banned',
  description: 'A vendor named in an export-control list (example).',
  conditions: [{ kind: 'purl', type: 'npm', names: ['express'] }],
  remediation: { action: 'replace', summary: 'Replace it.' },
  references: [{ url: 'https://example.org/list' }],
  checked: '2026-11-21',
};

function customPack(rules: unknown[] = [CUSTOM_RULE]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-pack-'));
  writeFileSync(path.join(dir, 'vendor.json'), JSON.stringify({ $schema: 'https://ictscan.dev/schemas/rules.schema.json', rules }));
  return dir;
}

describe('ictscan rules', () => {
  it('lists the rules as a table and as JSON', async () => {
    const table = await cli(['rules', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+TITLE\s+CATEGORY\s+SEVERITY\s+STATUS\s+CONDITIONS\s+CHECKED/);
    expect(table.stdout).toMatch(/KL-SDK-003\s+Kaspersky Scan Engine/);
    const json = JSON.parse((await cli(['rules', 'list', '--format', 'json'])).stdout);
    expect(json.packs[0]).toMatchObject({ name: 'ictscan-curated' });
    expect(json.rules.find((r: { id: string }) => r.id === 'KL-SDK-003')).toMatchObject({ category: 'sdk-engine', status: 'banned', checked: '2026-12-06' });
  });

  it('shows one rule: conditions, remediation, references', async () => {
    const r = await cli(['rules', 'show', 'kl-sdk-003']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^KL-SDK-003: Kaspersky Scan Engine/);
    expect(r.stdout).toMatch(/Conditions \(any one flags the component\):/);
    expect(r.stdout).toMatch(/purl docker namespace kaspersky/);
    expect(r.stdout).toMatch(/Remediation: replace:/);
    expect(r.stdout).toMatch(/References:\n\s+https:\/\/support\.kaspersky\.com/);
    expect((await cli(['rules', 'show', 'NOPE-1'])).code).toBe(2);
  });

  it('validates rule packs: ok, and the error naming file and rule', async () => {
    const ok = await cli(['rules', 'validate', customPack()]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok: .*: 1 rules in 1 files/);
    expect(ok.stdout).toMatch(/no manifest/);
    const bad = await cli(['rules', 'validate', customPack([{ ...CUSTOM_RULE, category: 'malware' }])]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/vendor\.json \(rule ACME-VENDOR-001\): \/rules\/0\/category must be equal to one of the allowed values/);
  });

  it('adds a custom pack with --rules and replaces the curated one with --rules-only', async () => {
    const dir = customPack();
    const added = JSON.parse((await cli(['scan', CDX, '-f', 'json', '--rules', dir])).stdout);
    const ids = new Set(added.findings.map((f: { rule: { id: string } }) => f.rule.id));
    expect(ids.has('ACME-VENDOR-001')).toBe(true);
    expect(ids.has('KL-SDK-003')).toBe(true);
    const only = JSON.parse((await cli(['scan', CDX, '-f', 'json', '--rules-only', dir])).stdout);
    expect(only.findings.map((f: { rule: { id: string } }) => f.rule.id)).toEqual(['ACME-VENDOR-001']);
    expect(only.rules.count).toBe(1);
  });

  it('exits 2 naming the file and rule when a pack is bad', async () => {
    const r = await cli(['scan', CDX, '--rules', customPack([{ ...CUSTOM_RULE, references: [] }])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rule pack error: .*vendor\.json \(rule ACME-VENDOR-001\)/);
  });
});

describe('ictscan explain', () => {
  it('traces every condition tried on a component', async () => {
    const r = await cli(['explain', CDX, '--component', 'kesl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Matches KL-ENT-001 \(high\), KL-PRD-001 \(high\)\./);
    expect(r.stdout).toMatch(/✓ KL-PRD-001 .* — matched, confidence high/);
    expect(r.stdout).toMatch(/✓ conditions\[0\] name: name "kesl" matched name kesl\|kesl-gui in deb\|rpm/);
    expect(r.stdout).toMatch(/✗ conditions\[4\] cpe: the component has no CPE/);
    expect(r.stdout).toMatch(/✗ KL-API-001/);
  });

  it('explains why a look-alike does not match', async () => {
    const r = await cli(['explain', CDX, '-c', 'kaspa-wasm', '--format', 'json']);
    const [trace] = JSON.parse(r.stdout);
    expect(trace.rules.every((t: { matched: boolean }) => !t.matched)).toBe(true);
  });

  it('exits 2 for an unknown component', async () => {
    const r = await cli(['explain', CDX, '-c', 'no-such-thing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no component "no-such-thing"/);
  });
});
