// CycloneDX JSON (the library's JsonStrictValidator) and XML (libxml2 in WebAssembly against the library's XSDs), on the spec's own test files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { wasmXsdCheck } from '../../src/validate/xsd.js';
import { cyclonedxXsd, utf8Declaration } from '../../src/validate/cyclonedx.js';
import { ValidatorError } from '../../src/validate/types.js';
import { validateDocumentBytes } from '../../src/validate/validate.js';
import { CORPUS_MISSING, corpusFileNames, withCorpus } from '../helpers/corpus.js';
import { corpusFile, validateFile, validateText, why } from './helpers.js';

const VALID = corpusFileNames().filter((f) => f.startsWith('cdxspec__valid-'));

describe.skipIf(CORPUS_MISSING)(withCorpus('CycloneDX spec test files'), () => {
  it('are all there', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(13);
  });

  for (const file of VALID) {
    it(`${file} is valid`, async () => {
      const r = await validateFile(corpusFile(file));
      expect(r.status, why(r)).toBe('valid');
      expect(r.errors).toEqual([]);
      expect(r.schema).toMatch(/^CycloneDX 1\.\d (JSON|XML) schema \(@cyclonedx\/cyclonedx-library \d+\.\d+\.\d+/);
    });
  }

  it('invalid-hash-alg-1.6.json: the unknown algorithm, with its pointer, line and value', async () => {
    const r = await validateFile(corpusFile('cdxspec__invalid-hash-alg-1.6.json'));
    expect(r.status).toBe('invalid');
    expect(r.format).toBe('cyclonedx-json');
    expect(r.specVersion).toBe('1.6');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ pointer: '/components/0/hashes/0/alg', line: 15, value: '"FOO"' });
    expect(r.errors[0]?.message).toMatch(/^must be one of: MD5, SHA-1, SHA-256, .*BLAKE3/);
  });

  it('invalid-dependency-1.6.json: the dependency without a ref', async () => {
    const r = await validateFile(corpusFile('cdxspec__invalid-dependency-1.6.json'));
    expect(r.status).toBe('invalid');
    expect(r.errors[0]).toMatchObject({ pointer: '/dependencies/0', line: 28, message: 'must have required property "ref"' });
    expect(r.errors[0]?.value).toBeUndefined();
  });

  it('invalid-component-type-1.6.xml: the unknown component type, with its line', async () => {
    const r = await validateFile(corpusFile('cdxspec__invalid-component-type-1.6.xml'));
    expect(r.status, why(r)).toBe('invalid');
    expect(r.format).toBe('cyclonedx-xml');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 4, value: '"foo"' });
    expect(r.errors[0]?.pointer).toBeUndefined();
    expect(r.errors[0]?.message).toMatch(/^Element 'component', attribute 'type': \[facet 'enumeration'\] The value 'foo' is not an element of the set/);
  });

  it('invalid-namespace-1.6.xml: a namespace that names no version cannot be validated', async () => {
    const r = await validateFile(corpusFile('cdxspec__invalid-namespace-1.6.xml'));
    expect(r.status).toBe('error');
    expect(r.error).toEqual({ code: 'unsupported-version', message: 'cannot be validated: its XML namespace "http://cyclonedx.org/schema/bom/12" names no CycloneDX version (known: 1.0-1.7)' });
  });
});

describe('CycloneDX versions', () => {
  const bom = (specVersion?: string): string => JSON.stringify({ bomFormat: 'CycloneDX', ...(specVersion !== undefined && { specVersion }), version: 1, components: [] }, null, 2);

  it('1.0 and 1.1 JSON do not exist', async () => {
    const r = await validateText('old.json', bom('1.1'));
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('unsupported-version');
    expect(r.error?.message).toBe('cannot be validated: CycloneDX 1.1 has no JSON format (CycloneDX JSON starts with 1.2)');
  });

  it('a version ictscan has no schema for is named', async () => {
    const r = await validateText('future.json', bom('1.9'));
    expect(r.error?.message).toBe('cannot be validated: specVersion "1.9" is not a CycloneDX version ictscan has a JSON schema for (1.2-1.7)');
  });

  it('a document without specVersion is invalid in every version', async () => {
    const r = await validateText('none.json', bom());
    expect(r.status).toBe('invalid');
    expect(r.errors).toEqual([{ pointer: '', line: 1, column: 1, message: 'must have required property "specVersion"' }]);
    const empty = await validateText('empty.json', bom(''));
    expect(empty.errors).toEqual([{ pointer: '/specVersion', line: 3, column: 3, message: 'must name a CycloneDX version (JSON: 1.2-1.7)', value: '""' }]);
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('1.0 and 1.1 XML are checked against their XSDs'), async () => {
    const r = await validateFile(corpusFile('cdxex__laravel-7.12.0__bom.1.1.xml'));
    expect(r.status, why(r)).toBe('valid');
    expect(r.specVersion).toBe('1.1');
  });
});

describe('CycloneDX inputs as the scanner reads them', () => {
  it.skipIf(CORPUS_MISSING)(withCorpus('a gzip-compressed document keeps its lines'), async () => {
    const bytes = gzipSync(readFileSync(corpusFile('cdxspec__invalid-hash-alg-1.6.json')));
    const r = await validateFile(corpusFile('cdxspec__invalid-hash-alg-1.6.json'));
    const z = await validateDocumentBytes('x.json.gz', bytes);
    expect(z.errors).toEqual(r.errors);
    expect(z.wrappers).toEqual(['gzip']);
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('a document inside an in-toto attestation has pointers but no lines'), async () => {
    const r = await validateFile(corpusFile('trivy__sbom.cdx.intoto.jsonl'));
    expect(r.status, why(r)).toBe('valid');
    expect(r.wrappers).toContain('in-toto');
    const statement = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://cyclonedx.org/bom', subject: [], predicate: JSON.parse(readFileSync(corpusFile('cdxspec__invalid-hash-alg-1.6.json'), 'utf8')) as unknown };
    const bad = await validateText('att.json', JSON.stringify(statement));
    expect(bad.status).toBe('invalid');
    expect(bad.errors[0]).toMatchObject({ pointer: '/components/0/hashes/0/alg' });
    expect(bad.errors[0]?.line).toBeUndefined();
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('UTF-16 XML with its declaration reaches libxml2 as UTF-8'), async () => {
    const text = readFileSync(corpusFile('cdxspec__invalid-component-type-1.6.xml'), 'utf8').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await validateDocumentBytes('u16.xml', utf16);
    expect(r.status, why(r)).toBe('invalid');
    expect(r.errors[0]?.line).toBe(4);
    expect(utf8Declaration('<?xml version="1.0" encoding=\'ISO-8859-1\'?>\n<bom/>')).toBe('<?xml version="1.0" encoding=\'UTF-8\'?>\n<bom/>');
  });

  it('XML with a DTD is refused before libxml2 sees it', async () => {
    const r = await validateText('dtd.xml', '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x "y">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"/>');
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('unsafe');
  });

  it('XML that is not well-formed is an error with its line, not a schema error', async () => {
    const r = await validateText('broken.xml', '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">\n<components>\n</bom>\n');
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('malformed');
    expect(r.error?.message).toMatch(/^is not well-formed XML at line 4: /);
  });

  it('a validator that cannot run makes the document an error, not valid', async () => {
    const missing = async (): Promise<never> => {
      throw new ValidatorError('libxml2-wasm could not be loaded');
    };
    const r = await validateText('valid.xml', '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"/>\n', { xsdCheck: missing });
    expect(r.status).toBe('error');
    expect(r.error).toEqual({ code: 'validator', message: 'was not validated: libxml2-wasm could not be loaded' });
  });
});

describe('libxml2 in WebAssembly', () => {
  const cdx = (version: string, body: string): string => `<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/${version}" version="1">\n${body}</bom>\n`;
  const component = (type = 'library'): string => `<component type="${type}"><name>a</name><version>1</version></component>`;
  const scratch = (): string => mkdtempSync(path.join(tmpdir(), 'ictscan-xsd-'));

  it('checks against the bundled XSD, with its spdx.SNAPSHOT.xsd import, in this process', async () => {
    await expect(wasmXsdCheck(cdx('1.6', `<components>${component()}</components>\n`), cyclonedxXsd('1.6'), 10)).resolves.toEqual({ issues: [], omitted: 0 });
    // The licence id is an enumeration from the imported spdx.SNAPSHOT.xsd: the import was read.
    const licensed = (id: string) => cdx('1.6', `<components><component type="library"><name>a</name><licenses><license><id>${id}</id></license></licenses></component></components>\n`);
    await expect(wasmXsdCheck(licensed('MIT'), cyclonedxXsd('1.6'), 10)).resolves.toEqual({ issues: [], omitted: 0 });
    const bad = await wasmXsdCheck(licensed('Not-A-Licence'), cyclonedxXsd('1.6'), 10);
    expect(bad.issues).toEqual([{ line: 3, message: expect.stringMatching(/^Element 'id': \[facet 'enumeration'\] The value 'Not-A-Licence' is not an element of the set/) as string, value: '"Not-A-Licence"' }]);
  });

  it('its messages lose the namespace braces, keep the value and the line', async () => {
    const xml = cdx('1.7', `<metadata>\n<timestamp>redacted</timestamp>\n</metadata>\n<components>\n${component('foo')}\n</components>\n`);
    const r = await wasmXsdCheck(xml, cyclonedxXsd('1.7'), 10);
    expect(r).toEqual({
      omitted: 0,
      issues: [
        { line: 4, message: "Element 'timestamp': 'redacted' is not a valid value of the atomic type 'xs:dateTime'.", value: '"redacted"' },
        { line: 7, message: expect.stringMatching(/^Element 'component', attribute 'type': \[facet 'enumeration'\] The value 'foo' is not an element of the set \{'application', /) as string, value: '"foo"' },
      ],
    });
  });

  it('keeps the first issues and counts the rest, and the result says how many were left out', async () => {
    const xml = cdx('1.6', `<components>\n${Array.from({ length: 3000 }, () => component('nope')).join('\n')}\n</components>\n`);
    const r = await wasmXsdCheck(xml, cyclonedxXsd('1.6'), 25);
    expect(r.issues).toHaveLength(25);
    expect(r.omitted).toBe(2975);
    expect(r.issues.map((i) => i.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 4));
    const v = await validateText('many.xml', xml, { maxIssues: 25 });
    expect(v.status).toBe('invalid');
    expect(v.errors).toHaveLength(25);
    expect(v.omitted).toBe(2975);
  });

  it('reports lines past 65,535 as they are', async () => {
    const xml = cdx('1.6', `<components>${'\n'.repeat(70_000)}${component('nope')}\n</components>\n`);
    const r = await wasmXsdCheck(xml, cyclonedxXsd('1.6'), 10);
    expect(r.issues.map((i) => i.line)).toEqual([70_003]);
  });

  it('reads documents nested deeper than 256 levels (cyclonedx-npm trees)', async () => {
    const depth = 300;
    const open = Array.from({ length: depth }, (_, i) => `<component type="library"><name>c${i}</name><components>`).join('');
    const close = '</components></component>'.repeat(depth);
    await expect(wasmXsdCheck(cdx('1.6', `<components>${open}${component()}${close}</components>\n`), cyclonedxXsd('1.6'), 10)).resolves.toEqual({ issues: [], omitted: 0 });
    const bad = await wasmXsdCheck(cdx('1.6', `<components>${open}${component('nope')}${close}</components>\n`), cyclonedxXsd('1.6'), 10);
    expect(bad.issues).toHaveLength(1);
  });

  it("ignores a schema location the document names: the version's XSD decides", async () => {
    const dir = scratch();
    const lax = path.join(dir, 'lax.xsd');
    writeFileSync(lax, '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://cyclonedx.org/schema/bom/1.6"><xs:element name="bom"><xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element></xs:schema>');
    const xml = cdx('1.6', `<components>${component('nope')}</components>\n`).replace('version="1">', `version="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://cyclonedx.org/schema/bom/1.6 ${lax}">`);
    const r = await wasmXsdCheck(xml, cyclonedxXsd('1.6'), 10);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.value).toBe('"nope"');
  });

  it('opens no file outside the folder of the XSD it was given', async () => {
    const dir = scratch();
    const outside = path.join(scratch(), 'other.xsd');
    writeFileSync(outside, '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="x"/></xs:schema>');
    const xsd = path.join(dir, 'main.xsd');
    writeFileSync(xsd, `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="${outside}"/><xs:element name="y"/></xs:schema>`);
    await expect(wasmXsdCheck('<x/>', xsd, 10)).rejects.toThrow(ValidatorError);
    await expect(wasmXsdCheck('<x/>', xsd, 10)).rejects.toThrow(/could not compile the schema/);
  });

  it('a schema that does not compile or cannot be read is a validator error, not a verdict', async () => {
    const dir = scratch();
    const broken = path.join(dir, 'broken.xsd');
    writeFileSync(broken, '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="bom" type="nowhere"/></xs:schema>');
    await expect(wasmXsdCheck('<bom/>', broken, 10)).rejects.toThrow(/^libxml2 could not compile the schema .*broken\.xsd/);
    await expect(wasmXsdCheck('<bom/>', path.join(dir, 'absent.xsd'), 10)).rejects.toThrow(/^the schema .*absent\.xsd could not be read/);
  });

  it('XML that is not well-formed is a syntax error with its line', async () => {
    await expect(wasmXsdCheck(cdx('1.6', '<components>\n'), cyclonedxXsd('1.6'), 10)).rejects.toMatchObject({ name: 'XmlSyntaxError', line: 4, message: expect.stringMatching(/^is not well-formed XML at line 4: /) as string });
  });
});
