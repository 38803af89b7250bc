// Party strings as real tools write them.
import { describe, expect, it } from 'vitest';
import { parsePartyText, spdxActor, splitEmail, textParty } from '../../src/sbom/party.js';

describe('parsePartyText', () => {
  it.each([
    ['Name <email>', 'Kaspersky Lab <info@kaspersky.com>', { name: 'Kaspersky Lab', email: 'info@kaspersky.com' }],
    ['Name (email)', 'Kaspersky Lab (info@kaspersky.com)', { name: 'Kaspersky Lab', email: 'info@kaspersky.com' }],
    ['Name (url)', 'Jane Doe (https://www.kaspersky.com/)', { name: 'Jane Doe', url: 'https://www.kaspersky.com/' }],
    ["npm's Name <email> (url)", 'Jane Doe <jd@example.org> (https://example.org)', { name: 'Jane Doe', email: 'jd@example.org', url: 'https://example.org' }],
    ['Name (url) <email>', 'Jane Doe (https://example.org) <jd@example.org>', { name: 'Jane Doe', email: 'jd@example.org', url: 'https://example.org' }],
    ['Organization: Name (email)', 'Organization: AO Kaspersky Lab (info@kaspersky.com)', { name: 'AO Kaspersky Lab', email: 'info@kaspersky.com' }],
    ['Person: Name', 'Person:Jane Doe', { name: 'Jane Doe' }],
    ['a mailto: address', 'Jane Doe <mailto:jd@example.org>', { name: 'Jane Doe', email: 'jd@example.org' }],
    ['a bare address after the name', 'Kaspersky Lab, info@kaspersky.com', { name: 'Kaspersky Lab', email: 'info@kaspersky.com' }],
    ['a bare URL after a dash', 'Kaspersky Lab - https://www.kaspersky.com', { name: 'Kaspersky Lab', url: 'https://www.kaspersky.com' }],
    ['a www. host in brackets', 'Kaspersky Lab [www.kaspersky.com]', { name: 'Kaspersky Lab', url: 'www.kaspersky.com' }],
    ['an address alone', 'igosha@kaspersky.com', { name: '', email: 'igosha@kaspersky.com' }],
    ['a group that is part of the name', 'Kaspersky Lab (Russia)', { name: 'Kaspersky Lab (Russia)' }],
    ['a plain name', 'AO Kaspersky Lab', { name: 'AO Kaspersky Lab' }],
    ['an unclosed group', 'Jane <jd@example.org', { name: 'Jane <jd@example.org' }],
  ])('%s', (_what, text, expected) => {
    expect(parsePartyText(text)).toEqual(expected);
  });

  it('reads a long blank run in linear steps, not by an unanchored expression', () => {
    const text = `Jane${' '.repeat(4000)}x`;
    expect(parsePartyText(text).name).toBe(text);
    expect(parsePartyText(`${'('.repeat(3000)}Jane`).name).toBe(`${'('.repeat(3000)}Jane`);
  });
});

describe('party readers', () => {
  it('give every role the same reading, with the URL kept', () => {
    expect(textParty('publisher', 'Jane Doe <jd@example.org> (https://example.org)')).toEqual({ role: 'publisher', name: 'Jane Doe', email: 'jd@example.org', url: 'https://example.org' });
    expect(spdxActor('originator', 'Person: Jane Doe (https://www.kaspersky.com/)')).toEqual({ role: 'originator', name: 'Jane Doe', url: 'https://www.kaspersky.com/' });
    expect(spdxActor('supplier', 'NOASSERTION')).toBeUndefined();
    expect(splitEmail('Jane <jd@example.org>')).toEqual({ name: 'Jane', email: 'jd@example.org' });
    // A reader without a URL field (SPDX 3 agents) keeps the URL where the matcher reads it.
    expect(splitEmail('Jane <jd@example.org> (https://www.kaspersky.com)')).toEqual({ name: 'Jane (https://www.kaspersky.com)', email: 'jd@example.org' });
  });
});
