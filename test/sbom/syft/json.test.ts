// Syft JSON: artifacts, their metadata, artifact relationships and the scanned source.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syftJson } from '../../../src/sbom/syft/json.js';
import { TextInput } from '../../../src/sbom/view.js';
import { byName, edgesOf, gzip, read, utf16 } from '../helpers.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/syft-alpine-image.syft.json');
const text = readFileSync(FIXTURE, 'utf8');

describe('Syft JSON', () => {
  const doc = read(text, {}, 'alpine.syft.json');

  it('is detected by its descriptor and schema, not confused with other JSON', () => {
    expect(syftJson.detect(new TextInput('x', text))).toEqual({ specVersion: '11.0.1' });
    expect(syftJson.detect(new TextInput('x', JSON.stringify({ artifacts: [] })))).toBeUndefined();
    expect(syftJson.detect(new TextInput('x', JSON.stringify({ matches: [], descriptor: { name: 'grype' } })))).toBeUndefined();
    expect(doc.format).toBe('syft-json');
  });

  it('reads every artifact as a component, and the source as the root', () => {
    expect(doc.components.map((c) => c.name)).toEqual(['musl', 'busybox', 'requests', 'urllib3', 'py3-requests']);
    expect(doc.root).toMatchObject({ name: 'alpine', version: '3.18.4', type: 'container' });
  });

  it('maps purl, CPEs in both shapes, licences and metadata parties', () => {
    const musl = byName(doc, 'musl');
    expect(musl.purl).toBe('pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4');
    expect(musl.cpes).toEqual(['cpe:2.3:a:musl-libc:musl:1.2.4-r2:*:*:*:*:*:*:*', 'cpe:2.3:a:musl:musl:1.2.4-r2:*:*:*:*:*:*:*']);
    expect(musl.parties).toEqual([{ role: 'originator', name: 'Timo Teräs', email: 'timo.teras@iki.fi' }]);
    expect(musl.externalRefs).toEqual([{ type: 'website', url: 'https://musl.libc.org/' }]);
    expect(musl.licenses.map((l) => l.text)).toEqual(['MIT']);
    expect(byName(doc, 'requests').cpes).toEqual(['cpe:2.3:a:python-requests:requests:2.31.0:*:*:*:*:*:*:*']);
    expect(byName(doc, 'requests').parties).toEqual([{ role: 'author', name: 'Kenneth Reitz', email: 'me@kennethreitz.org' }]);
    expect(byName(doc, 'requests').licenses).toEqual([{ text: 'Apache 2.0', ids: [], parsed: false }]);
    expect(byName(doc, 'urllib3').licenses.map((l) => l.text)).toEqual(['MIT']);
    expect(byName(doc, 'urllib3').parties).toEqual([{ role: 'author', name: 'Andrey Petrov', email: 'andrey.petrov@shazow.net' }]);
  });

  it('keeps what the matcher may need as properties', () => {
    expect(byName(doc, 'musl').properties).toContainEqual({ name: 'syft:package:type', value: 'apk' });
    expect(byName(doc, 'musl').properties).toContainEqual({ name: 'syft:metadata:originPackage', value: 'musl' });
  });

  it('turns dependency-of and ownership into edges, and ignores files', () => {
    expect(edgesOf(doc)).toEqual({
      '7b61c0f2e0d9a355': ['4d3a0a9c1b2e8f10'],
      a90b4c4b5e3f7d21: ['c3f1e6d7a8b90412'],
      e5d4c3b2a1908f7e: ['a90b4c4b5e3f7d21'],
    });
    expect(doc.warnings).toEqual(['1 artifact relationship end(s) name an id that is neither an artifact nor a file']);
  });

  it('gives each artifact the line of its id', () => {
    const lines = text.split('\n');
    expect(lines[(doc.lineOf?.(byName(doc, 'busybox').ref) ?? 0) - 1]).toContain('"7b61c0f2e0d9a355"');
  });

  it('reads gzip-compressed and UTF-16 input', () => {
    expect(read(gzip(text)).components).toHaveLength(5);
    expect(read(utf16(text)).components).toHaveLength(5);
  });
});
