// The project screen lets a walked file off the full read only when the full read would call it plain: checked on
// crafted edge cases and, file by file, against the full pipeline on the shared corpus and this repository's sources.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { headLines } from '../../src/inventory/reader.js';
import { screenBytes } from '../../src/project/screen.js';
import { prepareRules, scan, scanBytes } from '../../src/scan.js';

const SHARED = path.resolve(PACKAGE_ROOT, '../shared');
const rules = prepareRules();
const now = new Date('2025-01-01T00:00:00Z');

const full = (source: string, bytes: Buffer) => scanBytes(source, bytes, rules, { walked: true, minConfidence: 'medium', maxSize: 1e9, now });

describe('the project screen', () => {
  const cases: [string, string, Buffer, 'plain' | 'full'][] = [
    ['plain source', 'src/a.ts', Buffer.from("import x from 'y';\nconst z = 1;\n"), 'plain'],
    ['the vendor name in capitals', 'src/a.ts', Buffer.from('// calls KASPERSKY here\n'), 'full'],
    ['a TIP host in mixed case', 'conf/app.ini', Buffer.from('url = https://OpenTip.Kaspersky.com/api\n'), 'full'],
    ['KlAkOAPI in another case', 'tools/x.py', Buffer.from('import klakoapi\n'), 'full'],
    ['an SPDX tag-value SBOM under any name', 'notes/inventory.md', Buffer.from('SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nPackageName: kesl\n'), 'full'],
    ['an SPDX YAML SBOM', 'x.yml', Buffer.from('spdxVersion: SPDX-2.3\npackages: []\n'), 'full'],
    ['JSON', 'data.txt', Buffer.from('  {"a": 1}'), 'full'],
    ['XML', 'data.txt', Buffer.from('<bom/>'), 'full'],
    ['a no-break space before JSON (a Unicode space the byte check cannot see past)', 'data.txt', Buffer.from('\u00a0{"bomFormat":"CycloneDX"}'), 'full'],
    ['UTF-16 with a byte-order mark', 'a.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kaspersky', 'utf16le')]), 'full'],
    ['UTF-16 without one', 'a.txt', Buffer.from('kaspersky.com', 'utf16le'), 'full'],
    ['gzip', 'a.txt', gzipSync(Buffer.from('SPDXVersion: SPDX-2.3\n')), 'full'],
    ['a lockfile by name', 'svc/Cargo.lock', Buffer.from('# nothing\n'), 'full'],
    ['a binary (an ELF header and NULs)', 'bin/tool', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(32), Buffer.from('data')]), 'plain'],
    ['NULs in the first four bytes (UTF-16 is possible)', 'img/a.bin', Buffer.concat([Buffer.from('ELF'), Buffer.alloc(32)]), 'full'],
    ['an empty file', 'empty.txt', Buffer.alloc(0), 'full'],
  ];
  it.each(cases)('%s', (_label, source, bytes, expected) => {
    expect(screenBytes(source, bytes).kind).toBe(expected);
  });

  it('says plain only where the full read says plain (corpus, corpus-inputs, research, this repository)', () => {
    const roots = [path.join(PACKAGE_ROOT, 'src'), path.join(PACKAGE_ROOT, 'test/fixtures'), path.join(PACKAGE_ROOT, 'rules'), path.join(PACKAGE_ROOT, 'README.md'), ...(existsSync(SHARED) ? ['corpus', 'corpus-inputs', 'research', 'lookalikes'].map((d) => path.join(SHARED, d)) : [])];
    const files: string[] = [];
    const walk = (p: string) => {
      if (!existsSync(p)) return;
      if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
      else if (statSync(p).size < 4e6) files.push(p);
    };
    roots.forEach(walk);
    let plain = 0;
    let screenedFull = 0;
    for (const f of files) {
      const bytes = readFileSync(f);
      const s = screenBytes(f, bytes);
      if (s.kind === 'full') {
        screenedFull++;
        continue;
      }
      plain++;
      const r = full(f, bytes);
      expect({ file: f, kind: r.project?.kind, findings: r.findings.length }).toEqual({ file: f, kind: 'plain', findings: 0 });
    }
    // Both verdicts were exercised: source files let off, SBOMs and files with references read fully.
    expect(plain).toBeGreaterThan(100);
    expect(screenedFull).toBeGreaterThan(existsSync(SHARED) ? 100 : 10);
  });

  it.skipIf(!existsSync(path.join(SHARED, 'corpus')))('lets no SBOM of the shared corpus off (../shared/corpus absent: skipped)', () => {
    const dir = path.join(SHARED, 'corpus');
    const sboms = readdirSync(dir).filter((n) => n !== 'SOURCES.md' && !n.endsWith('.md'));
    expect(sboms.length).toBeGreaterThan(20);
    for (const n of sboms) expect([n, screenBytes(path.join(dir, n), readFileSync(path.join(dir, n))).kind]).toEqual([n, 'full']);
  });
});

describe('screened files in a scan', () => {
  it('a folder of SBOMs still lists its other files as skipped, with the SBOM reader’s reason', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ictscan-screen-'));
    writeFileSync(path.join(dir, 'app.cdx.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'a', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] }));
    writeFileSync(path.join(dir, 'NOTES.txt'), 'reviewed by the release team\n');
    const report = await scan({ inputs: [dir], now, jobs: 1 }, rules);
    expect(report.documents.map((d) => path.basename(d.source))).toEqual(['app.cdx.json']);
    expect(report.skipped).toEqual([{ source: path.join(dir, 'NOTES.txt'), reason: 'not an SBOM: text starting with "reviewed by the release team"' }]);
  });

  it('a tag-value SBOM with a source-file name in a project tree is still read as an SBOM and flagged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ictscan-screen-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/main.go'), 'package main\n');
    writeFileSync(path.join(dir, 'src/deps.go'), ['SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', 'DocumentName: x', 'DocumentNamespace: https://example.com/x', 'Creator: Tool: x', 'Created: 2024-01-01T00:00:00Z', '', 'PackageName: kesl', 'SPDXID: SPDXRef-kesl', 'PackageVersion: 12.0.0', 'PackageDownloadLocation: NOASSERTION', 'ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/kesl@12.0.0', ''].join('\n'));
    const report = await scan({ inputs: [dir], now, jobs: 1 }, rules);
    expect(report.documents.map((d) => [path.basename(d.source), d.format])).toEqual([['deps.go', 'spdx-tag-value']]);
    expect(report.findings.map((f) => f.component.name)).toEqual(['kesl']);
  });
});

describe('inventory detectors asked of every walked file (made cheap for the screen)', () => {
  it('headLines gives what splitting the whole head gave, for every mix of line ends, blanks and limits', () => {
    const reference = (text: string, n: number, limit: number) => text.slice(0, limit).split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').slice(0, n);
    const alphabet = [' ', 'a', 'b', '\r', '\n', '\t', '\u2028'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let cases = 0;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      for (const n of [0, 1, 3, 8]) for (const limit of [5, 16384]) {
        cases++;
        expect([text, n, limit, headLines(text, n, limit)]).toEqual([text, n, limit, reference(text, n, limit)]);
      }
    }
    expect(cases).toBe(40000);
  });
});
