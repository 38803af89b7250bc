// SPDX 2.x JSON and YAML against ictscan's SPDX 2.3 schema, and the required tags of tag-value.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { checkSpdxTagValue } from '../../src/validate/spdx.js';
import { CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';
import { corpusFile, validateFile, validateText, why } from './helpers.js';

const SCHEMA = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas', 'spdx-2.3.schema.json'), 'utf8')) as {
  description: string;
  definitions: Record<string, { properties: Record<string, { enum?: string[]; items?: { properties: Record<string, { enum?: string[] }> } }> }>;
};

/** A small valid SPDX 2.3 document; each test changes what it is about. */
function doc(overrides: Record<string, unknown> = {}, pkg: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'example',
    documentNamespace: 'https://example.com/spdx/example-1',
    creationInfo: { created: '2024-06-20T00:00:00Z', creators: ['Tool: example-1.0'] },
    packages: [{ SPDXID: 'SPDXRef-pkg', name: 'pkg', downloadLocation: 'NOASSERTION', ...pkg }],
    relationships: [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-pkg' }],
    ...overrides,
  };
}

async function check(d: Record<string, unknown>) {
  return validateText('doc.spdx.json', JSON.stringify(d, null, 2));
}

describe('the SPDX 2.3 schema', () => {
  it('says it is ictscan’s encoding of the specification, not the official file', () => {
    expect(SCHEMA.description).toMatch(/^ictscan's own encoding of the constraints that the SPDX 2.3 specification states/);
    expect(SCHEMA.description).toContain('not the official SPDX JSON schema');
  });

  it('compiles under ajv strict mode apart from its x-error annotations', () => {
    const ajv = new Ajv({ strict: true, allowMatchingProperties: true, validateFormats: false });
    ajv.addKeyword('x-error');
    expect(() => ajv.compile(SCHEMA)).not.toThrow();
  });

  it('lists every SPDX 2.3 relationship type, checksum algorithm, purpose and reference category', () => {
    const rel = SCHEMA.definitions['relationship']?.properties['relationshipType']?.enum ?? [];
    expect(rel).toHaveLength(45);
    expect(rel).toEqual(expect.arrayContaining(['DESCRIBES', 'REQUIREMENT_DESCRIPTION_FOR', 'SPECIFICATION_FOR', 'OTHER']));
    expect(SCHEMA.definitions['checksum']?.properties['algorithm']?.enum).toHaveLength(17);
    expect(SCHEMA.definitions['package']?.properties['externalRefs']?.items?.properties['referenceCategory']?.enum).toEqual(
      expect.arrayContaining(['PACKAGE-MANAGER', 'PACKAGE_MANAGER', 'PERSISTENT-ID', 'SECURITY', 'OTHER']),
    );
    expect(SCHEMA.definitions['package']?.properties['primaryPackagePurpose']?.enum).toEqual(expect.arrayContaining(['OPERATING-SYSTEM', 'INSTALL', 'SOURCE']));
  });
});

describe('SPDX JSON', () => {
  it.skipIf(CORPUS_MISSING)(withCorpus('the SPDX 2.3 JSON example is valid'), async () => {
    const r = await validateFile(corpusFile('spdxpy__SPDXJSONExample-v2.3.spdx.json'));
    expect(r.status, why(r)).toBe('valid');
    expect(r.schema).toBe("ictscan's SPDX 2.3 schema (schemas/spdx-2.3.schema.json)");
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('the SPDX 2.3 YAML example is valid'), async () => {
    const r = await validateFile(corpusFile('spdxpy__SPDXYAMLExample-v2.3.spdx.yaml'));
    expect(r.format).toBe('spdx-yaml');
    expect(r.status, why(r)).toBe('valid');
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('the invalid trivy fixture of spdx/tools-python: what is wrong with it, where'), async () => {
    const r = await validateFile(corpusFile('spdxpy__invalid__spdx-trivy-vmware_log-intelligence-fluentd.json'));
    expect(r.status).toBe('invalid');
    expect(r.specVersion).toBe('2.2');
    const first = (pointer: string) => r.errors.find((e) => e.pointer === pointer);
    // Fractional seconds: the specification's format is YYYY-MM-DDThh:mm:ssZ.
    expect(first('/creationInfo/created')).toMatchObject({ line: 4, value: '"2022-12-27T23:08:17.349368Z"', message: expect.stringContaining('YYYY-MM-DDThh:mm:ssZ') });
    // No package has the mandatory downloadLocation.
    expect(first('/packages/0')).toMatchObject({ line: 380, message: 'must have required property "downloadLocation"' });
    expect(r.errors.filter((e) => e.message === 'must have required property "downloadLocation"')).toHaveLength(514);
    // "DESCRIBE" is not a relationship type (DESCRIBES is).
    expect(first('/relationships/0/relationshipType')).toMatchObject({ value: '"DESCRIBE"', message: expect.stringMatching(/^must be one of: DESCRIBES/) });
    // Packages with filesAnalyzed false that nevertheless contain files.
    expect(first('/packages/8/hasFiles')?.message).toMatch(/must be empty when filesAnalyzed is false/);
    // Files without the mandatory checksums.
    expect(first('/files/0')).toMatchObject({ line: 13, message: 'must have required property "checksums"' });
    // Sorted by line.
    const lines = r.errors.map((e) => e.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('checks required fields, identifiers, enums and dates', async () => {
    const r = await check(
      doc(
        { dataLicense: 'MIT', documentNamespace: 'https://example.com/a#b', creationInfo: { created: '2024-06-20', creators: [] } },
        { SPDXID: 'SPDXRef-bad_id', checksums: [{ algorithm: 'SHA-1', checksumValue: 'ABC' }], primaryPackagePurpose: 'PLUGIN', externalRefs: [{ referenceCategory: 'PACKAGE_MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/x@1' }] },
      ),
    );
    const by = Object.fromEntries(r.errors.map((e) => [e.pointer, e.message]));
    expect(by).toMatchObject({
      '/dataLicense': 'must be "CC0-1.0"',
      '/documentNamespace': "must be an absolute URI without a '#' part (6.5)",
      '/creationInfo/created': 'must be a UTC date and time YYYY-MM-DDThh:mm:ssZ, whole seconds',
      '/creationInfo/creators': 'must NOT have fewer than 1 items',
      '/packages/0/SPDXID': 'must be SPDXRef- followed by letters, digits, "." or "-"',
      '/packages/0/checksums/0/algorithm': expect.stringMatching(/^must be one of: SHA1, SHA224/),
      '/packages/0/checksums/0/checksumValue': 'must be lowercase hexadecimal digits',
      '/packages/0/primaryPackagePurpose': expect.stringMatching(/^must be one of: APPLICATION/),
    });
    expect(r.errors.map((e) => e.pointer)).not.toContain('/packages/0/externalRefs/0/referenceCategory');
  });

  it('applies the filesAnalyzed rules of SPDX 2.3', async () => {
    const code = { packageVerificationCodeValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' };
    expect((await check(doc({}, { filesAnalyzed: true, packageVerificationCode: code }))).status).toBe('valid');
    expect((await check(doc({}, { filesAnalyzed: false }))).status).toBe('valid');
    const r = await check(doc({}, { filesAnalyzed: false, packageVerificationCode: code, licenseInfoFromFiles: ['MIT'] }));
    expect(r.errors.map((e) => [e.pointer, e.message])).toEqual([
      ['/packages/0/packageVerificationCode', 'must be omitted when filesAnalyzed is false (7.9)'],
      ['/packages/0/licenseInfoFromFiles', 'must be omitted when filesAnalyzed is false (7.14)'],
    ]);
  });

  it('names a property the schema does not know, at the property', async () => {
    const text = JSON.stringify(doc({}, { packageName: 'pkg' }), null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"packageName"')) + 1;
    const r = await validateText('doc.spdx.json', text);
    expect(r.errors).toEqual([{ pointer: '/packages/0/packageName', line, column: 7, message: 'is not a property the schema allows here', value: '"pkg"' }]);
  });

  it('a file without SHA1 among its checksums gets one issue, not one per checksum', async () => {
    const r = await check(doc({ files: [{ SPDXID: 'SPDXRef-f', fileName: './a', checksums: [{ algorithm: 'SHA256', checksumValue: 'ab' }, { algorithm: 'MD5', checksumValue: 'cd' }] }] }));
    expect(r.errors.map((e) => [e.pointer, e.message])).toEqual([['/files/0/checksums', 'must hold at least one checksum, SHA1 among them (8.4)']]);
  });

  it('SPDX 2.2 is checked against the 2.3 constraints, and says so; SPDX 3 in spdxVersion is not validated', async () => {
    const r = await check(doc({ spdxVersion: 'SPDX-2.1' }));
    expect(r.status).toBe('valid');
    expect(r.notes).toContain('SPDX 2.1 was checked against the SPDX 2.3 constraints');
    expect((await check(doc({ spdxVersion: 'SPDX-2.2' }))).notes).toEqual([]);
    const v3 = await check(doc({ spdxVersion: 'SPDX-3.0' }));
    expect(v3.status).toBe('error');
    expect(v3.error?.code).toBe('unsupported-version');
  });

  it('text after the document makes the file an input error, with the line where it starts (the scanner refuses it too)', async () => {
    const json = JSON.stringify(doc(), null, 2);
    const r = await validateText('junk.json', `${json}\n<html>scraped</html>\n`);
    expect(r.status).toBe('error');
    expect(r.error?.message).toMatch(new RegExp(`characters of text after the JSON document \\(from line ${json.split('\n').length + 1}, column 1\\)`));
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('YAML issues carry the line of the YAML key'), async () => {
    const yaml = readFileSync(corpusFile('spdxpy__SPDXYAMLExample-v2.3.spdx.yaml'), 'utf8').replace('relationshipType: "CONTAINS"', 'relationshipType: "CONTAIN"');
    const line = yaml.split('\n').findIndex((l) => l.includes('relationshipType: "CONTAIN"')) + 1;
    const r = await validateText('example.spdx.yaml', yaml);
    expect(r.status).toBe('invalid');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line, column: 3, value: '"CONTAIN"' });
    expect(r.errors[0]?.pointer).toMatch(/^\/relationships\/\d+\/relationshipType$/);
  });
});

describe('SPDX tag-value', () => {
  it.skipIf(CORPUS_MISSING)(withCorpus('the SPDX 2.3 tag-value example has every required tag'), async () => {
    const r = await validateFile(corpusFile('spdxpy__SPDXTagExample-v2.3.spdx'));
    expect(r.format).toBe('spdx-tag-value');
    expect(r.status, why(r)).toBe('valid');
  });

  it('names the missing document and package tags, with lines', () => {
    const text = ['SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', 'Creator: Tool: x', 'Created: 2024-06-20T00:00:00.5Z', '', 'PackageName: a', 'SPDXID: SPDXRef-a', 'FilesAnalyzed: false', 'PackageVerificationCode: d6a770ba38583ed4bb4525bd96e50461655d2758', 'PackageComment: <text>', 'PackageDownloadLocation: inside text, not a tag', '</text>'].join('\n');
    expect(checkSpdxTagValue(text)).toEqual([
      { line: 1, message: 'the document must have a DocumentName tag' },
      { line: 1, message: 'the document must have a DocumentNamespace tag' },
      { line: 5, message: 'Created must be a UTC date and time YYYY-MM-DDThh:mm:ssZ, whole seconds', value: '"2024-06-20T00:00:00.5Z"' },
      { line: 7, message: 'package "a" must have a PackageDownloadLocation tag' },
      { line: 10, message: 'PackageVerificationCode must be omitted when FilesAnalyzed is false (7.9)' },
    ]);
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('syft’s tag-value fixture has no DocumentName'), async () => {
    const r = await validateFile(corpusFile('syft__tag-value.spdx'));
    expect(r.errors).toEqual([{ line: 1, message: 'the document must have a DocumentName tag' }]);
  });
});

describe('formats without a schema', () => {
  it.skipIf(CORPUS_MISSING).each([
    ['spdxpy__SPDXRdfExample-v2.3.spdx.rdf.xml', 'SPDX 2.x RDF/XML'],
    ['spdxex__appbomination.spdx3.json', 'SPDX 3.0 JSON-LD'],
  ])(withCorpus('%s is not checked, and says so'), async (file, format) => {
    const r = await validateFile(corpusFile(file));
    expect(r.status).toBe('unchecked');
    expect(r.notes[0]).toBe(`no schema validation for this format (${format})`);
    expect(r.errors).toEqual([]);
  });
});
