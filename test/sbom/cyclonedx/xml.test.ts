// CycloneDX XML: detection by namespace, the field map onto the JSON shape, the graph, XML safety.
import { describe, expect, it } from 'vitest';
import { cyclonedxXml } from '../../../src/sbom/cyclonedx/xml.js';
import { TextInput } from '../../../src/sbom/view.js';
import { byName, edgesOf, gzip, read, readError, utf16 } from '../helpers.js';

const NS = 'http://cyclonedx.org/schema/bom/1.6';

/** A 1.6 BOM using most of what a component can say, with elements deliberately out of XSD order. */
const FULL = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="${NS}" xmlns:ext="https://example.com/ext" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <dependencies>
    <dependency ref="app">
      <dependency ref="lib-a"/>
      <dependency ref="svc-1"/>
    </dependency>
    <dependency ref="lib-a">
      <dependency ref="urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#lib-b"/>
      <dependency ref="urn:cdx:00000000-0000-0000-0000-000000000000/1#elsewhere"/>
    </dependency>
  </dependencies>
  <metadata>
    <component type="application" bom-ref="app">
      <name>my-app</name>
      <version>2.0</version>
    </component>
  </metadata>
  <components>
    <component type="library" bom-ref="lib-a">
      <version>1.10</version>
      <name>007</name>
      <group>com.example</group>
      <supplier>
        <name>Example Supplier</name>
        <url>https://supplier.example.com</url>
        <contact><name>Sales</name><email>sales@supplier.example.com</email></contact>
      </supplier>
      <manufacturer><name>Example Maker</name></manufacturer>
      <publisher>Example Publisher</publisher>
      <author>Jane Author &lt;jane@example.com&gt;</author>
      <authors><author><name>Bob</name><email>bob@example.com</email></author></authors>
      <description>Caf&#233; &amp; more</description>
      <scope>optional</scope>
      <hashes><hash alg="SHA-256">abc123</hash></hashes>
      <licenses><license><id>MIT</id></license><license><name>Custom Licence</name></license></licenses>
      <copyright>Copyright Example</copyright>
      <cpe>cpe:2.3:a:example:lib-a:1.10:*:*:*:*:*:*:*</cpe>
      <purl><![CDATA[pkg:maven/com.example/lib-a@1.10?type=jar]]></purl>
      <externalReferences>
        <reference type="vcs"><url>https://github.com/example/lib-a</url></reference>
        <reference type="website"><url>https://lib-a.example.com</url><comment>home</comment></reference>
      </externalReferences>
      <properties>
        <property name="syft:cpe23">cpe:2.3:a:guess:lib-a:1.10:*:*:*:*:*:*:*</property>
        <property name="note">plain</property>
      </properties>
      <pedigree>
        <ancestors>
          <component type="library"><name>upstream-a</name><version>1.9</version><purl>pkg:maven/org.upstream/upstream-a@1.9</purl></component>
        </ancestors>
      </pedigree>
      <evidence>
        <identity><field>purl</field><confidence>1</confidence><concludedValue>pkg:maven/com.example/lib-a-evidence@1.10</concludedValue></identity>
      </evidence>
      <ext:extra><ext:name>ignored</ext:name></ext:extra>
      <components>
        <component type="library" bom-ref="lib-b">
          <name>lib-b</name>
          <licenses><expression>Apache-2.0 OR MIT</expression></licenses>
        </component>
      </components>
    </component>
    <ext:component type="library" bom-ref="not-counted"><ext:name>foreign</ext:name></ext:component>
  </components>
  <services>
    <service bom-ref="svc-1">
      <provider><name>Example Cloud</name><url>https://cloud.example.com</url></provider>
      <name>telemetry</name>
      <endpoints><endpoint>https://telemetry.example.com/v1</endpoint><endpoint>https://backup.example.com</endpoint></endpoints>
      <services><service bom-ref="svc-2"><name>inner</name></service></services>
    </service>
  </services>
</bom>
`;

describe('CycloneDX XML detection', () => {
  for (const v of ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']) {
    it(`reads the version ${v} from the namespace`, () => {
      const doc = read(`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/${v}" version="1"><components><component type="library"><name>x</name><version>1</version></component></components></bom>`);
      expect(doc.format).toBe('cyclonedx-xml');
      expect(doc.specVersion).toBe(v);
      expect(doc.components).toHaveLength(1);
    });
  }

  it('accepts a prefixed CycloneDX namespace', () => {
    const doc = read(`<cdx:bom xmlns:cdx="${NS}"><cdx:components><cdx:component type="library"><cdx:name>p</cdx:name></cdx:component></cdx:components></cdx:bom>`);
    expect(doc.components.map((c) => c.name)).toEqual(['p']);
  });

  it('does not claim XML in other namespaces', () => {
    expect(cyclonedxXml.detect(new TextInput('x', '<bom xmlns="urn:other"><components/></bom>'))).toBeUndefined();
    expect(cyclonedxXml.detect(new TextInput('x', '<project xmlns="http://maven.apache.org/POM/4.0.0"/>'))).toBeUndefined();
    expect(cyclonedxXml.detect(new TextInput('x', '{"bomFormat":"CycloneDX"}'))).toBeUndefined();
  });

  it('rejects an unknown CycloneDX namespace, naming it', () => {
    const e = readError(`<bom xmlns="http://cyclonedx.org/schema/bom/12"><components/></bom>`);
    expect(e.code).toBe('unsupported-version');
    expect(e.message).toContain('http://cyclonedx.org/schema/bom/12');
  });
});

describe('CycloneDX XML fields', () => {
  const doc = read(FULL);

  it('counts components at any depth, not the subject, not foreign elements, not pedigree', () => {
    expect(doc.components.map((c) => c.ref)).toEqual(['lib-a', 'lib-b']);
    expect(doc.rootRef).toBe('app');
    expect(doc.root?.name).toBe('my-app');
  });

  it('keeps text as written (no number parsing) and decodes entities', () => {
    const a = doc.components[0];
    expect(a?.name).toBe('007');
    expect(a?.version).toBe('1.10');
    expect(a?.description).toBe('Café & more');
    expect(a?.purl).toBe('pkg:maven/com.example/lib-a@1.10?type=jar');
  });

  it('maps every identifying field', () => {
    const a = byName(doc, '007');
    expect(a).toMatchObject({ group: 'com.example', type: 'library', scope: 'optional', cpes: ['cpe:2.3:a:example:lib-a:1.10:*:*:*:*:*:*:*'] });
    expect(a.parties).toEqual([
      { role: 'supplier', name: 'Example Supplier', url: 'https://supplier.example.com' },
      { role: 'supplier', name: 'Sales', email: 'sales@supplier.example.com' },
      { role: 'manufacturer', name: 'Example Maker' },
      { role: 'publisher', name: 'Example Publisher' },
      { role: 'author', name: 'Jane Author', email: 'jane@example.com' },
      { role: 'author', name: 'Bob', email: 'bob@example.com' },
      { role: 'copyright', name: 'Copyright Example' },
    ]);
    expect(a.hashes).toEqual([{ alg: 'SHA-256', content: 'abc123' }]);
    expect(a.licenses.map((l) => l.text)).toEqual(['MIT', 'Custom Licence']);
    expect(a.externalRefs).toEqual([
      { type: 'vcs', url: 'https://github.com/example/lib-a' },
      { type: 'website', url: 'https://lib-a.example.com' },
    ]);
    expect(a.properties).toEqual([
      { name: 'syft:cpe23', value: 'cpe:2.3:a:guess:lib-a:1.10:*:*:*:*:*:*:*' },
      { name: 'note', value: 'plain' },
    ]);
  });

  it('reads pedigree ancestors, evidence identity and identifiers in properties as related identity', () => {
    const related = byName(doc, '007').related;
    expect(related.find((r) => r.via === 'pedigree.ancestors[0]')?.purl).toBe('pkg:maven/org.upstream/upstream-a@1.9');
    expect(related.find((r) => r.via === 'evidence.identity[0]')?.purl).toBe('pkg:maven/com.example/lib-a-evidence@1.10');
    expect(related.find((r) => r.via.startsWith('properties'))?.cpes).toEqual(['cpe:2.3:a:guess:lib-a:1.10:*:*:*:*:*:*:*']);
  });

  it('reads a licence expression', () => {
    expect(byName(doc, 'lib-b').licenses).toEqual([{ text: 'Apache-2.0 OR MIT', ids: ['Apache-2.0', 'MIT'], parsed: true }]);
  });

  it('reads services with provider, endpoints and nested services', () => {
    expect(doc.services.map((s) => s.ref)).toEqual(['svc-1', 'svc-2']);
    const svc = doc.services[0];
    expect(svc?.endpoints).toEqual(['https://telemetry.example.com/v1', 'https://backup.example.com']);
    expect(svc?.parties).toEqual([{ role: 'provider', name: 'Example Cloud', url: 'https://cloud.example.com' }]);
    expect(doc.services[1]?.parentRef).toBe('svc-1');
  });

  it('builds the graph from nested <dependency> elements, nesting and BOM-Links to itself', () => {
    expect(edgesOf(doc)).toEqual({
      app: ['lib-a', 'svc-1'],
      'lib-a': ['lib-b', 'urn:cdx:00000000-0000-0000-0000-000000000000/1#elsewhere'],
      'svc-1': ['svc-2'],
    });
    expect(doc.warnings).toContainEqual(expect.stringContaining('1 dependency reference(s) name a bom-ref that no component has'));
  });

  it('gives each component the line of its start tag', () => {
    const lines = FULL.split('\n');
    const a = byName(doc, '007');
    const b = byName(doc, 'lib-b');
    expect(lines[(a.line ?? 0) - 1]).toContain('bom-ref="lib-a"');
    expect(lines[(b.line ?? 0) - 1]).toContain('bom-ref="lib-b"');
  });
});

describe('CycloneDX XML graphs of older versions', () => {
  it('follows <dependency> nested more than one level (1.2 style)', () => {
    const doc = read(`<bom xmlns="http://cyclonedx.org/schema/bom/1.2"><components>
      <component type="library" bom-ref="a"><name>a</name></component>
      <component type="library" bom-ref="b"><name>b</name></component>
      <component type="library" bom-ref="c"><name>c</name></component></components>
      <dependencies><dependency ref="a"><dependency ref="b"><dependency ref="c"/></dependency></dependency></dependencies></bom>`);
    expect(edgesOf(doc)).toEqual({ a: ['b'], b: ['c'] });
  });

  it('reads the 1.1 dependency-graph extension', () => {
    const doc = read(`<bom xmlns="http://cyclonedx.org/schema/bom/1.1" xmlns:dg="http://cyclonedx.org/schema/ext/dependency-graph/1.0"><components>
      <component type="library" bom-ref="a"><name>a</name></component>
      <component type="library" bom-ref="b"><name>b</name></component></components>
      <dg:dependencies><dg:dependency ref="a"><dg:dependency ref="b"/></dg:dependency></dg:dependencies></bom>`);
    expect(edgesOf(doc)).toEqual({ a: ['b'] });
  });
});

describe('CycloneDX XML read while parsed', () => {
  it('reads only the first <components>, <services> and <dependencies> under <bom>, nested ones in full', () => {
    const doc = read(`<bom xmlns="${NS}">
      <components>
        <component type="library" bom-ref="a"><name>a</name><components><component type="library" bom-ref="a1"><name>a1</name></component></components></component>
      </components>
      <components><component type="library" bom-ref="b"><name>b</name></component></components>
      <services><service bom-ref="s"><name>s</name></service></services>
      <services><service bom-ref="t"><name>t</name></service></services>
      <dependencies><dependency ref="a"><dependency ref="s"/></dependency></dependencies>
      <dependencies><dependency ref="s"><dependency ref="a"/></dependency></dependencies>
    </bom>`);
    expect(doc.components.map((c) => c.ref)).toEqual(['a', 'a1']);
    expect(doc.services.map((s) => s.ref)).toEqual(['s']);
    expect(edgesOf(doc)).toEqual({ a: ['a1', 's'] });
  });

  it('lists the 1.1 extension graph after the native one, whatever the document order', () => {
    const doc = read(`<bom xmlns="http://cyclonedx.org/schema/bom/1.1" xmlns:dg="http://cyclonedx.org/schema/ext/dependency-graph/1.0">
      <dg:dependencies><dg:dependency ref="a"><dg:dependency ref="c"/></dg:dependency></dg:dependencies>
      <components>
        <component type="library" bom-ref="a"><name>a</name></component>
        <component type="library" bom-ref="b"><name>b</name></component>
        <component type="library" bom-ref="c"><name>c</name></component>
      </components>
      <dependencies><dependency ref="a"><dependency ref="b"/></dependency></dependencies>
    </bom>`);
    expect(edgesOf(doc)).toEqual({ a: ['b', 'c'] });
  });

  it('gives lines to a subject written after the components, and to the components', () => {
    const text = `<bom xmlns="${NS}">\n<components>\n<component type="library" bom-ref="a"><name>a</name></component>\n</components>\n<metadata>\n<component type="application" bom-ref="app"><name>app</name></component>\n</metadata>\n</bom>`;
    const doc = read(text);
    expect(doc.root?.line).toBe(6);
    expect(doc.components[0]?.line).toBe(3);
  });

  it('reads a <bom> with a subject and nothing else', () => {
    const doc = read(`<bom xmlns="${NS}"><metadata><component type="application" bom-ref="app"><name>app</name></component></metadata></bom>`);
    expect(doc.rootRef).toBe('app');
    expect(doc.components).toEqual([]);
  });
});

describe('CycloneDX XML quirks', () => {
  it('warns once about components without bom-ref (when there is a graph) and about duplicates', () => {
    const doc = read(`<bom xmlns="${NS}"><components>
      <component type="library"><name>no-ref-1</name></component>
      <component type="library"><name>no-ref-2</name></component>
      <component type="library" bom-ref="d"><name>dup-1</name></component>
      <component type="library" bom-ref="d"><name>dup-2</name></component></components>
      <dependencies><dependency ref="d"/></dependencies></bom>`);
    expect(doc.components).toHaveLength(4);
    expect(doc.warnings).toContainEqual(expect.stringMatching(/^2 component\(s\) without a bom-ref, so the dependency graph cannot reach them: "no-ref-1", "no-ref-2"$/));
    expect(doc.warnings).toContainEqual(expect.stringMatching(/^1 duplicate bom-ref\(s\): "d"/));
  });

  it('says nothing about missing bom-refs when the document has no graph to lose', () => {
    const doc = read(`<bom xmlns="http://cyclonedx.org/schema/bom/1.1"><components><component type="library"><name>a</name></component></components></bom>`);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a component without a version', () => {
    const doc = read(`<bom xmlns="${NS}"><components><component type="library" bom-ref="a"><name>a</name></component></components></bom>`);
    expect(doc.components[0]?.version).toBeUndefined();
  });

  it('truncates absurdly long fields with a warning', () => {
    const doc = read(`<bom xmlns="${NS}"><components><component type="library" bom-ref="a"><name>${'n'.repeat(10_000)}</name></component></components></bom>`);
    expect(doc.components[0]?.name).toHaveLength(4096);
    expect(doc.warnings).toContainEqual(expect.stringContaining('were truncated'));
  });

  it('truncates a long value however the XML writes it: pieces between comments, entities, an attribute', () => {
    const pieces = Array.from({ length: 50 }, () => 'x'.repeat(100)).join('<!-- c -->');
    const bom = (long: string) => read(`<bom xmlns="${NS}"><components>${long}<component type="library" bom-ref="d"><name>d</name></component></components></bom>`);
    const cases = [
      bom(`<component type="library" bom-ref="a"><name>${pieces}</name></component>`),
      bom(`<component type="library" bom-ref="b"><name>b</name><version>${'&amp;'.repeat(5000)}</version></component>`),
      bom(`<component type="${'t'.repeat(5000)}" bom-ref="c"><name>c</name></component>`),
    ];
    expect(cases.map((doc) => doc.components.map((c) => [c.name.length, c.version?.length, c.type?.length]))).toEqual([
      [[4096, undefined, 7], [1, undefined, 7]],
      [[1, 4096, 7], [1, undefined, 7]],
      [[1, undefined, 4096], [1, undefined, 7]],
    ]);
    for (const doc of cases) expect(doc.warnings.join('\n')).toMatch(/^1 field\(s\) longer than 4096 characters/);
  });

  it('reads gzip-compressed and UTF-16 input', () => {
    expect(read(gzip(FULL)).components).toHaveLength(2);
    expect(read(gzip(FULL)).wrappers).toEqual(['gzip']);
    expect(read(utf16(FULL)).components).toHaveLength(2);
  });

  it('honours a legacy encoding in the XML declaration', () => {
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><bom xmlns="${NS}"><components><component type="library"><name>caf\u00e9</name></component></components></bom>`, 'latin1');
    expect(read(latin1).components[0]?.name).toBe('café');
  });

  it('rejects XML that is not well-formed, with a position', () => {
    const e = readError(`<bom xmlns="${NS}">\n<components>\n<component type="library"><name>a</name></components></bom>`);
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/line 3/);
  });

  it('rejects a truncated document', () => {
    const e = readError(FULL.slice(0, FULL.length / 2));
    expect(e.code).toBe('malformed');
  });
});

describe('CycloneDX XML safety', () => {
  it('rejects an XXE payload without reading anything', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bom xmlns="${NS}"><components><component type="library"><name>&xxe;</name></component></components></bom>`;
    const e = readError(xxe);
    expect(e.code).toBe('unsafe');
    expect(e.message).toContain('DTDs are not allowed');
    expect(e.message).not.toContain('root:');
  });

  it('rejects a billion-laughs document at once', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE bom [\n${entities.join('\n')}\n]>\n<bom xmlns="${NS}"><components><component type="library"><name>&lol9;</name></component></components></bom>`;
    expect(readError(bomb).code).toBe('unsafe');
  });

  it('rejects an entity declaration even without a DOCTYPE keyword in the usual place', () => {
    expect(readError(`<bom xmlns="${NS}"><!ENTITY x "y"><components/></bom>`).code).toBe('unsafe');
  });
});
