// Every real lockfile and manifest of ../shared/corpus-inputs is read with the package count SOURCES.md gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectFormat } from '../../src/model/document.js';
import { PROJECT_READERS } from '../../src/project/registry.js';
import { decode } from '../../src/sbom/read.js';
import { HAVE_INPUTS, lockfileEntries } from '../helpers/corpus-inputs.js';

/** SOURCES.md kinds, as ictscan's project formats. */
const KIND_FORMAT: Readonly<Record<string, ProjectFormat>> = {
  'npm-lock': 'npm-lock',
  'yarn-classic': 'yarn-lock',
  'yarn-berry': 'yarn-lock',
  'pnpm-lock': 'pnpm-lock',
  requirements: 'pip-requirements',
  'poetry-lock': 'poetry-lock',
  'pipfile-lock': 'pipfile-lock',
  'uv-lock': 'uv-lock',
  'go-mod': 'go-mod',
  'go-sum': 'go-sum',
  pom: 'maven-pom',
  'gradle-lockfile': 'gradle-lockfile',
  'nuget-lock': 'nuget-lock',
  csproj: 'nuget-project',
  'packages-config': 'nuget-packages-config',
  'cargo-lock': 'cargo-lock',
  'composer-lock': 'composer-lock',
  'gemfile-lock': 'gemfile-lock',
  dockerfile: 'dockerfile',
};

const entries = lockfileEntries();

describe('corpus-inputs lockfiles and manifests', () => {
  it.skipIf(!HAVE_INPUTS)('finds the lockfile table in SOURCES.md (skipped: ../shared/corpus-inputs is absent)', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
  });
  for (const e of entries) {
    const format = KIND_FORMAT[e.kind];
    const reader = format ? PROJECT_READERS.get(format) : undefined;
    it.skipIf(!reader)(`${e.file} (${e.kind}) holds ${e.expect} packages${reader ? '' : ' (skipped: no reader for this kind yet)'}`, () => {
      const { text } = decode(readFileSync(e.path), 1 << 28);
      const doc = (reader as NonNullable<typeof reader>).read(e.path, text);
      expect(doc.format).toBe(format);
      // SOURCES.md counts a Dockerfile's FROM images; the packages its RUN lines install are read too.
      const counted = e.kind === 'dockerfile' ? doc.components.filter((c) => c.purl?.startsWith('pkg:docker/')) : doc.components;
      expect(counted.length).toBe(e.expect);
      // Every package has a purl and a line in the file (read on demand for JSON lockfiles).
      for (const c of doc.components) {
        expect(c.purl, c.ref).toMatch(/^pkg:[a-z]+\//);
        const line = c.line ?? doc.lineOf?.(c.ref);
        expect(line, c.ref).toBeGreaterThan(0);
      }
    });
  }
});
