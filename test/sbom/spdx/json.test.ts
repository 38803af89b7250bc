// SPDX JSON: line numbers, both PACKAGE_MANAGER spellings, NOASSERTION/NONE, gzip and UTF-16.
import { describe, expect, it } from 'vitest';
import { byName, edgesOf, gzip, read, sameModel, utf16 } from '../helpers.js';
import { JSON_DOC } from './fixtures.js';

describe('SPDX JSON', () => {
  const text = JSON.stringify(JSON_DOC, null, 2);
  const doc = read(text);

  it('gives each package the line of its SPDXID', () => {
    const lines = text.split('\n');
    for (const c of doc.components) expect(lines[(doc.lineOf?.(c.ref) ?? 0) - 1]).toContain(`"SPDXID": "${c.ref}"`);
  });

  it('reads PACKAGE_MANAGER and PACKAGE-MANAGER alike', () => {
    const dashed = text.replace('"PACKAGE_MANAGER"', '"PACKAGE-MANAGER"');
    expect(byName(read(dashed), 'libfoo').purl).toBe(byName(doc, 'libfoo').purl);
  });

  it('treats NOASSERTION and NONE as absent, and draws no edge to NONE', () => {
    const app = byName(doc, 'example-app');
    expect(app.licenses.map((l) => l.text)).toEqual(['Apache-2.0']);
    expect(app.externalRefs).toEqual([]);
    expect(edgesOf(doc)['SPDXRef-libbar']).toBeUndefined();
  });

  it('reads gzip-compressed and UTF-16 input alike', () => {
    expect(sameModel(read(gzip(text)))).toEqual(sameModel(doc));
    expect(sameModel(read(utf16(text)))).toEqual(sameModel(doc));
  });
});
