// The skeleton every name, party, host and purl part is compared in, and the screens in front of the patterns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledRules } from '../../src/match/compile.js';
import { patternRegex } from '../../src/match/compile.js';
import { matchComponent } from '../../src/match/matcher.js';
import { isAscii, skeleton } from '../../src/match/skeleton.js';
import { prepareRules } from '../../src/scan.js';
import { component } from '../helpers/builders.js';

describe('skeleton', () => {
  it('is the lower case of plain ASCII, never its confusables prototype (m is not "rn", 1 is not "l")', () => {
    expect(skeleton('KasperSkytte')).toBe('kasperskytte');
    expect(skeleton('mimikatz-1.0')).toBe('mimikatz-1.0');
    expect(isAscii('kaspa')).toBe(true);
    expect(isAscii('k\u0430spa')).toBe(false);
  });

  it.each([
    ['soft hyphen', 'Kasper\u00adsky'],
    ['word joiner', 'Kasper\u2060sky'],
    ['zero-width space, joiner and non-joiner', 'Ka\u200bsp\u200cer\u200dsky'],
    ['byte-order mark', '\ufeffKaspersky'],
    ['variation selectors', 'Kas\ufe0fpersky\u{E0100}'],
    ['tag characters', 'Kaspersky\u{E0041}\u{E007F}'],
    ['Hangul fillers', 'Kasper\u3164sky\u115f'],
    ['combining grapheme joiner', 'Kasp\u034fersky'],
    ['bidirectional controls', '\u202eKaspersky\u202c\u2066'],
    ['a trademark sign', 'Kaspersky\u2122'],
  ])('drops what a reader does not see: %s', (_what, s) => {
    expect(skeleton(s)).toBe('kaspersky');
  });

  it.each([
    ['full-width letters', 'Ｋａｓｐｅｒｓｋｙ'],
    ['mathematical letters', '𝐊𝐚𝐬𝐩𝐞𝐫𝐬𝐤𝐲'],
    ['the Kelvin sign', '\u212Aaspersky'],
    ['combining marks', 'Ka\u0301spe\u0308rsky\u0336'],
    ['precomposed accents', 'Kåspérský'],
    ['a Cyrillic а', 'K\u0430spersky'],
    ['Cyrillic capitals', 'КАЅРЕRЅКҮ'],
    ['Cyrillic small letters', 'кaѕрersкy'],
    ['Greek capitals', '\u039a\u0391SPERSKY'],
    ['Greek small kappa', '\u03baaspersky'],
    ['small capitals', 'ᴋᴀsᴘᴇʀsᴋʏ'],
    ['Cherokee letters', 'Kaspe\u13a1sky'],
  ])('folds to the ASCII letters a reader sees: %s', (_what, s) => {
    expect(skeleton(s)).toBe('kaspersky');
  });

  it('maps every small capital to its letter', () => {
    expect(skeleton('ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ')).toBe('abcdefghijklmnopqrstuvwyz');
  });

  it('letter-like symbols and look-alike digits', () => {
    expect(skeleton('\u2113ab')).toBe('lab');
    expect(skeleton('kav4fs\u2079')).toBe('kav4fs9');
    expect(skeleton('\u041a\u0430\u0455\u0440\u0435\u0433\u0455\u043a\u0443')).toBe('kaspersky');
  });

  it('keeps scripts without a Latin look-alike as they are, so unrelated names do not collide', () => {
    expect(skeleton('日本語')).toBe('日本語');
    expect(skeleton('Лаборатория')).not.toBe(skeleton('Laboratoriya'));
  });
});

const prepared = prepareRules();
const screened = prepared.compiled;
const passAll = [{ test: () => true }];
/** The same rules with the name and description screens off: what the screens must agree with. */
const unscreened: CompiledRules = { ...screened, nameScreen: undefined, namePrefilter: passAll, textScreen: undefined, textPrefilter: passAll };

const namePatterns = prepared.set.rules.flatMap((r) => {
  const out: string[] = [];
  const visit = (c: (typeof r.conditions)[number]): void => {
    if (c.kind === 'all') c.of.forEach(visit);
    else if (c.kind === 'name' && c.pattern !== undefined) out.push(c.pattern);
  };
  r.conditions.forEach(visit);
  return out;
});

/** Look-alikes of ASCII letters a disguise may use, and characters nobody sees. */
const LOOKALIKE: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430', '\u0251', 'ａ', 'ᴀ'],
  e: ['\u0435', 'ｅ', 'ᴇ'],
  o: ['\u043e', '\u03bf', 'ᴏ'],
  k: ['\u03ba', '\u043a', 'ᴋ', '\u212a'],
  p: ['\u0440', '\u03c1', 'ᴘ'],
  s: ['\u0455', 'ꜱ', 'ｓ'],
  c: ['\u0441', 'ᴄ'],
  y: ['\u0443', 'ʏ'],
};
const UNSEEN = ['\u00ad', '\u2060', '\u200b', '\ufe0f', '\u{E0041}'];

function disguise(s: string, seed: number): string {
  let out = '';
  let i = 0;
  for (const ch of s) {
    const options = LOOKALIKE[ch.toLowerCase()];
    const bit = (seed >> i % 24) & 1;
    out += options !== undefined && bit ? (options[(seed + i) % options.length] ?? ch) : ch;
    if (i % 5 === (seed & 3)) out += UNSEEN[(seed >> 3) % UNSEEN.length] ?? '';
    i++;
  }
  return out;
}

describe('names in disguise', () => {
  it('a curated name pattern matches the skeleton of a disguised value, and the screens never reject it first', () => {
    let checked = 0;
    for (const pattern of namePatterns) {
      const re = patternRegex(pattern);
      fc.assert(
        fc.property(fc.stringMatching(new RegExp(pattern.replace(/\\b/g, ''), 'u')), fc.integer({ min: 1, max: 0xffffff }), (s, seed) => {
          if (!isAscii(s) || !re.test(s) || s.trim() !== s) return;
          const value = disguise(s, seed);
          checked++;
          expect(re.test(skeleton(value)), `${pattern} on ${JSON.stringify(value)}`).toBe(true);
          const c = component({ name: value });
          expect(matchComponent(screened, c).map((m) => m.ruleId), JSON.stringify(value)).toEqual(matchComponent(unscreened, c).map((m) => m.ruleId));
        }),
        { numRuns: 40 },
      );
    }
    expect(checked).toBeGreaterThan(namePatterns.length * 10);
  });
});
