// SPDX tag-value: sections, multi-line text, line scanning, relationships, quirks, speed, and the same model as SPDX JSON.
import { describe, expect, it } from 'vitest';
import { spdxTagValue } from '../../../src/sbom/spdx/tag-value.js';
import { TextInput } from '../../../src/sbom/view.js';
import { byName, edgesOf, gzip, read, readError, sameModel, utf16 } from '../helpers.js';
import { JSON_DOC, TAG_VALUE } from './fixtures.js';

describe('SPDX tag-value detection', () => {
  it('finds SPDXVersion after leading comment lines', () => {
    expect(spdxTagValue.detect(new TextInput('x', TAG_VALUE))).toEqual({ specVersion: '2.3' });
  });

  it('reads tag-value content whatever the file is called', () => {
    expect(read(TAG_VALUE, {}, 'sbom.spdx.json').format).toBe('spdx-tag-value');
    expect(read(TAG_VALUE, {}, 'report.txt').format).toBe('spdx-tag-value');
  });

  it('leaves JSON, XML and YAML alone', () => {
    expect(spdxTagValue.detect(new TextInput('x', '{"SPDXVersion": "x"}'))).toBeUndefined();
    expect(spdxTagValue.detect(new TextInput('x', 'spdxVersion: SPDX-2.3\n'))).toBeUndefined();
  });
});

describe('SPDX tag-value reading', () => {
  const doc = read(TAG_VALUE);

  it('reads the same model as the JSON encoding of the document', () => {
    expect(sameModel(doc)).toEqual(sameModel(read(JSON.stringify(JSON_DOC))));
  });

  it('counts packages, not files, and keeps a file SPDXID off the package before it', () => {
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-app', 'SPDXRef-libfoo', 'SPDXRef-libbar']);
  });

  it('knows the file a relationship names, so nothing is reported as dangling', () => {
    expect(doc.warnings).toEqual([]);
  });

  it('joins <text> values over several lines', () => {
    const foo = byName(doc, 'libfoo');
    expect(foo.description).toBe('Does foo.\nOver two lines.\nA library');
    expect(foo.parties).toContainEqual({ role: 'copyright', name: 'Copyright 2020\nJane Doe' });
  });

  it('maps identifiers, parties, checksums and licences', () => {
    const foo = byName(doc, 'libfoo');
    expect(foo.purl).toBe('pkg:generic/libfoo@1.10');
    expect(foo.cpes).toEqual(['cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*']);
    expect(foo.version).toBe('1.10');
    expect(foo.hashes).toEqual([{ alg: 'SHA256', content: '11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd' }]);
    expect(foo.parties[0]).toEqual({ role: 'originator', name: 'Jane Doe', email: 'jane@example.org' });
    expect(byName(doc, 'example-app').parties).toEqual([{ role: 'supplier', name: 'Example Corp', email: 'oss@example.com' }]);
    expect(byName(doc, 'libbar').type).toBe('library');
  });

  it('builds the graph from Relationship lines, without edges to NONE', () => {
    expect(doc.rootRef).toBe('SPDXRef-app');
    expect(edgesOf(doc)).toEqual({
      'SPDXRef-app': ['SPDXRef-libfoo', 'SPDXRef-file-app'],
      'SPDXRef-libfoo': ['SPDXRef-libbar'],
    });
  });

  it('gives each package the line of its PackageName', () => {
    const lines = TAG_VALUE.split('\n');
    for (const c of doc.components) expect(lines[(c.line ?? 0) - 1]).toBe(`PackageName: ${c.name}`);
  });

  it('takes a purl from a comment only when no externalRef gives one', () => {
    const text = TAG_VALUE.replace('ExternalRef: PACKAGE_MANAGER purl pkg:generic/libfoo@1.10\n', '');
    expect(byName(read(text), 'libfoo').purl).toBe('pkg:deb/debian/libfoo@1.10');
  });
});

describe('SPDX tag-value quirks', () => {
  it('reads CRLF line endings', () => {
    expect(sameModel(read(TAG_VALUE.replace(/\n/g, '\r\n')))).toEqual(sameModel(read(TAG_VALUE)));
  });

  it('reads gzip-compressed and UTF-16 input', () => {
    expect(read(gzip(TAG_VALUE)).components).toHaveLength(3);
    expect(read(utf16(TAG_VALUE)).components).toHaveLength(3);
  });

  it('rejects a <text> that is never closed, naming its line', () => {
    const e = readError(`${TAG_VALUE}PackageName: last\nPackageComment: <text>runs to the end\n`);
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/never closed/);
  });

  it('rejects a <text> left open before the next one rather than swallowing the tags between', () => {
    const e = readError(TAG_VALUE.replace('PackageSummary: <text>A library</text>', 'PackageSummary: <text>A library'));
    expect(e.code).toBe('malformed');
    expect(e.position?.line).toBe(TAG_VALUE.split('\n').findIndex((l) => l.startsWith('PackageSummary')) + 1);
  });

  it('ignores lines that are not Tag: Value, with a warning', () => {
    const doc = read(TAG_VALUE.replace('FilesAnalyzed: false\nPrimaryPackagePurpose', 'FilesAnalyzed: false\nthis is not a tag line\nPrimaryPackagePurpose'));
    expect(doc.components).toHaveLength(3);
    expect(doc.warnings).toContainEqual(expect.stringContaining('1 line(s) that are not "Tag: Value" were ignored'));
  });

  it('summarises packages without SPDXID and repeated SPDXIDs', () => {
    const text = `SPDXVersion: SPDX-2.2\nSPDXID: SPDXRef-DOCUMENT\nPackageName: a\nPackageName: b\nSPDXID: SPDXRef-x\nPackageName: c\nSPDXID: SPDXRef-x\nRelationship: SPDXRef-x DEPENDS_ON SPDXRef-y\n`;
    const doc = read(text);
    expect(doc.components).toHaveLength(3);
    expect(doc.warnings).toContainEqual(expect.stringContaining('1 package(s) without a SPDXID, so the dependency graph cannot reach them: "a"'));
    expect(doc.warnings).toContainEqual('1 relationship end(s) name an SPDX element the document does not define (e.g. "SPDXRef-y")');
    expect(doc.warnings).toContainEqual(expect.stringContaining('1 duplicate SPDXID(s): "SPDXRef-x"'));
  });

  it('rejects SPDX 3 in tag-value', () => {
    expect(readError('SPDXVersion: SPDX-3.0\n').code).toBe('unsupported-version');
  });

  it('reads 5,000 packages with their relationships', () => {
    const parts = ['SPDXVersion: SPDX-2.2', 'SPDXID: SPDXRef-DOCUMENT'];
    for (let i = 0; i < 5000; i++) {
      parts.push(`PackageName: p${i}`, `SPDXID: SPDXRef-p${i}`, `PackageVersion: 1.${i}`, `PackageComment: <text>line one\nline two</text>`, `ExternalRef: PACKAGE-MANAGER purl pkg:npm/p${i}@1.${i}`);
      if (i > 0) parts.push(`Relationship: SPDXRef-p${i - 1} DEPENDS_ON SPDXRef-p${i}`);
    }
    const doc = read(parts.join('\n'));
    expect(doc.components).toHaveLength(5000);
    expect(doc.edges.size).toBe(4999);
  });
});

describe('SPDX tag-value line scanning', () => {
  const head = 'SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n';

  it('trims tags and values as String.prototype.trim does, Unicode spaces included', () => {
    const doc = read(`${head} \tPackageName \t:\u00a0 spaced out\u3000 \r\nSPDXID:SPDXRef-a\u2028\nPackageVersion:\t\ufeff1.0\n`);
    expect(doc.components.map((c) => [c.name, c.ref, c.version])).toEqual([['spaced out', 'SPDXRef-a', '1.0']]);
  });

  it('counts lines through comments, blank lines and multi-line text values', () => {
    const text = `${head}# a comment\n\n   \nPackageName: a\nPackageComment: <text>one\ntwo\n\nthree</text>\n  # indented comment\nPackageName: b\nPackageDescription: <text>x\r\ny</text>\r\nPackageName: c\n`;
    const lines = text.split('\n');
    const doc = read(text);
    expect(doc.components.map((c) => lines[(c.line ?? 0) - 1]?.trim())).toEqual(['PackageName: a', 'PackageName: b', 'PackageName: c']);
    expect(byName(doc, 'a').properties).toContainEqual({ name: 'spdx:comment', value: 'one\ntwo\n\nthree' });
    expect(byName(doc, 'b').description).toBe('x\ny');
  });

  it('drops what follows </text> on its line and reads on from the next line', () => {
    const doc = read(`${head}PackageName: a\nPackageComment: <text>kept</text> PackageVersion: 9\nPackageVersion: 1\n`);
    expect(byName(doc, 'a').properties).toEqual([{ name: 'spdx:comment', value: 'kept' }]);
    expect(byName(doc, 'a').version).toBe('1');
  });

  it('counts lines whose first colon does not follow a tag as stray, naming the first', () => {
    const strays = ['Package Name: x', '1Tag: y', ': z', 'no colon here', 'Tag.x: w', 'PackageComment x: y'];
    const doc = read(`${head}PackageName: a\n${strays.join('\n')}\nPackage-Extra_1 : fine\n`);
    expect(doc.components.map((c) => c.name)).toEqual(['a']);
    expect(doc.warnings).toContainEqual(`${strays.length} line(s) that are not "Tag: Value" were ignored (first at line 4)`);
  });

  it('keeps package tags after a Relationship on the package, and not those after a FileName', () => {
    const doc = read(`${head}PackageName: a\nSPDXID: SPDXRef-a\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-a\nPackageVersion: 1\nFileName: f\nSPDXID: SPDXRef-f\nPackageVersion: 2\nRelationship: SPDXRef-a CONTAINS SPDXRef-f\n`);
    expect(byName(doc, 'a').version).toBe('1');
    expect(doc.rootRef).toBe('SPDXRef-a');
    expect(edgesOf(doc)).toEqual({ 'SPDXRef-a': ['SPDXRef-f'] });
    expect(doc.warnings).toEqual([]);
  });

  it('gives lists a package leaves out as empty lists', () => {
    const c = byName(read(`${head}PackageName: bare\n`), 'bare');
    expect([c.cpes, c.parties, c.licenses, c.hashes, c.externalRefs, c.properties, c.related]).toEqual([[], [], [], [], [], [], []]);
  });
});
