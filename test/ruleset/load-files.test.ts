// Rule pack files are read only as regular files inside their pack: a link leading out of the pack and a named pipe
// are refused, and a file that does not parse is described by position, never quoted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadRuleFile, loadRuleSet } from '../../src/ruleset/load.js';
import { loadError, RULE_DATA } from '../helpers/builders.js';
import { cli } from '../helpers/cli.js';

const SECRET = 'hunter2-do-not-print';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-pack-'));
const CDX = path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.cdx.json');
const HAS_MKFIFO = (() => {
  try {
    execFileSync('mkfifo', [path.join(tmp(), 'probe')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function packWith(name: string, make: (file: string) => void): string {
  const dir = tmp();
  writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ rules: [RULE_DATA] }));
  make(path.join(dir, name));
  return dir;
}

describe('reading a rule pack', () => {
  it('refuses a rule file that links out of the pack, without reading or quoting it', async () => {
    const privateFile = path.join(tmp(), 'id_rsa');
    writeFileSync(privateFile, `{"token": "${SECRET}"}`);
    const dir = packWith('b.json', (f) => symlinkSync(privateFile, f));
    const e = loadError(() => loadRuleSet([{ dir, name: 'custom' }]));
    expect(e.file).toBe(path.join(dir, 'b.json'));
    expect(e.message).toMatch(/is a symbolic link leading out of the rule pack \(to .*id_rsa\); it is not followed/);
    for (const args of [['rules', 'validate', dir], ['scan', CDX, '--rules', dir]]) {
      const r = await cli(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout + r.stderr, args[0]).toMatch(/leading out of the rule pack/);
      expect(r.stdout + r.stderr, args[0]).not.toMatch(/hunter2/);
    }
  });

  it('follows a link that stays inside the pack', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'shared', 'rules.json'), JSON.stringify({ rules: [RULE_DATA] }));
    symlinkSync(path.join(dir, 'shared', 'rules.json'), path.join(dir, 'a.json'));
    expect(loadRuleSet([{ dir, name: 'custom' }]).rules.map((r) => r.id)).toEqual(['ACME-X-001']);
  });

  it.skipIf(!HAS_MKFIFO)('refuses a named pipe in a pack without opening it, so loading cannot hang (skipped: mkfifo is not available)', () => {
    const dir = packWith('b.json', (f) => execFileSync('mkfifo', [f]));
    expect(loadError(() => loadRuleSet([{ dir, name: 'custom' }])).message).toMatch(/is a named pipe \(FIFO\), not a regular file; it is not opened/);
  });

  it('refuses a directory or a link to nothing named like a rule file, and a pack.json that links out', () => {
    expect(loadError(() => loadRuleSet([{ dir: packWith('b.json', (f) => mkdirSync(f)), name: 'x' }])).message).toMatch(/is a directory, not a regular file/);
    expect(loadError(() => loadRuleSet([{ dir: packWith('b.json', (f) => symlinkSync(path.join(tmp(), 'gone'), f)), name: 'x' }])).message).toMatch(/no such file \(or a link to nothing\)/);
    const outside = path.join(tmp(), 'pack.json');
    writeFileSync(outside, JSON.stringify({ name: 'x', version: '1', files: {} }));
    const e = loadError(() => loadRuleSet([{ dir: packWith('pack.json', (f) => symlinkSync(outside, f)), name: 'x' }]));
    expect(e.message).toMatch(/leading out of the rule pack/);
  });

  it.each([
    [`{"rules": [ x ${SECRET}`, /at line 1, column 13: an unexpected character/],
    [`\n\n  {"rules": "${SECRET}`, /at line 3, column \d+: a string is not closed/],
    [`${SECRET}`, /at line 1, column 1: an unexpected character/],
    [`{"rules": []} ${SECRET}`, /at line 1, column 15: more text follows the JSON value/],
  ])('describes bad JSON by position without quoting it: %s', (text, expected) => {
    const dir = packWith('b.json', (f) => writeFileSync(f, text));
    const e = loadError(() => loadRuleFile(path.join(dir, 'b.json'), 'custom'));
    expect(e.message).toMatch(/^is not valid JSON/);
    expect(e.message).toMatch(expected);
    expect(e.message).not.toMatch(/hunter2/);
  });
});
