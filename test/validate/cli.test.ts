// `ictscan validate` end to end: the human list, the JSON report, exit codes, many files at once.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { formatIssue, schemaWarnings } from '../../src/validate/summary.js';
import type { ValidationResult } from '../../src/validate/types.js';
import { cli } from '../helpers/cli.js';
import { CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';
import { corpusFile } from './helpers.js';

const CDX = path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.cdx.json');
const SPDX = path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.spdx.json');
const HASH = corpusFile('cdxspec__invalid-hash-alg-1.6.json');
const TYPE = corpusFile('cdxspec__invalid-component-type-1.6.xml');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-validate-'));

interface JsonReport {
  documents: ValidationResult[];
  summary: Record<string, number>;
}

describe('ictscan validate', () => {
  it('exits 0 when every document is valid', async () => {
    const r = await cli(['validate', CDX, SPDX]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${CDX}: valid against CycloneDX 1.6 JSON schema (@cyclonedx/cyclonedx-library`);
    expect(r.stdout).toContain(`${SPDX}: valid against ictscan's SPDX 2.3 schema`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 documents: 2 valid, 0 invalid');
    expect(r.stderr).toBe('');
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('lists each schema error as "file: line N: pointer message" and exits 1'), async () => {
    const r = await cli(['validate', CDX, HASH, TYPE]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${HASH.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 15: /components/0/hashes/0/alg must be one of: MD5, SHA-1, .* \\(found "FOO"\\)$`)));
    expect(lines).toContainEqual(expect.stringMatching(/cdxspec__invalid-component-type-1\.6\.xml: line 4: Element 'component', attribute 'type': \[facet 'enumeration'\]/));
    expect(lines).toContain(`${HASH}: invalid against CycloneDX 1.6 JSON schema (@cyclonedx/cyclonedx-library ${lines.find((l) => l.includes('cyclonedx-library '))?.match(/cyclonedx-library ([\d.]+)/)?.[1] ?? ''}): 1 error`);
    expect(lines.at(-2)).toBe('3 documents: 1 valid, 2 invalid');
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('writes only JSON to standard output with --format json'), async () => {
    const r = await cli(['validate', '--format', 'json', HASH, CDX]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary).toEqual({ documents: 2, valid: 1, invalid: 1, unchecked: 0, notValidated: 0, skipped: 0 });
    const [bad, good] = report.documents;
    expect(bad).toMatchObject({ source: HASH, status: 'invalid', format: 'cyclonedx-json', specVersion: '1.6', omitted: 0, wrappers: [] });
    expect(bad?.errors).toEqual([{ pointer: '/components/0/hashes/0/alg', line: 15, column: 11, message: expect.stringMatching(/^must be one of: /), value: '"FOO"' }]);
    expect(good).toMatchObject({ source: CDX, status: 'valid', errors: [] });
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('exits 2 when an input is unreadable or no SBOM, still reporting every other file'), async () => {
    const dir = tmp();
    const notSbom = path.join(dir, 'package.json');
    writeFileSync(notSbom, JSON.stringify({ name: 'x', version: '1.0.0' }));
    const broken = path.join(dir, 'broken.cdx.json');
    writeFileSync(broken, '{"bomFormat": "CycloneDX",\n  "specVersion": oops}');
    const r = await cli(['validate', '-f', 'json', path.join(dir, 'missing.json'), notSbom, broken, HASH, CDX]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.documents.map((d) => [path.basename(d.source), d.status, d.error?.code])).toEqual([
      ['missing.json', 'error', 'not-found'],
      ['package.json', 'error', 'not-an-sbom'],
      ['broken.cdx.json', 'error', 'malformed'],
      [path.basename(HASH), 'invalid', undefined],
      [path.basename(CDX), 'valid', undefined],
    ]);
    expect(report.documents[2]?.error?.message).toMatch(/^is not valid JSON/);
    expect(report.summary).toMatchObject({ documents: 5, valid: 1, invalid: 1, notValidated: 3 });
  });

  it('checks CycloneDX XML against its XSD on any machine (no xmllint): valid samples, and an invalid document with its lines', async () => {
    const xml = path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.cdx.xml');
    const old = path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.cdx-1.4.xml');
    const bad = path.join(tmp(), 'bad.cdx.xml');
    writeFileSync(bad, '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">\n  <components>\n    <component type="gadget"><name>x</name></component>\n    <component type="library"><name>y</name><hashes><hash alg="MD4">00</hash></hashes></component>\n  </components>\n</bom>\n');
    const r = await cli(['validate', xml, old, bad]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/acme-secure-gateway\.cdx\.xml: valid against CycloneDX 1\.6 XML schema \(@cyclonedx\/cyclonedx-library [\d.]+, libxml2\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/acme-secure-gateway\.cdx-1\.4\.xml: valid against CycloneDX 1\.4 XML schema/));
    expect(lines).toContain(`${bad}: line 4: Element 'component', attribute 'type': [facet 'enumeration'] The value 'gadget' is not an element of the set {'application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device', 'device-driver', 'firmware', 'file', 'machine-learning-model', 'data'}. (found "gadget")`);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 5: Element 'hash', attribute 'alg': \\[facet 'enumeration'\\] The value 'MD4'`)));
    expect(lines.at(-2)).toBe('3 documents: 2 valid, 1 invalid');
  });

  it('walks directories, skipping files that are not SBOMs, and notes formats without a schema', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'README.md'), '# not an SBOM\n');
    writeFileSync(path.join(dir, 'sub', 'app.cdx.json'), readFileSync(CDX));
    writeFileSync(path.join(dir, 'sub', 'app.syft.json'), readFileSync(path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.syft.json')));
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${path.join(dir, 'README.md')}: skipped: not an SBOM`);
    expect(r.stdout).toContain(`${path.join(dir, 'sub', 'app.syft.json')}: not checked: no schema validation for this format (Syft JSON)`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 documents: 1 valid, 0 invalid, 1 not checked, 1 file skipped');
  });

  it('exits 2 when the inputs hold no SBOM at all', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'notes.txt'), 'nothing here\n');
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ictscan: no SBOM in the inputs\n');
  });

  it.skipIf(CORPUS_MISSING)(withCorpus('reads standard input'), async () => {
    const r = await cli(['validate', '-'], { stdin: readFileSync(HASH) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^-: line 15: \/components\/0\/hashes\/0\/alg must be one of/m);
  });

  it('refuses a bad --max-size', async () => {
    const r = await cli(['validate', CDX, '--max-size', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-size must be a positive number/);
  });
});

describe('schema warnings for scan --validate', () => {
  const base = { source: 'x.json', errors: [], omitted: 0, notes: [], wrappers: [] } as const;

  it('prefixes each schema error with "schema: "', () => {
    const r: ValidationResult = { ...base, status: 'invalid', errors: [{ pointer: '/components/0/hashes/0/alg', line: 15, message: 'must be one of: MD5', value: '"FOO"' }, { pointer: '', message: 'must have required property "specVersion"' }], omitted: 2 };
    expect(schemaWarnings(r)).toEqual([
      'schema: line 15: /components/0/hashes/0/alg must be one of: MD5 (found "FOO")',
      'schema: (root) must have required property "specVersion"',
      'schema: … and 2 more schema errors',
    ]);
  });

  it('says nothing for a valid document and says why one was not checked', () => {
    expect(schemaWarnings({ ...base, status: 'valid' })).toEqual([]);
    expect(schemaWarnings({ ...base, status: 'unchecked', notes: ['no schema validation for this format (Syft JSON)'] })).toEqual(['schema: no schema validation for this format (Syft JSON)']);
    expect(schemaWarnings({ ...base, status: 'error', error: { code: 'validator', message: 'was not validated: xmllint is missing' } })).toEqual(['schema: not checked: was not validated: xmllint is missing']);
  });

  it('formats an XML issue with its line only', () => {
    expect(formatIssue({ line: 4, message: "Element 'component': bad", value: '"foo"' })).toBe(`line 4: Element 'component': bad (found "foo")`);
  });
});
