// The sample application every acme-secure-gateway.* file in test/sample-app/ (and the two in sbom-samples/) describes: one model, written out in each SBOM format.
// Realistic on purpose: real package names, real Kaspersky identifiers from ../shared/research/kaspersky-facts.md,
// and real look-alike packages from the public registries that must never be flagged.

export const APP = {
  ref: 'acme-secure-gateway',
  name: 'acme-secure-gateway',
  version: '3.4.0',
  type: 'application',
  purl: 'pkg:npm/acme-secure-gateway@3.4.0',
  supplier: 'Acme Gateways Inc.',
};

/** Components: ref, name, group, version, purl, type, supplier, author, cpe, license, homepage, download, description, dependsOn. */
export const COMPONENTS = [
  // --- clean web stack
  { ref: 'express', name: 'express', version: '4.19.2', purl: 'pkg:npm/express@4.19.2', license: 'MIT', homepage: 'https://expressjs.com/', dependsOn: ['body-parser', 'cookie'] },
  { ref: 'body-parser', name: 'body-parser', version: '1.20.2', purl: 'pkg:npm/body-parser@1.20.2', license: 'MIT', dependsOn: ['debug'] },
  { ref: 'debug', name: 'debug', version: '2.6.9', purl: 'pkg:npm/debug@2.6.9', license: 'MIT' },
  { ref: 'cookie', name: 'cookie', version: '0.6.0', purl: 'pkg:npm/cookie@0.6.0', license: 'MIT' },
  // --- Kaspersky-authored open-source UI kit (informational), direct
  { ref: 'hexa-ui', group: '@kaspersky', name: 'hexa-ui', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2', license: 'Apache-2.0', author: 'AO Kaspersky Lab', vcs: 'git+https://github.com/KasperskyLab/uif.git', description: 'Hexa UI, Kaspersky Design System', dependsOn: ['react'] },
  { ref: 'react', name: 'react', version: '18.3.1', purl: 'pkg:npm/react@18.3.1', license: 'MIT', dependsOn: ['loose-envify'] },
  { ref: 'loose-envify', name: 'loose-envify', version: '1.4.0', purl: 'pkg:npm/loose-envify@1.4.0', license: 'MIT' },
  // --- the in-house AV wrapper that pulls the Kaspersky Scan Engine image in (banned, transitive)
  { ref: 'av-scanner', group: '@acme', name: 'av-scanner', version: '2.1.0', purl: 'pkg:npm/%40acme/av-scanner@2.1.0', license: 'LicenseRef-Acme-Proprietary', supplier: 'Acme Gateways Inc.', description: 'ICAP client that sends mail attachments to the scanning container', dependsOn: ['scanengine-icapd', 'node-icap'] },
  { ref: 'node-icap', name: 'icap', version: '0.4.1', purl: 'pkg:npm/icap@0.4.1', license: 'MIT' },
  { ref: 'scanengine-icapd', group: 'kaspersky', name: 'scanengine_icapd', version: '2.0.0.1157', type: 'container', purl: 'pkg:docker/kaspersky/scanengine_icapd@2.0.0.1157', supplier: 'AO Kaspersky Lab', description: 'Kaspersky Scan Engine in ICAP mode, loaded from the vendor tarball kaspersky_scanengine_icapd.tar' },
  // --- IOC enrichment in Python: pulls the OpenTIP client (threat intelligence: review), transitive
  { ref: 'ioc-enricher', name: 'acme-ioc-enricher', version: '0.9.0', purl: 'pkg:pypi/acme-ioc-enricher@0.9.0', license: 'LicenseRef-Acme-Proprietary', supplier: 'Acme Gateways Inc.', dependsOn: ['opentip', 'requests'] },
  { ref: 'opentip', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2', license: 'Apache-2.0', author: 'Kaspersky Lab', authorEmail: 'igosha@kaspersky.com', homepage: 'https://github.com/KasperskyLab/OpenTIP-scanner', description: 'Kaspersky OpenTIP command-line scanner and API client' },
  { ref: 'requests', name: 'requests', version: '2.32.3', purl: 'pkg:pypi/requests@2.32.3', license: 'Apache-2.0', homepage: 'https://requests.readthedocs.io' },
  // --- the base image, with Kaspersky Endpoint Security for Linux and the Network Agent installed (banned, transitive)
  { ref: 'gateway-base', name: 'gateway-base', version: '2024.06', type: 'container', purl: 'pkg:oci/gateway-base@sha256%3A4c1e5f0b9a7d2e3f?repository_url=registry.acme.example/gateway-base', supplier: 'Acme Gateways Inc.', dependsOn: ['openssl', 'ca-certificates', 'kesl', 'klnagent64'] },
  { ref: 'openssl', name: 'openssl', version: '3.0.13-1~deb12u1', purl: 'pkg:deb/debian/openssl@3.0.13-1~deb12u1?arch=amd64&distro=debian-12', license: 'Apache-2.0', supplier: 'Debian OpenSSL Team' },
  { ref: 'ca-certificates', name: 'ca-certificates', version: '20230311', purl: 'pkg:deb/debian/ca-certificates@20230311?arch=all&distro=debian-12', license: 'MPL-2.0' },
  { ref: 'kesl', name: 'kesl', version: '12.0.0-6672', purl: 'pkg:deb/debian/kesl@12.0.0-6672?arch=amd64&distro=debian-12', supplier: 'AO Kaspersky Lab', description: 'Kaspersky Endpoint Security for Linux' },
  { ref: 'klnagent64', name: 'klnagent64', version: '14.0.0-4490', purl: 'pkg:deb/debian/klnagent64@14.0.0-4490?arch=amd64&distro=debian-12', supplier: 'AO Kaspersky Lab', description: 'Kaspersky Security Center Network Agent' },
  // --- real look-alikes from npm and PyPI: must never be flagged at the default confidence
  { ref: 'kaspa-wasm', name: 'kaspa-wasm', version: '0.13.0', purl: 'pkg:npm/kaspa-wasm@0.13.0', license: 'ISC', description: 'Kaspa cryptocurrency WASM bindings' },
  { ref: 'casperjs', name: 'casperjs', version: '1.1.4', purl: 'pkg:npm/casperjs@1.1.4', license: 'MIT' },
  { ref: 'kava', name: 'kava', version: '0.2.0', purl: 'pkg:npm/kava@0.2.0', license: 'MIT', description: 'test runner' },
  { ref: 'kuma-ui-core', group: '@kuma-ui', name: 'core', version: '1.5.8', purl: 'pkg:npm/%40kuma-ui/core@1.5.8', license: 'MIT' },
  { ref: 'kaspernj-api-maker', group: '@kaspernj', name: 'api-maker', version: '1.0.3', purl: 'pkg:npm/%40kaspernj/api-maker@1.0.3', license: 'MIT' },
  { ref: 'kasper', name: 'kasper', version: '0.1.4', purl: 'pkg:pypi/kasper@0.1.4', license: 'MIT' },
  { ref: 'kaspersmicrobit', name: 'kaspersmicrobit', version: '1.3.0', purl: 'pkg:pypi/kaspersmicrobit@1.3.0', license: 'MIT', description: 'Control a BBC micro:bit over Bluetooth Low Energy' },
  { ref: 'kics', name: 'kics', version: '3.8.1', purl: 'pkg:pypi/kics@3.8.1', license: 'MIT' },
  { ref: 'ksc', name: 'ksc', version: '0.2.0', purl: 'pkg:pypi/ksc@0.2.0', license: 'MIT', description: 'keyboard shortcuts' },
  { ref: 'ioc-triage', name: 'ioc-triage', version: '0.3.2', purl: 'pkg:pypi/ioc-triage@0.3.2', license: 'MIT', description: 'Multi-source IOC triage CLI: VirusTotal, AbuseIPDB, Kaspersky OpenTIP, URLhaus' },
];

/** The application's direct dependencies. */
export const DIRECT = ['express', 'hexa-ui', 'av-scanner', 'ioc-enricher', 'gateway-base', 'kaspa-wasm', 'casperjs', 'kava', 'kuma-ui-core', 'kaspernj-api-maker', 'kasper', 'kaspersmicrobit', 'kics', 'ksc', 'ioc-triage'];

/** Services the application calls (CycloneDX only; SPDX 2 has no services). */
export const SERVICES = [
  { ref: 'svc-ksn', name: 'KSN file reputation', provider: 'AO Kaspersky Lab', endpoints: ['https://ksn-file-geo.kaspersky-labs.com/'], description: 'File reputation look-ups through Kaspersky Security Network' },
  { ref: 'svc-opentip', name: 'OpenTIP hash lookup', provider: 'AO Kaspersky Lab', endpoints: ['https://opentip.kaspersky.com/api/v1/search/hash'], description: 'Threat-intelligence hash look-ups' },
];

/** Fixed document metadata, so that the written files are reproducible. */
export const DOCUMENT = {
  created: '2026-11-02T09:30:00Z',
  serial: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  namespace: 'https://sbom.acme.example/spdx/acme-secure-gateway-3.4.0',
};
