// Reads ../shared/corpus-inputs/SOURCES.md: each lockfile or manifest with its kind and the package count count.py gave.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const INPUTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus-inputs');
export const HAVE_INPUTS = existsSync(path.join(INPUTS_DIR, 'SOURCES.md'));

export interface InputEntry {
  readonly file: string;
  readonly path: string;
  readonly kind: string;
  readonly expect: number;
  readonly detail: string;
}

/** The rows of the "Lockfiles and manifests" table whose file is present. */
export function lockfileEntries(): InputEntry[] {
  if (!HAVE_INPUTS) return [];
  const text = readFileSync(path.join(INPUTS_DIR, 'SOURCES.md'), 'utf8');
  const section = text.split('### Lockfiles and manifests')[1]?.split('### ')[0] ?? '';
  const out: InputEntry[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = cells[1]?.replace(/`/g, '');
    const kind = cells[2];
    const expect = Number(cells[3]);
    if (!file || !kind || file === 'file' || file.startsWith('---') || !Number.isInteger(expect)) continue;
    if (!existsSync(path.join(INPUTS_DIR, file))) continue;
    out.push({ file, path: path.join(INPUTS_DIR, file), kind, expect, detail: cells[4] ?? '' });
  }
  return out;
}
