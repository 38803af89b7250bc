// SPDX RDF/XML: the graph flattened by node id, enumerations as IRIs, the same model as SPDX JSON, XML safety.
import { describe, expect, it } from 'vitest';
import { spdxRdf } from '../../../src/sbom/spdx/rdf.js';
import { TextInput } from '../../../src/sbom/view.js';
import { byName, edgesOf, gzip, read, readError, sameModel, utf16 } from '../helpers.js';
import { JSON_DOC, RDF_XML } from './fixtures.js';

describe('SPDX RDF/XML', () => {
  const doc = read(RDF_XML);

  it('is detected by an rdf:RDF root with the SPDX vocabulary', () => {
    expect(spdxRdf.detect(new TextInput('x', RDF_XML))).toEqual({ specVersion: '2.3' });
    expect(spdxRdf.detect(new TextInput('x', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'))).toBeUndefined();
    expect(doc.format).toBe('spdx-rdf');
  });

  it('reads the same model as the JSON encoding of the document', () => {
    expect(sameModel(doc)).toEqual(sameModel(read(JSON.stringify(JSON_DOC))));
  });

  it('reads packages written inline and at the top level, once each', () => {
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-app', 'SPDXRef-libfoo', 'SPDXRef-libbar']);
    expect(doc.warnings).toEqual([]);
  });

  it('turns enumeration IRIs into SPDX words', () => {
    const foo = byName(doc, 'libfoo');
    expect(foo.purl).toBe('pkg:generic/libfoo@1.10');
    expect(foo.hashes).toEqual([{ alg: 'SHA256', content: '11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd' }]);
    expect(foo.licenses.map((l) => l.text)).toEqual(['MIT', 'MIT OR Apache-2.0']);
    expect(byName(doc, 'libbar').type).toBe('library');
    expect(byName(doc, 'example-app').licenses.map((l) => l.text)).toEqual(['Apache-2.0']);
  });

  it('takes relationships from the element that holds them, without edges to NONE', () => {
    expect(doc.rootRef).toBe('SPDXRef-app');
    expect(edgesOf(doc)).toEqual({ 'SPDXRef-app': ['SPDXRef-libfoo', 'SPDXRef-file-app'], 'SPDXRef-libfoo': ['SPDXRef-libbar'] });
  });

  it('gives each package the line of its element', () => {
    const lines = RDF_XML.split('\n');
    expect(lines[(byName(doc, 'libbar').line ?? 0) - 1]).toContain('SPDXRef-libbar');
  });

  it('reads a document without packages as empty', () => {
    const empty = read(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument rdf:about="https://x#SPDXRef-DOCUMENT"><spdx:name>n</spdx:name></spdx:SpdxDocument></rdf:RDF>`);
    expect(empty.components).toEqual([]);
    expect(empty.warnings).toContainEqual(expect.stringContaining('states no version'));
  });

  it('reads licence sets, exceptions and "or later"', () => {
    const text = RDF_XML.replace(
      '<spdx:licenseConcluded rdf:resource="http://spdx.org/licenses/MIT"/>',
      `<spdx:licenseConcluded><spdx:ConjunctiveLicenseSet>
        <spdx:member><spdx:WithExceptionOperator><spdx:member rdf:resource="http://spdx.org/licenses/GPL-2.0-only"/><spdx:licenseException><spdx:LicenseException><spdx:licenseExceptionId>Classpath-exception-2.0</spdx:licenseExceptionId></spdx:LicenseException></spdx:licenseException></spdx:WithExceptionOperator></spdx:member>
        <spdx:member><spdx:OrLaterOperator><spdx:member rdf:resource="http://spdx.org/licenses/LGPL-2.1-only"/></spdx:OrLaterOperator></spdx:member>
      </spdx:ConjunctiveLicenseSet></spdx:licenseConcluded>`,
    );
    expect(byName(read(text), 'libfoo').licenses[0]?.text).toBe('(GPL-2.0-only WITH Classpath-exception-2.0) AND LGPL-2.1-only+');
  });

  it('reads gzip-compressed and UTF-16 input', () => {
    expect(read(gzip(RDF_XML)).components).toHaveLength(3);
    expect(read(utf16(RDF_XML)).components).toHaveLength(3);
  });

  it('rejects a DTD like CycloneDX XML does', () => {
    const e = readError(RDF_XML.replace('<rdf:RDF', '<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rdf:RDF'));
    expect(e.code).toBe('unsafe');
  });

  it('rejects a billion-laughs document at once', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = RDF_XML.replace('<rdf:RDF', `<!DOCTYPE rdf:RDF [\n${entities.join('\n')}\n]>\n<rdf:RDF`).replace('<spdx:name>libbar</spdx:name>', '<spdx:name>&lol9;</spdx:name>');
    // Rejected before any entity is expanded; how fast is measured in npm run bench, not asserted here.
    expect(readError(bomb).code).toBe('unsafe');
  });

  it('rejects SPDX 3 written as RDF/XML', () => {
    expect(readError('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="https://spdx.org/rdf/3.0.1/terms/Core/"/>').code).toBe('unsupported-version');
  });
});
