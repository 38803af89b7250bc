// The policy file fails closed: an expiry date that does not exist is an error naming its line, a suppression
// without one must say it is permanent (and is listed so), and the file is read only if it is a regular file,
// with nothing of its content echoed when it does not parse.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidExpiry, loadPolicy, PolicyError } from '../../src/policy/load.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli, unwrap } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-policy-'));
const SECRET = 'hunter2-do-not-print';
const HAS_MKFIFO = (() => {
  try {
    execFileSync('mkfifo', [path.join(tmp(), 'probe')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function policy(yaml: string, dir = tmp()): string {
  const file = path.join(dir, '.ictscan.yaml');
  writeFileSync(file, yaml);
  return file;
}

function cdx(components: object[]): string {
  const file = path.join(tmp(), 'sbom.cdx.json');
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
  return file;
}

const OPENTIP = cdx([{ type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2' }]);

function loadError(file: string): PolicyError {
  try {
    loadPolicy(file);
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error(`${file} loaded`);
}

async function inDir<T>(dir: string, f: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await f();
  } finally {
    process.chdir(cwd);
  }
}

describe('expiry dates', () => {
  it.each(['2027-02-30', '31/12/2027', '2027-13-01', '2027-06-31', '2027-6-30', '2027-02-29', 'next year', '2027-06-30T12:00'])('%s is an error at load naming the line of the date', (date) => {
    const e = loadError(policy(`failOn: high\nsuppressions:\n  - rule: KL-API-001\n    reason: approved for a while\n    expires: ${date}\n`));
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/^\/suppressions\/0\/expires( ".*")? is not a date that exists; write it as YYYY-MM-DD/);
  });

  it('accepts dates that exist, leap days included, and RFC 3339 date-times', () => {
    for (const d of ['2027-06-30', '2028-02-29', '2027-12-31', '2027-06-30T12:00:00Z', '2027-06-30T23:59:59.5+02:00']) expect(isValidExpiry(d), d).toBe(true);
    for (const d of ['2027-02-29', '2100-02-29', '2027-00-10', '2027-06-30T24:00:00Z', '2027-06-30 12:00:00Z']) expect(isValidExpiry(d), d).toBe(false);
  });

  it('through the CLI: exit 2 naming the file and line, never "expired" and never applied', async () => {
    const config = policy(`suppressions:\n  - component: opentip\n    reason: typo in the date\n    expires: 2027-02-30\n`);
    const r = await cli(['scan', OPENTIP, '--config', config, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/policy file error: .*\.ictscan\.yaml:4: \/suppressions\/0\/expires "2027-02-30" is not a date that exists/);
  });
});

describe('permanent suppressions', () => {
  it('a suppression without an expiry date is an error naming its line, unless it says permanent: true', () => {
    const e = loadError(policy(`suppressions:\n  - rule: KL-API-001\n    reason: approved\n  - rule: KL-OSS-001\n    reason: accepted for good\n`));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/\/suppressions\/0 has no expiry date: add "expires: YYYY-MM-DD", or "permanent: true"/);
    expect(loadError(policy(`suppressions:\n  - rule: KL-API-001\n    reason: approved\n    expires: 2027-01-01\n    permanent: true\n`)).message).toMatch(/both an expiry date and "permanent: true"/);
    expect(loadError(policy(`suppressions:\n  - rule: KL-API-001\n    reason: approved\n    permanent: false\n`)).message).toMatch(/permanent/);
  });

  it('lists permanent suppressions in the JSON report and in the table, whether or not they matched', async () => {
    const config = policy(`suppressions:\n  - purl: pkg:pypi/opentip\n    reason: threat-intelligence look-ups only\n    permanent: true\n  - rule: KL-NONE-999\n    reason: kept on purpose\n    permanent: true\n`);
    const r = await cli(['scan', OPENTIP, '--config', config, '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.policy.permanent).toMatchObject([
      { line: 2, selector: 'purl pkg:pypi/opentip', matched: 1 },
      { line: 5, selector: 'rule KL-NONE-999', matched: 0 },
    ]);
    const table = await cli(['scan', OPENTIP, '--config', config]);
    expect(unwrap(table.stdout)).toMatch(/2 permanent suppressions never expire \(line 2, purl pkg:pypi\/opentip; line 5, rule KL-NONE-999\)/);
  });
});

describe('reading the policy file', () => {
  it('never echoes the content of a file that does not parse or is not a policy', async () => {
    const dir = tmp();
    for (const text of [`secret-token: ${SECRET}\n`, `{"a": x ${SECRET}`, `a: *${SECRET}\n`, `${SECRET}: [1\n`, `key: !${SECRET} x\n`]) {
      const file = path.join(dir, 'private.yaml');
      writeFileSync(file, text);
      const r = await cli(['scan', OPENTIP, '--config', file]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(/policy file error: .*private\.yaml/);
      expect(r.stderr, text).not.toMatch(/hunter2|secret/i);
    }
  });

  it('names the line of an unknown key and the keys allowed there, without quoting it', async () => {
    const r = await cli(['scan', OPENTIP, '--config', policy('failOn: high\nsupressions: []\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.ictscan\.yaml:2: \/ has a key the policy schema does not know \(allowed here: failOn, minConfidence, .*suppressions\)/);
    expect(r.stderr).not.toMatch(/supressions/);
  });

  it('refuses a .ictscan.yaml that links out of the working directory, or to nothing, instead of reading it or ignoring it', async () => {
    const elsewhere = path.join(tmp(), 'private');
    writeFileSync(elsewhere, `token: ${SECRET}\n`);
    const dir = tmp();
    symlinkSync(elsewhere, path.join(dir, '.ictscan.yaml'));
    const out = await inDir(dir, () => cli(['scan', OPENTIP]));
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/\.ictscan\.yaml: is a symbolic link leading out of the working directory/);
    expect(out.stderr).not.toMatch(/hunter2/);

    const broken = tmp();
    symlinkSync(path.join(broken, 'gone.yaml'), path.join(broken, '.ictscan.yaml'));
    const none = await inDir(broken, () => cli(['scan', OPENTIP]));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/\.ictscan\.yaml: no such file \(or a link to nothing\)/);

    // A link inside the working directory is read.
    const inside = tmp();
    writeFileSync(path.join(inside, 'team-policy.yaml'), 'failOn: none\n');
    symlinkSync(path.join(inside, 'team-policy.yaml'), path.join(inside, '.ictscan.yaml'));
    expect((await inDir(inside, () => cli(['scan', path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.cdx.json')]))).code).toBe(0);
  });

  it.skipIf(!HAS_MKFIFO)('refuses a named pipe given as the policy without opening it (skipped: mkfifo is not available)', async () => {
    const fifo = path.join(tmp(), 'policy.yaml');
    execFileSync('mkfifo', [fifo], { stdio: 'ignore' });
    const r = await cli(['scan', OPENTIP, '--config', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy\.yaml: is a named pipe \(FIFO\), not a regular file; it is not opened/);
  });

  it('refuses a directory given as the policy', async () => {
    const r = await cli(['scan', OPENTIP, '--config', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory, not a regular file/);
  });
});
