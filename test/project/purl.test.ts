// The purl fast path writes exactly what packageurl-js writes, on a grid of plain and near-plain parts and on every
// component the project readers make from the shared corpus-inputs lockfiles.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { plainPurl, purlOf } from '../../src/project/build.js';
import { readerFor } from '../../src/project/registry.js';

const INPUTS = path.resolve(PACKAGE_ROOT, '../shared/corpus-inputs');

function library(spec: { type: string; namespace?: string; name: string; version?: string }): string | undefined {
  try {
    return new PackageURL(spec.type, spec.namespace, spec.name, spec.version, undefined, undefined).toString();
  } catch {
    return undefined;
  }
}

describe('plainPurl', () => {
  it('agrees with packageurl-js wherever it answers (a grid of types and parts)', () => {
    const types = ['npm', 'nuget', 'maven', 'cargo', 'composer', 'gem', 'golang', 'pypi', 'docker', 'generic', 'deb'];
    const names = ['a', 'pkg-1', 'a.b', 'a_b', 'x9', '1a', 'a-', 'a..b', 'A', 'a b', 'é', 'a/b', 'a@b', '%41'];
    const versions = [undefined, '1.0.0', '1.0.0-RC1', '1.0.0+build.5', 'v1.2.3', '1.0.0_beta', 'V1', '^1.0.0', '1.0 beta', '1/2', 'sha256:abc'];
    const namespaces = [undefined, 'org', 'org.example', '@scope', 'github.com/org', 'a/b/c', '@Scope', 'Org', 'a//b'];
    let answered = 0;
    for (const type of types) for (const name of names) for (const version of versions) for (const namespace of namespaces) {
      const spec = { type, name, ...(version && { version }), ...(namespace && { namespace }) };
      const fast = plainPurl(spec);
      if (fast === undefined) continue;
      answered++;
      expect([spec, fast]).toEqual([spec, library(spec)]);
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it.skipIf(!existsSync(INPUTS))('gives every corpus-inputs component the purl packageurl-js gives it (../shared/corpus-inputs absent: skipped)', () => {
    let checked = 0;
    for (const file of readdirSync(INPUTS)) {
      const source = path.join(INPUTS, file.split('__').pop() as string);
      const reader = readerFor(source);
      if (!reader) continue;
      let doc;
      try {
        doc = reader.read(source, readFileSync(path.join(INPUTS, file), 'utf8'));
      } catch {
        continue;
      }
      for (const c of doc.components) {
        if (c.purl === undefined) continue;
        checked++;
        const spec = { type: c.purl.slice(4, c.purl.indexOf('/')), name: c.name, ...(c.group && { namespace: c.group }), ...(c.version && { version: c.version }) };
        if (c.purl.includes('?')) continue;
        expect([file, c.purl]).toEqual([file, library(spec) ?? purlOf(spec)]);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
