import { describe, expect, it } from 'vitest';
import { copyrightHolders, cpeVendorProduct, emailDomain, hostAndPath, hostOf, hostSuffixes, normalizeHost, normalizeOrgName, orgName, partyIdentity } from '../../src/match/normalize.js';

describe('normalizeOrgName', () => {
  it.each([
    ['AO Kaspersky Lab', 'kaspersky lab'],
    ['Kaspersky Lab ZAO', 'kaspersky lab'],
    ['Kaspersky Lab, Inc.', 'kaspersky lab'],
    ['KASPERSKY LAB LTD.', 'kaspersky lab'],
    ['OOO Kaspersky Group', 'kaspersky group'],
    ['Kaspersky Labs GmbH', 'kaspersky labs'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeOrgName(input)).toBe(expected);
  });

  it('compares a Cyrillic name as the skeleton of its letters, in any quoting and legal form', () => {
    const name = normalizeOrgName('Лаборатория Касперского');
    expect(normalizeOrgName('АО «Лаборатория Касперского»')).toBe(name);
    expect(normalizeOrgName('ЗАО "ЛАБОРАТОРИЯ КАСПЕРСКОГО"')).toBe(name);
    expect(name).not.toBe(normalizeOrgName('Kaspersky Lab'));
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

  it.each([
    ['backslashes, as a WHATWG parser reads them', 'https:\\\\www.kaspersky.com\\Products\\x', 'www.kaspersky.com', 'products/x'],
    ['full-width characters', 'ｈｔｔｐｓ：／／ｗｗｗ．ｋａｓｐｅｒｓｋｙ．ｃｏｍ／ｘ', 'www.kaspersky.com', 'x'],
    ['ideographic full stops', 'https://www\u3002kaspersky\uff61com/', 'www.kaspersky.com', ''],
    ['a percent-encoded host', 'https://%6B%61spersky.com/a%20b', 'kaspersky.com', 'a b'],
    ['tabs and newlines inside', 'ht\ttps://kasper\nsky.c\rom/x', 'kaspersky.com', 'x'],
    ['leading and trailing blanks', '  https://kaspersky.com/x \u0000', 'kaspersky.com', 'x'],
    ['a protocol-relative URL', '//usa.kaspersky.com/downloads', 'usa.kaspersky.com', 'downloads'],
    ['an IDN host, as Unicode', 'https://k\u0430spersky.com/', 'kaspersky.com', ''],
    ['an IDN host, as punycode', 'https://XN--KSPERSKY-16G.COM/', 'kaspersky.com', ''],
    ['trailing dots', 'https://kaspersky.com../', 'kaspersky.com', ''],
    ['user info and a port', 'https://user:p%40ss@kaspersky.com:8443/x?y#z', 'kaspersky.com', 'x'],
    ['a backslash before an @', 'https://kaspersky.com\\@example.org/', 'kaspersky.com', '@example.org/'],
    ['no slashes after a special scheme', 'https:kaspersky.com/x', 'kaspersky.com', 'x'],
    ['SPDX git+git@host:path', 'git+git@github.com:KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['git+ssh://', 'git+ssh://git@github.com/KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['git+ssh:// with an scp-style path', 'git+ssh://git@github.com:KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['ssh:// with a port', 'ssh://git@github.com:22/KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['git://', 'git://github.com/KasperskyLab/klogga', 'github.com', 'kasperskylab/klogga'],
    ['svn+https://', 'svn+https://svn.example.org/repo/trunk', 'svn.example.org', 'repo/trunk'],
    ['hg+http://', 'hg+http://hg.example.org/repo', 'hg.example.org', 'repo'],
    ['host:path without a user', 'github.com:KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['Maven scm:git:', 'scm:git:git@github.com:KasperskyLab/klogga.git', 'github.com', 'kasperskylab/klogga.git'],
    ['Maven scm:git:https', 'scm:git:https://github.com/KasperskyLab/klogga', 'github.com', 'kasperskylab/klogga'],
    ['mailto:', 'mailto:support@kaspersky.com', 'kaspersky.com', ''],
  ])('%s', (_what, url, host, path) => {
    expect(hostAndPath(url)).toEqual({ host, path });
    expect(hostOf(url)).toBe(host);
  });

  it('has no host for what names none', () => {
    for (const s of ['NOASSERTION', 'NONE', 'urn:uuid:1', 'pkg:npm/x', 'see kaspersky.com', 'file:///opt/kaspersky/x', '', 'https://', '.com']) expect(hostOf(s), s).toBeUndefined();
  });

  it('normalizes a rule host or e-mail domain by the same function', () => {
    expect(normalizeHost('KASPERSKY.COM.')).toBe('kaspersky.com');
    expect(normalizeHost('xn--kspersky-16g.com')).toBe('kaspersky.com');
    expect(emailDomain('x@kaspersky\uff0ecom')).toBe('kaspersky.com');
    expect(emailDomain('x\uff20KASPERSKY.RU>')).toBe('kaspersky.ru');
    expect(emailDomain('no address')).toBeUndefined();
  });

  it('never takes a host from inside a path or query', () => {
    expect(hostAndPath('https://evil.example/redirect?to=kaspersky.com')?.host).toBe('evil.example');
    expect(hostAndPath('NOASSERTION')).toBeUndefined();
  });

  it('lists the host and its parent domains', () => {
    expect(hostSuffixes('a.b.kaspersky.com')).toEqual(['a.b.kaspersky.com', 'b.kaspersky.com', 'kaspersky.com', 'com']);
  });
});

describe('partyIdentity', () => {
  it('reads the name, address and URL of a party string, each name normalized', () => {
    const id = partyIdentity('Organization: AO Kaspersky Lab <info@kaspersky.com> (https://www.kaspersky.com)', false);
    expect(id.names.map((n) => n.base)).toEqual(['kaspersky lab']);
    expect(id.emails).toEqual(['info@kaspersky.com']);
    expect(id.urls).toEqual(['https://www.kaspersky.com']);
    expect(partyIdentity('Kaspersky Lab (Russia)', false).names.map((n) => n.base)).toEqual(['kaspersky lab russia']);
  });

  it('reads every holder of a copyright line, with their addresses, in any spelling of the marks', () => {
    const id = partyIdentity('Copyright (c) 2020-2024 Jane Doe <jd@example.org>, K\u0430spersky Lab (https://kaspersky.com)', true);
    expect(id.names.map((n) => n.base)).toEqual(['jane doe', 'kaspersky lab']);
    expect(id.emails).toEqual(['jd@example.org']);
    expect(id.urls).toEqual(['https://kaspersky.com']);
    expect(partyIdentity('\u0421opyright \u00a9 2021 Kaspersky Lab', true).names.map((n) => n.base)).toEqual(['kaspersky lab']);
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
