// Hostile JSON: deep nesting, duplicate keys, prototype keys, wrong types in every field, broken UTF-8, byte-order marks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { loadDocument } from '../../src/sbom/load.js';
import type { SbomDocument } from '../../src/model/document.js';
import { cyclonedx, expectContract, scanOne } from './helpers.js';

const DEEP = 100_000;

function load(text: string | Buffer): ReturnType<typeof loadDocument> {
  return loadDocument('hostile.json', typeof text === 'string' ? Buffer.from(text) : text, { maxSize: 1 << 30, skipNonSbom: false });
}

function doc(text: string | Buffer): SbomDocument {
  const o = load(text);
  if (o.kind !== 'document') throw new Error(`expected a document, got ${o.kind}: ${o.kind === 'error' ? o.error.message : o.reason}`);
  return o.document;
}

function errorOf(text: string | Buffer): { code: string; message: string } {
  const o = load(text);
  if (o.kind !== 'error') throw new Error(`expected an input error, got ${o.kind}`);
  return { code: o.error.code, message: o.error.message };
}

const nested = (open: string, inner: string, close: string, n = DEEP) => open.repeat(n) + inner + close.repeat(n);

describe('deep nesting: no stack overflow, a depth limit where the reader recurses', () => {
  it('a document that is only 100,000 nested arrays is an input error', () => {
    expect(errorOf(nested('[', '', ']')).code).toBe('not-an-sbom');
  });

  it('100,000 levels inside a field nobody reads: the document is read', () => {
    expect(doc(`{"bomFormat":"CycloneDX","specVersion":"1.6","x":${nested('[', '', ']')},"components":[{"name":"left-pad"}]}`).components).toHaveLength(1);
  });

  it('nested components are read at any depth: all 100,000 levels, and no warning', () => {
    const d = doc(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":${nested('[{"name":"a","components":', '[{"name":"kaspersky-leaf"}]', '}]')}}`);
    expect(d.components).toHaveLength(DEEP + 1);
    expect(d.components.at(-1)?.name).toBe('kaspersky-leaf');
    expect(d.warnings.join('\n')).not.toMatch(/nested deeper/);
  });

  it('nested parts of the subject, pedigree ancestors and services: read at any depth', () => {
    const subject = doc(`{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":${nested('{"name":"a","components":[', '{"name":"deep-part"}', ']}')}}}`);
    expect(subject.components).toHaveLength(0);
    expect(subject.root?.related.at(-1)?.name).toBe('deep-part');
    const pedigree = doc(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${nested('{"name":"a","pedigree":{"ancestors":[', '{"name":"deep-ancestor"}', ']}}')}]}`);
    expect(pedigree.components).toHaveLength(1);
    expect(pedigree.components[0]?.related.at(-1)?.name).toBe('deep-ancestor');
    expect(doc(`{"bomFormat":"CycloneDX","specVersion":"1.6","services":${nested('[{"name":"s","services":', '[]', '}]')}}`).services).toHaveLength(DEEP);
  });

  it('an SPDX 3 @context nested 100,000 deep is looked into only a few levels (it was serialized whole before)', () => {
    const o = load(`{"@context":${nested('[', '"https://spdx.org/rdf/3.0.1/spdx-context.jsonld"', ']')},"@graph":[]}`);
    expect(o.kind).toBe('error');
    const inline = doc(`{"@context":[${nested('{"a":', '1', '}')},"https://spdx.org/rdf/3.0.1/spdx-context.jsonld"],"@graph":[]}`);
    expect(inline.format).toBe('spdx3-jsonld');
  });

  it('an in-toto statement whose predicate nests 100,000 deep is an input error, not a crash', () => {
    const e = errorOf(`{"_type":"https://in-toto.io/Statement/v1","predicateType":"https://example.org/x","predicate":{"x":${nested('[', '', ']')}}}`);
    expect(e.code).toBe('not-an-sbom');
  });

  it('YAML nested past the stack is a malformed input, not a crash', () => {
    expect(errorOf(`spdxVersion: SPDX-2.3\npackages: ${nested('[', '', ']')}\n`).code).toBe('malformed');
  });

  it('attestation wrappers nest at most six deep', () => {
    let text = cyclonedx([{ name: 'a' }]);
    for (let i = 0; i < 8; i++) text = JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(text).toString('base64'), signatures: [] });
    expect(errorOf(text)).toEqual({ code: 'malformed', message: expect.stringMatching(/more than 6 deep/) as unknown });
  });
});

describe('duplicate keys', () => {
  it('the last one wins, as in JSON.parse (and Go, Python, Java readers): the scanner sees what they see', () => {
    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"decoy"}],"components":[{"name":"kaspersky-endpoint-security","bom-ref":"k"}]}';
    expect(doc(text).components.map((c) => c.name)).toEqual(['kaspersky-endpoint-security']);
    expect(scanOne('dup.json', Buffer.from(text)).findings.map((f) => f.component.name)).toEqual(['kaspersky-endpoint-security']);
  });

  it('a repeated bom-ref is reported, and every entry is still counted and matched', () => {
    const d = doc(cyclonedx([{ name: 'kaspersky-endpoint-security', 'bom-ref': 'x' }, { name: 'left-pad', 'bom-ref': 'x' }]));
    expect(d.components).toHaveLength(2);
    expect(d.warnings.join('\n')).toMatch(/duplicate bom-ref/);
  });
});

describe('__proto__, constructor and other prototype keys', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const polluted = () => ({}) as Record<string, unknown>;

  it('keys at every level pollute nothing and leave the model plain', () => {
    const text = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { name: 'app', 'bom-ref': 'constructor' } },
      components: [
        { name: 'a', 'bom-ref': '__proto__', supplier: { name: 'x', __proto__: { polluted: 1 } }, properties: [{ name: '__proto__', value: 'y' }] },
        { name: 'b', 'bom-ref': 'toString', licenses: [{ license: { id: 'MIT', constructor: { prototype: { polluted: 1 } } } }] },
      ],
      dependencies: [{ ref: 'constructor', dependsOn: ['__proto__'] }, { ref: '__proto__', dependsOn: ['toString', 'hasOwnProperty'] }],
    }).replace('"bomFormat"', '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"bomFormat"');
    const d = doc(text);
    expect(polluted()['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(d.components.map((c) => c.ref)).toEqual(['__proto__', 'toString']);
    // A component may be read lazily from its entry (a class of the reader's), but what it hands out is plain data.
    for (const c of d.components) {
      expect((c as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
      for (const list of [c.parties, c.licenses, c.properties]) for (const x of list) expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    }
    expect(d.components.map((c) => [c.name, c.parties.map((p) => p.name), c.properties.map((p) => p.name), c.licenses.map((l) => l.text)])).toEqual([
      ['a', ['x'], ['__proto__'], []],
      ['b', [], [], ['MIT']],
    ]);
    // Refs are Map keys: "__proto__" is a ref like any other, and "hasOwnProperty" names nothing in the document.
    expect(d.edges.get('constructor')).toEqual(['__proto__']);
    expect(d.edges.get('__proto__')).toEqual(['toString', 'hasOwnProperty']);
    expect(d.warnings.join('\n')).toMatch(/1 dependency reference\(s\) name a bom-ref that no component has \(e\.g\. "hasOwnProperty"\)/);
  });

  it('a relationship type named after an Object.prototype member adds no edge (SPDX 2, SPDX 3, Syft)', () => {
    const spdx3 = JSON.stringify({
      '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
      '@graph': [
        { type: 'software_Package', spdxId: 'a', name: 'a' },
        { type: 'software_Package', spdxId: 'b', name: 'b' },
        ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((t, i) => ({ type: 'Relationship', spdxId: `r${i}`, from: 'a', to: ['b'], relationshipType: t })),
      ],
    });
    expect(doc(spdx3).edges.size).toBe(0);
    const syft = JSON.stringify({ descriptor: { name: 'syft' }, artifacts: [{ id: 'a', name: 'a' }, { id: 'b', name: 'b' }], artifactRelationships: ['constructor', '__proto__', 'valueOf'].map((type) => ({ parent: 'a', child: 'b', type })) });
    expect(doc(syft).edges.size).toBe(0);
    const spdx2 = JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-a', name: 'a' }, { SPDXID: 'SPDXRef-b', name: 'b' }], relationships: ['constructor', '__proto__', 'CONSTRUCTOR', '__PROTO__'].map((t) => ({ spdxElementId: 'SPDXRef-a', relationshipType: t, relatedSpdxElement: 'SPDXRef-b' })) });
    expect(doc(spdx2).edges.size).toBe(0);
  });

  it('SPDX tag-value tags named __proto__, constructor or toString are ignored, not copied into odd keys', () => {
    const d = doc(Buffer.from('SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nPackageName: a\nSPDXID: SPDXRef-a\n__proto__: x\nconstructor: y\ntoString: z\nPackageVersion: 1\n'));
    expect(d.components).toHaveLength(1);
    expect(d.components[0]?.version).toBe('1');
    expect(polluted()['polluted']).toBeUndefined();
  });

  it('a YAML key __proto__ is an own key of its mapping, so no package inherits fields from it', () => {
    const d = doc(Buffer.from('spdxVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\npackages:\n  - __proto__: {name: kaspersky-endpoint-security}\n    SPDXID: SPDXRef-a\n    name: left-pad\n'));
    expect(d.components.map((c) => c.name)).toEqual(['left-pad']);
  });

  it('a purl type named constructor or __proto__ gets the generic advice instead of crashing the plan', () => {
    for (const type of ['constructor', '__proto__']) {
      const r = scanOne('proto.json', Buffer.from(cyclonedx([{ name: 'kaspersky-endpoint-security', purl: `pkg:${type}/kaspersky-endpoint-security@1`, 'bom-ref': 'k' }])));
      expectContract('proto.json', r);
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]?.remediation.steps.length).toBeGreaterThan(0);
    }
  });

  it('no scan in this file left anything on Object.prototype', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });
});

describe('wrong types in every field', () => {
  const anything = fc.jsonValue({ maxDepth: 4 });
  const COMPONENT_FIELDS = ['name', 'group', 'version', 'type', 'purl', 'cpe', 'bom-ref', 'supplier', 'manufacturer', 'publisher', 'author', 'authors', 'licenses', 'hashes', 'externalReferences', 'properties', 'evidence', 'pedigree', 'components', 'description', 'scope', 'copyright'];
  const TOP_FIELDS = ['specVersion', 'serialNumber', 'metadata', 'components', 'services', 'dependencies'];
  const PACKAGE_FIELDS = ['SPDXID', 'name', 'versionInfo', 'supplier', 'originator', 'externalRefs', 'checksums', 'licenseConcluded', 'licenseDeclared', 'licenseInfoFromFiles', 'homepage', 'downloadLocation', 'comment', 'primaryPackagePurpose', 'copyrightText'];
  const ok = { name: 'kaspersky-endpoint-security', version: '12', purl: 'pkg:npm/x@1', supplier: { name: 'AO Kaspersky Lab' } };

  function holds(text: string): void {
    expectContract('typed.json', scanOne('typed.json', Buffer.from(text)));
  }

  it('CycloneDX: any value in any component field and any top-level field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPONENT_FIELDS), anything, fc.constantFrom(...TOP_FIELDS), anything, (field, value, top, topValue) => {
        holds(cyclonedx([{ ...ok, [field]: value }, ok]));
        holds(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [ok], dependencies: [{ ref: 'x', dependsOn: [] }], [top]: topValue }));
      }),
      { numRuns: 200 },
    );
  });

  it('SPDX 2: any value in any package field, relationships and describes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PACKAGE_FIELDS), anything, anything, (field, value, other) => {
        holds(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-a', name: 'kaspersky', [field]: value }], relationships: other, documentDescribes: value }));
      }),
      { numRuns: 150 },
    );
  });

  it('SPDX 3 and Syft: any value for elements, relationships and artifacts', () => {
    fc.assert(
      fc.property(anything, anything, (value, other) => {
        holds(JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [{ type: 'software_Package', spdxId: 'a', name: value, suppliedBy: other, externalIdentifier: value }, { type: 'Relationship', from: value, to: other, relationshipType: 'dependsOn' }, value] }));
        holds(JSON.stringify({ descriptor: { name: 'syft' }, artifacts: [{ id: value, name: 'a', metadata: other, cpes: value, licenses: other, locations: value }, value], artifactRelationships: [{ parent: value, child: other, type: 'contains' }], source: value }));
      }),
      { numRuns: 150 },
    );
  });

  it('typical wrong types read without a crash: a number version, an object name, a string list', () => {
    const d = doc('{"bomFormat":"CycloneDX","specVersion":1.6,"components":{"name":5},"dependencies":"x","metadata":[1],"services":7}');
    expect(d.components.map((c) => c.name)).toEqual(['5']);
  });
});

describe('encodings', () => {
  const body = cyclonedx([{ name: 'kaspersky-endpoint-security', 'bom-ref': 'k' }]);

  it('invalid UTF-8 (stray bytes, overlong forms, encoded surrogates) becomes U+FFFD and the rest is read', () => {
    const bad = Buffer.concat([Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a'), Buffer.from([0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8]), Buffer.from('"},{"name":"kaspersky-endpoint-security"}]}')]);
    const d = doc(bad);
    expect(d.components[0]?.name).toMatch(/^a\ufffd+$/);
    expect(scanOne('bad-utf8.json', bad).findings).toHaveLength(1);
  });

  it('a UTF-8 byte-order mark, UTF-16 in either byte order with or without a mark, and all of them gzipped', () => {
    const le = Buffer.from(body, 'utf16le');
    const be = Buffer.from(le).swap16();
    const variants = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      le,
      be,
    ];
    for (const v of [...variants, ...variants.map((x) => gzipSync(x))]) {
      const r = scanOne('bom.json', v);
      expectContract('bom.json', r);
      expect(r.findings.map((f) => f.component.name)).toEqual(['kaspersky-endpoint-security']);
    }
  });

  it('a UTF-32 byte-order mark or a lone UTF-16 surrogate is an input error or a read document, never a crash', () => {
    expectContract('u32.json', scanOne('u32.json', Buffer.concat([Buffer.from([0x00, 0x00, 0xfe, 0xff]), Buffer.from(body)])));
    expectContract('sur.json', scanOne('sur.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x7b, 0x00])])));
  });

  it('a document followed by a megabyte of junk is an input error naming where the junk starts (it could hide a document)', () => {
    expect(errorOf(body + '}'.repeat(1_000_000))).toEqual({ code: 'malformed', message: expect.stringMatching(/has 1000000 characters of text after the JSON document \(from line 1, column \d+\)/) as unknown });
  });
});
