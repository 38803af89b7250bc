#!/usr/bin/env node
// Writes sbom-samples/ from scripts/sample-app.mjs: the same application in every SBOM format ictscan reads.
// Run: node scripts/make-samples.mjs  (the output is committed; tests compare the formats with each other).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP, COMPONENTS, DIRECT, SERVICES } from './sample-app.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'sbom-samples');
const CREATED = '2026-11-02T09:30:00Z';
const NAMESPACE = 'https://sbom.acme.example/spdx/acme-secure-gateway-3.4.0';

function cdxComponent(c) {
  const out = { type: c.type ?? 'library', 'bom-ref': c.purl ?? c.ref };
  if (c.supplier) out.supplier = { name: c.supplier };
  if (c.author) out.authors = [{ name: c.author, ...(c.authorEmail && { email: c.authorEmail }) }];
  if (c.group) out.group = c.group;
  out.name = c.name;
  out.version = c.version;
  if (c.description) out.description = c.description;
  if (c.license) out.licenses = c.license.startsWith('LicenseRef-') ? [{ expression: c.license }] : [{ license: { id: c.license } }];
  if (c.purl) out.purl = c.purl;
  if (c.cpe) out.cpe = c.cpe;
  const refs = [];
  if (c.homepage) refs.push({ type: 'website', url: c.homepage });
  if (c.vcs) refs.push({ type: 'vcs', url: c.vcs });
  if (refs.length) out.externalReferences = refs;
  return out;
}

const byRef = new Map(COMPONENTS.map((c) => [c.ref, c]));
const bomRef = (ref) => (ref === APP.ref ? APP.purl : (byRef.get(ref)?.purl ?? ref));

export function cyclonedxJson() {
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: {
      timestamp: CREATED,
      tools: { components: [{ type: 'application', name: 'cdxgen', version: '11.0.0' }] },
      component: { type: 'application', 'bom-ref': APP.purl, supplier: { name: APP.supplier }, name: APP.name, version: APP.version, purl: APP.purl },
    },
    components: COMPONENTS.map(cdxComponent),
    services: SERVICES.map((s) => ({ 'bom-ref': s.ref, provider: { name: s.provider }, name: s.name, description: s.description, endpoints: s.endpoints, authenticated: true, 'x-trust-boundary': true })),
    dependencies: [
      { ref: APP.purl, dependsOn: [...DIRECT.map(bomRef), ...SERVICES.map((s) => s.ref)] },
      ...COMPONENTS.map((c) => ({ ref: bomRef(c.ref), dependsOn: (c.dependsOn ?? []).map(bomRef) })),
    ],
  };
}

const spdxId = (ref) => `SPDXRef-Package-${ref.replace(/[^A-Za-z0-9.-]/g, '-')}`;

export function spdxJson() {
  const pkg = (c) => {
    const out = {
      name: c.group ? `${c.group}/${c.name}` : c.name,
      SPDXID: spdxId(c.ref),
      versionInfo: c.version,
      supplier: c.supplier ? `Organization: ${c.supplier}` : 'NOASSERTION',
      downloadLocation: c.vcs ?? 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: c.license ?? 'NOASSERTION',
      licenseDeclared: c.license ?? 'NOASSERTION',
      copyrightText: 'NOASSERTION',
    };
    if (c.author) out.originator = `Person: ${c.author}${c.authorEmail ? ` (${c.authorEmail})` : ''}`;
    if (c.homepage) out.homepage = c.homepage;
    if (c.description) out.description = c.description;
    if (c.type === 'container') out.primaryPackagePurpose = 'CONTAINER';
    out.externalRefs = [c.purl && { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }, c.cpe && { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: c.cpe }].filter(Boolean);
    return out;
  };
  const root = { ref: APP.ref, name: APP.name, version: APP.version, supplier: APP.supplier, purl: APP.purl, type: 'application' };
  const rootPkg = { ...pkg(root), primaryPackagePurpose: 'APPLICATION' };
  const rel = (a, t, b) => ({ spdxElementId: a, relationshipType: t, relatedSpdxElement: b });
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${APP.name}-${APP.version}`,
    documentNamespace: NAMESPACE,
    creationInfo: { created: CREATED, creators: ['Organization: Acme Gateways Inc.', 'Tool: sbom-tool-2.2.7'] },
    packages: [rootPkg, ...COMPONENTS.map(pkg)],
    relationships: [
      rel('SPDXRef-DOCUMENT', 'DESCRIBES', spdxId(APP.ref)),
      ...DIRECT.map((d) => rel(spdxId(APP.ref), 'DEPENDS_ON', spdxId(d))),
      // Written both ways on purpose: generators differ, and ictscan must read either direction.
      ...COMPONENTS.flatMap((c) => (c.dependsOn ?? []).map((d, i) => (i % 2 === 0 ? rel(spdxId(c.ref), 'DEPENDS_ON', spdxId(d)) : rel(spdxId(d), 'DEPENDENCY_OF', spdxId(c.ref))))),
    ],
  };
}

function main() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'acme-secure-gateway.cdx.json'), `${JSON.stringify(cyclonedxJson(), null, 2)}\n`);
  writeFileSync(path.join(OUT, 'acme-secure-gateway.spdx.json'), `${JSON.stringify(spdxJson(), null, 2)}\n`);
}

main();
