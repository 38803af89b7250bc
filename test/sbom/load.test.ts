// Loading across formats: detection order, skipping non-SBOMs found in a directory walk, forced formats, field caps.
import { INVENTORY_FORMATS } from '../../src/model/document.js';
import { describe, expect, it } from 'vitest';
import { INPUT_FORMATS } from '../../src/sbom/registry.js';
import { loadDocument } from '../../src/sbom/load.js';
import { read } from './helpers.js';
import { TAG_VALUE } from './spdx/fixtures.js';

const walked = { maxSize: 1 << 20, skipNonSbom: true };

describe('loadDocument', () => {
  it('registers every SBOM encoding once', () => {
    // Installed-software inventories (src/inventory) are registered after the SBOM encodings.
    expect([...INPUT_FORMATS].sort()).toEqual(['cyclonedx-json', 'cyclonedx-xml', 'spdx-json', 'spdx-rdf', 'spdx-tag-value', 'spdx-yaml', 'spdx3-jsonld', 'syft-json', ...INVENTORY_FORMATS].sort());
  });

  it('skips, not rejects, XML, YAML and text that are no SBOM when walking a directory', () => {
    const plist = '<?xml version="1.0"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict/></plist>';
    for (const [name, text] of [['Info.plist', plist], ['ci.yml', 'on: push\njobs: {}\n'], ['notes.txt', 'hello\n']] as const) {
      expect(loadDocument(name, Buffer.from(text), walked).kind).toBe('skipped');
    }
  });

  it('uses a forced format even when detection would not pick it', () => {
    const doc = read(TAG_VALUE.replace('SPDXVersion: SPDX-2.3\n', ''), { inputFormat: 'spdx-tag-value' });
    expect(doc.format).toBe('spdx-tag-value');
    expect(doc.components).toHaveLength(3);
    expect(doc.warnings).toContain('the SPDX document states no version; read as SPDX 2.3');
  });

  it('caps over-long fields in every format, leaving refs alone', () => {
    const longRef = `SPDXRef-${'r'.repeat(5000)}`;
    const text = `SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nPackageName: ${'x'.repeat(5000)}\nSPDXID: ${longRef}\nPackageDescription: <text>${'d'.repeat(70_000)}</text>\n`;
    const doc = read(text);
    const c = doc.components[0];
    expect(c?.ref).toBe(longRef);
    expect(c?.name).toHaveLength(4096);
    expect(c?.description).toHaveLength(65536);
    expect(doc.warnings).toContainEqual(expect.stringMatching(/^2 field\(s\) longer than 4096 characters .* were truncated, first: component "x+" name \(5000 characters\)$/));
  });
});
