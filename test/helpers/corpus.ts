// Where ../shared is, whether its corpus is there, and ../shared/corpus/SOURCES.md: which file must be read with how many components, or rejected.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SbomFormat } from '../../src/model/document.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

/**
 * ../shared beside the project; ICTSCAN_SHARED_DIR points the tests elsewhere (a path that does not exist
 * shows which tests skip on a machine without it).
 */
export const SHARED_DIR = path.resolve(PACKAGE_ROOT, process.env['ICTSCAN_SHARED_DIR'] ?? '../shared');

export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');

/** Tests that read the corpus skip, and say why, when it is not there; when it is, they must check something. */
export const CORPUS_MISSING = !existsSync(path.join(CORPUS_DIR, 'SOURCES.md'));

/** A test's title, saying why it is skipped when the corpus is absent. */
export function withCorpus(title: string): string {
  return CORPUS_MISSING ? `${title} (skipped: no corpus at ${CORPUS_DIR})` : title;
}

/** The title of a test that also runs without the corpus, on the rest of its cases, and says so. */
export function partlyWithCorpus(title: string): string {
  return CORPUS_MISSING ? `${title} (corpus cases skipped: no corpus at ${CORPUS_DIR})` : title;
}

/** The corpus files' names; none when the corpus is absent. */
export function corpusFileNames(): string[] {
  return CORPUS_MISSING ? [] : readdirSync(CORPUS_DIR).sort();
}

export interface CorpusEntry {
  readonly file: string;
  readonly path: string;
  /** The format column of SOURCES.md (cdx-json, spdx-tv, ...). */
  readonly format: string;
  readonly expect: { kind: 'read'; components: number } | { kind: 'reject' } | { kind: 'either' };
  readonly raw: string;
}

/** The entries of SOURCES.md whose files exist; none when the corpus is absent, and an error when it is there but yields none. */
export function corpusEntries(): CorpusEntry[] {
  if (CORPUS_MISSING) return [];
  const sources = path.join(CORPUS_DIR, 'SOURCES.md');
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
  // A corpus that is there but lists nothing would let every corpus test pass on zero cases.
  if (out.length === 0) throw new Error(`${sources} lists no file that exists in ${CORPUS_DIR}`);
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
