// An unreadable file or subdirectory found while walking is an error that fails the gate (exit 2), and the rest is
// still scanned. Root reads through chmod 000, so the file system refuses by a mock here, and for real (chmod) when
// the tests do not run as root.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const denied = (p: unknown) => Object.assign(new Error(`EACCES: permission denied, '${String(p)}'`), { code: 'EACCES' });
  return {
    ...fs,
    readdir: ((p: Parameters<typeof fs.readdir>[0], ...rest: unknown[]) =>
      String(p).includes('denied-dir') ? Promise.reject(denied(p)) : (fs.readdir as (...a: unknown[]) => unknown)(p, ...rest)) as typeof fs.readdir,
    open: ((p: Parameters<typeof fs.open>[0], ...rest: unknown[]) =>
      String(p).includes('denied-file') ? Promise.reject(denied(p)) : (fs.open as (...a: unknown[]) => unknown)(p, ...rest)) as typeof fs.open,
  };
});

// The walk lists folders synchronously (src/sbom/read.ts): its readdirSync is refused the same way.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const denied = (p: unknown) => Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), { code: 'EACCES' });
  const readdirSync = ((p: Parameters<typeof fs.readdirSync>[0], ...rest: unknown[]) => {
    if (String(p).includes('denied-dir')) throw denied(p);
    return (fs.readdirSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

const CLEAN = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-unreadable-'));
const IS_ROOT = process.getuid?.() === 0;

interface Report {
  documents: { source: string; error: string | null; errorCode: string | null }[];
  gate: { status: string; reasons: string[] };
}

async function scanJson(dir: string): Promise<{ code: number; report: Report }> {
  const r = await cli(['scan', dir, '-f', 'json', '-j', '1']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

function tree(names: { dir: string; file: string }): string {
  const root = tmp();
  writeFileSync(path.join(root, 'clean.json'), CLEAN);
  mkdirSync(path.join(root, names.dir));
  writeFileSync(path.join(root, names.dir, 'inner.json'), CLEAN);
  writeFileSync(path.join(root, names.file), CLEAN);
  return root;
}

describe('unreadable entries found while walking', () => {
  it('an unreadable subdirectory and an unreadable file are errors naming them; the rest is scanned; exit 2', async () => {
    const root = tree({ dir: 'denied-dir', file: 'denied-file.json' });
    const { code, report } = await scanJson(root);
    expect(code).toBe(2);
    expect(report.gate.status).toBe('error');
    const byName = (name: string) => report.documents.find((d) => path.basename(d.source) === name);
    expect(byName('denied-dir')).toMatchObject({ errorCode: 'unreadable', error: expect.stringMatching(/denied-dir: directory cannot be read \(EACCES\); its files were not scanned/) });
    expect(byName('denied-file.json')).toMatchObject({ errorCode: 'unreadable', error: expect.stringMatching(/denied-file\.json: cannot be read \(EACCES\)/) });
    expect(byName('clean.json')?.error).toBeNull();
    expect(report.gate.reasons[0]).toMatch(/2 inputs could not be read/);
  });

  it.skipIf(IS_ROOT)('the same with real permissions (skipped: running as root, which reads through chmod 000)', async () => {
    const root = tree({ dir: 'locked', file: 'locked.json' });
    chmodSync(path.join(root, 'locked'), 0o000);
    chmodSync(path.join(root, 'locked.json'), 0o000);
    try {
      const { code, report } = await scanJson(root);
      expect(code).toBe(2);
      expect(report.documents.filter((d) => d.errorCode === 'unreadable').map((d) => path.basename(d.source))).toEqual(['locked', 'locked.json']);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});
