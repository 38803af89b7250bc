// A new user's first mistakes get plain words: misspelled options and commands, empty, binary and truncated files,
// standard input at a terminal, and reports written to files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli } from '../helpers/cli.js';

const CDX = path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.cdx.json');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-first-run-'));

describe('a misspelled option or command', () => {
  it('names the option meant', async () => {
    for (const [typo, meant] of [
      ['--fail-onn', '--fail-on'],
      ['--formt', '--format'],
      ['--outpt', '--output'],
      ['--fail', '--fail-on'],
      ['--min-confidance', '--min-confidence'],
    ] as const) {
      const r = await cli(['scan', CDX, typo, 'high']);
      expect(r.code, typo).toBe(2);
      expect(r.stderr, typo).toContain(`unknown option ${typo}: did you mean ${meant}?`);
      expect(r.stdout, typo).toBe('');
    }
  });

  it('suggests only what the command declares, and nothing when nothing is close', async () => {
    const other = await cli(['rules', 'list', '--fail-onn', 'high']);
    expect(other.code).toBe(2);
    expect(other.stderr).not.toContain('did you mean --fail-on');
    const far = await cli(['scan', CDX, '--zzzzzz']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^ictscan: unknown option --zzzzzz$/m);
  });

  it('names the command meant', async () => {
    const r = await cli(['scna', CDX]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "scna": did you mean "scan"?');
    expect((await cli(['exlpain', CDX])).stderr).toContain('did you mean "explain"?');
  });
});

describe('unreadable files in plain words', () => {
  const dir = tmp();
  const truncated = readFileSync(CDX, 'utf8').split('\n').slice(0, 12).join('\n');
  const files: Record<string, [string | Buffer, RegExp]> = {
    'empty.cdx.json': ['', /empty\.cdx\.json: the file is empty$/m],
    'blank.spdx.json': ['  \n\n', /blank\.spdx\.json: the file is empty$/m],
    'program.cdx.json': [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0]), /program\.cdx\.json: binary data, not an SBOM$/m],
    'truncated.cdx.json': [truncated, /truncated\.cdx\.json: is not valid JSON: the JSON ends early at line 12\b/m],
  };
  for (const [name, [content]] of Object.entries(files)) writeFileSync(path.join(dir, name), content);

  it('says the file is empty, binary, or ends early, exits 2, and still reads the other files', async () => {
    const r = await cli(['scan', ...Object.keys(files).map((f) => path.join(dir, f)), CDX, '--format', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { documents: { source: string; error: string | null }[]; summary: { findings: number } };
    for (const [name, [, message]] of Object.entries(files)) {
      const doc = report.documents.find((d) => d.source.endsWith(name));
      expect(doc?.error, name).toMatch(message);
    }
    expect(report.summary.findings).toBeGreaterThan(0);
  });

  it('says it in the table too', async () => {
    const r = await cli(['scan', path.join(dir, 'empty.cdx.json'), path.join(dir, 'program.cdx.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/empty\.cdx\.json: the file is empty/);
    expect(r.stdout).toMatch(/program\.cdx\.json: binary data, not an SBOM/);
    expect(r.stdout).not.toMatch(/tried CycloneDX/);
  });
});

describe('standard input', () => {
  it('is named "stdin" in every report', async () => {
    const input = readFileSync(CDX);
    const json = JSON.parse((await cli(['scan', '-', '--format', 'json'], { stdin: input })).stdout) as { documents: { source: string }[]; findings: { source: string }[] };
    expect(json.documents.map((d) => d.source)).toEqual(['stdin']);
    expect(new Set(json.findings.map((f) => f.source))).toEqual(new Set(['stdin']));
    const table = (await cli(['scan', '-'], { stdin: input })).stdout;
    expect(table).toMatch(/^stdin\n {2}\(CycloneDX JSON/m);
    expect(table).toMatch(/Remediation plan for stdin:/);
    const sarif = (await cli(['scan', '-', '--format', 'sarif'], { stdin: input })).stdout;
    expect(sarif).toContain('"uri": "stdin"');
    expect(sarif).not.toContain('"uri": "-"');
    const empty = await cli(['scan', '-'], { stdin: '' });
    expect(empty.stdout).toMatch(/stdin: the file is empty/);
  });

  it('at a terminal, says that it is waiting for input; from a pipe, says nothing', async () => {
    const input = readFileSync(CDX);
    const tty = await cli(['scan', '-', '--format', 'json'], { stdin: input, stdinTty: true });
    expect(tty.code).toBe(1);
    expect(tty.stderr).toMatch(/reading an SBOM from standard input \(stdin\), which is a terminal: paste it and press Ctrl-D/);
    const piped = await cli(['scan', '-', '--format', 'json'], { stdin: input });
    expect(piped.stderr).toBe('');
    // No message when standard input is not read.
    expect((await cli(['scan', CDX, '--format', 'json'], { stdinTty: true })).stderr).toBe('');
  });
});

describe('reports written to files', () => {
  it('end with one line on standard error: what was written, and the verdict', async () => {
    const dir = tmp();
    const out = path.join(dir, 'report.sarif');
    const r = await cli(['scan', CDX, '-o', out, '--format', 'sarif', '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`ictscan: wrote ${out} (sarif). Gate (--fail-on high): FAIL: 4 findings at or above high`);
    expect(readFileSync(out, 'utf8')).toContain('"version": "2.1.0"');

    const several = await cli(['scan', CDX, '--output-format', `json=${path.join(dir, 'r.json')}`, '--output-format', `html=${path.join(dir, 'r.html')}`, '--fail-on', 'none']);
    expect(several.code).toBe(0);
    expect(several.stderr.trimEnd().split('\n').at(-1)).toMatch(/^ictscan: wrote \S+r\.json \(json\), \S+r\.html \(html\)\. Gate \(--fail-on none\): PASS/);

    const quiet = await cli(['scan', CDX, '-o', out, '--format', 'sarif', '--quiet']);
    expect(quiet.stderr).toBe('');
    // Standard output only: the report says it all.
    expect((await cli(['scan', CDX, '--format', 'json'])).stderr).toBe('');
  });
});

describe('SARIF informationUri', () => {
  it('points at the repository package.json names, never at a registry page', async () => {
    const { REPOSITORY_URL } = await import('../../src/paths.js');
    const sarif = JSON.parse((await cli(['scan', CDX, '--format', 'sarif'])).stdout) as { runs: { tool: { driver: { informationUri?: string } } }[] };
    const uri = sarif.runs[0]?.tool.driver.informationUri;
    expect(uri ?? '').not.toMatch(/npmjs|registry|yarnpkg/);
    expect(uri).toBe(REPOSITORY_URL);
  });
});
