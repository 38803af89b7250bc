// Issue 13: `ictscan rules coverage` maps each item of the fact sheet to the rule and condition that flags it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage } from '../../src/match/coverage.js';
import { FACT_ITEMS } from '../../src/ruleset/fact-items.js';
import { cli } from '../helpers/cli.js';
import { RULE_DATA } from '../helpers/builders.js';

interface Row {
  section: string;
  item: string;
  expect: string;
  outcome: string;
  rule?: string;
  conditions?: string[];
  confidence?: string;
}

describe('ictscan rules coverage', () => {
  it('names the rule and condition for each fact item, lists what is not covered, and keeps every decoy clean', async () => {
    const r = await cli(['rules', 'coverage', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const { items } = JSON.parse(r.stdout) as { items: Row[] };
    expect(items).toHaveLength(FACT_ITEMS.length);
    const find = (item: string): Row | undefined => items.find((i) => i.item === item);
    expect(find('supplier "Kaspersky Labs GmbH"')).toMatchObject({ outcome: 'covered', rule: 'KL-ENT-008', conditions: ['conditions[0]'] });
    expect(find('rpm kesl')).toMatchObject({ outcome: 'covered', rule: 'KL-PRD-001' });
    expect(find('Junos 9.6R4 (CPE)')).toMatchObject({ outcome: 'covered', rule: 'KL-OEM-002', conditions: ['conditions[1]'], confidence: 'medium' });
    expect(find('LicenseRef-Kaspersky-EULA')).toMatchObject({ outcome: 'covered', rule: 'KL-LIC-001' });
    // What no rule covers is listed, not hidden: facts no SBOM field carries, and low-confidence ones.
    expect(find('securelist.com')).toMatchObject({ outcome: 'uncovered' });
    expect(find('kas.pr')).toMatchObject({ outcome: 'below-threshold', rule: 'KL-NET-005', confidence: 'low' });
    expect(items.filter((i) => i.outcome === 'no-field').length).toBeGreaterThanOrEqual(3);
    const decoys = items.filter((i) => i.expect === 'clean');
    expect(decoys.length).toBeGreaterThan(50);
    expect(decoys.filter((d) => d.outcome !== 'clean')).toEqual([]);
    const facts = items.filter((i) => i.expect === 'flag');
    expect(facts.filter((f) => f.outcome === 'covered').length).toBeGreaterThan(200);
  });

  it('prints the table and the uncovered list', async () => {
    const r = await cli(['rules', 'coverage']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SECTION +ITEM +OUTCOME +RULE +CONDITION +CONFIDENCE/);
    expect(r.stdout).toMatch(/fact items: \d+ covered at the default confidence, \d+ only below it, \d+ uncovered, \d+ that no SBOM field carries/);
    expect(r.stdout).toMatch(/Not covered at the default confidence[^\n]*\n(.*\n)* {2}uncovered: 2 domains: securelist\.com/);
  });

  it('fails (exit 1) when a rule pack flags a decoy, and says which', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-coverage-'));
    try {
      writeFileSync(path.join(dir, 'greedy.json'), JSON.stringify({ rules: [{ ...RULE_DATA, id: 'ACME-GREEDY-001', conditions: [{ kind: 'name', pattern: '^k' }] }] }));
      const r = await cli(['rules', 'coverage', '--rules-only', dir]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/flagged-decoy: 8\(b\) decoys: PyPI kics \(ACME-GREEDY-001 medium\)/);
      expect(coverage([], FACT_ITEMS, 'medium').every((row) => row.outcome !== 'covered')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
