// The purl screen answers before any purl is parsed: it may pass too much, never too little.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledRules } from '../../src/match/compile.js';
import { matchComponent } from '../../src/match/matcher.js';
import { PurlScreen, purlTypeOf } from '../../src/match/purl-screen.js';
import type { Condition } from '../../src/ruleset/types.js';
import { prepareRules } from '../../src/scan.js';
import { component } from '../helpers/builders.js';

const prepared = prepareRules();
const screened = prepared.compiled;
/** The same rules with a screen that passes everything: what the screen must agree with. */
const unscreened: CompiledRules = { ...screened, purlScreen: { candidate: () => true } as unknown as PurlScreen };

type PurlCondition = Extract<Condition, { kind: 'purl' }>;
const purlConditions: PurlCondition[] = prepared.set.rules.flatMap((r) => {
  const out: PurlCondition[] = [];
  const visit = (c: Condition): void => {
    if (c.kind === 'all') c.of.forEach(visit);
    else if (c.kind === 'purl') out.push(c);
  };
  r.conditions.forEach(visit);
  return out;
});

/** Cyrillic letters that look like Latin a, e and o. */
const CYRILLIC: Readonly<Record<string, string>> = { a: '\u0430', e: '\u0435', o: '\u043e' };

const ruleIds = (rules: CompiledRules, purl: string): string[] => matchComponent(rules, component({ name: 'x', purl })).map((m) => m.ruleId).sort();

describe('PurlScreen', () => {
  /** Each purl with whether the screen must pass it. */
  const expectScreen = (screen: PurlScreen, cases: readonly (readonly [string, boolean])[]): void => {
    for (const [purl, pass] of cases) expect(screen.candidate(purl), purl).toBe(pass);
  };

  it('passes a namespace rule in any spelling and rejects a look-alike without cutting it up', () => {
    const screen = new PurlScreen();
    screen.add('npm', '@kaspersky', undefined);
    screen.add('pypi', undefined, ['triangle-check']);
    expectScreen(screen, [
      ['pkg:npm/%40kaspersky/hexa-ui@1.0.0', true],
      ['pkg:npm/@Kaspersky/hexa-ui', true],
      ['pkg:NPM/@kaspersky/hexa-ui', true],
      ['pkg:npm/@kaspernj/api-maker@1.0.0', false],
      ['pkg:pypi/Triangle_Check@1.1', true],
      ['pkg:pypi/triangle.check?x=1#y', true],
      ['pkg:pypi/triangle-checks@1', false],
      ['pkg:deb/debian/triangle-check', false],
      // Not shaped like a purl: the full parse decides, and reports what it cannot read.
      ['not a purl', true],
    ]);
  });

  it('looks types up when rules name many, with the same answers', () => {
    const screen = new PurlScreen();
    for (let i = 0; i < 40; i++) screen.add(`type${i}`, undefined, [`name${i}`]);
    screen.add('pypi', undefined, ['opentip']);
    expectScreen(screen, [
      ['pkg:pypi/opentip@1', true],
      ['pkg:PyPI/OpenTip@1', true],
      ['pkg:type7/name7', true],
      ['pkg:type7/name8', false],
      ['pkg:npm/opentip', false],
      ['pkg:p%79pi/opentip', true],
    ]);
  });

  it('passes every purl of a type ruled as a whole', () => {
    const screen = new PurlScreen();
    screen.add('generic', undefined, undefined);
    expect(screen.candidate('pkg:generic/anything@1')).toBe(true);
  });

  it('leaves to the full parse what a URL parser or packageurl-js would rewrite (found by review)', () => {
    const flagged = ['pkg:pypi/open\ttip@1.0', 'pkg:pypi/opentip%20@1.0', 'PKG:pypi/opentip', 'pkg:pypi/opentip@1.0/x', 'pkg:maven/com.kaspersky.android-components//lib', 'pkg:maven//com.kaspersky.android-components/lib', 'pkg:p%79pi/opentip', 'pkg:pypi/opentip%C2%A0', 'pkg:pypi//opentip'];
    for (const purl of flagged) {
      expect(ruleIds(unscreened, purl), purl).not.toEqual([]);
      expect(ruleIds(screened, purl), purl).toEqual(ruleIds(unscreened, purl));
    }
    // The last '@' opens a scope, so there is no version and the name is "@opentip": no rule, screened out.
    expect(ruleIds(unscreened, 'pkg:pypi/x@1/@opentip')).toEqual([]);
    expect(screened.purlScreen.candidate('pkg:pypi/x@1/@opentip')).toBe(false);
  });

  it('knows the type of a purl', () => {
    expect(purlTypeOf('pkg:Maven/org.x/y@1')).toBe('maven');
    expect(purlTypeOf('pkg:maven')).toBeUndefined();
  });

  it('agrees with the unscreened matcher on mutated spellings of every curated purl rule', () => {
    const flipCase = (s: string, seed: number) => [...s].map((ch, i) => ((seed >> i % 16) & 1 ? ch.toUpperCase() : ch)).join('');
    const encode = (s: string, seed: number) => [...s].map((ch, i) => ((seed >> i % 16) & 1 ? `%${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}` : ch)).join('');
    const respell = (s: string, to: string) => s.replace(/[-_.]/g, to);
    const encodeType = (t: string) => `${t.slice(0, 1)}%${t.charCodeAt(1).toString(16)}${t.slice(2)}`;
    const part = (s: string) =>
      fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom('-', '_', '.', ''), fc.constantFrom('', 'İ', '\u212A', 'x', '%', '%zz', '\u00ad')).map(([a, b, sep, extra]) => {
        let out = sep === '' ? s : respell(s, sep);
        // A look-alike letter, as written or percent-encoded: the full reading folds it, so the screen must pass it.
        if (b % 7 === 0) out = out.replace(/[aeo]/, (ch) => (b % 2 ? encodeURIComponent(CYRILLIC[ch] ?? ch) : (CYRILLIC[ch] ?? ch)));
        out = flipCase(out, a);
        if (b % 3 === 0) out = encode(out, b);
        return b % 5 === 0 ? `${out}${extra}` : out;
      });
    const purl = fc.constantFrom(...purlConditions).chain((c) =>
      fc.tuple(
        fc.constant(c),
        fc.constantFrom(...(c.names ?? ['anything', 'lib'])),
        part(c.namespace ?? 'some-ns'),
        fc.constantFrom('', '@1.0.0', '@2.0', '@v1.2.3', '@1.0/x', '@1/@x', '/@x'),
        fc.constantFrom('', '?arch=amd64', '?repository_url=https://example.org', '#sub/path'),
        fc.boolean(),
      ).chain(([cond, name, ns, version, tail, noNamespace]) =>
        fc
          .tuple(part(name), fc.constantFrom('pkg:', 'pkg:', 'pkg:', 'PKG:', 'Pkg:', 'pkg://', ' pkg:', 'p\tkg:'), fc.constantFrom('', '', '', '\t', ' ', '\u00a0', '%20', '%C2%A0'), fc.constantFrom('', '', '/', '//', '%2F', '%2f'), fc.constantFrom(cond.type, cond.type, cond.type.toUpperCase(), encodeType(cond.type)))
          .map(([n, scheme, pad, sep, type]) => `${scheme}${type}/${noNamespace && !cond.namespace ? '' : sep.startsWith('%') ? `${ns}${sep}` : `${ns}${sep === '/' ? '/' : sep}/`}${n}${pad}${version}${tail}`),
      ),
    );
    fc.assert(
      fc.property(purl, (p) => {
        expect(ruleIds(screened, p), p).toEqual(ruleIds(unscreened, p));
      }),
      { numRuns: 2000 },
    );
  });
});
