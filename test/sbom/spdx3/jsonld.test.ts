// SPDX 3.0 JSON-LD: packages and their subclasses, agents, licences and relationships resolved by IRI.
import { describe, expect, it } from 'vitest';
import { spdx3JsonLd } from '../../../src/sbom/spdx3/jsonld.js';
import { TextInput } from '../../../src/sbom/view.js';
import { byName, edgesOf, gzip, read, readError, utf16 } from '../helpers.js';

const B = 'https://example.com/spdx3/app#';

const DOC = {
  '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
  '@graph': [
    { '@id': '_:ci', type: 'CreationInfo', specVersion: '3.0.1', created: '2024-01-01T00:00:00Z', createdBy: [`${B}tool`] },
    { spdxId: `${B}org`, type: 'Organization', name: 'Example Corp', creationInfo: '_:ci' },
    { spdxId: `${B}jane`, type: 'Person', name: 'Jane Doe', externalIdentifier: [{ type: 'ExternalIdentifier', externalIdentifierType: 'email', identifier: 'jane@example.org' }], creationInfo: '_:ci' },
    { spdxId: `${B}doc`, type: 'SpdxDocument', rootElement: [`${B}sbom`], creationInfo: '_:ci' },
    { spdxId: `${B}sbom`, type: 'software_Sbom', rootElement: [`${B}app`], creationInfo: '_:ci' },
    {
      spdxId: `${B}app`,
      type: 'software_Package',
      name: 'example-app',
      software_packageVersion: '2.0',
      software_packageUrl: 'pkg:npm/example-app@2.0',
      suppliedBy: `${B}org`,
      software_primaryPurpose: 'application',
      software_downloadLocation: 'NOASSERTION',
      creationInfo: '_:ci',
    },
    {
      '@id': `${B}libfoo`,
      '@type': 'software_Package',
      name: 'libfoo',
      software_packageVersion: '1.10',
      originatedBy: [`${B}jane`, `${B}nobody`],
      software_homePage: 'https://example.org/libfoo',
      software_copyrightText: 'Copyright 2020 Jane Doe',
      externalIdentifier: [
        { type: 'ExternalIdentifier', externalIdentifierType: 'packageUrl', identifier: 'pkg:generic/libfoo@1.10' },
        { type: 'ExternalIdentifier', externalIdentifierType: 'cpe23', identifier: 'cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*' },
      ],
      externalRef: [{ type: 'ExternalRef', externalRefType: 'vcs', locator: ['https://github.com/example/libfoo'] }],
      verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: 'abc123' }, { type: 'PackageVerificationCode', algorithm: 'sha1', hashValue: 'ignored' }],
      creationInfo: '_:ci',
    },
    { spdxId: `${B}model`, type: 'https://spdx.org/rdf/3.0.1/terms/AI/AIPackage', name: 'sentiment-model', software_packageVersion: '1', creationInfo: '_:ci' },
    { spdxId: `${B}file`, type: 'software_File', name: './bin/app', creationInfo: '_:ci' },
    { spdxId: `${B}lic-mit`, type: 'simplelicensing_LicenseExpression', simplelicensing_licenseExpression: 'MIT OR Apache-2.0', creationInfo: '_:ci' },
    { spdxId: `${B}r1`, type: 'Relationship', from: `${B}app`, to: [`${B}libfoo`], relationshipType: 'dependsOn', creationInfo: '_:ci' },
    { spdxId: `${B}r2`, type: 'LifecycleScopedRelationship', from: `${B}app`, to: [`${B}model`], relationshipType: 'dependsOn', scope: 'runtime', creationInfo: '_:ci' },
    { spdxId: `${B}r3`, type: 'Relationship', from: `${B}app`, to: [`${B}file`], relationshipType: 'contains', creationInfo: '_:ci' },
    { spdxId: `${B}r4`, type: 'Relationship', from: `${B}libfoo`, to: [`${B}lic-mit`], relationshipType: 'hasDeclaredLicense', creationInfo: '_:ci' },
    { spdxId: `${B}r5`, type: 'Relationship', from: `${B}libfoo`, to: ['https://spdx.org/licenses/MIT'], relationshipType: 'hasConcludedLicense', creationInfo: '_:ci' },
    { spdxId: `${B}r6`, type: 'Relationship', from: `${B}libfoo`, to: [`${B}gone`], relationshipType: 'dependsOn', creationInfo: '_:ci' },
    { spdxId: `${B}r7`, type: 'Relationship', from: `${B}model`, to: ['https://spdx.org/rdf/3.0.1/terms/Core/NoneElement'], relationshipType: 'dependsOn', creationInfo: '_:ci' },
  ],
};

describe('SPDX 3 JSON-LD', () => {
  const text = JSON.stringify(DOC, null, 2);
  const doc = read(text);

  it('is detected by its @context', () => {
    expect(spdx3JsonLd.detect(new TextInput('x', text))).toEqual({ specVersion: '3.0.1' });
    expect(spdx3JsonLd.detect(new TextInput('x', JSON.stringify({ '@context': ['https://spdx.org/rdf/3.0.0/spdx-context.jsonld'], '@graph': [] })))).toEqual({ specVersion: '3.0.0' });
    expect(spdx3JsonLd.detect(new TextInput('x', JSON.stringify({ '@context': 'https://schema.org', '@graph': [] })))).toBeUndefined();
    expect(doc.format).toBe('spdx3-jsonld');
    expect(doc.specVersion).toBe('3.0.1');
  });

  it('counts software_Package elements (as the corpus contract does), not files or AI packages; accepts @id/@type', () => {
    expect(doc.components.map((c) => c.name)).toEqual(['example-app', 'libfoo']);
  });

  it('reads AI packages and files as uncounted elements, the file known by its base name too', () => {
    expect(doc.elements?.map((c) => [c.name, c.type])).toEqual([
      ['sentiment-model', 'machine-learning-model'],
      ['./bin/app', 'file'],
    ]);
    expect(doc.elements?.[1]?.related.map((r) => r.name)).toEqual(['app']);
  });

  it('finds the root through the document and the Sbom it names', () => {
    expect(doc.rootRef).toBe(`${B}app`);
  });

  it('maps identifiers, agents, hashes and references', () => {
    const foo = byName(doc, 'libfoo');
    expect(foo.purl).toBe('pkg:generic/libfoo@1.10');
    expect(foo.cpes).toEqual(['cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*']);
    expect(foo.parties).toEqual([
      { role: 'originator', name: 'Jane Doe', email: 'jane@example.org' },
      { role: 'copyright', name: 'Copyright 2020 Jane Doe' },
    ]);
    expect(foo.hashes).toEqual([{ alg: 'sha256', content: 'abc123' }]);
    expect(foo.externalRefs).toEqual([
      { type: 'vcs', url: 'https://github.com/example/libfoo' },
      { type: 'homepage', url: 'https://example.org/libfoo' },
    ]);
    const app = byName(doc, 'example-app');
    expect(app.purl).toBe('pkg:npm/example-app@2.0');
    expect(app.parties).toEqual([{ role: 'supplier', name: 'Example Corp' }]);
    expect(app.type).toBe('application');
    expect(app.externalRefs).toEqual([]);
  });

  it('reads licences through hasConcludedLicense / hasDeclaredLicense', () => {
    expect(byName(doc, 'libfoo').licenses.map((l) => l.text)).toEqual(['MIT', 'MIT OR Apache-2.0']);
  });

  it('draws edges between software artifacts only and reports ends that are missing', () => {
    expect(edgesOf(doc)).toEqual({ [`${B}app`]: [`${B}libfoo`, `${B}model`, `${B}file`] });
    expect(doc.warnings.join('\n')).toMatch(/relationship end\(s\) name an element that is not in the document/);
    expect(doc.warnings).toContainEqual(expect.stringContaining('1 suppliedBy/originatedBy reference(s)'));
  });

  it('reads gzip-compressed and UTF-16 input', () => {
    expect(read(gzip(text)).components).toHaveLength(2);
    expect(read(utf16(text)).components).toHaveLength(2);
  });

  it('rejects an SPDX version it does not read', () => {
    const v4 = { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [{ type: 'CreationInfo', specVersion: '4.0' }] };
    expect(readError(JSON.stringify(v4)).code).toBe('unsupported-version');
  });
});
