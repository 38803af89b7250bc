// Issue 13: detection by what makes a component Kaspersky's, end to end through the CLI at the default confidence.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

type Cdx = Record<string, unknown>;

interface Flag {
  rule: string;
  status: string;
  confidence: string;
  also: string[];
}

let serial = 0;
/** CycloneDX 1.6 JSON of the given components; each gets a bom-ref if it has none. */
function cyclonedx(components: readonly Cdx[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { component: { 'bom-ref': 'root', type: 'application', name: 'acme-root', version: '1.0.0' } },
    components: components.map((c) => ({ type: 'library', 'bom-ref': `c${serial++}`, ...c })),
  });
}

/** Scan one document from standard input at the default confidence: the flag of each component by bom-ref. */
async function scan(doc: string, args: readonly string[] = []): Promise<Map<string, Flag>> {
  const r = await cli(['scan', '-', '--format', 'json', ...args], { stdin: doc });
  expect(r.code, r.stderr).not.toBe(2);
  const report = JSON.parse(r.stdout) as {
    findings: { component: { ref: string }; rule: { id: string; status: string }; confidence: string; alsoMatched?: { rule: { id: string } }[] }[];
    documents: { components: number }[];
  };
  return new Map(report.findings.map((f) => [f.component.ref, { rule: f.rule.id, status: f.rule.status, confidence: f.confidence, also: (f.alsoMatched ?? []).map((a) => a.rule.id) }]));
}

/** Cases of `[expected rule or 'clean', component]`, scanned in one document; returns `[label, expected, got]` per case. */
async function outcomes(cases: readonly [string, Cdx][], args: readonly string[] = []): Promise<[string, string, string][]> {
  const withRefs = cases.map(([want, c], i): [string, Cdx] => [want, { ...c, 'bom-ref': `case-${i}` }]);
  const flags = await scan(cyclonedx(withRefs.map(([, c]) => c)), args);
  return withRefs.map(([want, c]) => [String(c['purl'] ?? c['name']), want, flags.get(String(c['bom-ref']))?.rule ?? 'clean']);
}

function expectAll(got: [string, string, string][]): void {
  expect(got.length).toBeGreaterThan(0);
  expect(got.filter(([, want, was]) => want !== was)).toEqual([]);
}

describe('identifiers whose leading segment is the vendor (point 1)', () => {
  it('flags any package under the vendor name in every ecosystem, known ones by their own rule, look-alikes not', async () => {
    expectAll(
      await outcomes([
        ['KL-VID-002', { name: 'Kaspersky.Antivirus.Client', version: '3.1.0', purl: 'pkg:nuget/Kaspersky.Antivirus.Client@3.1.0' }],
        ['KL-VID-002', { name: 'KASPERSKY.Licensing', version: '1.0.0', purl: 'pkg:nuget/KASPERSKY.Licensing@1.0.0' }],
        ['KL-OSS-006', { name: 'Kaspersky.CaptchaMixer', version: '1.0.0-beta1', purl: 'pkg:nuget/Kaspersky.CaptchaMixer@1.0.0-beta1' }],
        ['KL-VID-002', { group: 'com.kaspersky.components', name: 'scanner-core', version: '2.0', purl: 'pkg:maven/com.kaspersky.components/scanner-core@2.0' }],
        ['KL-VID-002', { group: 'com.kaspersky', name: 'licensing', version: '2.0', purl: 'pkg:maven/com.kaspersky/licensing@2.0' }],
        ['KL-OSS-004', { group: 'com.kaspersky.android-components', name: 'kaspresso', version: '1.5.3', purl: 'pkg:maven/com.kaspersky.android-components/kaspresso@1.5.3' }],
        ['KL-OSS-008', { name: 'github.com/kAsPeRsKyLaB/tinycheck', version: 'v0.1.0', purl: 'pkg:golang/github.com/kAsPeRsKyLaB/tinycheck@v0.1.0' }],
        ['KL-OSS-005', { name: 'github.com/KasperskyLab/klogga/v2', version: 'v2.0.1', purl: 'pkg:golang/github.com/KasperskyLab/klogga/v2@v2.0.1' }],
        ['KL-OSS-008', { name: 'hb_dec', purl: 'pkg:github/KASPERSKYLAB/hb_dec@1.0' }],
        ['KL-VID-001', { type: 'container', name: 'kes-cloud-agent', version: '1.2', purl: 'pkg:docker/kaspersky/kes-cloud-agent@1.2' }],
        ['KL-VID-001', { type: 'container', name: 'web-gateway', version: '6.1', purl: 'pkg:docker/registry.example.com:5000/kaspersky/web-gateway@6.1' }],
        // a product code is named by its image, and the kaspersky/ namespace is the second signal
        ['KL-PRD-009', { type: 'container', name: 'kwts', version: '6.1', purl: 'pkg:docker/registry.example.com:5000/kaspersky/kwts@6.1' }],
        ['KL-SDK-003', { type: 'container', name: 'scanengine_icapd', version: '2.1.0', purl: 'pkg:docker/docker.io/kaspersky/scanengine_icapd@2.1.0' }],
        ['KL-VID-002', { name: 'kaspersky_sdk', version: '0.3', purl: 'pkg:pypi/kaspersky_sdk@0.3' }],
        ['KL-VID-002', { name: 'Kaspersky.Agent.Interop' }],
        ['KL-OSS-001', { group: '@kaspersky', name: 'runtime', version: '1.0.0', purl: 'pkg:npm/%40kaspersky/runtime@1.0.0' }],
        // look-alikes: the segment must be whole, and other owners stay clean
        ['clean', { name: 'Kasperskytte.Tools', version: '1.0.0', purl: 'pkg:nuget/Kasperskytte.Tools@1.0.0' }],
        ['clean', { group: 'com.kasperskytte', name: 'ampvis', version: '1.0', purl: 'pkg:maven/com.kasperskytte/ampvis@1.0' }],
        ['clean', { name: 'kaspersmicrobit', version: '0.7.0', purl: 'pkg:pypi/kaspersmicrobit@0.7.0' }],
        ['clean', { type: 'container', name: 'kaspbeerypi', purl: 'pkg:docker/kasperskytte/kaspbeerypi@latest' }],
        ['clean', { name: 'gengine', purl: 'pkg:github/kaspersky/gengine@1.0' }],
        ['clean', { name: 'github.com/kasperskytte/ampvis2', purl: 'pkg:golang/github.com/kasperskytte/ampvis2@v1.0.0' }],
        ['clean', { group: '@kaspernj', name: 'api-maker', version: '1.0.2110', purl: 'pkg:npm/%40kaspernj/api-maker@1.0.2110' }],
      ]),
    );
  });
});

describe('purl type aliases (point 2)', () => {
  it('reads pkg:oci by its repository_url and other aliases as their canonical type', async () => {
    expectAll(
      await outcomes([
        ['KL-SDK-003', { type: 'container', name: 'scanengine_httpd', purl: 'pkg:oci/scanengine_httpd@sha256%3A2a1d0e9f?repository_url=docker.io%2Fkaspersky%2Fscanengine_httpd&tag=2.1.0' }],
        ['KL-SDK-003', { type: 'container', name: 'engine', purl: 'pkg:oci/engine@sha256%3A2a1d0e9f?repository_url=https%3A%2F%2Fregistry.acme.example%2Fkaspersky%2Fscanengine_icapd' }],
        ['KL-OEM-008', { type: 'container', name: 'kaspersky', purl: 'pkg:oci/kaspersky@sha256%3A2a1d0e9f?repository_url=ghcr.io/tabledevil/kaspersky' }],
        ['KL-VID-001', { type: 'container', name: 'agent', purl: 'pkg:oci/agent@sha256%3A2a1d0e9f?repository_url=quay.io/kaspersky/agent' }],
        ['KL-OSS-005', { name: 'klogga', purl: 'pkg:go/github.com/KasperskyLab/klogga@v1.0.0' }],
        ['KL-OSS-002', { name: 'triangle-check', purl: 'pkg:pip/triangle-check@1.1' }],
        ['clean', { type: 'container', name: 'clamav', purl: 'pkg:oci/clamav@sha256%3A2a1d0e9f?repository_url=docker.io/clamav/clamav' }],
        ['clean', { type: 'container', name: 'kaspbeerypi', purl: 'pkg:oci/kaspbeerypi@sha256%3A2a1d0e9f?repository_url=docker.io/kasperskytte/kaspbeerypi' }],
      ]),
    );
  });
});

describe('licence evidence (point 3)', () => {
  it("flags a licence naming Kaspersky's EULA, in an expression or by name, and a licence URL on a Kaspersky host", async () => {
    expectAll(
      await outcomes([
        ['KL-LIC-001', { name: 'acme-scanner-core', version: '1.0', licenses: [{ license: { id: 'LicenseRef-Kaspersky-EULA' } }] }],
        ['KL-LIC-001', { name: 'acme-scanner-ui', version: '1.0', licenses: [{ expression: 'MIT AND (Apache-2.0 OR LicenseRef-AO-Kaspersky-Lab-End-User-License-Agreement)' }] }],
        ['KL-LIC-001', { name: 'acme-scanner-bases', version: '1.0', licenses: [{ license: { name: 'Kaspersky Lab End User License Agreement' } }] }],
        ['KL-LIC-001', { name: 'acme-scanner-cli', version: '1.0', licenses: [{ license: { name: 'Proprietary', url: 'https://support.kaspersky.co.uk/9717' } }] }],
        ['KL-LIC-001', { name: 'acme-scanner-ru', version: '1.0', licenses: [{ license: { name: 'Лицензионное соглашение АО «Лаборатория Касперского»' } }] }],
        ['clean', { name: 'ampvis2', version: '2.8', licenses: [{ license: { id: 'LicenseRef-KasperSkytte-MIT' } }] }],
        ['clean', { name: 'acme-lib', version: '1.0', licenses: [{ license: { name: 'Proprietary', url: 'https://licenses.acme.example/eula' } }] }],
        ['clean', { name: 'acme-mit', version: '1.0', licenses: [{ expression: 'MIT OR Apache-2.0' }] }],
      ]),
    );
  });
});

describe('OEM products in their documented eras (point 4)', () => {
  it('flags Junos and ZyNOS inside the era by name or CPE, in vendor version syntax, at medium confidence; outside stays clean', async () => {
    const cases: [string, Cdx][] = [
      ['KL-OEM-002', { type: 'operating-system', name: 'junos', version: '9.6R4', cpe: 'cpe:2.3:o:juniper:junos:9.6:r4:*:*:*:*:*:*' }],
      ['KL-OEM-002', { type: 'firmware', name: 'srx-branch-image', cpe: 'cpe:2.3:o:juniper:junos:12.1x44:d10:*:*:*:*:*:*' }],
      ['KL-OEM-002', { type: 'firmware', name: 'Junos OS firmware', version: '12.1X44-D10' }],
      ['KL-OEM-002', { type: 'firmware', name: 'junos', version: '9.10R1' }],
      ['KL-OEM-003', { type: 'firmware', name: 'gateway-fw', cpe: 'cpe:/o:zyxel:zynos:4.03' }],
      ['KL-OEM-003', { type: 'firmware', name: 'ZyNOS', version: '4.03(XL.0)' }],
      ['KL-OEM-003', { type: 'firmware', name: 'ZyWALL 5 UTM firmware', version: '4.04(XD.0)' }],
      ['KL-OEM-004', { type: 'firmware', name: 'ProSecure STM600 firmware', version: '2.1.0' }],
      ['clean', { type: 'operating-system', name: 'junos', version: '21.4R3', cpe: 'cpe:2.3:o:juniper:junos:21.4:r3:*:*:*:*:*:*' }],
      ['clean', { type: 'firmware', name: 'Junos OS firmware', version: '18.4R1' }],
      ['clean', { type: 'firmware', name: 'junos', version: '8.5R1' }],
      ['clean', { type: 'firmware', name: 'gateway-fw-new', cpe: 'cpe:/o:zyxel:zynos:5.10' }],
      ['clean', { type: 'firmware', name: 'ZyNOS', version: '3.90(XL.2)' }],
      ['clean', { type: 'firmware', name: 'ProSecure UTM10 firmware', version: '2.1.0' }],
    ];
    expectAll(await outcomes(cases));
  });

  it('reads vendor version syntax through a version range in a rule', async () => {
    const flags = await scan(cyclonedx([{ 'bom-ref': 'j', type: 'firmware', name: 'junos', version: '12.1X46-D10' }]));
    expect(flags.get('j')).toMatchObject({ rule: 'KL-OEM-002', confidence: 'medium' });
  });
});

const ENTITY_SPELLINGS = [
  'AO Kaspersky Lab',
  'Kaspersky Lab AO',
  'Kaspersky Lab ZAO',
  'Kaspersky Lab JSC',
  'Kaspersky Lab Ltd',
  'KASPERSKY LAB LTD.',
  'Kaspersky Lab, Inc.',
  'Kaspersky Labs Limited',
  'OOO Kaspersky Group',
  'Kaspersky Group LLC',
  'Kaspersky Lab Switzerland GmbH',
  'Kaspersky Labs GmbH',
  'Kaspersky',
  'Kaspersky Lab',
  'KasperskyLab',
  'Лаборатория Касперского',
  'АО «Лаборатория Касперского»',
];

describe('every legal entity spelling in every party role (point 5)', () => {
  it('flags each spelling as supplier, manufacturer, publisher, author and copyright holder (CycloneDX)', async () => {
    const cases: [string, Cdx][] = [];
    for (const s of ENTITY_SPELLINGS) {
      cases.push(['flagged', { name: 'generic-agent', supplier: { name: s } }]);
      cases.push(['flagged', { name: 'generic-agent', manufacturer: { name: s } }]);
      cases.push(['flagged', { name: 'generic-agent', publisher: s }]);
      cases.push(['flagged', { name: 'generic-agent', authors: [{ name: s }] }]);
      cases.push(['flagged', { name: 'generic-agent', copyright: `Copyright (c) 2012-2024 ${s}. All rights reserved.` }]);
    }
    const got = await outcomes(cases);
    expect(got).toHaveLength(ENTITY_SPELLINGS.length * 5);
    expect(got.filter(([, , rule]) => rule === 'clean')).toEqual([]);
  });

  it('flags each spelling as SPDX supplier and originator', async () => {
    const packages = ENTITY_SPELLINGS.flatMap((s, i) => [
      { SPDXID: `SPDXRef-s${i}`, name: 'generic-agent', versionInfo: '1.0', downloadLocation: 'NOASSERTION', supplier: `Organization: ${s}` },
      { SPDXID: `SPDXRef-o${i}`, name: 'generic-agent', versionInfo: '1.0', downloadLocation: 'NOASSERTION', originator: `Organization: ${s}` },
    ]);
    const doc = JSON.stringify({ spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'entities', documentNamespace: 'https://acme.example/spdx/entities', creationInfo: { created: '2026-12-06T00:00:00Z', creators: ['Tool: test'] }, packages });
    const flags = await scan(doc);
    const missed = packages.filter((p) => !flags.has(p.SPDXID)).map((p) => p.supplier ?? p.originator);
    expect(packages.length).toBe(ENTITY_SPELLINGS.length * 2);
    expect(missed).toEqual([]);
  });

  it('names the German subsidiary as a banned supplier, and its copyright line alone for review', async () => {
    const flags = await scan(cyclonedx([
      { 'bom-ref': 'de-supplier', name: 'agent', supplier: { name: 'Kaspersky Labs GmbH' } },
      { 'bom-ref': 'de-copyright', name: 'mwcollectd', copyright: 'Copyright 2009 Georg Wicherski, Kaspersky Labs GmbH' },
      { 'bom-ref': 'uk-copyright', name: 'holding-lib', copyright: '© 2024 Kaspersky Labs Limited' },
    ]));
    expect(flags.get('de-supplier')).toMatchObject({ rule: 'KL-ENT-008', status: 'banned' });
    expect(flags.get('de-copyright')).toMatchObject({ rule: 'KL-ENT-004', status: 'review' });
    expect(flags.get('uk-copyright')).toMatchObject({ rule: 'KL-ENT-002', status: 'banned' });
  });
});

describe('Windows binaries and drivers as file components (point 6)', () => {
  it('flags driver files at high and avp.exe as a file at medium; the bare short name stays below the default', async () => {
    const flags = await scan(cyclonedx([
      { 'bom-ref': 'klif', type: 'file', name: 'klif.sys' },
      { 'bom-ref': 'klwtp', type: 'file', name: 'klwtp.sys' },
      { 'bom-ref': 'avp-file', type: 'file', name: 'avp.exe' },
      { 'bom-ref': 'avp-lib', type: 'library', name: 'avp.exe' },
      { 'bom-ref': 'avp-pypi', name: 'avp', version: '0.6.2', purl: 'pkg:pypi/avp@0.6.2' },
    ]));
    expect(flags.get('klif')).toMatchObject({ rule: 'KL-PRD-019', confidence: 'high' });
    expect(flags.get('klwtp')).toMatchObject({ rule: 'KL-PRD-019', confidence: 'high' });
    expect(flags.get('avp-file')).toMatchObject({ rule: 'KL-PRD-019', confidence: 'medium' });
    expect(flags.has('avp-lib')).toBe(false);
    expect(flags.has('avp-pypi')).toBe(false);
  });
});

describe('product codes as the whole name, only with a second signal (point 7)', () => {
  it('flags KSC, KAV SDK, KESL, KUMA, KICS with a Kaspersky supplier, host, e-mail or licence, and never alone', async () => {
    expectAll(
      await outcomes([
        ['KL-PRD-003', { name: 'KSC', version: '14.2', supplier: { name: 'Kaspersky' } }],
        ['KL-PRD-003', { name: 'ksc', version: '14.2', externalReferences: [{ type: 'website', url: 'https://support.kaspersky.com/KSC/14/en-US/' }] }],
        ['KL-SDK-001', { name: 'KAV SDK', version: '8.9.2.595', supplier: { name: 'AO Kaspersky Lab' } }],
        ['KL-PRD-001', { name: 'KESL', version: '11.4.0', licenses: [{ license: { id: 'LicenseRef-Kaspersky-EULA' } }] }],
        ['KL-PRD-011', { name: 'KUMA', version: '3.0', authors: [{ name: 'Support', email: 'support@kaspersky.com' }] }],
        ['KL-PRD-022', { name: 'KICS', version: '3.1', cpe: 'cpe:2.3:a:kaspersky:industrial_cybersecurity:3.1:*:*:*:*:*:*:*' }],
        ['clean', { name: 'KSC', version: '14.2' }],
        ['clean', { name: 'ksc', version: '1.4', purl: 'pkg:pypi/ksc@1.4' }],
        ['clean', { name: 'kics', version: '3.8.1', purl: 'pkg:pypi/kics@3.8.1' }],
        ['clean', { name: 'KUMA', version: '1.23.0', supplier: { name: 'Uptime Kuma' } }],
        ['clean', { name: 'KAV SDK', version: '1.0' }],
      ]),
    );
  });
});

describe('certificates whose subject or issuer is a Kaspersky CA (point 8, rule side)', () => {
  it('flags a cryptographic asset named by a distinguished name with O=AO Kaspersky Lab', async () => {
    const flags = await scan(cyclonedx([
      { 'bom-ref': 'ca', type: 'cryptographic-asset', name: 'CN=Kaspersky Endpoint Security Personal Certification Authority, O=AO Kaspersky Lab, C=RU' },
      { 'bom-ref': 'issued', type: 'cryptographic-asset', name: 'CN=intranet.acme.example, O=AO Kaspersky Lab' },
      { 'bom-ref': 'other', type: 'cryptographic-asset', name: 'CN=Acme Root CA, O=Acme Inc., C=US' },
    ]));
    expect(flags.get('ca')).toMatchObject({ rule: 'KL-PRD-020' });
    expect(flags.get('issued')).toMatchObject({ rule: 'KL-PRD-020' });
    expect(flags.has('other')).toBe(false);
  });
});

describe('identifier screen', () => {
  it('sees a vendor segment written with percent-escapes', async () => {
    expectAll(
      await outcomes([
        ['KL-VID-002', { name: 'x', purl: 'pkg:nuget/%4Baspersky.Agent@1.0.0' }],
        ['KL-VID-002', { name: 'x', purl: 'pkg:maven/com.%6baspersky.tools/agent@1.0' }],
        ['clean', { name: 'x', purl: 'pkg:nuget/%4Basperskytte.Agent@1.0.0' }],
      ]),
    );
  });
});
