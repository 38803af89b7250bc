// Property test: random packages written as tag-value (with random spacing, line endings and comments) and as
// SPDX JSON read to the same model, and each tag-value package gets the line of its PackageName.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { read, sameModel } from '../helpers.js';

interface Pkg {
  name: string;
  version?: string;
  supplier?: string;
  license?: string;
  purl?: string;
  cpe?: string;
  sha?: string;
  comment?: string[];
  homepage?: string;
}

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,11}$/);
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const pkg: fc.Arbitrary<Pkg> = fc.record(
  {
    name: word,
    version: word,
    supplier: fc.oneof(phrase.map((p) => `Organization: ${p}`), fc.constant('NOASSERTION')),
    license: fc.constantFrom('MIT', 'Apache-2.0', '(MIT OR Apache-2.0)', 'NOASSERTION', 'NONE', 'not an expression'),
    purl: word.map((w) => `pkg:npm/${w}@1`),
    cpe: word.map((w) => `cpe:2.3:a:${w}:${w}:1:*:*:*:*:*:*:*`),
    sha: fc.stringMatching(/^[0-9a-f]{8}$/),
    comment: fc.array(phrase, { minLength: 1, maxLength: 3 }),
    homepage: word.map((w) => `https://example.org/${w}`),
  },
  { requiredKeys: ['name'] },
);

/** Spacing and line endings a tag-value writer may use, none of which changes what is read. */
const layout = fc.record({
  indent: fc.constantFrom('', ' ', '\t', '  '),
  beforeColon: fc.constantFrom('', ' ', '\t'),
  afterColon: fc.constantFrom(' ', '', '\t', '  '),
  trailing: fc.constantFrom('', ' ', '\t', '\u00a0'),
  eol: fc.constantFrom('\n', '\r\n'),
  comments: fc.boolean(),
});

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function tagValue(pkgs: readonly Pkg[], l: Layout): string {
  const line = (tag: string, value: string) => `${l.indent}${tag}${l.beforeColon}:${l.afterColon}${value}${l.trailing}`;
  const out = [line('SPDXVersion', 'SPDX-2.3'), line('SPDXID', 'SPDXRef-DOCUMENT')];
  pkgs.forEach((p, i) => {
    if (l.comments) out.push('', `${l.indent}# package ${i}`);
    out.push(line('PackageName', p.name), line('SPDXID', `SPDXRef-p${i}`));
    if (p.version) out.push(line('PackageVersion', p.version));
    if (p.supplier) out.push(line('PackageSupplier', p.supplier));
    if (p.license) out.push(line('PackageLicenseConcluded', p.license), line('PackageLicenseDeclared', p.license));
    if (p.sha) out.push(line('PackageChecksum', `SHA256: ${p.sha}`));
    if (p.homepage) out.push(line('PackageHomePage', p.homepage));
    if (p.comment) out.push(line('PackageComment', `<text>${p.comment.join(l.eol)}</text>`));
    if (p.purl) out.push(line('ExternalRef', `PACKAGE-MANAGER purl ${p.purl}`));
    if (p.cpe) out.push(line('ExternalRef', `SECURITY cpe23Type ${p.cpe}`));
  });
  pkgs.forEach((_, i) => out.push(line('Relationship', i === 0 ? 'SPDXRef-DOCUMENT DESCRIBES SPDXRef-p0' : `SPDXRef-p${i - 1} DEPENDS_ON SPDXRef-p${i}`)));
  return `${out.join(l.eol)}${l.eol}`;
}

function json(pkgs: readonly Pkg[]): string {
  const packages = pkgs.map((p, i) => ({
    SPDXID: `SPDXRef-p${i}`,
    name: p.name,
    ...(p.version && { versionInfo: p.version }),
    ...(p.supplier && { supplier: p.supplier }),
    ...(p.license && { licenseConcluded: p.license, licenseDeclared: p.license }),
    ...(p.sha && { checksums: [{ algorithm: 'SHA256', checksumValue: p.sha }] }),
    ...(p.homepage && { homepage: p.homepage }),
    ...(p.comment && { comment: p.comment.join('\n') }),
    externalRefs: [
      ...(p.purl ? [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }] : []),
      ...(p.cpe ? [{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: p.cpe }] : []),
    ],
  }));
  const relationships = pkgs.map((_, i) =>
    i === 0
      ? { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-p0' }
      : { spdxElementId: `SPDXRef-p${i - 1}`, relationshipType: 'DEPENDS_ON', relatedSpdxElement: `SPDXRef-p${i}` },
  );
  return JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages, relationships });
}

describe('SPDX tag-value against SPDX JSON', () => {
  it('reads the same model whatever the spacing, and each package on the line of its PackageName', () => {
    fc.assert(
      fc.property(fc.array(pkg, { minLength: 1, maxLength: 6 }), layout, (pkgs, l) => {
        const text = tagValue(pkgs, l);
        const doc = read(text);
        expect(sameModel(doc)).toEqual(sameModel(read(json(pkgs))));
        const lines = text.split('\n');
        for (const c of doc.components) expect(lines[(c.line ?? 0) - 1]).toMatch(/^\s*PackageName\s*:/);
        expect(doc.components.map((c) => c.line)).toEqual([...doc.components.map((c) => c.line)].sort((a, b) => (a ?? 0) - (b ?? 0)));
        expect(doc.warnings).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
