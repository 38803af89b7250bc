import { describe, expect, it } from 'vitest';
import { compareVersions, isValidRange, satisfies } from '../../src/match/version.js';

describe('satisfies', () => {
  it('reads purl vers ranges', () => {
    expect(satisfies('4.04', 'vers:generic/>=4.0|<5.0')).toBe(true);
    expect(satisfies('5.0', 'vers:generic/>=4.0|<5.0')).toBe(false);
    expect(satisfies('1.2.3', 'vers:npm/1.2.3')).toBe(true);
    expect(satisfies('1.2.4', 'vers:npm/1.2.3')).toBe(false);
    expect(satisfies('3.0.0', 'vers:npm/*')).toBe(true);
    expect(satisfies('2.0.0', 'vers:npm/!=2.0.0')).toBe(false);
    expect(satisfies('12.1', 'vers:generic/>=9.5|<=12.3')).toBe(true);
  });

  it('reads semver ranges', () => {
    expect(satisfies('1.5.0', '>=1.0.0 <2.0.0')).toBe(true);
    expect(satisfies('v2.1.0', '^1.0.0')).toBe(false);
  });

  it('compares non-semver versions segment by segment', () => {
    expect(compareVersions('12.1X46', '9.5')).toBe(1);
    expect(compareVersions('2.0.0.1157', '2.0.0.999')).toBe(1);
    expect(compareVersions('1.0', '1.0')).toBe(0);
  });

  it('reads vendor version syntaxes token by token (Junos, ZyNOS)', () => {
    expect(compareVersions('9.10R1', '9.5')).toBe(1);
    expect(compareVersions('9.6R4', '9.6')).toBe(1);
    expect(compareVersions('12.1X44-D10', '12.1X46-D10')).toBe(-1);
    expect(compareVersions('4.03(XL.0)', '4.0')).toBe(1);
    expect(compareVersions('4.03(XL.0)', '5.0')).toBe(-1);
    expect(satisfies('9.6R4', 'vers:generic/>=9.5|<13.0')).toBe(true);
    expect(satisfies('12.1X44-D10', 'vers:generic/>=9.5|<13.0')).toBe(true);
    expect(satisfies('18.4R1', 'vers:generic/>=9.5|<13.0')).toBe(false);
    expect(satisfies('3.90(XL.2)', 'vers:generic/>=4.0|<5.0')).toBe(false);
  });

  it('validates ranges', () => {
    expect(isValidRange('vers:npm/>=1.0.0')).toBe(true);
    expect(isValidRange('>=1 <2')).toBe(true);
    expect(isValidRange('not a range!')).toBe(false);
  });
});
