// Installation as users do it (README, "Installing ictscan in a pipeline"): pack the tarball, install it into a
// temporary prefix, and run the README's pipeline commands with the installed binary, outside this checkout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const README = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('the packed package, installed', () => {
  it('runs the README pipeline commands from a packed tarball in a temporary prefix (skips, saying why, when npm cannot install without the network)', { timeout: 300_000 }, (ctx) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-install-'));
    // dist/ is current: npm test runs after `npm ci` (prepare builds), so the pack need not build again.
    const pack = npm(['pack', '--pack-destination', dir, '--ignore-scripts', '--silent'], PACKAGE_ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(dir).find((f) => /^ictscan-\d+\.\d+\.\d+\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const prefix = path.join(dir, 'prefix');
    const install = npm(['install', '-g', '--prefix', prefix, path.join(dir, tarball as string), '--prefer-offline', '--no-audit', '--no-fund'], dir);
    if (install.status !== 0) {
      ctx.skip(`npm could not install the tarball's dependencies (no network and not in the npm cache): ${install.stderr.split('\n').find((l) => l.includes('error')) ?? install.status}`);
      return;
    }
    const bin = path.join(prefix, 'bin', 'ictscan');
    expect(existsSync(bin)).toBe(true);
    const work = mkdtempSync(path.join(tmpdir(), 'ictscan-pipeline-'));
    const run = (args: string[]) => spawnSync(bin, args, { cwd: work, encoding: 'utf8', timeout: 120_000 });
    const sbom = path.join(PACKAGE_ROOT, 'test', 'sample-app', 'acme-secure-gateway.cdx.json');

    // The recipes install the tarball and call the installed `ictscan`, never `npx --yes ictscan`.
    expect(README).not.toMatch(/npx (--yes|-y) ictscan/);
    expect(README).toMatch(/npm install -g \.\/tools\/ictscan-\d+\.\d+\.\d+\.tgz/);

    // GitHub Actions recipe.
    const github = run(['scan', sbom, '--fail-on', 'high', '--output-format', 'sarif=ictscan.sarif', '--output-format', 'markdown=ictscan.md', '--output-format', 'table']);
    expect(github.status, github.stderr).toBe(1);
    expect(github.stdout).toMatch(/^Gate \(--fail-on high\): FAIL/m);
    expect(JSON.parse(readFileSync(path.join(work, 'ictscan.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(work, 'ictscan.md'), 'utf8')).toMatch(/kesl/);
    // GitLab CI recipe.
    const gitlab = run(['scan', sbom, '--fail-on', 'high', '--output-format', 'junit=ictscan.xml', '--output-format', 'json=ictscan.json', '--output-format', 'table']);
    expect(gitlab.status, gitlab.stderr).toBe(1);
    expect(readFileSync(path.join(work, 'ictscan.xml'), 'utf8')).toMatch(/<testsuites/);
    expect(JSON.parse(readFileSync(path.join(work, 'ictscan.json'), 'utf8')).summary.findings).toBeGreaterThan(0);
    // What the installed package needs at run time besides dist/: the curated rules, the schemas, the CycloneDX XSDs.
    const validate = run(['validate', path.join(PACKAGE_ROOT, 'test', 'sample-app', 'acme-secure-gateway.cdx.xml'), sbom]);
    expect(validate.status, `${validate.stdout}${validate.stderr}`).toBe(0);
    expect(run(['rules', 'list']).status).toBe(0);
    expect(run(['diff', sbom, sbom]).status).toBe(0);
  });
});
