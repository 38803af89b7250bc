// The scan command end to end: exit codes, formats, outputs, standard input, bad inputs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli } from '../helpers/cli.js';
import { CORPUS_DIR, CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';

const SAMPLES = path.join(PACKAGE_ROOT, 'sbom-samples');
const CDX = path.join(SAMPLES, 'acme-secure-gateway.cdx.json');
const SPDX = path.join(SAMPLES, 'acme-secure-gateway.spdx.json');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-cli-'));

describe('ictscan scan', () => {
  it('prints a table and exits 1 when Kaspersky components are found', async () => {
    const r = await cli(['scan', CDX]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/KL-SDK-003\s+via @acme\/av-scanner/);
    expect(r.stdout).toMatch(/Remediation plan for/);
    expect(r.stdout).toMatch(/By when: immediately/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('colours the table only on a terminal without NO_COLOR', async () => {
    expect((await cli(['scan', CDX], { tty: true })).stdout).toMatch(/\u001b\[/);
    expect((await cli(['scan', CDX], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });

  it('gates on --fail-on', async () => {
    expect((await cli(['scan', CDX, '--fail-on', 'critical'])).code).toBe(1);
    expect((await cli(['scan', SPDX, '--fail-on', 'none'])).code).toBe(0);
    const clean = path.join(tmp(), 'clean.json');
    writeFileSync(clean, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] }));
    expect((await cli(['scan', clean])).code).toBe(0);
  });

  it('hides low-confidence findings unless --min-confidence low', async () => {
    const doc = path.join(tmp(), 'low.json');
    writeFileSync(doc, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'scanner', version: '1', description: 'ICAP front end for Kaspersky Scan Engine' }] }));
    const hidden = JSON.parse((await cli(['scan', doc, '-f', 'json'])).stdout);
    expect(hidden.findings).toEqual([]);
    expect(hidden.summary.belowConfidence).toBeGreaterThan(0);
    const shown = await cli(['scan', doc, '-f', 'json', '--min-confidence', 'low']);
    expect(JSON.parse(shown.stdout).findings[0].confidence).toBe('low');
    expect(shown.code).toBe(1);
  });

  it('writes JSON to standard output, or to --output', async () => {
    const r = await cli(['scan', SPDX, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.documents[0]).toMatchObject({ format: 'spdx-json', specVersion: '2.3', components: 29, error: null });
    const out = path.join(tmp(), 'report.json');
    const w = await cli(['scan', SPDX, '--format', 'json', '--output', out]);
    expect(w.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.findings).toBe(report.summary.findings);
  });

  it('renders Markdown', async () => {
    const r = await cli(['scan', CDX, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^### ictscan: ❌ Kaspersky components found/);
    expect(r.stdout).toMatch(/\| 1 \| critical \|/);
  });

  it('reads standard input', async () => {
    const r = await cli(['scan', '-', '-f', 'json'], { stdin: readFileSync(SPDX) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).documents[0].source).toBe('stdin');
  });

  it('walks directories, skipping and counting files that are not SBOMs', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'README.md'), '# not an SBOM\n');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}');
    writeFileSync(path.join(dir, 'sbom.json'), readFileSync(CDX));
    const report = JSON.parse((await cli(['scan', dir, '-f', 'json'])).stdout);
    expect(report.summary.documents).toBe(1);
    expect(report.skipped.map((s: { source: string }) => path.basename(s.source)).sort()).toEqual(['README.md', 'package.json']);
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('reports a broken input with exit 2, names it, and still scans the others'), async () => {
    const r = await cli(['scan', path.join(CORPUS_DIR, 'dtrack__bom-invalid.json'), CDX, '-f', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    const bySource = (name: string) => report.documents.find((d: { source: string }) => d.source.endsWith(name));
    expect(bySource('dtrack__bom-invalid.json').error).toMatch(/dtrack__bom-invalid\.json: is not valid JSON: the JSON ends early at line \d+/);
    expect(bySource('acme-secure-gateway.cdx.json').findings).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/dtrack__bom-invalid\.json/);
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('rejects a named file that is not an SBOM, saying what it saw'), async () => {
    const r = await cli(['scan', path.join(CORPUS_DIR, 'shelter__scanoss-sbom-cdx.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/shelter__scanoss-sbom-cdx.json: is not an SBOM: found a JSON array/);
  });

  it('exits 2 on usage errors and missing files', async () => {
    expect((await cli(['scan'])).code).toBe(2);
    expect((await cli(['scan', CDX, '--format', 'yaml'])).stderr).toMatch(/Invalid values|Choices/);
    const missing = await cli(['scan', '/nonexistent/sbom.json']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/nonexistent\/sbom\.json: no such file/);
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('--validate lists schema errors as warnings without changing the exit code'), async () => {
    const invalid = path.join(CORPUS_DIR, 'cdxspec__invalid-hash-alg-1.6.json');
    const r = await cli(['scan', invalid, '--validate', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents[0].warnings).toContainEqual(expect.stringMatching(/^schema: line 15: \/components\/0\/hashes\/0\/alg must be one of/));
    const valid = JSON.parse((await cli(['scan', CDX, '--validate', '-f', 'json'])).stdout);
    expect(valid.documents[0].warnings.filter((w: string) => w.startsWith('schema'))).toEqual([]);
  });

  it('prints help and version with exit 0', async () => {
    const help = await cli(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--fail-on/);
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs as the installed binary (the README first command)', () => {
    const bin = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');
    if (!existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT });
    const r = spawnSync(process.execPath, [bin, 'scan', 'sbom-samples', '--format', 'json'], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary.findings).toBeGreaterThan(0);
  });

  it('prints about a screenful for the README first command: one CycloneDX and one SPDX sample, no evaluation suite', () => {
    const bin = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');
    if (!existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT });
    const r = spawnSync(process.execPath, [bin, 'scan', 'sbom-samples'], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(1);
    const lines = `${r.stdout}${r.stderr}`.split('\n').length;
    expect(lines).toBeGreaterThan(20);
    expect(lines).toBeLessThanOrEqual(300);
    expect(r.stdout).toMatch(/CycloneDX JSON/);
    expect(r.stdout).toMatch(/SPDX JSON/);
    expect(r.stdout).not.toMatch(/eval-suite/);
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const bin = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');
    if (!existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT });
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" scan sbom-samples --format csv --quiet | head -n 1`], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|internal error/);
    // The gate's exit code survives: findings exit 1.
    expect(r.status).toBe(1);
  });
});
