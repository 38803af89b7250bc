// CycloneDX JSON: line numbers, BOM-Links, quirks, and the same model as the XML encoding of one BOM.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SbomDocument } from '../../../src/model/document.js';
import { lazyKeyLines } from '../../../src/sbom/lines.js';
import { byName, edgesOf, gzip, read, utf16 } from '../helpers.js';

const SERIAL = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';

const JSON_BOM = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  serialNumber: SERIAL,
  version: 1,
  metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'my-app', version: '2.0' } },
  components: [
    {
      type: 'library',
      'bom-ref': 'lib-a',
      group: 'com.example',
      name: 'lib-a',
      version: '1.10',
      supplier: { name: 'Example Supplier', url: ['https://supplier.example.com'] },
      hashes: [{ alg: 'SHA-256', content: 'abc123' }],
      licenses: [{ license: { id: 'MIT' } }],
      purl: 'pkg:maven/com.example/lib-a@1.10',
      externalReferences: [{ type: 'vcs', url: 'https://github.com/example/lib-a' }],
      properties: [{ name: 'aquasecurity:trivy:PkgID', value: 'lib-a@1.10' }],
      components: [{ type: 'library', 'bom-ref': 'lib-b', name: 'lib-b', licenses: [{ expression: 'Apache-2.0 OR MIT' }] }],
    },
  ],
  services: [{ 'bom-ref': 'svc-1', name: 'telemetry', provider: { name: 'Example Cloud' }, endpoints: ['https://telemetry.example.com/v1'] }],
  dependencies: [
    { ref: 'app', dependsOn: ['lib-a', 'svc-1'] },
    { ref: 'lib-a', dependsOn: [`urn:cdx:${SERIAL.slice(9)}/1#lib-b`, 'missing'] },
  ],
};

const XML_BOM = `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="${SERIAL}" version="1">
  <metadata><component type="application" bom-ref="app"><name>my-app</name><version>2.0</version></component></metadata>
  <components>
    <component type="library" bom-ref="lib-a">
      <supplier><name>Example Supplier</name><url>https://supplier.example.com</url></supplier>
      <group>com.example</group><name>lib-a</name><version>1.10</version>
      <hashes><hash alg="SHA-256">abc123</hash></hashes>
      <licenses><license><id>MIT</id></license></licenses>
      <purl>pkg:maven/com.example/lib-a@1.10</purl>
      <externalReferences><reference type="vcs"><url>https://github.com/example/lib-a</url></reference></externalReferences>
      <properties><property name="aquasecurity:trivy:PkgID">lib-a@1.10</property></properties>
      <components><component type="library" bom-ref="lib-b"><name>lib-b</name><licenses><expression>Apache-2.0 OR MIT</expression></licenses></component></components>
    </component>
  </components>
  <services><service bom-ref="svc-1"><provider><name>Example Cloud</name></provider><name>telemetry</name><endpoints><endpoint>https://telemetry.example.com/v1</endpoint></endpoints></service></services>
  <dependencies>
    <dependency ref="app"><dependency ref="lib-a"/><dependency ref="svc-1"/></dependency>
    <dependency ref="lib-a"><dependency ref="urn:cdx:${SERIAL.slice(9)}/1#lib-b"/><dependency ref="missing"/></dependency>
  </dependencies>
</bom>`;

/** The model without what legitimately differs between encodings. */
function comparable(doc: SbomDocument): unknown {
  return JSON.parse(JSON.stringify({ root: doc.root, components: doc.components, services: doc.services, edges: edgesOf(doc), warnings: doc.warnings }, (k, v: unknown) => (k === 'line' ? undefined : v)));
}

describe('CycloneDX JSON', () => {
  const text = JSON.stringify(JSON_BOM, null, 2);
  const doc = read(text);

  it('reads the same model from JSON and XML', () => {
    expect(comparable(read(XML_BOM))).toEqual(comparable(doc));
  });

  it('resolves a BOM-Link to this document and keeps others', () => {
    expect(edgesOf(doc)['lib-a']).toEqual(['lib-b', 'missing']);
    expect(doc.warnings).toEqual(['1 dependency reference(s) name a bom-ref that no component has (e.g. "missing")']);
  });

  it('gives components the line of their bom-ref key, on demand', () => {
    const lines = text.split('\n');
    const lineOf = (ref: string) => doc.lineOf?.(ref) ?? 0;
    for (const c of doc.components) expect(lines[lineOf(c.ref) - 1]).toContain(`"bom-ref": "${c.ref}"`);
    expect(lineOf(byName(doc, 'lib-b').ref)).toBeGreaterThan(lineOf(byName(doc, 'lib-a').ref));
  });

  it('reads gzip and UTF-16 input alike', () => {
    expect(comparable(read(gzip(text)))).toEqual(comparable(doc));
    expect(comparable(read(utf16(text)))).toEqual(comparable(doc));
  });
});

describe('lazyKeyLines', () => {
  it('finds the line of one value, escaped or not, and only as the value of that key', () => {
    const text = '{\n "x": "a",\n "bom-ref": "a",\n "bom-ref" : "q\\"r"\n}';
    const lineOf = lazyKeyLines(text, 'bom-ref');
    expect(lineOf('a')).toBe(3);
    expect(lineOf('q"r')).toBe(4);
    expect(lineOf('missing')).toBeUndefined();
  });

  it('gives the line of the first pair for each value, in any order of asking, written plainly or escaped', () => {
    /** Every `"bom-ref": "…"` pair found the slow way, first one per value. */
    const reference = (text: string): Map<string, number> => {
      const out = new Map<string, number>();
      for (const m of text.matchAll(/"bom-ref"\s*:\s*("(?:[^"\\\n]|\\.)*")/g)) {
        const value = JSON.parse(m[1] as string) as string;
        const at = (m.index ?? 0) + m[0].length - (m[1] as string).length;
        if (!out.has(value)) out.set(value, text.slice(0, at).split('\n').length);
      }
      return out;
    };
    const ref = fc.string({ unit: fc.constantFrom('a', 'b', '"', '\\', '/', 'é', ' ', ':', '1'), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(ref, { minLength: 1, maxLength: 12 }), fc.constantFrom(0, 1, 2, '\t'), fc.boolean(), fc.integer(), (refs, space, escapeSlashes, seed) => {
        const components = refs.map((r) => ({ name: 'x', 'bom-ref': r, description: `mentions "${r}"` }));
        let text = JSON.stringify({ bomFormat: 'CycloneDX', components, dependencies: refs.map((r) => ({ ref: r, dependsOn: refs })) }, null, space);
        // Another writer's escapes: the plain search misses these values and the scan must find them.
        if (escapeSlashes) text = text.replace(/\//g, '\\/').replace(/é/g, '\\u00e9');
        if (!text.includes('\n')) text += '\n\n';
        const want = reference(text);
        const lineOf = lazyKeyLines(text, 'bom-ref');
        const asked = [...refs].sort((a, b) => ((a.charCodeAt(0) * seed) % 7) - ((b.charCodeAt(0) * seed) % 7));
        for (const r of [...asked, ...asked]) expect(lineOf(r), JSON.stringify(r)).toBe(want.get(r));
      }),
      { numRuns: 300 },
    );
  });

  it('puts everything on line 1 of a minified document without searching it', () => {
    const lineOf = lazyKeyLines('{"components":[{"bom-ref":"a"},{"name":"no ref"}]}\n', 'bom-ref');
    expect(lineOf('a')).toBe(1);
    // A component without a bom-ref (its ref is synthesized) is on the only line too.
    expect(lineOf('ictscan:missing-ref:1')).toBe(1);
  });
});

describe('components read from their entries', () => {
  const entry = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'library', 'bom-ref': name, name, version: '1.0', purl: `pkg:npm/${name}@1.0`, ...extra });
  const bom = (components: unknown[], space?: number) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }, null, space);

  it('truncates over-long fields wherever they are, and leaves the other components as written', () => {
    const long = 'y'.repeat(5000);
    for (const space of [undefined, 2]) {
      const doc = read(
        bom(
          [
            entry('short', { description: 'fine' }),
            entry('long-name'.padEnd(5000, 'x')),
            entry('nested', { components: [entry('inner', { externalReferences: [{ type: 'website', url: `https://example.org/${long}` }] })] }),
            entry('ancestor', { pedigree: { ancestors: [{ name: long }] } }),
          ],
          space,
        ),
      );
      expect(doc.components.map((c) => c.name.length)).toEqual([5, 4096, 6, 5, 8]);
      // The long name, the purl made from it, the inner URL and the ancestor's name.
      expect(byName(doc, 'long-name'.padEnd(4096, 'x')).purl).toHaveLength(4096);
      expect(byName(doc, 'short').description).toBe('fine');
      expect(byName(doc, 'inner').externalRefs[0]?.url).toHaveLength(4096);
      expect(byName(doc, 'ancestor').related[0]?.name).toHaveLength(4096);
      expect(doc.warnings).toContainEqual(expect.stringMatching(/^4 field\(s\) longer than 4096 characters .* were truncated, first: component "long-namex+" name \(5000 characters\)$/));
    }
  });

  it('finds a long value made of escaped quotes, which leaves no plain quote in the text for thousands of characters', () => {
    const quotes = '"'.repeat(5000);
    const doc = read(bom([entry('a'), entry('b', { description: quotes }), entry('c')]));
    expect(byName(doc, 'b').description).toBe(quotes.slice(0, 65536));
    expect(byName(doc, 'b').description).toHaveLength(5000);
    const names = read(bom([entry('a'), entry('b', { group: quotes })]));
    expect(byName(names, 'b').group).toHaveLength(4096);
    expect(names.warnings.join('\n')).toMatch(/1 field\(s\) longer than 4096 characters .* first: component "b" group \(5000 characters\)/);
  });

  it('reads every field of an entry, on demand or built whole', () => {
    const fields = {
      group: 'org.acme',
      supplier: { name: 'Acme Ltd', url: ['https://acme.example'], contact: [{ name: 'Ann', email: 'ann@acme.example' }] },
      author: 'Bob <bob@acme.example>',
      licenses: [{ license: { id: 'MIT' } }, { expression: 'Apache-2.0 OR MIT' }],
      hashes: [{ alg: 'SHA-256', content: 'ab' }],
      externalReferences: [{ type: 'vcs', url: 'https://github.com/acme/a' }],
      properties: [{ name: 'syft:cpe23', value: 'cpe:2.3:a:acme:a:1:*:*:*:*:*:*:*' }],
      pedigree: { ancestors: [{ name: 'upstream', purl: 'pkg:npm/upstream@1' }] },
      evidence: { identity: [{ field: 'purl', concludedValue: 'pkg:npm/other@2' }] },
      cpe: 'cpe:2.3:a:acme:a:1.0:*:*:*:*:*:*:*',
      scope: 'required',
    };
    // The second entry has an over-long description, so it is built whole and capped; the first is read on demand.
    const doc = read(bom([entry('a', { ...fields, description: 'short' }), entry('a', { ...fields, 'bom-ref': 'b', description: 'd'.repeat(70_000) })]));
    const [onDemand, whole] = doc.components;
    expect(Object.getPrototypeOf(onDemand)).not.toBe(Object.prototype);
    expect(Object.getPrototypeOf(whole)).toBe(Object.prototype);
    for (const c of [onDemand, whole]) {
      expect(c).toMatchObject({
        name: 'a',
        group: 'org.acme',
        version: '1.0',
        type: 'library',
        purl: 'pkg:npm/a@1.0',
        scope: 'required',
        cpes: ['cpe:2.3:a:acme:a:1.0:*:*:*:*:*:*:*'],
        hashes: [{ alg: 'SHA-256', content: 'ab' }],
        externalRefs: [{ type: 'vcs', url: 'https://github.com/acme/a' }],
        properties: [{ name: 'syft:cpe23', value: 'cpe:2.3:a:acme:a:1:*:*:*:*:*:*:*' }],
        endpoints: [],
      });
      expect(c?.parties).toEqual([
        { role: 'supplier', name: 'Acme Ltd', url: 'https://acme.example' },
        { role: 'supplier', name: 'Ann', email: 'ann@acme.example' },
        { role: 'author', name: 'Bob', email: 'bob@acme.example' },
      ]);
      expect(c?.licenses.map((l) => [l.text, l.ids])).toEqual([
        ['MIT', ['MIT']],
        ['Apache-2.0 OR MIT', ['Apache-2.0', 'MIT']],
      ]);
      expect(c?.related.map((r) => [r.via.replace(/ .*/, ''), r.name ?? r.purl ?? r.cpes[0]])).toEqual([
        ['pedigree.ancestors[0]', 'upstream'],
        ['evidence.identity[0]', 'pkg:npm/other@2'],
        ['properties[0]', 'cpe:2.3:a:acme:a:1:*:*:*:*:*:*:*'],
      ]);
    }
    expect(onDemand?.description).toBe('short');
    expect(whole?.description).toHaveLength(65_536);
  });
});

describe('components read from their entries, as library values (found by review)', () => {
  const bom = (components: unknown[]) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components });

  it('truncates a type that only lower-casing makes too long', () => {
    const doc = read(bom([{ type: '\u0130'.repeat(4000), 'bom-ref': 'a', name: 'a' }]));
    expect(doc.components[0]?.type).toHaveLength(4096);
    expect(doc.warnings.join('\n')).toMatch(/1 field\(s\) longer than 4096 characters .* first: component "a" type \(8000 characters\)/);
  });

  it('serializes as the component it reads as, and keeps the raw entry out of sight', () => {
    const doc = read(bom([{ type: 'library', 'bom-ref': 'a', name: 'a', purl: 'pkg:npm/a@1', components: [{ 'bom-ref': 'b', name: 'b' }] }]));
    const c = byName(doc, 'a');
    const json = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
    expect(json).toMatchObject({ ref: 'a', name: 'a', purl: 'pkg:npm/a@1', type: 'library' });
    expect(JSON.stringify(c)).not.toContain('"b"');
    expect(Object.keys(c)).not.toContain('entry');
  });
});
