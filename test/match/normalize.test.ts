import { describe, expect, it } from 'vitest';
import { copyrightHolders, cpeVendorProduct, hostAndPath, hostSuffixes, normalizeOrgName, orgName } from '../../src/match/normalize.js';

describe('normalizeOrgName', () => {
  it.each([
    ['AO Kaspersky Lab', 'kaspersky lab'],
    ['Kaspersky Lab ZAO', 'kaspersky lab'],
    ['Kaspersky Lab, Inc.', 'kaspersky lab'],
    ['KASPERSKY LAB LTD.', 'kaspersky lab'],
    ['OOO Kaspersky Group', 'kaspersky group'],
    ['АО «Лаборатория Касперского»', 'лаборатория касперского'],
    ['Kaspersky Labs GmbH', 'kaspersky labs'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeOrgName(input)).toBe(expected);
  });

  it('folds Cyrillic look-alike letters inside a Latin word', () => {
    // "Kаspersky" with a Cyrillic а (U+0430)
    expect(normalizeOrgName('K\u0430spersky Lab')).toBe('kaspersky lab');
  });

  it('keeps different names apart', () => {
    expect(normalizeOrgName('KasperSkytte')).toBe('kasperskytte');
    expect(normalizeOrgName('Kasper Skytte Andersen')).toBe('kasper skytte andersen');
  });

  it('drops invisible formatting characters', () => {
    expect(normalizeOrgName('Kasp\u200bersky\u202e Lab')).toBe('kaspersky lab');
  });
});

describe('orgName', () => {
  it('keeps the kinds of company the dropped legal forms name, spellings of one kind as one', () => {
    expect(orgName('Kaspersky Labs GmbH')).toEqual({ base: 'kaspersky labs', forms: ['gmbh'] });
    expect(orgName('Kaspersky Lab ZAO')).toEqual(orgName('АО Kaspersky Lab'));
    expect(orgName('Kaspersky Labs Limited').forms).toEqual(orgName('KASPERSKY LABS LTD.').forms);
    expect(orgName('The Kaspersky Company').forms).toEqual([]);
  });
});

describe('copyrightHolders', () => {
  it('splits a copyright line into holders without years and marks', () => {
    expect(copyrightHolders('Copyright 2009 Georg Wicherski, Kaspersky Labs GmbH')).toEqual(['georg wicherski', 'kaspersky labs']);
    expect(copyrightHolders('© 1997-2009 Kaspersky Lab ZAO. All rights reserved.')).toEqual(['kaspersky lab']);
  });
});

describe('hostAndPath', () => {
  it.each([
    ['https://opentip.kaspersky.com/api/v1/', 'opentip.kaspersky.com', 'api/v1/'],
    ['git+https://github.com/KasperskyLab/uif.git', 'github.com', 'kasperskylab/uif.git'],
    ['git@github.com:KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['http://user:pw@DNL-01.GEO.KASPERSKY.COM:8080/x', 'dnl-01.geo.kaspersky.com', 'x'],
    ['github.com/KasperskyLab/klogga', 'github.com', 'kasperskylab/klogga'],
  ])('%s', (url, host, path) => {
    expect(hostAndPath(url)).toEqual({ host, path });
  });

  it('never takes a host from inside a path or query', () => {
    expect(hostAndPath('https://evil.example/redirect?to=kaspersky.com')?.host).toBe('evil.example');
    expect(hostAndPath('NOASSERTION')).toBeUndefined();
  });

  it('lists the host and its parent domains', () => {
    expect(hostSuffixes('a.b.kaspersky.com')).toEqual(['a.b.kaspersky.com', 'b.kaspersky.com', 'kaspersky.com', 'com']);
  });
});

describe('cpeVendorProduct', () => {
  it('reads CPE 2.3 and CPE 2.2', () => {
    expect(cpeVendorProduct('cpe:2.3:a:kaspersky:anti-virus:2022:*:*:*:*:*:*:*')).toEqual({ part: 'a', vendor: 'kaspersky', product: 'anti-virus' });
    expect(cpeVendorProduct('cpe:/a:kaspersky_lab:kaspersky_anti-virus:6.0')).toEqual({ part: 'a', vendor: 'kaspersky_lab', product: 'kaspersky_anti-virus' });
    expect(cpeVendorProduct('cpe:2.3:a:ex\\:ample:prod:1')).toEqual({ part: 'a', vendor: 'ex:ample', product: 'prod' });
    expect(cpeVendorProduct('not a cpe')).toBeUndefined();
  });
});
