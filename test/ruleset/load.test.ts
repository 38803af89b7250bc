import { copyFileSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadError, RULE_DATA } from '../helpers/builders.js';
import { describe, expect, it } from 'vitest';
import { CURATED_RULES_DIR } from '../../src/paths.js';
import { loadRuleFile, loadRuleSet } from '../../src/ruleset/load.js';
import { CATEGORIES } from '../../src/ruleset/types.js';

const GOOD = RULE_DATA;

function pack(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-rules-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}

describe('the curated rule list', () => {
  const set = loadRuleSet([{ dir: CURATED_RULES_DIR, name: 'curated' }]);

  it('loads, with unique ids, every rule sourced and dated', () => {
    expect(set.rules.length).toBeGreaterThan(40);
    expect(new Set(set.rules.map((r) => r.id)).size).toBe(set.rules.length);
    for (const r of set.rules) {
      expect(r.references.length, r.id).toBeGreaterThan(0);
      expect(r.checked, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('covers every category, and marks threat intelligence for review, open source as informational', () => {
    expect(new Set(set.rules.map((r) => r.category))).toEqual(new Set(CATEGORIES));
    for (const r of set.rules.filter((x) => x.category === 'api-client')) expect(r.status, r.id).toBe('review');
    for (const r of set.rules.filter((x) => x.category === 'open-source')) expect(r.status, r.id).toBe('informational');
  });

  it('says what is uncertain where it caps confidence', () => {
    for (const r of set.rules.filter((x) => x.maxConfidence !== undefined)) expect(r.uncertainty, r.id).toBeTruthy();
  });
});

describe('loadRuleFile', () => {
  it('names the file and the rule of a schema error', () => {
    const dir = pack({ 'bad.json': { rules: [GOOD, { ...GOOD, id: 'ACME-X-002', severity: 'urgent' }] } });
    const e = loadError(() => loadRuleFile(path.join(dir, 'bad.json'), 'test'));
    expect(e.file).toBe(path.join(dir, 'bad.json'));
    expect(e.ruleId).toBe('ACME-X-002');
    expect(e.message).toMatch(/severity/);
  });

  it('rejects unknown fields, bad JSON, bad patterns and unreadable ranges', () => {
    expect(loadError(() => loadRuleFile(path.join(pack({ 'a.json': { rules: [{ ...GOOD, extra: 1 }] } }), 'a.json'), 't')).message).toMatch(/extra/);
    expect(loadError(() => loadRuleFile(path.join(pack({ 'a.json': '{ "rules": [' }), 'a.json'), 't')).message).toMatch(/JSON/);
    const badPattern = { ...GOOD, conditions: [{ kind: 'name', pattern: '^(a+)+$' }] };
    expect(loadError(() => loadRuleFile(path.join(pack({ 'a.json': { rules: [badPattern] } }), 'a.json'), 't')).message).toMatch(/linear time/);
    const badRange = { ...GOOD, conditions: [{ kind: 'purl', type: 'npm', versions: 'whenever' }] };
    expect(loadError(() => loadRuleFile(path.join(pack({ 'a.json': { rules: [badRange] } }), 'a.json'), 't')).message).toMatch(/range/);
  });

  it('rejects an id defined twice across packs', () => {
    const a = pack({ 'a.json': { rules: [GOOD] } });
    const b = pack({ 'b.json': { rules: [GOOD] } });
    const e = loadError(() => loadRuleSet([{ dir: a, name: 'a' }, { dir: b, name: 'b' }]));
    expect(e.ruleId).toBe('ACME-X-001');
    expect(e.message).toMatch(/already defined/);
  });
});

describe('the pack manifest', () => {
  function copyOfCurated(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-curated-'));
    for (const f of readdirSync(CURATED_RULES_DIR)) copyFileSync(path.join(CURATED_RULES_DIR, f), path.join(dir, f));
    return dir;
  }

  it('names the version of the curated pack', () => {
    const [pack] = loadRuleSet([{ dir: CURATED_RULES_DIR, name: 'x', requireManifest: true }]).packs;
    expect(pack?.name).toBe('ictscan-curated');
    expect(pack?.version).toMatch(/^\d{4}\.\d{2}\.\d{2}$/);
  });

  it('catches a modified curated rule file instead of using it', () => {
    const dir = copyOfCurated();
    const file = path.join(dir, 'sdk-engines.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"critical"', '"low"'));
    const e = loadError(() => loadRuleSet([{ dir, name: 'curated', requireManifest: true }]));
    expect(e.file).toBe(file);
    expect(e.message).toMatch(/has changed since the pack manifest was written/);
  });

  it('catches an added or a missing rule file', () => {
    const added = copyOfCurated();
    writeFileSync(path.join(added, 'extra.json'), JSON.stringify({ rules: [] }));
    expect(loadError(() => loadRuleSet([{ dir: added, name: 'c', requireManifest: true }])).message).toMatch(/not listed in the pack manifest/);
    const missing = copyOfCurated();
    unlinkSync(path.join(missing, 'oem.json'));
    expect(loadError(() => loadRuleSet([{ dir: missing, name: 'c', requireManifest: true }])).message).toMatch(/lists oem\.json, which is missing/);
  });

  it('requires a manifest for the curated pack, warns for a custom pack without one', () => {
    const dir = pack({ 'a.json': { rules: [GOOD] } });
    expect(loadError(() => loadRuleSet([{ dir, name: 'c', requireManifest: true }])).message).toMatch(/no pack manifest/);
    expect(loadRuleSet([{ dir, name: 'custom' }]).warnings[0]).toMatch(/no manifest/);
  });
});

describe('issue 13 condition kinds at load', () => {
  const ref = (of: unknown[]) => ({ ...GOOD, id: 'ACME-REF-001', conditions: [{ kind: 'all', of }] });
  it('accepts identifier, licence-pattern and versioned name/CPE conditions, and a rule reference inside all', () => {
    const dir = pack({
      'a.json': {
        rules: [
          GOOD,
          { ...GOOD, id: 'ACME-ID-001', conditions: [{ kind: 'identifier', types: ['nuget'], leading: ['acme'] }, { kind: 'license', pattern: 'acme-eula', hosts: ['acme.example'] }] },
          { ...GOOD, id: 'ACME-ERA-001', conditions: [{ kind: 'name', names: ['acmeos'], versions: 'vers:generic/>=4.0|<5.0', componentTypes: ['firmware'] }, { kind: 'cpe', vendors: ['acme'], versions: 'vers:generic/>=9.5|<13.0' }] },
          ref([{ kind: 'name', names: ['AOS'] }, { kind: 'rule', ids: ['ACME-X-001'] }]),
        ],
      },
    });
    expect(loadRuleSet([{ dir, name: 't' }]).rules).toHaveLength(4);
  });

  it('refuses a rule reference alone, to an unknown rule, to itself, or to a rule that refers on', () => {
    const alone = loadError(() => loadRuleSet([{ dir: pack({ 'a.json': { rules: [GOOD, { ...GOOD, id: 'ACME-REF-001', conditions: [{ kind: 'rule', ids: ['ACME-X-001'] }] }] } }), name: 't' }]));
    expect(alone.message).toMatch(/must be a part of an "all" condition/);
    const unknown = loadError(() => loadRuleSet([{ dir: pack({ 'a.json': { rules: [ref([{ kind: 'name', names: ['x'] }, { kind: 'rule', ids: ['ACME-NOPE-001'] }])] } }), name: 't' }]));
    expect(unknown.message).toMatch(/names ACME-NOPE-001, which is not a loaded rule/);
    const self = loadError(() => loadRuleSet([{ dir: pack({ 'a.json': { rules: [ref([{ kind: 'name', names: ['x'] }, { kind: 'rule', ids: ['ACME-REF-001'] }])] } }), name: 't' }]));
    expect(self.message).toMatch(/cannot name its own rule/);
    const chain = loadError(() =>
      loadRuleSet([{ dir: pack({ 'a.json': { rules: [GOOD, ref([{ kind: 'name', names: ['x'] }, { kind: 'rule', ids: ['ACME-X-001'] }]), { ...ref([{ kind: 'name', names: ['y'] }, { kind: 'rule', ids: ['ACME-REF-001'] }]), id: 'ACME-REF-002' }] } }), name: 't' }]),
    );
    expect(chain.message).toMatch(/itself has a "rule" condition/);
  });

  it('refuses an unreadable version range on a name or CPE condition', () => {
    const bad = loadError(() => loadRuleFile(path.join(pack({ 'a.json': { rules: [{ ...GOOD, conditions: [{ kind: 'cpe', vendors: ['acme'], versions: 'not a range!' }] }] } }), 'a.json'), 't'));
    expect(bad.message).toMatch(/version range "not a range!" cannot be read/);
  });
});
