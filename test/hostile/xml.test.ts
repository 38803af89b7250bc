// Hostile XML: external entities, entity expansion bombs, deep nesting, huge attributes, and detection that cannot be slowed down.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/sbom/load.js';
import { sniffRoot } from '../../src/sbom/xml.js';
import type { SbomDocument } from '../../src/model/document.js';
import { expectContract, scanOne } from './helpers.js';

const CDX = 'http://cyclonedx.org/schema/bom/1.6';
const RDF_OPEN = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#">';

function outcome(text: string) {
  return loadDocument('hostile.xml', Buffer.from(text), { maxSize: 1 << 30, skipNonSbom: false });
}

function doc(text: string): SbomDocument {
  const o = outcome(text);
  if (o.kind !== 'document') throw new Error(`expected a document, got ${o.kind}: ${o.kind === 'error' ? o.error.message : o.reason}`);
  return o.document;
}

function errorOf(text: string): { code: string; message: string } {
  const o = outcome(text);
  if (o.kind !== 'error') throw new Error(`expected an input error, got ${o.kind}`);
  return { code: o.error.code, message: o.error.message };
}

const bom = (body: string, prolog = '') => `<?xml version="1.0"?>${prolog}<bom xmlns="${CDX}" version="1"><components>${body}</components></bom>`;
const component = (name: string, attrs = '') => `<component type="library"${attrs}><name>${name}</name></component>`;

describe('DTDs: external entities read nothing, entity bombs expand nothing', () => {
  const cases: Record<string, string> = {
    'a file entity (XXE)': '<!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    'a URL entity': '<!DOCTYPE bom [<!ENTITY x SYSTEM "http://127.0.0.1:9/steal">]>',
    'a parameter entity': '<!DOCTYPE bom [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>',
    'an external DTD': '<!DOCTYPE bom SYSTEM "http://127.0.0.1:9/bom.dtd">',
    'billion laughs': `<!DOCTYPE bom [<!ENTITY x0 "ha">${Array.from({ length: 10 }, (_, i) => `<!ENTITY x${i + 1} "${`&x${i};`.repeat(10)}">`).join('')}]>`,
    'quadratic blow-up (one large entity used many times)': `<!DOCTYPE bom [<!ENTITY big "${'x'.repeat(30_000)}">]>`,
    'a lower-case doctype with blanks': '<! doctype bom [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
  };
  for (const [what, prolog] of Object.entries(cases)) {
    it(`${what}: refused as unsafe before the parser runs`, () => {
      const body = what.startsWith('quadratic') ? component('&big;'.repeat(10_000)) : component('&x;') + component('&x10;');
      const e = errorOf(bom(body, prolog));
      expect(e.code).toBe('unsafe');
      expect(e.message).toMatch(/DTDs are not allowed in SBOM XML, so nothing in it was expanded or fetched/);
      expect(e.message).not.toMatch(/root:|ha{3}|x{100}/);
    });
  }

  it('a DTD larger than the detection window is not even recognized as XML of a known format, and still expands nothing', () => {
    const text = bom(component('&big;'.repeat(1000)), `<!DOCTYPE bom [<!ENTITY big "${'x'.repeat(100_000)}">]>`);
    expect(errorOf(text).code).toBe('not-an-sbom');
    const forced = loadDocument('hostile.xml', Buffer.from(text), { maxSize: 1 << 30, skipNonSbom: false, inputFormat: 'cyclonedx-xml' });
    expect(forced.kind === 'error' && forced.error.code).toBe('unsafe');
  });

  it('SPDX RDF/XML with an external entity: refused too, and the report names the file', () => {
    const text = `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>${RDF_OPEN}<spdx:SpdxDocument rdf:about="http://x#SPDXRef-DOCUMENT"><spdx:name>&x;</spdx:name></spdx:SpdxDocument></rdf:RDF>`;
    const r = scanOne('xxe.rdf.xml', Buffer.from(text));
    expectContract('xxe.rdf.xml', r);
    expect(r.document?.errorCode).toBe('unsafe');
  });

  it('predefined, numeric and HTML entities are decoded, and invalid numeric ones are not a crash', () => {
    expect(doc(bom(component('a&amp;b&#x41;&#66;&lt;'))).components[0]?.name).toBe('a&bAB<');
    for (const ref of ['&#0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&unknown;']) expectContract('ent.xml', scanOne('ent.xml', Buffer.from(bom(component(`x${ref}`)))));
  });
});

describe('size and shape', () => {
  it('nesting deeper than 1000 elements is refused by the parser; 990 levels are read', () => {
    const deep = (n: number) => `<bom xmlns="${CDX}">${'<x>'.repeat(n)}${'</x>'.repeat(n)}</bom>`;
    expect(errorOf(deep(100_000))).toEqual({ code: 'malformed', message: expect.stringMatching(/Maximum nested tags exceeded/) as unknown });
    expect(doc(deep(990)).components).toHaveLength(0);
  });

  it('CycloneDX components nested 490 deep (as deep as the parser goes): every one read', () => {
    const n = 490;
    const text = `<bom xmlns="${CDX}"><components>${'<component type="library"><name>a</name><components>'.repeat(n)}${'</components></component>'.repeat(n)}</components></bom>`;
    const d = doc(text);
    expect(d.components).toHaveLength(n);
    expect(d.warnings.join('\n')).not.toMatch(/nested deeper/);
  });

  it('a 4 MB attribute and a 1 MB name are read, truncated, and reported', () => {
    const d = doc(bom(`<component type="${'t'.repeat(4_000_000)}" bom-ref="r"><name>${'n'.repeat(1_000_000)}</name></component>`));
    expect(d.components[0]?.name).toHaveLength(4096);
    expect(d.warnings.join('\n')).toMatch(/field\(s\) longer than 4096 characters .* were truncated/);
  });

  it('20,000 attributes on one element and 20,000 sibling elements are read', () => {
    const attrs = Array.from({ length: 20_000 }, (_, i) => ` a${i}="1"`).join('');
    expect(doc(bom(component('x', attrs))).components).toHaveLength(1);
    expect(doc(bom(component('y').repeat(20_000))).components).toHaveLength(20_000);
  });

  it('200,000 predefined entities in one text node: read and truncated', () => {
    expect(doc(bom(component('&amp;'.repeat(200_000)))).components[0]?.name).toBe('&'.repeat(4096));
  });

  it('elements named __proto__ or constructor are refused by the parser; as attribute names and values they are plain text', () => {
    for (const name of ['__proto__', 'constructor']) {
      expect(errorOf(bom(`<component type="library"><name>a</name><${name}>x</${name}></component>`))).toEqual({ code: 'malformed', message: expect.stringMatching(/prototype pollution/) as unknown });
    }
    const d = doc(bom(`<component type="library" __proto__="x" constructor="y" bom-ref="constructor"><name>__proto__</name><swid __proto__="z" tagId="t"/></component>`));
    expect(d.components[0]).toMatchObject({ ref: 'constructor', name: '__proto__' });
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('RDF licence sets that share members blow up exponentially: refused once they pass 64 KiB', () => {
    const sets = Array.from({ length: 60 }, (_, i) => `<spdx:ConjunctiveLicenseSet rdf:nodeID="l${i}"><spdx:member rdf:nodeID="l${i + 1}"/><spdx:member rdf:nodeID="l${i + 1}"/></spdx:ConjunctiveLicenseSet>`).join('');
    const text = `${RDF_OPEN}<spdx:SpdxDocument rdf:about="http://x#SPDXRef-DOCUMENT"><spdx:specVersion>SPDX-2.3</spdx:specVersion></spdx:SpdxDocument><spdx:Package rdf:about="http://x#SPDXRef-a"><spdx:name>a</spdx:name><spdx:licenseConcluded rdf:nodeID="l0"/></spdx:Package>${sets}<spdx:ListedLicense rdf:nodeID="l60"><spdx:licenseId>MIT</spdx:licenseId></spdx:ListedLicense></rdf:RDF>`;
    expect(errorOf(text)).toEqual({ code: 'unsafe', message: expect.stringMatching(/expands to more than 65536 characters/) as unknown });
  });

  it('RDF licence sets that hold themselves are cut, and a set shared by many packages is read once', () => {
    const cycle = `<spdx:ConjunctiveLicenseSet rdf:nodeID="l0"><spdx:member rdf:nodeID="l1"/><spdx:member rdf:resource="http://spdx.org/licenses/MIT"/></spdx:ConjunctiveLicenseSet><spdx:DisjunctiveLicenseSet rdf:nodeID="l1"><spdx:member rdf:nodeID="l0"/><spdx:member rdf:resource="http://spdx.org/licenses/BSD-3-Clause"/></spdx:DisjunctiveLicenseSet>`;
    const packages = Array.from({ length: 500 }, (_, i) => `<spdx:Package rdf:about="http://x#SPDXRef-p${i}"><spdx:name>p${i}</spdx:name><spdx:licenseConcluded rdf:nodeID="l0"/></spdx:Package>`).join('');
    const d = doc(`${RDF_OPEN}<spdx:SpdxDocument rdf:about="http://x#SPDXRef-DOCUMENT"><spdx:specVersion>SPDX-2.3</spdx:specVersion></spdx:SpdxDocument>${packages}${cycle}</rdf:RDF>`);
    expect(d.components).toHaveLength(500);
    expect(new Set(d.components.map((c) => c.licenses[0]?.text)).size).toBe(1);
  });
});

describe('detection reads at most 64 KiB and never backtracks over it', () => {
  // Each of these was quadratic in the old regular-expression sniffer (seconds for a few hundred kilobytes).
  const shapes: Record<string, string> = {
    'unclosed processing instructions': '<?'.repeat(200_000),
    'unclosed comments': '<!--'.repeat(200_000),
    'unclosed DOCTYPE subsets': '<!DOCTYPE x ['.repeat(100_000),
    'attributes without an end': `<bom${' a="1"'.repeat(100_000)}`,
    'start tags without an end': '<bom '.repeat(200_000),
  };
  for (const [what, text] of Object.entries(shapes)) {
    it(`${what}: an input error naming the file`, () => {
      const r = scanOne('sniff.xml', Buffer.from(text));
      expectContract('sniff.xml', r);
      expect(r.document?.errorCode).not.toBeNull();
    });
  }

  it('the root element is looked for in the first 64 KiB only', () => {
    expect(sniffRoot(`<!--${'x'.repeat(70_000)}--><bom xmlns="${CDX}"/>`)).toBeUndefined();
    expect(sniffRoot(`<!--${'x'.repeat(60_000)}--><bom xmlns="${CDX}"/>`)?.local).toBe('bom');
  });

  it('a root prefix named after an Object.prototype member is a prefix like any other', () => {
    for (const prefix of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(sniffRoot(`<${prefix}:bom xmlns:${prefix}="${CDX}"/>`)).toEqual({ ns: CDX, local: 'bom', declarations: { [prefix]: CDX } });
      expect(sniffRoot(`<${prefix}:bom/>`)?.ns).toBe('');
      expectContract('proto.xml', scanOne('proto.xml', Buffer.from(`<${prefix}:bom><components/></${prefix}:bom>`)));
    }
  });
});
