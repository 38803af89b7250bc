// Issue 13: precision at scale. Every npm and PyPI look-alike of ../shared/lookalikes/registry-names.tsv is scanned
// as a component; the unrelated ones stay clean at the default confidence, the related ones get what the fact sheet says.
// The fact sheet's own decoys (§8(b)) and the replacement products (§7) stay clean too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const REGISTRY_NAMES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/lookalikes/registry-names.tsv');
const HAVE_NAMES = existsSync(REGISTRY_NAMES);

interface Row {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly related: boolean;
  readonly summary: string;
}

function rows(): Row[] {
  const [header, ...lines] = readFileSync(REGISTRY_NAMES, 'utf8').split('\n').filter((l) => l.trim() !== '');
  expect(header?.split('\t')).toEqual(['ecosystem', 'name', 'version', 'kaspersky_related', 'summary']);
  return lines.map((l) => {
    const [ecosystem = '', name = '', version = '', related = '', summary = ''] = l.split('\t');
    return { ecosystem, name, version, related: related === 'yes', summary };
  });
}

function purlOf(r: Row): string {
  const at = `@${encodeURIComponent(r.version)}`;
  if (r.ecosystem === 'npm' && r.name.startsWith('@')) {
    const [scope = '', name = ''] = r.name.split('/');
    return `pkg:npm/${encodeURIComponent(scope)}/${encodeURIComponent(name)}${at}`;
  }
  return `pkg:${r.ecosystem}/${encodeURIComponent(r.name)}${at}`;
}

/**
 * What the fact sheet says of each related row (§4.1, §4.2, §8(b)): Kaspersky's own packages and the clients of its
 * services are flagged by their rule; tools that only mention Kaspersky in their summary are not Kaspersky software.
 */
const RELATED: Readonly<Record<string, string>> = {
  'npm:@kaspersky/hexa-ui': 'KL-OSS-001',
  'npm:@kaspersky/hexa-ui-core': 'KL-OSS-001',
  'npm:@kaspersky/hexa-ui-icons': 'KL-OSS-001',
  'pypi:opentip': 'KL-API-001',
  'pypi:kasperskytip': 'KL-API-005',
  'pypi:opentip-cli': 'KL-API-005',
  'pypi:kuma-api': 'KL-API-006',
  'pypi:ioc-triage': 'clean',
  'pypi:kpm-treatment': 'clean',
  'pypi:password-converter': 'clean',
};

interface Report {
  findings: { component: { ref: string }; rule: { id: string } }[];
  documents: { components: number; error: string | null }[];
}

async function scanComponents(components: readonly Record<string, unknown>[]): Promise<{ report: Report; flagged: Map<string, string> }> {
  const doc = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components });
  const r = await cli(['scan', '-', '--format', 'json'], { stdin: doc });
  expect(r.code, r.stderr).not.toBe(2);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.documents[0]?.components).toBe(components.length);
  return { report, flagged: new Map(report.findings.map((f) => [f.component.ref, f.rule.id])) };
}

describe.skipIf(!HAVE_NAMES)(`registry sweep (${HAVE_NAMES ? 'reads ../shared/lookalikes/registry-names.tsv in place' : 'SKIPPED: ../shared/lookalikes/registry-names.tsv is absent'})`, () => {
  it('keeps every unrelated look-alike clean and gives each related package what the fact sheet says', async () => {
    const list = rows();
    // Each row as a package with its purl, and again by name and summary alone (no purl, as a hand-written SBOM has it).
    const components = list.flatMap((r, i) => [
      { type: 'library', 'bom-ref': `purl-${i}`, name: r.name, version: r.version, purl: purlOf(r), description: r.summary },
      { type: 'library', 'bom-ref': `name-${i}`, name: r.name, version: r.version, description: r.summary },
    ]);
    const { flagged } = await scanComponents(components);
    const unrelated = list.filter((r) => !r.related);
    const related = list.filter((r) => r.related);
    expect(unrelated.length).toBeGreaterThanOrEqual(700);
    expect(related.length).toBe(Object.keys(RELATED).length);
    const falseAlarms = list.flatMap((r, i) => (r.related ? [] : [`purl-${i}`, `name-${i}`].filter((ref) => flagged.has(ref)).map((ref) => `${r.ecosystem}:${r.name} (${ref}) flagged by ${flagged.get(ref) ?? '?'}`)));
    expect(falseAlarms).toEqual([]);
    const got = Object.fromEntries(list.flatMap((r, i) => (r.related ? [[`${r.ecosystem}:${r.name}`, flagged.get(`purl-${i}`) ?? 'clean']] : [])));
    expect(got).toEqual(RELATED);
  });
});

describe('decoys of the fact sheet §8(b) and replacement products (§7) stay clean', () => {
  it('flags none of them at the default confidence', async () => {
    const decoys: Record<string, unknown>[] = [
      { name: 'ampvis2', purl: 'pkg:github/KasperSkytte/ampvis2@2.8.9', authors: [{ name: 'Kasper Skytte Andersen' }], externalReferences: [{ type: 'vcs', url: 'https://github.com/KasperSkytte/ampvis2' }] },
      { type: 'container', name: 'kaspbeerypi', purl: 'pkg:docker/kasperskytte/kaspbeerypi@latest' },
      { name: 'gengine', purl: 'pkg:github/kaspersky/gengine@1.0' },
      { name: 'tool', purl: 'pkg:github/Kasperskyy/tool@1.0' },
      { name: 'tool', purl: 'pkg:github/kasperskyh/tool@1.0' },
      { name: 'tool', purl: 'pkg:github/AlanKaspersky/tool@1.0' },
      { name: 'tool', purl: 'pkg:github/kaspersky3550879/tool@1.0' },
      { name: 'tool', purl: 'pkg:github/Kaspersky3/tool@1.0' },
      { name: 'ft-kaspersky', purl: 'pkg:github/Financial-Times/ft-kaspersky@1.0', externalReferences: [{ type: 'vcs', url: 'https://github.com/Financial-Times/ft-kaspersky' }] },
      { name: 'kaspersmicrobit', version: '0.7.0', purl: 'pkg:pypi/kaspersmicrobit@0.7.0' },
      { name: 'kaspa-wasm', version: '0.13.0', purl: 'pkg:npm/kaspa-wasm@0.13.0' },
      { name: 'casperjs', version: '1.1.4', purl: 'pkg:npm/casperjs@1.1.4' },
      { name: 'casperlabs-client', version: '0.20.3', purl: 'pkg:pypi/casperlabs-client@0.20.3' },
      ...['kics', 'kata', 'ksc', 'kts', 'kpm', 'ksos', 'kis', 'kl', 'avp', 'klara', 'knp-utils', 'kes-rhdhv', 'kav-distributions', 'ksns', 'kscanner', 'kuma-scout', 'kumacli', 'klak'].map((n) => ({ name: n, version: '1.0', purl: `pkg:pypi/${n}@1.0` })),
      { name: 'kava', version: '7.9.0', purl: 'pkg:npm/kava@7.9.0' },
      { group: '@kuma-ui', name: 'core', version: '1.6.4', purl: 'pkg:npm/%40kuma-ui/core@1.6.4' },
      { name: 'jp.keijiro.klak.hap', version: '1.0.0', purl: 'pkg:npm/jp.keijiro.klak.hap@1.0.0' },
      { name: 'mwcollectd-client', version: '1.0', description: 'Talks to mwcollectd honeypots' },
      // replacement products
      { type: 'application', name: 'UltraAV', version: '1.0.0', supplier: { name: 'Pango Group' }, description: 'Antivirus that replaced Kaspersky for US customers' },
      { type: 'application', name: 'UltraVPN', version: '1.0.0', supplier: { name: 'Pango Group' } },
      { name: 'clamav', version: '1.4.1', purl: 'pkg:deb/debian/clamav@1.4.1', cpe: 'cpe:/a:clamav:clamav:1.4.1' },
      { name: 'freshclam', version: '1.4.1', purl: 'pkg:deb/debian/clamav-freshclam@1.4.1' },
      { name: 'libclamav', version: '1.4.1', purl: 'pkg:rpm/fedora/libclamav@1.4.1' },
      { type: 'container', name: 'clamav', purl: 'pkg:docker/clamav/clamav@1.4' },
      { type: 'container', name: 'clamav', purl: 'pkg:oci/clamav@sha256%3A00?repository_url=docker.io/clamav/clamav' },
      { name: 'mdatp', version: '101.24.0', purl: 'pkg:deb/ubuntu/mdatp@101.24.0', supplier: { name: 'Microsoft Corporation' }, externalReferences: [{ type: 'distribution', url: 'https://packages.microsoft.com/ubuntu/22.04/prod/pool/main/m/mdatp/' }] },
      { name: 'mde-netfilter', version: '100.69.0', purl: 'pkg:deb/ubuntu/mde-netfilter@100.69.0', supplier: { name: 'Microsoft Corporation' } },
      { type: 'application', name: 'Sophos Anti-Virus for Linux', version: '10.5', supplier: { name: 'Sophos Ltd' } },
      { type: 'library', name: 'savi', version: '9.0', supplier: { name: 'Sophos Ltd' }, description: 'Sophos Anti-Virus Interface' },
      { type: 'firmware', name: 'junos', version: '18.4R1', supplier: { name: 'Juniper Networks' }, description: 'Junos OS with the on-device Avira scan engine' },
      { type: 'library', name: 'avira-savapi', version: '4.0', supplier: { name: 'Avira Operations GmbH & Co. KG' } },
    ].map((c, i) => ({ type: 'library', 'bom-ref': `decoy-${i}`, ...c }));
    const { flagged } = await scanComponents(decoys);
    expect(decoys.length).toBeGreaterThan(40);
    expect([...flagged].map(([ref, rule]) => `${String(decoys.find((d) => d['bom-ref'] === ref)?.['name'])} flagged by ${rule}`)).toEqual([]);
  });
});
