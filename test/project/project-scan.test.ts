// `ictscan scan DIR` on project trees: lockfiles made by the real tools, findings at the lockfile line, the plan
// naming the manifest, .gitignore and vendored folders, code references, bad lockfiles, and SBOM folders unchanged.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { npmLock } from '../../src/project/readers/npm.js';
import { cli } from '../helpers/cli.js';

const CLEAN_SBOM = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'a', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] });
const APP = path.join(PACKAGE_ROOT, 'test/fixtures/npm-wrapper-app');

interface Report {
  documents: { source: string; format: string | null; components: number; error: string | null; warnings: string[] }[];
  skipped: { source: string; reason: string }[];
  findings: { source: string; line?: number; direct: boolean | null; component: { name: string }; rule: { id: string }; introducedByComponents: { name: string }[]; remediation: { steps: string[] } }[];
}

async function scanJson(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await cli(['scan', ...args, '--format', 'json', '-j', '1']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function lineOf(file: string, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i === -1) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ictscan-project-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('scan a project tree (npm and pnpm lockfiles written by the real tools)', () => {
  it('exits 1 with the Kaspersky UI kit at its lockfile line, transitive through the wrapper, in both lockfiles', async () => {
    const { code, report } = await scanJson([APP]);
    expect(code).toBe(1);
    expect(report.documents.map((d) => [path.basename(d.source), d.format, d.error])).toEqual([
      ['package-lock.json', 'npm-lock', null],
      ['pnpm-lock.yaml', 'pnpm-lock', null],
    ]);
    // README.md and package.json hold no Kaspersky reference: in a project tree they are not listed as skipped SBOMs.
    expect(report.skipped).toEqual([]);
    const hexa = report.findings.filter((f) => f.component.name === '@kaspersky/hexa-ui');
    expect(hexa.map((f) => [path.basename(f.source), f.line])).toEqual([
      ['package-lock.json', lineOf(path.join(APP, 'package-lock.json'), '"node_modules/@kaspersky/hexa-ui": {')],
      ['pnpm-lock.yaml', lineOf(path.join(APP, 'pnpm-lock.yaml'), "  '@kaspersky/hexa-ui@6.198.2':")],
    ]);
    for (const f of hexa) {
      expect(f.rule.id).toBe('KL-OSS-001');
      expect(f.direct).toBe(false);
      expect(f.introducedByComponents.map((c) => c.name)).toEqual(['acme-ui-wrapper']);
      expect(f.remediation.steps[0]).toContain(path.join(APP, 'package.json'));
    }
  });

  it('reads the same packages as `npm sbom` of the same app', () => {
    const sbom = JSON.parse(execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--package-lock-only', '--offline'], { cwd: APP, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })) as { components: { purl: string }[] };
    const fromNpm = new Set(sbom.components.map((c) => decodeURIComponent(c.purl.replace(/\?.*$/, ''))));
    const doc = npmLock.read(path.join(APP, 'package-lock.json'), readFileSync(path.join(APP, 'package-lock.json'), 'utf8'));
    const ours = new Set(doc.components.map((c) => decodeURIComponent(c.purl ?? c.name)));
    expect(fromNpm.size).toBeGreaterThan(300);
    expect([...ours].sort()).toEqual([...fromNpm].sort());
  });

  it('points SARIF at the lockfile and its line', async () => {
    const r = await cli(['scan', APP, '--format', 'sarif', '-j', '1']);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
    const hits = sarif.runs[0]?.results.filter((x) => x.ruleId === 'KL-OSS-001') ?? [];
    const lock = hits.map((x) => x.locations[0]?.physicalLocation).find((l) => l?.artifactLocation.uri.endsWith('package-lock.json'));
    expect(lock?.region?.startLine).toBe(lineOf(path.join(APP, 'package-lock.json'), '"node_modules/@kaspersky/hexa-ui": {'));
  });
});

describe('project trees', () => {
  it('a malformed lockfile is an error with its line; the rest of the tree is still scanned; exit 2', async () => {
    const dir = tree({
      'broken/package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n  }\n}\n',
      'py/requirements.txt': 'flask==3.0.0\nopentip==1.2\n',
    });
    const { code, report } = await scanJson([dir]);
    expect(code).toBe(2);
    const broken = report.documents.find((d) => d.source.endsWith('package-lock.json'));
    expect(broken?.error).toMatch(/package-lock\.json: line 5: not valid JSON/);
    expect(report.findings.map((f) => [path.basename(f.source), f.line, f.component.name])).toEqual([['requirements.txt', 2, 'opentip']]);
  });

  it('honours .gitignore and skips vendored folders', async () => {
    const lock = (name: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { [name]: '1' } }, [`node_modules/${name}`]: { version: '1.0.0' } } }, null, 2);
    const dir = tree({
      '.gitignore': 'build/\n',
      'build/package-lock.json': lock('@kaspersky/hexa-ui'),
      'vendor/lib/package-lock.json': lock('@kaspersky/hexa-ui'),
      'package-lock.json': lock('left-pad'),
    });
    const { code, report } = await scanJson([dir]);
    expect(report.documents.map((d) => path.relative(dir, d.source))).toEqual(['package-lock.json']);
    expect(code).toBe(0);
  });

  it('finds Kaspersky hosts, SDK imports and engine configuration in code, each at its line', async () => {
    const dir = tree({
      'go.mod.txt': 'not a manifest\n',
      'src/intel.py': 'import requests\n\nAPI = "https://opentip.kaspersky.com/api/v1/search/hash"\n',
      'src/app.ts': "import React from 'react';\nimport { Button } from '@kaspersky/hexa-ui';\n",
      'junos/srx.conf': 'set security utm feature-profile anti-virus type kaspersky-lab-engine\n',
      'rspamd/local.d/antivirus.conf': 'kaspersky {\n  type = "kaspersky_se";\n}\n',
    });
    // rspamd's rule is a low-confidence review item: shown from --min-confidence low.
    const { code, report } = await scanJson([dir, '--min-confidence', 'low']);
    expect(code).toBe(1);
    const found = report.findings.map((f) => [path.relative(dir, f.source), f.line, f.rule.id]).sort();
    expect(found).toEqual(
      [
        ['junos/srx.conf', 1, 'KL-OEM-001'],
        ['rspamd/local.d/antivirus.conf', 2, 'KL-INT-001'],
        ['src/app.ts', 2, 'KL-OSS-001'],
        ['src/intel.py', 3, 'KL-API-001'],
      ].sort(),
    );
    expect(report.documents.every((d) => d.format === 'code-references')).toBe(true);
  });

  it('a directory of SBOMs keeps today\'s reading: a README naming a Kaspersky host stays a skipped non-SBOM', async () => {
    const sbom = CLEAN_SBOM;
    const dir = tree({ 'app.cdx.json': sbom, 'README.md': 'Threat data from https://opentip.kaspersky.com/ is not used here.\n' });
    const { code, report } = await scanJson([dir]);
    expect(code).toBe(0);
    expect(report.documents.map((d) => d.format)).toEqual(['cyclonedx-json']);
    expect(report.skipped.map((s) => path.basename(s.source))).toEqual(['README.md']);
    // Forced, the same folder is a project: the README's host is a finding.
    const forced = await scanJson([dir, '--input-format', 'project']);
    expect(forced.report.findings.map((f) => [path.basename(f.source), f.line, f.rule.id])).toEqual([['README.md', 1, 'KL-API-001']]);
  });

  it('a portfolio mixes SBOM folders and project trees', async () => {
    const sbom = CLEAN_SBOM;
    const dir = tree({ 'client-a/app.cdx.json': sbom, 'client-b/requirements.txt': 'KlAkOAPI==1.0\n', 'client-b/tools/ksc.py': 'from KlAkOAPI import AdmServer\n' });
    const { report } = await scanJson([dir]);
    expect(report.documents.map((d) => [path.relative(dir, d.source), d.format])).toEqual([
      ['client-a/app.cdx.json', 'cyclonedx-json'],
      ['client-b/requirements.txt', 'pip-requirements'],
      ['client-b/tools/ksc.py', 'code-references'],
    ]);
  });
});
