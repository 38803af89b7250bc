// Reads ../shared/corpus/SOURCES.md: which file must be read with how many components, or rejected.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SbomFormat } from '../../src/model/document.js';

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

export interface CorpusEntry {
  readonly file: string;
  readonly path: string;
  /** The format column of SOURCES.md (cdx-json, spdx-tv, ...). */
  readonly format: string;
  readonly expect: { kind: 'read'; components: number } | { kind: 'reject' } | { kind: 'either' };
  readonly raw: string;
}

export function corpusEntries(): CorpusEntry[] {
  const sources = path.join(CORPUS_DIR, 'SOURCES.md');
  if (!existsSync(sources)) return [];
  const out: CorpusEntry[] = [];
  for (const line of readFileSync(sources, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = cells[1];
    const format = cells[3];
    const expect = cells[5];
    if (!file || !expect || !format || file === 'file' || file.startsWith('---') || !existsSync(path.join(CORPUS_DIR, file))) continue;
    const read = /^read (\d+)/.exec(expect);
    out.push({
      file,
      path: path.join(CORPUS_DIR, file),
      format,
      raw: expect,
      expect: expect.startsWith('read or reject') ? { kind: 'either' } : read?.[1] !== undefined ? { kind: 'read', components: Number(read[1]) } : { kind: 'reject' },
    });
  }
  return out;
}

/** The format column of SOURCES.md, as ictscan names formats. */
export const CORPUS_FORMATS: Readonly<Record<string, SbomFormat>> = {
  'cdx-json': 'cyclonedx-json',
  'cdx-xml': 'cyclonedx-xml',
  'spdx-json': 'spdx-json',
  'spdx-tv': 'spdx-tag-value',
  'spdx-yaml': 'spdx-yaml',
  'spdx-rdf': 'spdx-rdf',
  'spdx3-jsonld': 'spdx3-jsonld',
};
