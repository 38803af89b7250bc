// Synthetic SBOMs for the benchmarks: realistic field mixes, a few Kaspersky components among many clean ones.

const ECOSYSTEMS = ['npm', 'pypi', 'maven', 'golang', 'deb'] as const;

function purlFor(i: number): { purl: string; group?: string; name: string; version: string } {
  const eco = ECOSYSTEMS[i % ECOSYSTEMS.length] ?? 'npm';
  const version = `${1 + (i % 7)}.${i % 13}.${i % 100}`;
  switch (eco) {
    case 'npm':
      return i % 3 === 0 ? { purl: `pkg:npm/%40scope${i % 50}/pkg-${i}@${version}`, group: `@scope${i % 50}`, name: `pkg-${i}`, version } : { purl: `pkg:npm/pkg-${i}@${version}`, name: `pkg-${i}`, version };
    case 'pypi':
      return { purl: `pkg:pypi/py-lib-${i}@${version}`, name: `py-lib-${i}`, version };
    case 'maven':
      return { purl: `pkg:maven/org.example${i % 40}/artifact-${i}@${version}?type=jar`, group: `org.example${i % 40}`, name: `artifact-${i}`, version };
    case 'golang':
      return { purl: `pkg:golang/github.com/org${i % 60}/mod-${i}@v${version}`, group: `github.com/org${i % 60}`, name: `mod-${i}`, version: `v${version}` };
    default:
      return { purl: `pkg:deb/debian/libthing${i}@${version}-1?arch=amd64&distro=debian-12`, name: `libthing${i}`, version: `${version}-1` };
  }
}

const KASPERSKY = [
  { type: 'container', name: 'scanengine_httpd', group: 'kaspersky', version: '2.0.0.1157', purl: 'pkg:docker/kaspersky/scanengine_httpd@2.0.0.1157', supplier: { name: 'AO Kaspersky Lab' } },
  { type: 'library', name: 'kesl', version: '12.0.0-6672', purl: 'pkg:deb/debian/kesl@12.0.0-6672?arch=amd64', supplier: { name: 'AO Kaspersky Lab' } },
  { type: 'library', name: 'hexa-ui', group: '@kaspersky', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2' },
  { type: 'library', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2', authors: [{ name: 'Kaspersky Lab', email: 'igosha@kaspersky.com' }] },
  { type: 'application', name: 'av-engine', version: '8.9', cpe: 'cpe:2.3:a:kaspersky:antivirus_engine:8.9:*:*:*:*:*:*:*' },
];

/** A CycloneDX 1.6 JSON document with `count` components, every 100th depending on the next 3, `kaspersky` of them flagged. */
export function cyclonedxDocument(count: number, kaspersky = 10): object {
  const components: object[] = [];
  const dependencies: { ref: string; dependsOn: string[] }[] = [];
  const root = { type: 'application', 'bom-ref': 'root-app', name: 'bench-app', version: '1.0.0' };
  const direct: string[] = [];
  for (let i = 0; i < count; i++) {
    const flagged = kaspersky > 0 && i % Math.floor(count / kaspersky) === 7 ? KASPERSKY[i % KASPERSKY.length] : undefined;
    const id = purlFor(i);
    const ref = `ref-${i}`;
    const c = flagged
      ? { ...flagged, 'bom-ref': ref }
      : {
          type: 'library',
          'bom-ref': ref,
          ...(id.group !== undefined && { group: id.group }),
          name: id.name,
          version: id.version,
          purl: id.purl,
          licenses: [{ license: { id: i % 2 ? 'MIT' : 'Apache-2.0' } }],
          hashes: [{ alg: 'SHA-256', content: (i * 2654435761).toString(16).padStart(64, '0') }],
          externalReferences: [{ type: 'website', url: `https://example${i % 300}.org/project/${i}` }],
          ...(i % 4 === 0 && { supplier: { name: `Vendor ${i % 500} Ltd` } }),
          ...(i % 5 === 0 && { description: `Library number ${i} for parsing and formatting things.` }),
        };
    components.push(c);
    if (i % 100 === 0) {
      direct.push(ref);
      dependencies.push({ ref, dependsOn: [1, 2, 3].map((d) => `ref-${Math.min(count - 1, i + d)}`) });
    }
  }
  dependencies.unshift({ ref: 'root-app', dependsOn: direct });
  return { bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000', version: 1, metadata: { component: root }, components, dependencies };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface BenchComponent {
  'bom-ref': string;
  type?: string;
  group?: string;
  name: string;
  version?: string;
  purl?: string;
  cpe?: string;
  supplier?: { name: string };
  description?: string;
  licenses?: { license: { id: string } }[];
  hashes?: { alg: string; content: string }[];
  externalReferences?: { type: string; url: string }[];
}

/** The same document as cyclonedxDocument, written as CycloneDX XML 1.6. */
export function cyclonedxXml(count: number, kaspersky = 10): string {
  const doc = cyclonedxDocument(count, kaspersky) as { components: BenchComponent[]; dependencies: { ref: string; dependsOn: string[] }[] };
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:00000000-0000-4000-8000-000000000000" version="1">'];
  out.push('  <metadata><component type="application" bom-ref="root-app"><name>bench-app</name><version>1.0.0</version></component></metadata>', '  <components>');
  for (const c of doc.components) {
    out.push(`    <component type="${c.type ?? 'library'}" bom-ref="${xmlEscape(c['bom-ref'])}">`);
    if (c.supplier) out.push(`      <supplier><name>${xmlEscape(c.supplier.name)}</name></supplier>`);
    if (c.group) out.push(`      <group>${xmlEscape(c.group)}</group>`);
    out.push(`      <name>${xmlEscape(c.name)}</name>`);
    if (c.version) out.push(`      <version>${xmlEscape(c.version)}</version>`);
    if (c.description) out.push(`      <description>${xmlEscape(c.description)}</description>`);
    if (c.hashes) out.push(`      <hashes>${c.hashes.map((h) => `<hash alg="${h.alg}">${h.content}</hash>`).join('')}</hashes>`);
    if (c.licenses) out.push(`      <licenses>${c.licenses.map((l) => `<license><id>${l.license.id}</id></license>`).join('')}</licenses>`);
    if (c.cpe) out.push(`      <cpe>${xmlEscape(c.cpe)}</cpe>`);
    if (c.purl) out.push(`      <purl>${xmlEscape(c.purl)}</purl>`);
    if (c.externalReferences) out.push(`      <externalReferences>${c.externalReferences.map((r) => `<reference type="${r.type}"><url>${xmlEscape(r.url)}</url></reference>`).join('')}</externalReferences>`);
    out.push('    </component>');
  }
  out.push('  </components>', '  <dependencies>');
  for (const d of doc.dependencies) out.push(`    <dependency ref="${xmlEscape(d.ref)}">${d.dependsOn.map((r) => `<dependency ref="${xmlEscape(r)}"/>`).join('')}</dependency>`);
  out.push('  </dependencies>', '</bom>');
  return `${out.join('\n')}\n`;
}

/** The same document as cyclonedxDocument, written as SPDX 2.3 tag-value. */
export function spdxTagValue(count: number, kaspersky = 10): string {
  const doc = cyclonedxDocument(count, kaspersky) as { components: BenchComponent[]; dependencies: { ref: string; dependsOn: string[] }[] };
  const id = (ref: string) => `SPDXRef-${ref.replace(/[^A-Za-z0-9.-]/g, '-')}`;
  const out: string[] = ['SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', 'DocumentName: bench-app', 'DocumentNamespace: https://example.org/bench', 'Creator: Tool: ictscan-bench', 'Created: 2026-11-21T00:00:00Z', ''];
  out.push('PackageName: bench-app', 'SPDXID: SPDXRef-root-app', 'PackageVersion: 1.0.0', 'PackageDownloadLocation: NOASSERTION', 'FilesAnalyzed: false', '');
  for (const c of doc.components) {
    out.push(`PackageName: ${c.group ? `${c.group}/` : ''}${c.name}`, `SPDXID: ${id(c['bom-ref'])}`);
    if (c.version) out.push(`PackageVersion: ${c.version}`);
    out.push(`PackageSupplier: ${c.supplier ? `Organization: ${c.supplier.name}` : 'NOASSERTION'}`, 'PackageDownloadLocation: NOASSERTION', 'FilesAnalyzed: false');
    for (const h of c.hashes ?? []) out.push(`PackageChecksum: SHA256: ${h.content}`);
    const home = c.externalReferences?.[0]?.url;
    if (home) out.push(`PackageHomePage: ${home}`);
    out.push(`PackageLicenseConcluded: ${c.licenses?.[0]?.license.id ?? 'NOASSERTION'}`, `PackageLicenseDeclared: ${c.licenses?.[0]?.license.id ?? 'NOASSERTION'}`, 'PackageCopyrightText: NOASSERTION');
    if (c.description) out.push(`PackageDescription: <text>${c.description}</text>`);
    if (c.purl) out.push(`ExternalRef: PACKAGE-MANAGER purl ${c.purl}`);
    if (c.cpe) out.push(`ExternalRef: SECURITY cpe23Type ${c.cpe}`);
    out.push('');
  }
  out.push('Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-root-app');
  for (const d of doc.dependencies) for (const t of d.dependsOn) out.push(`Relationship: ${id(d.ref)} DEPENDS_ON ${id(t)}`);
  return `${out.join('\n')}\n`;
}
