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
