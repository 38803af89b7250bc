// The verdict of a component with several matches: the highest severity and strictest status win, unless a curated
// rule positively identifies an exempt class; an added rule pack can raise a verdict, never lower or hide one.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, RelatedMatch } from '../../src/model/result.js';
import { cli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-verdict-'));
const LAB = { name: 'AO Kaspersky Lab' };

function cdx(components: object[]): string {
  const file = path.join(tmp(), 'sbom.cdx.json');
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
  return file;
}

/** A custom rule pack (no manifest) holding the given rules, each filled in with plain defaults. */
function pack(rules: object[]): string {
  const dir = path.join(tmp(), 'pack');
  mkdirSync(dir);
  const full = rules.map((r) => ({
    title: 'custom rule',
    description: 'a rule of an added pack',
    remediation: { action: 'review', summary: 'look at it' },
    references: [{ url: 'https://example.org/' }],
    checked: '2026-11-21',
    ...r,
  }));
  writeFileSync(path.join(dir, 'custom.json'), JSON.stringify({ rules: full }));
  return dir;
}

async function scanJson(args: string[]): Promise<{ code: number; findings: Finding[] }> {
  const r = await cli(['scan', ...args, '-f', 'json', '-q']);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

const also = (f: Finding | undefined, id: string): RelatedMatch | undefined => f?.alsoMatched.find((m) => m.rule.id === id);

describe('a weaker match never lowers a verdict', () => {
  it('a component supplied by AO Kaspersky Lab that links to kaspersky.com stays critical and fails --fail-on high', async () => {
    const sbom = cdx([{ type: 'library', name: 'widget', version: '1.0', supplier: LAB, externalReferences: [{ type: 'website', url: 'https://www.kaspersky.com/' }] }]);
    const { code, findings } = await scanJson([sbom, '--fail-on', 'high']);
    expect(code).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', rule: { id: 'KL-ENT-001', status: 'banned' }, remediation: { deadline: { due: 'immediately' } } });
    expect(also(findings[0], 'KL-NET-005')).toMatchObject({ severity: 'medium' });
    expect(also(findings[0], 'KL-NET-005')?.setAside).toBeUndefined();
  });

  it('a Threat Intelligence client identified by its purl sets the vendor match aside, and says so', async () => {
    const sbom = cdx([{ type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2', supplier: LAB }]);
    const { code, findings } = await scanJson([sbom, '--fail-on', 'high']);
    expect(code).toBe(0);
    expect(findings[0]).toMatchObject({ severity: 'medium', rule: { id: 'KL-API-001', status: 'review' } });
    const aside = also(findings[0], 'KL-ENT-001')?.setAside;
    expect(aside?.by).toBe('KL-API-001');
    expect(aside?.reason).toMatch(/Threat Intelligence client/);
    expect(aside?.reason).toMatch(/purl/);
  });

  it('Kaspersky-authored open source identified by its purl sets aside the vendor and a web link', async () => {
    const sbom = cdx([{ type: 'library', name: 'triangle-check', version: '1.0', purl: 'pkg:pypi/triangle-check@1.0', supplier: LAB, externalReferences: [{ type: 'website', url: 'https://kaspersky.com/' }] }]);
    const { findings } = await scanJson([sbom]);
    expect(findings[0]).toMatchObject({ severity: 'low', rule: { id: 'KL-OSS-002', status: 'informational' } });
    expect(findings[0]?.alsoMatched.map((m) => [m.rule.id, m.setAside?.by])).toEqual(
      expect.arrayContaining([
        ['KL-ENT-001', 'KL-OSS-002'],
        ['KL-NET-005', 'KL-OSS-002'],
      ]),
    );
  });

  it('an exempt class matched only by a repository URL is a generic signal and exempts nothing', async () => {
    const sbom = cdx([{ type: 'library', name: 'tool', version: '1.0', supplier: LAB, externalReferences: [{ type: 'vcs', url: 'https://github.com/KasperskyLab/triangle_check' }] }]);
    const { code, findings } = await scanJson([sbom, '--fail-on', 'high']);
    expect(code).toBe(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', rule: { id: 'KL-ENT-001' } });
    expect(findings[0]?.alsoMatched.every((m) => m.setAside === undefined)).toBe(true);
  });

  it('a catch-all open-source rule (any KasperskyLab repository) exempts nothing', async () => {
    const sbom = cdx([{ type: 'library', name: 'engine', version: '1.0', purl: 'pkg:github/kasperskylab/engine@1.0', supplier: LAB }]);
    const { code, findings } = await scanJson([sbom, '--fail-on', 'high']);
    expect(code).toBe(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', rule: { id: 'KL-ENT-001', status: 'banned' } });
    expect(also(findings[0], 'KL-OSS-008')).toBeDefined();
  });

  it('an exempt identification never sets aside another positive identification of banned software', async () => {
    // Named like a banned product and carrying a TI client's purl: the product match is not a weaker signal.
    const sbom = cdx([{ type: 'application', name: 'Kaspersky Endpoint Security for Linux', version: '12.0', purl: 'pkg:pypi/opentip@1.2' }]);
    const { findings } = await scanJson([sbom]);
    expect(findings[0]).toMatchObject({ rule: { status: 'banned' }, severity: 'critical' });
    expect(also(findings[0], 'KL-API-001')?.setAside).toBeUndefined();
  });
});

describe('an added rule pack raises, never lowers', () => {
  const KESL = { type: 'library', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0', supplier: LAB };

  it('a lesser custom rule of a more specific category does not speak for a curated critical match', async () => {
    const rules = pack([{ id: 'ACME-SDK-001', category: 'sdk-engine', severity: 'info', status: 'informational', conditions: [{ kind: 'name', names: ['kesl'] }] }]);
    const { code, findings } = await scanJson([cdx([KESL]), '--rules', rules, '--fail-on', 'high']);
    expect(code).toBe(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', rule: { status: 'banned' } });
    expect(also(findings[0], 'ACME-SDK-001')).toMatchObject({ severity: 'info' });
  });

  it('a custom rule claiming an exempt class by purl cannot set a curated match aside', async () => {
    const rules = pack([
      { id: 'ACME-TI-001', category: 'api-client', severity: 'low', status: 'review', tags: ['ti-excluded'], conditions: [{ kind: 'purl', type: 'deb', names: ['agent'] }] },
      { id: 'ACME-OSS-001', category: 'open-source', severity: 'info', status: 'informational', conditions: [{ kind: 'purl', type: 'deb', names: ['agent'] }] },
    ]);
    // Supplied by AO Kaspersky Lab, and nothing else curated identifies it: the vendor match is all that flags it.
    const agent = { type: 'library', name: 'agent', version: '1.0', purl: 'pkg:deb/debian/agent@1.0', supplier: LAB };
    const { code, findings } = await scanJson([cdx([agent]), '--rules', rules, '--fail-on', 'high']);
    expect(code).toBe(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', rule: { id: 'KL-ENT-001', status: 'banned' } });
    expect(findings[0]?.alsoMatched.every((m) => m.setAside === undefined)).toBe(true);
  });

  it('a custom rule raises the severity of a curated review finding', async () => {
    const rules = pack([{ id: 'ACME-BAN-001', category: 'api-client', severity: 'critical', status: 'banned', conditions: [{ kind: 'purl', type: 'pypi', names: ['opentip'] }] }]);
    const { code, findings } = await scanJson([cdx([{ type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2' }]), '--rules', rules, '--fail-on', 'high']);
    expect(code).toBe(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', rule: { id: 'ACME-BAN-001', status: 'banned' } });
    expect(also(findings[0], 'KL-API-001')).toBeDefined();
  });

  it('with --rules-only the pack is the authority, and its exempt rules may set matches aside', async () => {
    const rules = pack([
      { id: 'ACME-TI-001', category: 'api-client', severity: 'low', status: 'review', tags: ['ti-excluded'], conditions: [{ kind: 'purl', type: 'pypi', names: ['lookup'] }] },
      { id: 'ACME-ENT-001', category: 'legal-entity', severity: 'critical', status: 'banned', conditions: [{ kind: 'party', names: ['Acme Labs'] }] },
    ]);
    const { findings } = await scanJson([cdx([{ type: 'library', name: 'lookup', version: '1', purl: 'pkg:pypi/lookup@1', supplier: { name: 'Acme Labs' } }]), '--rules-only', rules]);
    expect(findings[0]).toMatchObject({ severity: 'low', rule: { id: 'ACME-TI-001' } });
    expect(also(findings[0], 'ACME-ENT-001')?.setAside?.by).toBe('ACME-TI-001');
  });
});
