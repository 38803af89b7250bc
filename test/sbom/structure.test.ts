// Structure that hides components (issue 12): every place a format lets software or an identity appear is read,
// at any depth; what the reader does not understand is a warning. Each case holds AO Kaspersky Lab somewhere the
// readers did not look before, and must come out flagged.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareRules, scanBytes } from '../../src/scan.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { read } from './helpers.js';

const rules = prepareRules();
const NOW = new Date('2025-01-01T00:00:00Z');
const KL = 'AO Kaspersky Lab';

/** The findings of one input, scanned the way the CLI scans a file. */
function findingsOf(text: string, source = 'input.json'): { component: string; field: string[] }[] {
  const r = scanBytes(source, Buffer.from(text), rules, { walked: false, minConfidence: 'low', maxSize: 1 << 30, now: NOW });
  if (r.document?.error) throw new Error(r.document.error);
  return r.findings.map((f) => ({ component: f.component.name, field: f.evidence.map((e) => e.field) }));
}

const cdx = (body: object, specVersion = '1.6'): string => JSON.stringify({ bomFormat: 'CycloneDX', specVersion, ...body });

describe('CycloneDX: nesting of any depth', () => {
  const deep = (n: number, leaf: object): object => {
    let c: object = leaf;
    for (let i = 0; i < n; i++) c = { name: `level-${i}`, components: [c] };
    return c;
  };

  it('a Kaspersky leaf 1,000 components deep is read and flagged (201 levels were read before, with a warning)', () => {
    const text = cdx({ components: [deep(1000, { name: 'endpoint-agent', supplier: { name: KL } })] });
    expect(read(text).components).toHaveLength(1001);
    expect(findingsOf(text)).toContainEqual({ component: 'endpoint-agent', field: ['supplier'] });
  });

  it('a Kaspersky ancestor 50 pedigree levels up is read (8 were before)', () => {
    let c: object = { name: 'upstream', supplier: { name: KL } };
    for (let i = 0; i < 50; i++) c = { name: `fork-${i}`, pedigree: { ancestors: [c] } };
    const text = cdx({ components: [c] });
    const related = read(text).components[0]?.related ?? [];
    expect(related).toHaveLength(50);
    expect(related.at(-1)?.via).toMatch(/^pedigree\.ancestors\[0\]\.….pedigree\.ancestors\[0\] \(level 50\)$/);
    expect(findingsOf(text)).toEqual([{ component: 'fork-49', field: [expect.stringMatching(/level 50\)\.supplier$/) as unknown as string] }]);
  });
});

describe('CycloneDX: every place a component or identity appears', () => {
  it('pedigree descendants and variants, and the authors of pedigree commits', () => {
    const text = cdx({
      components: [
        { name: 'a', pedigree: { descendants: [{ name: 'x', supplier: { name: KL } }] } },
        { name: 'b', pedigree: { variants: [{ name: 'y', publisher: KL }] } },
        { name: 'c', pedigree: { commits: [{ uid: '1', author: { name: KL, email: 'dev@kaspersky.com' } }] } },
      ],
    });
    const names = findingsOf(text).map((f) => f.component);
    expect(names).toEqual(expect.arrayContaining(['a', 'b', 'c']));
  });

  it('tools in both shapes (1.5+ components and services, and the older list) are matched, not counted', () => {
    const shaped = cdx({ metadata: { tools: { components: [{ type: 'application', name: 'sbom-maker', supplier: { name: KL } }], services: [{ name: 'signer', provider: { name: KL } }] } }, components: [{ name: 'left-pad' }] });
    const doc = read(shaped);
    expect(doc.components).toHaveLength(1);
    expect(doc.elements?.map((e) => e.name)).toEqual(['sbom-maker', 'signer']);
    expect(findingsOf(shaped).map((f) => f.component)).toEqual(expect.arrayContaining(['sbom-maker', 'signer']));
    const legacy = cdx({ metadata: { tools: [{ vendor: KL, name: 'old-tool', version: '1' }] }, components: [{ name: 'left-pad' }] }, '1.4');
    expect(findingsOf(legacy)).toEqual([{ component: 'old-tool', field: ['manufacturer'] }]);
  });

  it('the subject supplier (metadata.supplier) and the BOM makers (metadata.manufacturer, authors)', () => {
    const subject = cdx({ metadata: { component: { name: 'product', type: 'application' }, supplier: { name: KL } }, components: [{ name: 'left-pad' }] });
    expect(findingsOf(subject)).toEqual([{ component: 'product', field: ['supplier'] }]);
    const makers = cdx({ metadata: { manufacturer: { name: KL } }, components: [{ name: 'left-pad' }] });
    expect(findingsOf(makers)).toEqual([{ component: 'BOM metadata', field: ['manufacturer'] }]);
  });

  it('formulation, declaration targets and annotations', () => {
    const text = cdx({
      components: [{ name: 'left-pad' }],
      formulation: [{ 'bom-ref': 'f1', components: [{ name: 'build-scanner', supplier: { name: KL } }] }],
      declarations: { targets: { services: [{ name: 'update-service', provider: { name: KL } }] } },
      annotations: [{ subjects: ['x'], annotator: { organization: { name: KL } }, timestamp: '2024-01-01T00:00:00Z', text: 'reviewed' }],
    });
    expect(read(text).components).toHaveLength(1);
    expect(findingsOf(text).map((f) => f.component).sort()).toEqual(['annotation 1', 'build-scanner', 'update-service']);
  });

  it('a certificate asset whose subject or issuer is a Kaspersky CA (cryptoProperties, 1.6), in JSON and XML', () => {
    const cert = (subject: string, issuer: string) => ({ type: 'cryptographic-asset', name: 'server-cert', cryptoProperties: { assetType: 'certificate', certificateProperties: { subjectName: subject, issuerName: issuer } } });
    const bySubject = cdx({ components: [cert(`CN = Kaspersky Root CA, O = ${KL}, C = RU`, 'CN = Example CA')] });
    expect(read(bySubject).components[0]?.parties).toEqual([
      { role: 'certificate-subject', name: 'Kaspersky Root CA' },
      { role: 'certificate-subject', name: KL },
      { role: 'certificate-issuer', name: 'Example CA' },
    ]);
    expect(findingsOf(bySubject)[0]?.field).toContain('certificate-subject');
    const byIssuer = cdx({ components: [cert('CN=www.example.org', `/C=RU/O=${KL}/CN=Kaspersky Lab Issuing CA`)] });
    expect(findingsOf(byIssuer)[0]?.field).toContain('certificate-issuer');
    const xml = `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="cryptographic-asset"><name>c</name><cryptoProperties><assetType>certificate</assetType><certificateProperties><subjectName>CN=x</subjectName><issuerName>O=${KL}</issuerName></certificateProperties></cryptoProperties></component></components></bom>`;
    expect(findingsOf(xml, 'c.xml')[0]?.field).toContain('certificate-issuer');
  });

  it('evidence: occurrences by file name, copyright; swid names', () => {
    const doc = read(cdx({ components: [{ name: 'x', evidence: { occurrences: [{ location: 'C:\\Program Files\\Vendor\\avp.exe' }], copyright: [{ text: `Copyright ${KL}` }] }, swid: { tagId: 'com.example.tool', name: 'Tool' } }] }));
    const related = doc.components[0]?.related ?? [];
    expect(related.map((r) => r.name ?? r.parties[0]?.name)).toEqual(['avp.exe', `Copyright ${KL}`, 'Tool', 'com.example.tool']);
    expect(findingsOf(cdx({ components: [{ name: 'x', evidence: { copyright: [{ text: `(c) 2020 ${KL}` }] } }] }))).toHaveLength(1);
  });

  it('the same places in XML: pedigree variants, tools, formulation, annotations', () => {
    const ns = 'http://cyclonedx.org/schema/bom/1.6';
    const sup = `<supplier><name>${KL}</name></supplier>`;
    const xml = `<bom xmlns="${ns}"><metadata><tools><components><component type="application"><name>t</name>${sup}</component></components></tools></metadata>
<components><component type="library"><name>a</name><pedigree><variants><component type="library"><name>v</name>${sup}</component></variants></pedigree></component></components>
<annotations><annotation><subjects><subject ref="a"/></subjects><annotator><organization><name>${KL}</name></organization></annotator><timestamp>2024-01-01T00:00:00Z</timestamp><text>x</text></annotation></annotations>
<formulation><formula><components><component type="application"><name>f</name>${sup}</component></components></formula></formulation></bom>`;
    expect(findingsOf(xml, 'x.xml').map((f) => f.component).sort()).toEqual(['a', 'annotation 1', 'f', 't']);
  });
});

describe('what the reader does not understand is a warning', () => {
  it('a CycloneDX key no version defines, on a component, the document or the metadata', () => {
    const doc = read(cdx({ components: [{ name: 'x', vendor: KL }], softwareList: [], metadata: { makers: [] } }));
    expect(doc.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^"components\[\]\.vendor" is a field ictscan does not read \(1 entry, e\.g\. "x"\)/),
        expect.stringMatching(/^"bom\.softwareList" is a field/),
        expect.stringMatching(/^"metadata\.makers" is a field/),
      ]),
    );
  });

  it('an element the CycloneDX XML reader does not map', () => {
    const doc = read(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>x</name><vendor>${KL}</vendor></component></components></bom>`);
    expect(doc.warnings).toContainEqual(expect.stringMatching(/"components\[\]\.vendor" is a field ictscan does not read/));
  });

  it('an SPDX 3 element of an unknown type: a warning, and read when it has a name', () => {
    const text = JSON.stringify({
      '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
      '@graph': [
        { type: 'Organization', spdxId: 'urn:o', name: KL },
        { type: 'acme_Firmware', spdxId: 'urn:f', name: 'firmware', suppliedBy: 'urn:o' },
      ],
    });
    const doc = read(text);
    expect(doc.warnings).toContainEqual(expect.stringMatching(/1 element\(s\) of type "acme_Firmware", which ictscan does not know/));
    expect(findingsOf(text)).toEqual([{ component: 'firmware', field: ['supplier'] }]);
  });
});

describe('SPDX: files, snippets, AI and dataset packages', () => {
  const spdx2 = {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'd',
    packages: [{ SPDXID: 'SPDXRef-p', name: 'p' }],
    files: [{ SPDXID: 'SPDXRef-f', fileName: './bin/avp.exe', copyrightText: `Copyright ${KL}`, checksums: [{ algorithm: 'SHA1', checksumValue: 'ab' }] }],
    snippets: [{ SPDXID: 'SPDXRef-s', snippetFromFile: 'SPDXRef-f', name: 'snip', copyrightText: `(c) ${KL}` }],
    relationships: [{ spdxElementId: 'SPDXRef-p', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-f' }],
  };

  it('SPDX 2 JSON files and snippets are read as uncounted elements with their names, and matched', () => {
    const text = JSON.stringify(spdx2);
    const doc = read(text);
    expect(doc.components).toHaveLength(1);
    expect(doc.elements?.map((e) => [e.name, e.type, e.related.map((r) => r.name)])).toEqual([
      ['./bin/avp.exe', 'file', ['avp.exe']],
      ['snip', 'snippet', []],
    ]);
    expect(findingsOf(text).map((f) => f.component).sort()).toEqual(['./bin/avp.exe', 'snip']);
  });

  it('SPDX 2 tag-value files and snippets, with their own tags', () => {
    const tv = [
      'SPDXVersion: SPDX-2.3',
      'SPDXID: SPDXRef-DOCUMENT',
      'PackageName: p',
      'SPDXID: SPDXRef-p',
      'FileName: ./drivers/klif.sys',
      'SPDXID: SPDXRef-f',
      'FileChecksum: SHA1: ab',
      `FileCopyrightText: <text>Copyright ${KL}</text>`,
      'FileContributor: Someone',
      'SnippetSPDXID: SPDXRef-s',
      'SnippetFromFileSPDXID: SPDXRef-f',
      `SnippetCopyrightText: (c) ${KL}`,
      'PackageName: q',
      'SPDXID: SPDXRef-q',
      '',
    ].join('\n');
    const doc = read(tv);
    expect(doc.components.map((c) => c.name)).toEqual(['p', 'q']);
    expect(doc.elements?.map((e) => [e.ref, e.name, e.hashes.length, e.parties.map((p) => p.role)])).toEqual([
      ['SPDXRef-f', './drivers/klif.sys', 1, ['author', 'copyright']],
      ['SPDXRef-s', 'SPDXRef-f', 0, ['copyright']],
    ]);
    expect(findingsOf(tv, 'x.spdx')).toHaveLength(2);
  });

  it('SPDX 3 AI and dataset packages supplied by Kaspersky are flagged, and not counted', () => {
    const text = JSON.stringify({
      '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
      '@graph': [
        { type: 'Organization', spdxId: 'urn:o', name: KL },
        { type: 'ai_AIPackage', spdxId: 'urn:m', name: 'detector-model', suppliedBy: 'urn:o' },
        { type: 'dataset_DatasetPackage', spdxId: 'urn:d', name: 'telemetry', originatedBy: ['urn:o'] },
      ],
    });
    expect(read(text).components).toHaveLength(0);
    expect(findingsOf(text).map((f) => f.component).sort()).toEqual(['detector-model', 'telemetry']);
  });

  const corpus = (file: string): string => path.join(CORPUS_DIR, file);
  it.skipIf(!existsSync(corpus('spdxex__ai-example02__sbom.spdx3.json')))('the SPDX AI example (corpus): its AI package and files are read, still 0 counted components', () => {
    const doc = read(readFileSync(corpus('spdxex__ai-example02__sbom.spdx3.json')));
    expect(doc.components).toHaveLength(0);
    expect(doc.elements?.some((e) => e.type === 'machine-learning-model' || (e.properties.some((p) => p.value === 'ai_AIPackage')))).toBe(true);
    expect(doc.elements?.filter((e) => e.type === 'file').length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(corpus('spdxpy__SPDXTagExample-v2.3.spdx')))('the SPDX 2.3 examples (corpus) read the same files in tag-value, JSON, YAML and RDF', () => {
    const names = (file: string) => (read(readFileSync(corpus(file))).elements ?? []).filter((e) => e.type === 'file').map((e) => e.name).sort();
    const json = names('spdxpy__SPDXJSONExample-v2.3.spdx.json');
    expect(json.length).toBeGreaterThan(0);
    expect(names('spdxpy__SPDXYAMLExample-v2.3.spdx.yaml')).toEqual(json);
    expect(names('spdxpy__SPDXRdfExample-v2.3.spdx.rdf.xml')).toEqual(json);
  });
});

describe('line endings: LF, CRLF and lone CR read alike', () => {
  const tagValue = ['SPDXVersion: SPDX-2.3', 'SPDXID: SPDXRef-DOCUMENT', 'PackageName: endpoint-agent', 'SPDXID: SPDXRef-a', `PackageSupplier: Organization: ${KL}`, 'PackageName: left-pad', 'SPDXID: SPDXRef-b', ''];
  const yaml = ['spdxVersion: SPDX-2.3', 'SPDXID: SPDXRef-DOCUMENT', 'packages:', '  - name: endpoint-agent', '    SPDXID: SPDXRef-a', `    supplier: "Organization: ${KL}"`, '  - name: left-pad', '    SPDXID: SPDXRef-b', ''];

  for (const [label, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`tag-value and YAML with ${label} line ends: both packages read, the Kaspersky one flagged`, () => {
      for (const [lines, source] of [[tagValue, 'x.spdx'], [yaml, 'x.spdx.yaml']] as const) {
        const text = lines.join(eol);
        expect(read(text).components.map((c) => c.name)).toEqual(['endpoint-agent', 'left-pad']);
        expect(findingsOf(text, source)).toEqual([{ component: 'endpoint-agent', field: ['supplier'] }]);
      }
    });
  }

  it('a recognised document whose package records yield no component is an error, not a clean document', () => {
    // U+2028 ends a line for the version check, not for the tag-value reader: nothing would have been read.
    const e = scanBytes('x.spdx', Buffer.from(tagValue.join('\u2028')), rules, { walked: false, minConfidence: 'low', maxSize: 1 << 20, now: NOW });
    expect(e.document?.error).toMatch(/x\.spdx: has PackageName lines but no package could be read/);
    const json = scanBytes('x.json', Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: ['endpoint-agent'] })), rules, { walked: false, minConfidence: 'low', maxSize: 1 << 20, now: NOW });
    expect(json.document?.errorCode).toBe('malformed');
    const cyclonedx = scanBytes('x.json', Buffer.from(cdx({ components: [[{ name: 'x' }]] })), rules, { walked: false, minConfidence: 'low', maxSize: 1 << 20, now: NOW });
    expect(cyclonedx.document?.error).toMatch(/none of which is an object/);
  });
});

describe('a file holding more than one document: every document is scanned', () => {
  const clean = cdx({ metadata: { component: { 'bom-ref': 'root', name: 'product' } }, components: [{ 'bom-ref': 'a', name: 'left-pad' }], dependencies: [{ ref: 'root', dependsOn: ['a'] }] });
  const kaspersky = cdx({ metadata: { component: { 'bom-ref': 'root', name: 'agent-image' } }, components: [{ 'bom-ref': 'a', name: 'endpoint-agent', supplier: { name: KL } }], dependencies: [{ ref: 'root', dependsOn: ['a'] }] });

  it('concatenated JSON documents: the Kaspersky component of the second is flagged (the rest was dropped with a warning before)', () => {
    const text = `${JSON.stringify(JSON.parse(clean), null, 2)}\n${JSON.stringify(JSON.parse(kaspersky), null, 2)}\n`;
    const doc = read(text);
    expect(doc.components.map((c) => [c.ref, c.name])).toEqual([['a', 'left-pad'], ['a (document 2)', 'endpoint-agent']]);
    expect(doc.wrappers).toEqual(['concatenated-json']);
    expect(doc.elements?.map((e) => e.name)).toContain('agent-image');
    expect(findingsOf(text)).toEqual([{ component: 'endpoint-agent', field: ['supplier'] }]);
  });

  it('JSON Lines of several SBOM attestations: each is read (only the first was before)', () => {
    const attest = (bom: string) => JSON.stringify({ payloadType: 'application/vnd.in-toto+json', signatures: [], payload: Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'https://cyclonedx.org/bom', predicate: JSON.parse(bom) })).toString('base64') });
    const text = `${attest(clean)}\n${attest(kaspersky)}\n`;
    const doc = read(text, {}, 'attestations.jsonl');
    expect(doc.components).toHaveLength(2);
    expect(doc.wrappers).toEqual(['jsonl', 'dsse', 'in-toto']);
    expect(doc.warnings[0]).toBe('the file holds 2 JSON lines; read the 2 SBOMs on lines 1, 2');
    expect(findingsOf(text, 'attestations.jsonl')).toEqual([{ component: 'endpoint-agent', field: ['supplier'] }]);
  });

  it('gzip with several members: the documents of every member are read', () => {
    const bytes = Buffer.concat([gzipSync(clean), gzipSync(kaspersky)]);
    const doc = read(bytes);
    expect(doc.components.map((c) => c.name)).toEqual(['left-pad', 'endpoint-agent']);
    expect(doc.wrappers).toEqual(['gzip', 'concatenated-json']);
  });

  it('text after the last document that is not JSON is an error naming the line, and so is a broken later document', () => {
    const junk = scanBytes('x.json', Buffer.from(`${clean}\n${kaspersky}\n<html>`), rules, { walked: false, minConfidence: 'low', maxSize: 1 << 20, now: NOW });
    expect(junk.document?.error).toBe('x.json: has 6 characters of text after JSON document 2 (from line 3, column 1), which are not another JSON document');
    const broken = scanBytes('x.json', Buffer.from(`${clean}\n{"bomFormat":"CycloneDX",`), rules, { walked: false, minConfidence: 'low', maxSize: 1 << 20, now: NOW });
    expect(broken.document?.error).toMatch(/^x\.json: holds JSON document 2 \(from line 2\) that is not valid JSON/);
  });
});

describe('purls that cannot be read at all', () => {
  it('are a warning on the document in CycloneDX, SPDX 2 and SPDX 3, never dropped in silence', () => {
    const bad = 'kaspersky/endpoint-agent@11';
    expect(read(cdx({ components: [{ name: 'a', purl: bad }, { name: 'b', purl: 'pkg:npm/left-pad@1' }] })).warnings).toContainEqual(
      `1 purl(s) cannot be read as a package URL (e.g. "${bad}" on "a"); no purl rule can test them, so those components are tested by their other fields only`,
    );
    const spdx = { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-a', name: 'a', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: bad }] }] };
    expect(read(JSON.stringify(spdx)).warnings).toContainEqual(expect.stringMatching(/^1 purl\(s\) cannot be read/));
    const spdx3 = { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [{ type: 'software_Package', spdxId: 'urn:a', name: 'a', software_packageUrl: 'pkg:' }] };
    expect(read(JSON.stringify(spdx3)).warnings).toContainEqual(expect.stringMatching(/^1 purl\(s\) cannot be read/));
  });
});
