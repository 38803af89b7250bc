// Spellings and encodings that hide a Kaspersky identifier, scanned end to end through the CLI: each fails the gate,
// and the same disguises on look-alike names keep them clean.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-disguise-'));
let files = 0;

function write(name: string, text: string): string {
  const file = path.join(dir, `${files++}-${name}`);
  writeFileSync(file, text);
  return file;
}

function cdx(component: object): string {
  return write('sbom.cdx.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', 'bom-ref': 'c1', version: '1.0.0', ...component }] }));
}

interface Scanned {
  code: number;
  rules: string[];
  report: { documents: { warnings: string[]; unidentifiedComponents: number }[]; findings: { rule: { id: string }; alsoMatched?: { ruleId: string }[] }[] };
}

async function scanFile(file: string): Promise<Scanned> {
  const r = await cli(['scan', file, '-f', 'json']);
  const report = JSON.parse(r.stdout) as Scanned['report'];
  const rules = report.findings.flatMap((f) => [f.rule.id, ...(f.alsoMatched ?? []).map((m) => m.ruleId)]).sort();
  return { code: r.code, rules, report };
}

/** [what the disguise is, the component, a rule that must flag it]. */
const DISGUISED: readonly (readonly [string, object, string])[] = [
  // Names and parties: unseen characters, compatibility forms, combining marks, look-alike letters.
  ['soft hyphen in a supplier', { name: 'x', supplier: { name: 'AO Kasper\u00adsky Lab' } }, 'KL-ENT-001'],
  ['word joiner in a supplier', { name: 'x', supplier: { name: 'Kasper\u2060sky Lab' } }, 'KL-ENT-001'],
  ['zero-width joiner and Hangul filler in a publisher', { name: 'x', publisher: 'Kas\u200dper\u3164sky Lab' }, 'KL-ENT-001'],
  ['combining marks in a manufacturer', { name: 'x', manufacturer: { name: 'Ka\u0301spe\u0308rsky Lab' } }, 'KL-ENT-001'],
  ['all-Cyrillic capitals in a supplier', { name: 'x', supplier: { name: 'АО КАЅРЕRЅКҮ LАВ' } }, 'KL-ENT-001'],
  ['Greek capitals in a supplier', { name: 'x', supplier: { name: '\u039a\u0391SPERSKY LAB' } }, 'KL-ENT-001'],
  ['small capitals in an author', { name: 'x', authors: [{ name: 'ᴋᴀsᴘᴇʀsᴋʏ ʟᴀʙ' }] }, 'KL-ENT-001'],
  ['full-width letters in a supplier', { name: 'x', supplier: { name: 'Ｋａｓｐｅｒｓｋｙ Ｌａｂ' } }, 'KL-ENT-001'],
  ['letter-like symbols in a copyright line', { name: 'x', copyright: '© 2021 \u212Aaspersky \u2113ab' }, 'KL-ENT-001'],
  ['Cyrillic а in a product name', { name: 'k\u0430spersky endpoint security' }, 'KL-PRD-001'],
  ['Cyrillic а in an exact package name', { name: 'k\u0430v4fs' }, 'KL-PRD-005'],
  ['variation selector and tag characters in a name', { name: 'kav4fs\ufe0f\u{E0041}' }, 'KL-PRD-005'],
  // Party strings as tools write them.
  ['npm person string in a supplier', { name: 'x', supplier: { name: 'Kaspersky Lab <info@example.org> (https://example.org)' } }, 'KL-ENT-001'],
  ['an address in an author name', { name: 'x', authors: [{ name: 'Jane Doe <jane@kaspersky.com>' }] }, 'KL-ENT-007'],
  ['a URL in an author string', { name: 'x', author: 'Jane Doe (https://www.kaspersky.com/)' }, 'KL-NET-005'],
  ['an SPDX actor in a CycloneDX supplier', { name: 'x', supplier: { name: 'Organization: AO Kaspersky Lab (info@example.org)' } }, 'KL-ENT-001'],
  ['an address in a copyright line', { name: 'x', copyright: 'Copyright 2020 J. Doe <jd@kaspersky.ru>' }, 'KL-ENT-007'],
  // URLs as a WHATWG parser reads them.
  ['backslashes', { name: 'x', externalReferences: [{ type: 'website', url: 'https:\\\\www.kaspersky.com\\products' }] }, 'KL-NET-005'],
  ['full-width characters', { name: 'x', externalReferences: [{ type: 'website', url: 'ｈｔｔｐｓ：／／ｗｗｗ．ｋａｓｐｅｒｓｋｙ．ｃｏｍ／' }] }, 'KL-NET-005'],
  ['ideographic full stops', { name: 'x', externalReferences: [{ type: 'website', url: 'https://www\u3002kaspersky\u3002com/' }] }, 'KL-NET-005'],
  ['a percent-encoded host', { name: 'x', externalReferences: [{ type: 'website', url: 'https://%6Baspersky.com/' }] }, 'KL-NET-005'],
  ['a tab and a newline inside', { name: 'x', externalReferences: [{ type: 'website', url: 'https://kasper\tsky\n.com/' }] }, 'KL-NET-005'],
  ['a protocol-relative URL', { name: 'x', externalReferences: [{ type: 'website', url: '//usa.kaspersky.com/downloads' }] }, 'KL-NET-005'],
  ['an IDN look-alike host', { name: 'x', externalReferences: [{ type: 'website', url: 'https://k\u0430spersky.com/' }] }, 'KL-NET-005'],
  ['its punycode', { name: 'x', externalReferences: [{ type: 'website', url: 'https://xn--kspersky-16g.com/' }] }, 'KL-NET-005'],
  ['trailing dots, user info and a port', { name: 'x', externalReferences: [{ type: 'website', url: 'https://u:p@kaspersky.com..:8443/' }] }, 'KL-NET-005'],
  // Download and VCS locations in the forms the specs allow.
  ['SPDX git+git@host:path', { name: 'x', externalReferences: [{ type: 'vcs', url: 'git+git@github.com:KasperskyLab/klogga.git' }] }, 'KL-OSS-005'],
  ['git+ssh:// with an scp-style path', { name: 'x', externalReferences: [{ type: 'vcs', url: 'git+ssh://git@github.com:KasperskyLab/klogga.git' }] }, 'KL-OSS-005'],
  ['Maven scm:git:', { name: 'x', externalReferences: [{ type: 'vcs', url: 'scm:git:git@github.com:KasperskyLab/klogga.git' }] }, 'KL-OSS-005'],
  // purls.
  ['an encoded / between scope and name', { name: 'x', purl: 'pkg:npm/%40kaspersky%2Fhexa-ui@6.198.2' }, 'KL-OSS-001'],
  ['a bad escape', { name: 'x', purl: 'pkg:npm/%40kaspersky/hexa-ui%zz@6.198.2' }, 'KL-OSS-001'],
  ['a Go path encoded whole', { name: 'x', purl: 'pkg:golang/github.com%2FKasperskyLab%2Fklogga@v1.0.0' }, 'KL-OSS-005'],
  ['a Cyrillic letter in a purl namespace', { name: 'x', purl: 'pkg:npm/%40k%D0%B0spersky/hexa-ui@6.198.2' }, 'KL-OSS-001'],
];

describe('disguised Kaspersky identifiers fail the gate (CLI, CycloneDX JSON)', () => {
  it.each(DISGUISED)('%s', async (_what, component, rule) => {
    const r = await scanFile(cdx(component));
    expect(r.code).toBe(1);
    expect(r.rules).toContain(rule);
  });

  it('SPDX tag-value: a party string with a URL, and a git+git@ download location', async () => {
    const tv = [
      'SPDXVersion: SPDX-2.3',
      'DataLicense: CC0-1.0',
      'SPDXID: SPDXRef-DOCUMENT',
      'DocumentName: disguise',
      'DocumentNamespace: https://example.org/disguise',
      'Creator: Tool: test',
      'Created: 2026-11-21T00:00:00Z',
      '',
      'PackageName: logger',
      'SPDXID: SPDXRef-a',
      'PackageDownloadLocation: git+git@github.com:KasperskyLab/klogga.git',
      '',
      'PackageName: helper',
      'SPDXID: SPDXRef-b',
      'PackageDownloadLocation: NOASSERTION',
      'PackageOriginator: Person: Jane Doe (https://www.kaspersky.com/)',
      '',
      'PackageName: util',
      'SPDXID: SPDXRef-c',
      'PackageDownloadLocation: NOASSERTION',
      'PackageSupplier: Organization: \u041a\u0430spersky Lab',
      '',
    ].join('\n');
    const r = await scanFile(write('doc.spdx', tv));
    expect(r.code).toBe(1);
    expect(r.rules).toEqual(expect.arrayContaining(['KL-OSS-005', 'KL-NET-005', 'KL-ENT-001']));
    expect(r.report.findings).toHaveLength(3);
  });

  it('a purl that cannot be read is a warning on its component and counts against coverage', async () => {
    const r = await scanFile(cdx({ name: 'mystery', purl: 'pkg:/%40kaspersky' }));
    expect(r.code).toBe(0);
    expect(r.report.documents[0]?.unidentifiedComponents).toBe(1);
    expect(r.report.documents[0]?.warnings.join('\n')).toMatch(/component "c1": purl: purl "pkg:\/%40kaspersky" cannot be read/);
    const gate = await cli(['scan', cdx({ name: 'mystery', purl: 'pkg:/%40kaspersky' }), '--fail-on-unidentified', '0']);
    expect(gate.code).toBe(1);
  });

  it('a purl read on its raw segments says so', async () => {
    const r = await scanFile(cdx({ name: 'x', purl: 'pkg:npm/%40kaspersky/hexa-ui%zz@6.198.2' }));
    expect(r.report.documents[0]?.warnings.join('\n')).toMatch(/is not a valid purl .*its raw segments were tested/);
    expect(r.report.documents[0]?.unidentifiedComponents).toBe(0);
  });
});

describe('the same disguises keep look-alikes clean (CLI)', () => {
  const CLEAN: readonly (readonly [string, object])[] = [
    ['KasperSkytte with a soft hyphen', { name: 'x', supplier: { name: 'Kasper\u00adSkytte' } }],
    ['Kasper Skytte Andersen in small capitals', { name: 'x', authors: [{ name: 'ᴋᴀsᴘᴇʀ sᴋʏᴛᴛᴇ ᴀɴᴅᴇʀsᴇɴ' }] }],
    ['kaspa-wasm with a Cyrillic а', { name: 'k\u0430spa-wasm', purl: 'pkg:npm/k%D0%B0spa-wasm@0.13.0' }],
    ['kasper with a word joiner', { name: 'kas\u2060per', purl: 'pkg:npm/kasper@1.0.0' }],
    ['@kaspernj with an encoded /', { name: 'x', purl: 'pkg:npm/%40kaspernj%2Fapi-maker@1.0.0' }],
    ['KasperSkytte in a person string', { name: 'x', author: 'KasperSkytte <kasper@example.org> (https://github.com/KasperSkytte)' }],
    ['kaspa.org as a full-width URL', { name: 'x', externalReferences: [{ type: 'website', url: 'https://ｋａｓｐａ．ｏｒｇ/' }] }],
    ['a look-alike host under a Kaspersky-like path', { name: 'x', externalReferences: [{ type: 'vcs', url: 'git+git@github.com:KasperSkytte/ampvis2.git' }] }],
    ['UltraAV in full-width', { name: 'ＵｌｔｒａＡＶ', supplier: { name: 'Newfold Digital' } }],
    ['ClamAV by its project', { name: 'clamav', purl: 'pkg:deb/debian/clamav@1.0.7', supplier: { name: 'Cisco Talos <clamav@example.org> (https://www.clamav.net)' } }],
  ];

  it.each(CLEAN)('%s', async (_what, component) => {
    const r = await scanFile(cdx(component));
    expect(r.rules).toEqual([]);
    expect(r.code).toBe(0);
  });
});
