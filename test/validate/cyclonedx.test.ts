// CycloneDX JSON (the library's JsonStrictValidator) and XML (xmllint against the library's XSDs), on the spec's own test files.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseXmllintOutput, xmllintCheck } from '../../src/validate/xmllint.js';
import { cyclonedxXsd, utf8Declaration } from '../../src/validate/cyclonedx.js';
import { ValidatorError } from '../../src/validate/types.js';
import { validateDocumentBytes } from '../../src/validate/validate.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { corpusFile, validateFile, validateText, why } from './helpers.js';

const VALID = readdirSync(CORPUS_DIR).filter((f) => f.startsWith('cdxspec__valid-'));

describe('CycloneDX spec test files', () => {
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

  it('1.0 and 1.1 XML are checked against their XSDs', async () => {
    const r = await validateFile(corpusFile('cdxex__laravel-7.12.0__bom.1.1.xml'));
    expect(r.status, why(r)).toBe('valid');
    expect(r.specVersion).toBe('1.1');
  });
});

describe('CycloneDX inputs as the scanner reads them', () => {
  it('a gzip-compressed document keeps its lines', async () => {
    const bytes = gzipSync(readFileSync(corpusFile('cdxspec__invalid-hash-alg-1.6.json')));
    const r = await validateFile(corpusFile('cdxspec__invalid-hash-alg-1.6.json'));
    const z = await validateDocumentBytes('x.json.gz', bytes);
    expect(z.errors).toEqual(r.errors);
    expect(z.wrappers).toEqual(['gzip']);
  });

  it('a document inside an in-toto attestation has pointers but no lines', async () => {
    const r = await validateFile(corpusFile('trivy__sbom.cdx.intoto.jsonl'));
    expect(r.status, why(r)).toBe('valid');
    expect(r.wrappers).toContain('in-toto');
    const statement = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://cyclonedx.org/bom', subject: [], predicate: JSON.parse(readFileSync(corpusFile('cdxspec__invalid-hash-alg-1.6.json'), 'utf8')) as unknown };
    const bad = await validateText('att.json', JSON.stringify(statement));
    expect(bad.status).toBe('invalid');
    expect(bad.errors[0]).toMatchObject({ pointer: '/components/0/hashes/0/alg' });
    expect(bad.errors[0]?.line).toBeUndefined();
  });

  it('UTF-16 XML with its declaration reaches xmllint as UTF-8', async () => {
    const text = readFileSync(corpusFile('cdxspec__invalid-component-type-1.6.xml'), 'utf8').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await validateDocumentBytes('u16.xml', utf16);
    expect(r.status, why(r)).toBe('invalid');
    expect(r.errors[0]?.line).toBe(4);
    expect(utf8Declaration('<?xml version="1.0" encoding=\'ISO-8859-1\'?>\n<bom/>')).toBe('<?xml version="1.0" encoding=\'UTF-8\'?>\n<bom/>');
  });

  it('XML with a DTD is refused before xmllint sees it', async () => {
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
      throw new ValidatorError('xmllint is not installed');
    };
    const r = await validateFile(corpusFile('cdxspec__valid-bom-1.6.xml'), { xsdCheck: missing });
    expect(r.status).toBe('error');
    expect(r.error).toEqual({ code: 'validator', message: 'was not validated: xmllint is not installed' });
  });
});

describe('xmllint', () => {
  it('is installed (CI installs Debian libxml2-utils) and checks against the bundled XSD', async () => {
    const xml = readFileSync(corpusFile('cdxspec__valid-bom-1.6.xml'), 'utf8');
    await expect(xmllintCheck(xml, cyclonedxXsd('1.6'))).resolves.toEqual([]);
  });

  it('says how to install it when it is missing', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(xmllintCheck('<bom/>', cyclonedxXsd('1.6'))).rejects.toThrow(/needs xmllint.*libxml2-utils/);
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('its messages lose the namespace braces and keep the value', () => {
    const out = [
      "-:4: element component: Schemas validity error : Element '{http://cyclonedx.org/schema/bom/1.6}component', attribute 'type': [facet 'enumeration'] The value 'foo' is not an element of the set {'application'}.",
      "-:9: element timestamp: Schemas validity error : Element '{http://cyclonedx.org/schema/bom/1.7}timestamp': 'redacted' is not a valid value of the atomic type 'xs:dateTime'.",
      '- fails to validate',
    ].join('\n');
    expect(parseXmllintOutput(out)).toEqual([
      { line: 4, message: "Element 'component', attribute 'type': [facet 'enumeration'] The value 'foo' is not an element of the set {'application'}.", value: '"foo"' },
      { line: 9, message: "Element 'timestamp': 'redacted' is not a valid value of the atomic type 'xs:dateTime'.", value: '"redacted"' },
    ]);
  });
});
