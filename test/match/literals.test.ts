// The literal screen in front of the rule patterns: it may pass too much, never too little.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patternRegex } from '../../src/match/compile.js';
import { literalScreen, requiredLiterals } from '../../src/match/literals.js';
import { prepareRules } from '../../src/scan.js';

/** fast-check cannot generate for `\b`: values come from the pattern without it, and only those RE2 matches count. */
const generator = (pattern: string): RegExp => new RegExp(pattern.replace(/\\b/g, ''), 'u');

const curated = prepareRules().set.rules.flatMap((r) => {
  const out: { kind: 'name' | 'text'; pattern: string }[] = [];
  const visit = (c: (typeof r.conditions)[number]): void => {
    if (c.kind === 'all') c.of.forEach(visit);
    else if ((c.kind === 'name' || c.kind === 'text') && c.pattern !== undefined) out.push({ kind: c.kind, pattern: c.pattern });
  };
  r.conditions.forEach(visit);
  return out;
});

describe('requiredLiterals', () => {
  it('takes the longest literal run of a plain pattern, lower-cased', () => {
    expect(requiredLiterals('^Kaspersky[-_ ]research[-_ ]sandbox$')).toEqual(['kaspersky']);
    expect(requiredLiterals('\\bkaspersky-lab-engine\\b')).toEqual(['kaspersky-lab-engine']);
    expect(requiredLiterals('^com\\.kaspersky\\.android-components[/:][a-z0-9._-]+$')).toEqual(['com.kaspersky.android-components']);
  });

  it('gives one literal per alternative of a group or of the whole pattern', () => {
    expect(requiredLiterals('\\b(AVP|Kaspersky)\\b')).toEqual(['avp', 'kaspersky']);
    expect(requiredLiterals('^rspamd$|\\bkaspersky\\b')).toEqual(['rspamd', 'kaspersky']);
    expect(requiredLiterals('(?:ab|cd)x')).toEqual(['x']);
  });

  it('leaves out what a quantifier makes optional', () => {
    expect(requiredLiterals('^(juniper[-_ ])?junos([-_ ]os)?$')).toEqual(['junos']);
    expect(requiredLiterals('^abcd?$')).toEqual(['abc']);
    expect(requiredLiterals('^x{2,3}yz$')).toEqual(['yz']);
    expect(requiredLiterals('(kaspersky)*')).toBeNull();
  });

  it('says nothing when a part of the pattern could match without any literal', () => {
    for (const p of ['^[a-z]+$', 'a|[0-9]', '(a|)', '\\x41bc', '\\u{4b}aspersky', '\\p{L}x', '(?=kas)', '(?<!x)kas', '\\1', 'é', 'a)', '(ab']) {
      expect(requiredLiterals(p), p).toBeNull();
    }
  });

  it('finds a literal in every curated pattern, so the screen is on for the curated rules', () => {
    for (const { pattern } of curated) expect(requiredLiterals(pattern), pattern).not.toBeNull();
    const rules = prepareRules().compiled;
    expect(rules.nameScreen).toBeDefined();
    expect(rules.textScreen).toBeDefined();
  });
});

describe('literalScreen', () => {
  it('is a plain alternation of escaped literals, which V8 runs without backtracking', () => {
    for (const screen of [prepareRules().compiled.nameScreen, prepareRules().compiled.textScreen, literalScreen(['(a+)+$', 'x'])]) {
      if (screen === undefined) continue;
      const rest = screen.source.replace(/^\[\^\\x00-\\x7f\]\|/, '').replace(/\\./g, '');
      expect(rest, screen.source).toMatch(/^[^\\[\](){}*+?^$.]+$/);
    }
  });

  it('is off when any pattern has no certain literal', () => {
    expect(literalScreen(['kaspersky', '^[a-z]+$'])).toBeUndefined();
    expect(literalScreen([])).toBeUndefined();
  });

  it('passes any value outside ASCII: RE2 folds case there (K is also the Kelvin sign)', () => {
    const screen = literalScreen(['kaspersky']);
    expect(patternRegex('kaspersky').test('\u212Aaspersky')).toBe(true);
    expect(screen?.test('\u212Aaspersky')).toBe(true);
    expect(screen?.test('KASPERSKY endpoint')).toBe(true);
    expect(screen?.test('left-pad')).toBe(false);
  });

  it('never rejects a value a curated pattern matches (values generated from the patterns)', () => {
    for (const { pattern } of curated) {
      const screen = literalScreen([pattern]);
      const re = patternRegex(pattern);
      fc.assert(
        fc.property(fc.stringMatching(generator(pattern)), fc.boolean(), (s, upper) => {
          const value = upper ? s.toUpperCase() : s;
          for (const v of [value, ` ${value} `]) if (re.test(v)) expect(screen?.test(v), `${pattern} on ${JSON.stringify(v)}`).toBe(true);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('never rejects a value a random pattern matches', () => {
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', 'K', 's', '-', '\\.', '\\b', '.', '[a-c]', '\\d', '\\s', '^', '$', 'é', '\u212A'),
      fc.constantFrom('kas', 'per', 'SKY', 'x_y'),
    );
    const quantifier = fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,2}', '{1,}');
    const seq = fc.array(fc.tuple(atom, quantifier).map(([a, q]) => (a === '^' || a === '$' || a === '\\b' ? a : a + q)), { minLength: 1, maxLength: 6 }).map((xs) => xs.join(''));
    const pattern = fc.letrec<{ p: string }>((tie) => ({
      p: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        seq,
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => `${a}|${b}`),
        fc.tuple(seq, tie('p'), quantifier, seq).map(([a, b, q, c]) => `${a}(${b})${q}${c}`),
        fc.tuple(tie('p'), quantifier).map(([b, q]) => `(?:${b})${q}`),
      ),
    })).p;
    // Values from the atoms' own alphabet, so that the random patterns often match them.
    const value = fc.array(fc.constantFrom('a', 'b', 'K', 'k', 's', 'S', '-', '.', 'x_y', 'kas', 'per', 'SKY', 'sky', ' ', '1', 'é', '\u212A'), { maxLength: 10 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 8, maxLength: 8 }), (p, values) => {
        const screen = literalScreen([p]);
        if (screen === undefined) return;
        const re = patternRegex(p);
        for (const v of values) if (re.test(v)) expect(screen.test(v), `${p} on ${JSON.stringify(v)}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
