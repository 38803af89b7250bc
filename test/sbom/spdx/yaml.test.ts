// SPDX YAML: detection, the same model as SPDX JSON, numbers kept as text, and safe YAML settings.
import { describe, expect, it } from 'vitest';
import { spdxYaml } from '../../../src/sbom/spdx/yaml.js';
import { TextInput } from '../../../src/sbom/view.js';
import { byName, gzip, read, readError, sameModel, utf16 } from '../helpers.js';
import { JSON_DOC, YAML } from './fixtures.js';

describe('SPDX YAML', () => {
  const doc = read(YAML);

  it('is detected by a top-level spdxVersion key, wherever it is', () => {
    expect(spdxYaml.detect(new TextInput('x', YAML))).toEqual({ specVersion: '2.3' });
    expect(spdxYaml.detect(new TextInput('x', 'name: x\npackages: []\nspdxVersion: SPDX-2.2\n'))).toEqual({ specVersion: '2.2' });
    expect(spdxYaml.detect(new TextInput('x', 'name: x\n  spdxVersion: SPDX-2.2\n'))).toBeUndefined();
    expect(doc.format).toBe('spdx-yaml');
  });

  it('reads the same model as the JSON encoding of the document', () => {
    expect(sameModel(doc)).toEqual(sameModel(read(JSON.stringify(JSON_DOC))));
  });

  it('keeps an unquoted version as written (1.10 is not 1.1)', () => {
    expect(byName(doc, 'libfoo').version).toBe('1.10');
  });

  it('gives each package the line where its entry starts', () => {
    const lines = YAML.split('\n');
    expect(lines[(byName(doc, 'libfoo').line ?? 0) - 1]).toContain('SPDXRef-libfoo');
  });

  it('reads gzip-compressed and UTF-16 input', () => {
    expect(read(gzip(YAML)).components).toHaveLength(3);
    expect(read(utf16(YAML)).components).toHaveLength(3);
  });

  it('stops an alias bomb', () => {
    const rows = ['spdxVersion: SPDX-2.3', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, cur] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h']]) rows.push(`${cur ?? ''}: &${cur ?? ''} [${Array(9).fill(`*${prev ?? ''}`).join(',')}]`);
    expect(readError(rows.join('\n')).code).toBe('unsafe');
  });

  it('does not construct language-specific tags', () => {
    const doc2 = read(`spdxVersion: SPDX-2.3\npackages:\n- SPDXID: SPDXRef-a\n  name: !!python/object/apply:os.system ["echo hi"]\n`);
    expect(doc2.components).toHaveLength(1);
    expect(doc2.warnings.join(' ')).toMatch(/YAML/);
  });

  it('rejects YAML that does not parse, with a position', () => {
    const e = readError('spdxVersion: SPDX-2.3\npackages:\n  - name: [unclosed\n');
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/line \d+/);
  });
});
