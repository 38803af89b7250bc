// The text screen that lets a CycloneDX JSON reader skip checking each entry's field lengths.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonMayHoldLongString, MAX_IDENTIFIER } from '../../src/sbom/limits.js';

function longestString(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.reduce<number>((m, x) => Math.max(m, longestString(x)), 0);
  if (typeof v === 'object' && v !== null) return Object.values(v).reduce<number>((m, x) => Math.max(m, longestString(x)), 0);
  return 0;
}

describe('jsonMayHoldLongString', () => {
  it('says no for ordinary documents and yes for a long value', () => {
    const doc = { components: Array.from({ length: 2000 }, (_, i) => ({ name: `pkg-${i}`, description: 'x'.repeat(i % 300) })) };
    expect(jsonMayHoldLongString(JSON.stringify(doc))).toBe(false);
    expect(jsonMayHoldLongString(JSON.stringify(doc, null, 2))).toBe(false);
    expect(jsonMayHoldLongString(JSON.stringify({ ...doc, long: 'x'.repeat(MAX_IDENTIFIER + 1) }))).toBe(true);
  });

  it('never says no when some value is longer than the cap, however it is escaped or laid out', () => {
    const piece = fc.constantFrom('a', '"', '\\', '\\"', 'é', '\n', '\u2028', '😀', ' ', '{"x":"y"}');
    const longish = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 3500, max: 5000 })).map(([parts, n]) => parts.join('').repeat(Math.ceil(n / parts.join('').length)).slice(0, n));
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 20 }), longish, fc.integer(), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 })),
    })).v;
    let long = 0;
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, 0, 2, '\t'), (v, space) => {
        const text = JSON.stringify({ v }, null, space);
        if (longestString(v) > MAX_IDENTIFIER) {
          long++;
          expect(jsonMayHoldLongString(text)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // The property must have met long values often enough to mean something.
    expect(long).toBeGreaterThan(30);
  });
});
