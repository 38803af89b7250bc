// A pipeline as a user builds it: the real `npm sbom` on a fixture project, piped into `ictscan scan -`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const APP = path.join(PACKAGE_ROOT, 'test/fixtures/npm-app');
const BIN = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');

function npmSbom(format: 'cyclonedx' | 'spdx'): string {
  // --package-lock-only and --offline: the SBOM comes from package-lock.json, with no network.
  return execFileSync('npm', ['sbom', '--sbom-format', format, '--package-lock-only', '--offline'], { cwd: APP, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

// `npm sbom` came with npm 9.5: an older npm, or none on PATH, skips the pipeline and says why.
const NPM_SBOM = spawnSync('npm', ['sbom', '--help'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!NPM_SBOM).each(['cyclonedx', 'spdx'] as const)(`npm sbom --sbom-format %s | ictscan scan -${NPM_SBOM ? '' : ' (skipped: `npm sbom` is not available; it needs npm 9.5 or later)'}`, (format) => {
  it('flags the Kaspersky UI kit, not the look-alike', () => {
    if (!existsSync(BIN)) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT });
    const sbom = npmSbom(format);
    const r = spawnSync(process.execPath, [BIN, 'scan', '-', '--format', 'json'], { input: sbom, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.documents[0]).toMatchObject({ source: '-', format: format === 'spdx' ? 'spdx-json' : 'cyclonedx-json', error: null });
    expect(report.findings.map((f: { component: { name: string }; rule: { id: string } }) => [f.component.name, f.rule.id])).toEqual([['@kaspersky/hexa-ui', 'KL-OSS-001']]);
    expect(report.findings[0].direct).toBe(true);
  });
});
