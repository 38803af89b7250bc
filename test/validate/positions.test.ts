// JSON pointers to lines: the position pass over JSON text and the YAML node walk.
import { describe, expect, it } from 'vitest';
import { jsonPointerPositions, pointerToken, pointerTokens, yamlPointerPositions } from '../../src/validate/positions.js';

const JSON_TEXT = `{
  "bomFormat": "CycloneDX",
  "components": [
    { "name": "a", "hashes": [ { "alg": "MD5" } ] },
    {
      "name": "b",
      "a/b~c": "escaped key",
      "esc\\"aped": { "deep": [1, [2, 3]] }
    }
  ],
  "dup": 1,
  "dup": 2
}`;

describe('jsonPointerPositions', () => {
  it('finds object members at their key and array elements at their value', () => {
    const at = jsonPointerPositions(JSON_TEXT, new Set(['', '/bomFormat', '/components/0/hashes/0/alg', '/components/1', '/components/1/name']));
    expect(at.get('')).toEqual({ line: 1, column: 1 });
    expect(at.get('/bomFormat')).toEqual({ line: 2, column: 3 });
    expect(at.get('/components/0/hashes/0/alg')).toEqual({ line: 4, column: 34 });
    expect(at.get('/components/1')).toEqual({ line: 5, column: 5 });
    expect(at.get('/components/1/name')).toEqual({ line: 6, column: 7 });
  });

  it('follows escaped keys and RFC 6901 tokens', () => {
    const at = jsonPointerPositions(JSON_TEXT, new Set(['/components/1/a~1b~0c', '/components/1/esc"aped/deep/1/0']));
    expect(at.get('/components/1/a~1b~0c')?.line).toBe(7);
    expect(at.get('/components/1/esc"aped/deep/1/0')).toEqual({ line: 8, column: 35 });
  });

  it('gives the last of duplicate keys, as JSON.parse keeps it', () => {
    expect(jsonPointerPositions(JSON_TEXT, new Set(['/dup'])).get('/dup')?.line).toBe(12);
  });

  it('works on minified text and leaves out pointers that are not there', () => {
    const text = JSON.stringify({ a: [{ b: 1 }, { c: [true, null] }] });
    const at = jsonPointerPositions(text, new Set(['/a/1/c/1', '/a/7', '/x']));
    expect(at.get('/a/1/c/1')).toEqual({ line: 1, column: text.indexOf('null') + 1 });
    expect(at.has('/a/7')).toBe(false);
    expect(at.has('/x')).toBe(false);
  });

  it('is not fooled by brackets and quotes inside strings, and survives deep nesting', () => {
    const deep = `${'['.repeat(5000)}{"k": "]}\\\\"}${']'.repeat(5000)}`;
    const pointer = `${'/0'.repeat(5000)}/k`;
    expect(jsonPointerPositions(deep, new Set([pointer])).get(pointer)).toEqual({ line: 1, column: 5002 });
  });

  it('round-trips pointer tokens', () => {
    expect(pointerTokens(`/${pointerToken('a/b~c')}/0`)).toEqual(['a/b~c', '0']);
    expect(pointerTokens('')).toEqual([]);
  });
});

describe('yamlPointerPositions', () => {
  it('finds mapping entries at their key and sequence items at their node', () => {
    const text = ['spdxVersion: SPDX-2.3', 'packages:', '  - SPDXID: SPDXRef-a', '    name: a', '  - SPDXID: SPDXRef-b', '    checksums:', '      - algorithm: FOO'].join('\n');
    const at = yamlPointerPositions(text, new Set(['/spdxVersion', '/packages/1', '/packages/1/checksums/0/algorithm', '/packages/5']));
    expect(at.get('/spdxVersion')).toEqual({ line: 1, column: 1 });
    expect(at.get('/packages/1')?.line).toBe(5);
    expect(at.get('/packages/1/checksums/0/algorithm')).toEqual({ line: 7, column: 9 });
    expect(at.has('/packages/5')).toBe(false);
  });
});
