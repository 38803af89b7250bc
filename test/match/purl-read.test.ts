// Reading a purl for the rules when packageurl-js reads it differently from a person, or not at all.
import { describe, expect, it } from 'vitest';
import { readPurl } from '../../src/match/purl-read.js';
import { decodeLenient } from '../../src/match/purl-screen.js';

describe('readPurl', () => {
  it('reads a valid purl as packageurl-js does, with no warning', () => {
    expect(readPurl('pkg:npm/%40Kaspersky/Hexa-UI@1.0.0')).toEqual({ readings: [{ type: 'npm', namespace: '@kaspersky', name: 'hexa-ui', version: '1.0.0' }] });
    expect(readPurl('pkg:pypi/Triangle_Check@1.1').readings[0]?.name).toBe('triangle-check');
  });

  it('reads an encoded "/" in the name both ways, and says so', () => {
    const r = readPurl('pkg:npm/%40kaspersky%2Fhexa-ui@1.0.0');
    expect(r.readings).toEqual([
      { type: 'npm', namespace: '', name: '@kaspersky/hexa-ui', version: '1.0.0' },
      { type: 'npm', namespace: '@kaspersky', name: 'hexa-ui', version: '1.0.0' },
    ]);
    expect(r.warning).toMatch(/encoded "\/" in its name; also tested as namespace "@kaspersky", name "hexa-ui"/);
    // packageurl-js throws on this one (a Go purl without a namespace): its raw segments are cut the same way.
    expect(readPurl('pkg:golang/github.com%2FKasperskyLab%2Fklogga@v1').readings).toContainEqual(expect.objectContaining({ namespace: 'github.com/kasperskylab', name: 'klogga' }));
  });

  it('falls back to the raw segments when one escape is bad, and says so', () => {
    const r = readPurl('pkg:npm/%40kaspersky/hexa-ui%zz@1.0.0?x=%zz#a');
    expect(r.readings).toEqual([{ type: 'npm', namespace: '@kaspersky', name: 'hexa-ui%zz', version: '1.0.0' }]);
    expect(r.warning).toMatch(/is not a valid purl \(.*\); its raw segments were tested/);
    expect(readPurl('PKG:NuGet/Kaspersky.Foo%@1').readings[0]).toMatchObject({ type: 'nuget', name: 'kaspersky.foo%' });
  });

  it('folds look-alike letters in the namespace and name', () => {
    expect(readPurl('pkg:npm/%40k%D0%B0spersky/hexa-ui@1').readings[0]?.namespace).toBe('@kaspersky');
  });

  it('has no reading for what has no type or name, and says it cannot be read', () => {
    for (const purl of ['pkg:', 'pkg:npm', 'pkg:/%40kaspersky', 'kaspersky', 'pkg:npm/']) {
      const r = readPurl(purl);
      expect(r.readings, purl).toEqual([]);
      expect(r.warning, purl).toMatch(/cannot be read/);
    }
  });
});

describe('decodeLenient', () => {
  it('decodes every escape that decodes and keeps the rest', () => {
    expect(decodeLenient('%40scope%2Fname%zz%E2%82')).toBe('@scope/name%zz%E2%82');
    expect(decodeLenient('plain')).toBe('plain');
  });
});
