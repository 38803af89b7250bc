// Writers: one application model (the shape of scripts/sample-app.mjs) written in every SBOM format ictscan reads.
// Each writer follows what a real generator writes (cdxgen/cyclonedx-npm, syft, trivy, spdx tools-python, cosign);
// what a format cannot express is listed in one capability table (CAPABILITIES) instead of being faked.
import { Buffer } from 'node:buffer';
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { stringify as yamlStringify } from 'yaml';

/**
 * The application model.
 * @typedef {object} ModelComponent
 * @property {string} ref            stable id in the model (becomes bom-ref / SPDXID / syft id)
 * @property {string} name
 * @property {string} [group]        CycloneDX group (npm scope, Maven groupId, image namespace)
 * @property {string} [version]
 * @property {string} [type]         CycloneDX component type (library by default)
 * @property {string} [purl]
 * @property {string} [cpe]
 * @property {string} [supplier]     organisation
 * @property {string} [author]       person or organisation
 * @property {string} [authorEmail]
 * @property {string} [copyright]
 * @property {string} [license]      one SPDX id or LicenseRef
 * @property {string} [homepage]
 * @property {string} [vcs]
 * @property {string} [download]     distribution URL
 * @property {string} [description]
 * @property {{name: string, value: string}[]} [properties]
 * @property {object[]} [pedigree]   pedigree ancestors (component-shaped)
 * @property {{field: string, concludedValue: string, confidence: number}[]} [evidence]  evidence.identity
 * @property {ModelComponent[]} [components]  nested parts (CycloneDX nesting; CONTAINS / contains elsewhere)
 * @property {string[]} [dependsOn]  refs
 * @property {string[]} [via]        the signals (SIGNAL_FIELDS keys) the component's recognition relies on
 *
 * @typedef {object} Model
 * @property {{ref: string, name: string, version: string, type: string, purl: string, supplier: string}} app
 * @property {ModelComponent[]} components
 * @property {string[]} direct       refs of the application's direct dependencies
 * @property {object[]} services     CycloneDX services: ref, name, provider, endpoints, description
 * @property {string} created        fixed timestamp
 * @property {string} serial         urn:uuid:… of the CycloneDX documents
 * @property {string} namespace      SPDX document namespace
 */

// ---------------------------------------------------------------------------------------------
// The model, flattened

/** Every component with its parent (nested components), depth first. */
export function flatten(components, parent) {
  const out = [];
  for (const c of components) {
    out.push({ c, parent });
    out.push(...flatten(c.components ?? [], c));
  }
  return out;
}

/** The fields of a component, by signal name: what a format may or may not be able to carry. */
const SIGNAL_FIELDS = {
  supplier: ['supplier'],
  author: ['author'],
  authorEmail: ['authorEmail'],
  copyright: ['copyright'],
  homepage: ['homepage'],
  vcs: ['vcs'],
  download: ['download'],
  description: ['description'],
  properties: ['properties'],
  pedigree: ['pedigree'],
  evidence: ['evidence'],
};

/** Syft's metadata per package type: which fields syft writes (and ictscan reads) for each. */
const SYFT_TYPES = {
  npm: { location: (c) => `/app/node_modules/${qualifiedName(c)}/package.json`, type: 'npm', language: 'javascript', foundBy: 'javascript-package-cataloger', metadataType: 'javascript-npm-package', fields: ['author', 'authorEmail', 'homepage', 'vcs', 'description'] },
  pypi: { location: (c) => `/usr/lib/python3/dist-packages/${c.name}-${c.version ?? '0'}.dist-info/METADATA`, type: 'python', language: 'python', foundBy: 'python-installed-package-cataloger', metadataType: 'python-package', fields: ['author', 'authorEmail'] },
  deb: { location: () => '/var/lib/dpkg/status', type: 'deb', language: '', foundBy: 'dpkg-db-cataloger', metadataType: 'dpkg-db-entry', fields: ['supplier'] },
  rpm: { location: () => '/var/lib/rpm/rpmdb.sqlite', type: 'rpm', language: '', foundBy: 'rpm-db-cataloger', metadataType: 'rpm-db-entry', fields: ['supplier'] },
  maven: { location: (c) => `/app/lib/${c.name}${c.version ? `-${c.version}` : ''}.jar`, type: 'java-archive', language: 'java', foundBy: 'java-archive-cataloger', metadataType: 'java-archive', fields: [] },
  golang: { location: () => '/app/bin/gateway', type: 'go-module', language: 'go', foundBy: 'go-module-binary-cataloger', metadataType: 'go-module-buildinfo-entry', fields: [] },
  nuget: { location: () => '/app/Acme.Gateway.deps.json', type: 'dotnet', language: 'dotnet', foundBy: 'dotnet-deps-cataloger', metadataType: 'dotnet-deps-entry', fields: [] },
};
const SYFT_BINARY = { location: (c) => `/opt/${c.ref}/${c.name}`, type: 'binary', language: '', foundBy: 'binary-classifier-cataloger', metadataType: 'binary-signature', fields: [] };

function purlType(purl) {
  const m = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\//.exec(purl ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

function syftKind(c) {
  return SYFT_TYPES[purlType(c.purl) ?? ''] ?? SYFT_BINARY;
}

const CDX_ALL = new Set(Object.keys(SIGNAL_FIELDS));
const SPDX_ALL = new Set(Object.keys(SIGNAL_FIELDS).filter((f) => f !== 'pedigree' && f !== 'evidence'));

/**
 * What each format can express, as a table: `fields(c)` is the set of signals the format carries for a component,
 * `services` whether it has services. A writer leaves out what its format cannot carry, as generators do; a
 * component whose recognition relies on such a field (its `via`) is left out of that format's document instead,
 * with the reason, so that no format is written a case it cannot state.
 */
export const CAPABILITIES = {
  'cyclonedx-json-1.6': { fields: () => CDX_ALL, services: true },
  'cyclonedx-xml-1.6': { fields: () => CDX_ALL, services: true },
  // 1.4: no evidence.identity (1.5+); author is a single string; cryptographic assets (1.6) are written as files.
  'cyclonedx-xml-1.4': { fields: () => new Set([...CDX_ALL].filter((f) => f !== 'evidence')), services: true },
  // SPDX 2 has no pedigree, evidence or services; identifiers that would be CycloneDX properties go into the package comment.
  'spdx-json': { fields: () => SPDX_ALL, services: false },
  'spdx-tag-value': { fields: () => SPDX_ALL, services: false },
  'spdx-yaml': { fields: () => SPDX_ALL, services: false },
  'spdx-rdf': { fields: () => SPDX_ALL, services: false },
  'spdx3-jsonld': { fields: () => SPDX_ALL, services: false },
  // Syft's own JSON: parties, URLs and descriptions only in the metadata of some package types; no copyright or properties.
  'syft-json': { fields: (c) => new Set(syftKind(c).fields), services: false },
  'cyclonedx-intoto': { fields: () => CDX_ALL, services: true },
  'spdx-json-gzip': { fields: () => SPDX_ALL, services: false },
};

/** Why a format cannot express a component (a field its recognition relies on), or undefined when it can. */
export function unsupported(format, c) {
  const cap = CAPABILITIES[format];
  if (!cap) throw new Error(`unknown format ${format}`);
  const carried = cap.fields(c);
  const missing = (c.via ?? []).filter((s) => !carried.has(s));
  return missing.length ? `${format} cannot carry ${missing.join(', ')}` : undefined;
}

/** One component as a format carries it: the fields it cannot hold left out. */
function strip(format, c) {
  const carried = CAPABILITIES[format].fields(c);
  const out = { ...c };
  for (const [signal, fields] of Object.entries(SIGNAL_FIELDS)) if (!carried.has(signal)) for (const f of fields) delete out[f];
  return out;
}

/** The model restricted to what one format can express: unsupported components (and their nested parts) dropped. */
export function restrict(model, format) {
  const keep = (list) => list.filter((c) => !unsupported(format, c)).map((c) => ({ ...strip(format, c), components: keep(c.components ?? []) }));
  const components = keep(model.components);
  const present = new Set(flatten(components).map((x) => x.c.ref));
  const fix = (list) => list.map((c) => ({ ...c, dependsOn: (c.dependsOn ?? []).filter((r) => present.has(r)), components: fix(c.components ?? []) }));
  return {
    ...model,
    components: fix(components),
    direct: model.direct.filter((r) => present.has(r)),
    services: CAPABILITIES[format].services ? model.services : [],
  };
}

/** The name a non-CycloneDX generator writes: npm scope and image namespace joined with '/', Maven coordinates with ':'. */
export function qualifiedName(c) {
  if (!c.group) return c.name;
  return purlType(c.purl) === 'maven' ? `${c.group}:${c.name}` : `${c.group}/${c.name}`;
}

/** The name ictscan reports for a component read from CycloneDX (group/name). */
export function cyclonedxName(c) {
  return c.group ? `${c.group}/${c.name}` : c.name;
}

const isRef = (l) => l.startsWith('LicenseRef-');

/** Whether an author is an organisation (SPDX writes "Organization:" for those, "Person:" otherwise). */
const isOrganisation = (name) => /\b(lab|labs|inc|ltd|gmbh|llc|corporation|ao|jsc|zao|ooo|group)\b|kasperskylab/i.test(name ?? '');

// ---------------------------------------------------------------------------------------------
// CycloneDX JSON

function bomRefs(model) {
  const byRef = new Map(flatten(model.components).map((x) => [x.c.ref, x.c]));
  return (ref) => (ref === model.app.ref ? model.app.purl : (byRef.get(ref)?.purl ?? ref));
}

function cdxComponent(c, bomRef) {
  const out = { type: c.type ?? 'library', 'bom-ref': bomRef(c.ref) };
  if (c.supplier) out.supplier = { name: c.supplier };
  if (c.author || c.authorEmail) out.authors = [{ ...(c.author && { name: c.author }), ...(c.authorEmail && { email: c.authorEmail }) }];
  if (c.group) out.group = c.group;
  out.name = c.name;
  if (c.version) out.version = c.version;
  if (c.description) out.description = c.description;
  if (c.license) out.licenses = isRef(c.license) ? [{ expression: c.license }] : [{ license: { id: c.license } }];
  if (c.copyright) out.copyright = c.copyright;
  if (c.cpe) out.cpe = c.cpe;
  if (c.purl) out.purl = c.purl;
  if (c.pedigree?.length) out.pedigree = { ancestors: c.pedigree.map((a) => cdxComponent({ ...a, ref: a.purl ?? a.name }, (r) => r)) };
  const refs = externalRefs(c);
  if (refs.length) out.externalReferences = refs;
  if (c.properties?.length) out.properties = c.properties;
  if (c.components?.length) out.components = c.components.map((n) => cdxComponent(n, bomRef));
  if (c.evidence?.length) out.evidence = { identity: c.evidence.map((e) => ({ field: e.field, confidence: e.confidence, concludedValue: e.concludedValue, methods: [{ technique: e.technique ?? 'binary-analysis', confidence: e.confidence }] })) };
  return out;
}

function externalRefs(c) {
  const refs = [];
  if (c.homepage) refs.push({ type: 'website', url: c.homepage });
  if (c.vcs) refs.push({ type: 'vcs', url: c.vcs });
  if (c.download) refs.push({ type: 'distribution', url: c.download });
  return refs;
}

function cdxDependencies(model, bomRef) {
  return [
    { ref: model.app.purl, dependsOn: [...model.direct.map(bomRef), ...model.services.map((s) => s.ref)] },
    ...flatten(model.components).map(({ c }) => ({ ref: bomRef(c.ref), dependsOn: (c.dependsOn ?? []).map(bomRef) })),
  ];
}

/** CycloneDX JSON 1.6, as cdxgen writes it. */
export function cyclonedxJsonObject(model) {
  const bomRef = bomRefs(model);
  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: model.serial,
    version: 1,
    metadata: {
      timestamp: model.created,
      tools: { components: [{ type: 'application', name: 'cdxgen', version: '11.0.0', purl: 'pkg:npm/%40cyclonedx/cdxgen@11.0.0', 'bom-ref': 'pkg:npm/@cyclonedx/cdxgen@11.0.0' }] },
      component: { type: model.app.type, 'bom-ref': model.app.purl, supplier: { name: model.app.supplier }, name: model.app.name, version: model.app.version, purl: model.app.purl },
    },
    components: model.components.map((c) => cdxComponent(c, bomRef)),
  };
  if (model.services.length) {
    bom.services = model.services.map((s) => ({ 'bom-ref': s.ref, provider: { name: s.provider }, name: s.name, description: s.description, endpoints: s.endpoints, authenticated: true, 'x-trust-boundary': true }));
  }
  bom.dependencies = cdxDependencies(model, bomRef);
  return bom;
}

export function cyclonedxJson(model) {
  return `${JSON.stringify(cyclonedxJsonObject(model), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CycloneDX XML

const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape text and attribute values; characters XML 1.0 cannot hold at all are refused, not dropped. */
export function xmlEscape(s) {
  const text = String(s);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) throw new Error(`a value cannot be written as XML 1.0: ${JSON.stringify(text)}`);
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]);
}

/** A tiny element builder: el('name', {attr}, ...children) with strings as escaped text. */
function el(name, attrs, ...children) {
  const a = Object.entries(attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('');
  const kids = children.flat(Infinity).filter((k) => k !== undefined && k !== null && k !== false);
  if (kids.length === 0) return { open: `<${name}${a}/>`, kids: [] };
  if (kids.length === 1 && typeof kids[0] === 'string') return { open: `<${name}${a}>${xmlEscape(kids[0])}</${name}>`, kids: [] };
  return { open: `<${name}${a}>`, close: `</${name}>`, kids };
}

function renderXml(node, indent = '') {
  if (!node.close) return `${indent}${node.open}\n`;
  return `${indent}${node.open}\n${node.kids.map((k) => renderXml(k, `${indent}  `)).join('')}${indent}${node.close}\n`;
}

/** Text child, left out when the value is absent. */
const t = (name, value) => (value === undefined || value === null || value === '' ? undefined : el(name, {}, String(value)));

function cdxXmlComponent(c, bomRef, v) {
  const v16 = v === '1.6';
  const type = c.type === 'cryptographic-asset' && !v16 ? 'file' : (c.type ?? 'library');
  const author = c.author || c.authorEmail ? [c.author, c.authorEmail && `<${c.authorEmail}>`].filter(Boolean).join(' ') : undefined;
  return el(
    'component',
    { type, 'bom-ref': bomRef(c.ref) },
    c.supplier && el('supplier', {}, t('name', c.supplier)),
    // 1.6 has structured authors; 1.4 a single author string ("Name <mail>", as cyclonedx-npm writes it).
    v16 && (c.author || c.authorEmail) ? el('authors', {}, el('author', {}, t('name', c.author), t('email', c.authorEmail))) : undefined,
    !v16 ? t('author', author) : undefined,
    t('group', c.group),
    t('name', c.name),
    t('version', c.version),
    t('description', c.description),
    c.license && el('licenses', {}, isRef(c.license) ? t('expression', c.license) : el('license', {}, t('id', c.license))),
    t('copyright', c.copyright),
    t('cpe', c.cpe),
    t('purl', c.purl),
    c.pedigree?.length ? el('pedigree', {}, el('ancestors', {}, c.pedigree.map((a) => cdxXmlComponent({ ...a, ref: a.purl ?? a.name }, (r) => r, v)))) : undefined,
    externalRefs(c).length ? el('externalReferences', {}, externalRefs(c).map((r) => el('reference', { type: r.type }, t('url', r.url)))) : undefined,
    c.properties?.length ? el('properties', {}, c.properties.map((p) => el('property', { name: p.name }, p.value))) : undefined,
    c.components?.length ? el('components', {}, c.components.map((n) => cdxXmlComponent(n, bomRef, v))) : undefined,
    v16 && c.evidence?.length
      ? el('evidence', {}, c.evidence.map((e) => el('identity', {}, t('field', e.field), t('confidence', e.confidence), t('concludedValue', e.concludedValue), el('methods', {}, el('method', {}, t('technique', e.technique ?? 'binary-analysis'), t('confidence', e.confidence))))))
      : undefined,
  );
}

/** CycloneDX XML 1.6 (cdxgen) or 1.4 (older generators: author string, tool element, no evidence identity). */
export function cyclonedxXml(model, version = '1.6') {
  if (version !== '1.6' && version !== '1.4') throw new Error(`CycloneDX XML ${version} is not written`);
  const v16 = version === '1.6';
  const bomRef = bomRefs(model);
  const tools = v16
    ? el('tools', {}, el('components', {}, el('component', { type: 'application' }, t('name', 'cdxgen'), t('version', '11.0.0'))))
    : el('tools', {}, el('tool', {}, t('vendor', '@cyclonedx'), t('name', 'cyclonedx-npm'), t('version', '1.19.3')));
  const app = model.app;
  const bom = el(
    'bom',
    { xmlns: `http://cyclonedx.org/schema/bom/${version}`, serialNumber: model.serial, version: '1' },
    el('metadata', {}, t('timestamp', model.created), tools, el('component', { type: app.type, 'bom-ref': app.purl }, el('supplier', {}, t('name', app.supplier)), t('name', app.name), t('version', app.version), t('purl', app.purl))),
    el('components', {}, model.components.map((c) => cdxXmlComponent(c, bomRef, version))),
    model.services.length
      ? el('services', {}, model.services.map((s) => el('service', { 'bom-ref': s.ref }, el('provider', {}, t('name', s.provider)), t('name', s.name), t('description', s.description), el('endpoints', {}, s.endpoints.map((e) => t('endpoint', e))), t('authenticated', 'true'), t('x-trust-boundary', 'true'))))
      : undefined,
    el('dependencies', {}, cdxDependencies(model, bomRef).map((d) => el('dependency', { ref: d.ref }, d.dependsOn.map((r) => el('dependency', { ref: r }))))),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(bom)}`;
}

// ---------------------------------------------------------------------------------------------
// SPDX 2.3: one JSON shape, written as JSON, YAML, tag-value and RDF/XML

const spdxId = (ref) => `SPDXRef-Package-${ref.replace(/[^A-Za-z0-9.-]/g, '-')}`;
const SPDX_PURPOSE = { application: 'APPLICATION', container: 'CONTAINER', library: 'LIBRARY', file: 'FILE', firmware: 'FIRMWARE', 'operating-system': 'OPERATING-SYSTEM', 'cryptographic-asset': 'FILE', framework: 'FRAMEWORK', device: 'DEVICE' };

/** Identifiers a CycloneDX generator keeps in properties land in the SPDX package comment (where tools leave them). */
function commentOf(c) {
  const lines = (c.properties ?? []).map((p) => `${p.name}: ${p.value}`);
  return lines.length ? lines.join('\n') : undefined;
}

function spdxPackage(c) {
  const out = {
    name: qualifiedName(c),
    SPDXID: spdxId(c.ref),
    ...(c.version && { versionInfo: c.version }),
    supplier: c.supplier ? `Organization: ${c.supplier}` : 'NOASSERTION',
    downloadLocation: c.download ?? c.vcs ?? 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: c.license ?? 'NOASSERTION',
    licenseDeclared: c.license ?? 'NOASSERTION',
    copyrightText: c.copyright ?? 'NOASSERTION',
  };
  if (c.download && c.vcs) throw new Error(`${c.ref}: SPDX 2 has one downloadLocation; give either vcs or download`);
  if (c.author || c.authorEmail) out.originator = `${isOrganisation(c.author) ? 'Organization' : 'Person'}: ${[c.author, c.authorEmail && `(${c.authorEmail})`].filter(Boolean).join(' ')}`;
  if (c.homepage) out.homepage = c.homepage;
  if (c.description) out.description = c.description;
  const comment = commentOf(c);
  if (comment) out.comment = comment;
  if (c.type && SPDX_PURPOSE[c.type]) out.primaryPackagePurpose = SPDX_PURPOSE[c.type];
  const refs = [];
  if (c.cpe) refs.push({ referenceCategory: 'SECURITY', referenceType: c.cpe.startsWith('cpe:/') ? 'cpe22Type' : 'cpe23Type', referenceLocator: c.cpe });
  if (c.purl) refs.push({ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl });
  out.externalRefs = refs;
  return out;
}

/**
 * The relationships of the dependency graph. Written both ways on purpose (DEPENDS_ON, DEPENDENCY_OF), as
 * generators differ; nested components hang under their parent with CONTAINS.
 */
function spdxRelationships(model) {
  const rel = (a, t2, b) => ({ spdxElementId: a, relationshipType: t2, relatedSpdxElement: b });
  const out = [rel('SPDXRef-DOCUMENT', 'DESCRIBES', spdxId(model.app.ref)), ...model.direct.map((d) => rel(spdxId(model.app.ref), 'DEPENDS_ON', spdxId(d)))];
  for (const { c, parent } of flatten(model.components)) {
    if (parent) out.push(rel(spdxId(parent.ref), 'CONTAINS', spdxId(c.ref)));
    (c.dependsOn ?? []).forEach((d, i) => out.push(i % 2 === 0 ? rel(spdxId(c.ref), 'DEPENDS_ON', spdxId(d)) : rel(spdxId(d), 'DEPENDENCY_OF', spdxId(c.ref))));
  }
  return out;
}

function licenseRefsOf(model) {
  const refs = new Set(flatten(model.components).map((x) => x.c.license).filter((l) => l && isRef(l)));
  return [...refs].sort().map((id) => ({ licenseId: id, extractedText: `${id.slice('LicenseRef-'.length).replace(/-/g, ' ')} licence terms (not reproduced)`, name: id.slice('LicenseRef-'.length) }));
}

/** SPDX 2.3 in its JSON shape (Microsoft sbom-tool / syft style). */
export function spdxObject(model) {
  const app = model.app;
  const rootPkg = { ...spdxPackage({ ref: app.ref, name: app.name, version: app.version, supplier: app.supplier, purl: app.purl, type: app.type }) };
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${app.name}-${app.version}`,
    documentNamespace: model.namespace,
    creationInfo: { created: model.created, creators: ['Organization: Acme Gateways Inc.', 'Tool: sbom-tool-2.2.7'], licenseListVersion: '3.25' },
    packages: [rootPkg, ...flatten(model.components).map((x) => spdxPackage(x.c))],
    relationships: spdxRelationships(model),
  };
  const extracted = licenseRefsOf(model);
  if (extracted.length) doc.hasExtractedLicensingInfos = extracted;
  return doc;
}

export function spdxJson(model) {
  return `${JSON.stringify(spdxObject(model), null, 2)}\n`;
}

/** SPDX 2.3 YAML: the JSON shape through the yaml package (strings that look like numbers stay quoted). */
export function spdxYaml(model) {
  return `---\n${yamlStringify(spdxObject(model), { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}`;
}

/** A tag-value line; values with line breaks (or that would read as markup) are wrapped in <text>. */
function tv(tag, value) {
  if (value === undefined) return [];
  const s = String(value);
  if (s.includes('</text>')) throw new Error(`a ${tag} value cannot be written in tag-value: it contains </text>`);
  return [`${tag}: ${/[\n\r]/.test(s) || s.startsWith('<text>') ? `<text>${s}</text>` : s}`];
}

/** SPDX 2.3 tag-value, as syft and the k8s bom tool write it. */
export function spdxTagValue(model) {
  const doc = spdxObject(model);
  const lines = [
    ...tv('SPDXVersion', doc.spdxVersion),
    ...tv('DataLicense', doc.dataLicense),
    ...tv('SPDXID', doc.SPDXID),
    ...tv('DocumentName', doc.name),
    ...tv('DocumentNamespace', doc.documentNamespace),
    ...tv('LicenseListVersion', doc.creationInfo.licenseListVersion),
    ...doc.creationInfo.creators.flatMap((c) => tv('Creator', c)),
    ...tv('Created', doc.creationInfo.created),
    '',
  ];
  for (const p of doc.packages) {
    lines.push(`##### Package: ${p.name}`, '');
    lines.push(...tv('PackageName', p.name), ...tv('SPDXID', p.SPDXID), ...tv('PackageVersion', p.versionInfo), ...tv('PackageSupplier', p.supplier), ...tv('PackageOriginator', p.originator));
    lines.push(...tv('PackageDownloadLocation', p.downloadLocation), ...tv('FilesAnalyzed', String(p.filesAnalyzed)), ...tv('PackageHomePage', p.homepage));
    lines.push(...tv('PackageLicenseConcluded', p.licenseConcluded), ...tv('PackageLicenseDeclared', p.licenseDeclared), ...tv('PackageCopyrightText', p.copyrightText));
    lines.push(...tv('PackageDescription', p.description), ...tv('PackageComment', p.comment), ...tv('PrimaryPackagePurpose', p.primaryPackagePurpose));
    for (const r of p.externalRefs) lines.push(...tv('ExternalRef', `${r.referenceCategory} ${r.referenceType} ${r.referenceLocator}`));
    lines.push('');
  }
  for (const l of doc.hasExtractedLicensingInfos ?? []) {
    lines.push('##### Other Licenses', '', ...tv('LicenseID', l.licenseId), `ExtractedText: <text>${l.extractedText}</text>`, ...tv('LicenseName', l.name), '');
  }
  lines.push('##### Relationships', '');
  for (const r of doc.relationships) lines.push(...tv('Relationship', `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`));
  return `${lines.join('\n')}\n`;
}

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const SPDX_TERMS = 'http://spdx.org/rdf/terms#';
const camel = (s) => s.toLowerCase().replace(/[_-]([a-z])/g, (_, ch) => ch.toUpperCase());

/** SPDX 2.3 RDF/XML, in the layout spdx/tools-python writes (typed node elements, enumerations as IRIs). */
export function spdxRdf(model) {
  const doc = spdxObject(model);
  const ns = doc.documentNamespace;
  const iri = (id) => `${ns}#${id}`;
  const licence = (name, value) => {
    if (value === 'NOASSERTION') return el(`spdx:${name}`, { 'rdf:resource': `${SPDX_TERMS}noassertion` });
    return el(`spdx:${name}`, { 'rdf:resource': isRef(value) ? iri(value) : `http://spdx.org/licenses/${value}` });
  };
  const relationship = (type, target) => el('spdx:relationship', {}, el('spdx:Relationship', {}, el('spdx:relatedSpdxElement', { 'rdf:resource': iri(target) }), el('spdx:relationshipType', { 'rdf:resource': `${SPDX_TERMS}relationshipType_${camel(type)}` })));
  const relsOf = (id) => doc.relationships.filter((r) => r.spdxElementId === id).map((r) => relationship(r.relationshipType, r.relatedSpdxElement));
  const pkg = (p) =>
    el(
      'spdx:Package',
      { 'rdf:about': iri(p.SPDXID) },
      t('spdx:name', p.name),
      t('spdx:versionInfo', p.versionInfo),
      t('spdx:supplier', p.supplier),
      t('spdx:originator', p.originator),
      t('spdx:downloadLocation', p.downloadLocation),
      p.homepage && el('doap:homepage', {}, p.homepage),
      el('spdx:filesAnalyzed', { 'rdf:datatype': 'http://www.w3.org/2001/XMLSchema#boolean' }, 'false'),
      licence('licenseConcluded', p.licenseConcluded),
      licence('licenseDeclared', p.licenseDeclared),
      t('spdx:copyrightText', p.copyrightText),
      t('spdx:description', p.description),
      t('rdfs:comment', p.comment),
      p.primaryPackagePurpose && el('spdx:primaryPackagePurpose', { 'rdf:resource': `${SPDX_TERMS}purpose_${camel(p.primaryPackagePurpose)}` }),
      p.externalRefs.map((r) =>
        el(
          'spdx:externalRef',
          {},
          el(
            'spdx:ExternalRef',
            {},
            el('spdx:referenceCategory', { 'rdf:resource': `${SPDX_TERMS}referenceCategory_${camel(r.referenceCategory)}` }),
            el('spdx:referenceType', { 'rdf:resource': `http://spdx.org/rdf/references/${r.referenceType}` }),
            t('spdx:referenceLocator', r.referenceLocator),
          ),
        ),
      ),
      relsOf(p.SPDXID),
    );
  const rdf = el(
    'rdf:RDF',
    { 'xmlns:spdx': SPDX_TERMS, 'xmlns:rdf': RDF_NS, 'xmlns:doap': 'http://usefulinc.com/ns/doap#', 'xmlns:rdfs': 'http://www.w3.org/2000/01/rdf-schema#' },
    el(
      'spdx:SpdxDocument',
      { 'rdf:about': iri('SPDXRef-DOCUMENT') },
      t('spdx:specVersion', doc.spdxVersion),
      el('spdx:creationInfo', {}, el('spdx:CreationInfo', {}, t('spdx:created', doc.creationInfo.created), doc.creationInfo.creators.map((c) => t('spdx:creator', c)), t('spdx:licenseListVersion', doc.creationInfo.licenseListVersion))),
      el('spdx:dataLicense', { 'rdf:resource': 'http://spdx.org/licenses/CC0-1.0' }),
      t('spdx:name', doc.name),
      relsOf('SPDXRef-DOCUMENT'),
      (doc.hasExtractedLicensingInfos ?? []).map((l) => el('spdx:hasExtractedLicensingInfo', {}, el('spdx:ExtractedLicensingInfo', { 'rdf:about': iri(l.licenseId) }, t('spdx:licenseId', l.licenseId), t('spdx:extractedText', l.extractedText), t('spdx:name', l.name)))),
    ),
    doc.packages.map(pkg),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(rdf)}`;
}

// ---------------------------------------------------------------------------------------------
// SPDX 3.0.1 JSON-LD

const SPDX3_PURPOSE = { application: 'application', container: 'container', library: 'library', file: 'file', firmware: 'firmware', 'operating-system': 'operatingSystem', 'cryptographic-asset': 'file' };

/** SPDX 3.0.1 JSON-LD: an SpdxDocument whose root is a software_Sbom, packages, agents, licences and relationships. */
export function spdx3Object(model) {
  const base = model.namespace.replace(/\/spdx\//, '/spdx3/');
  const id = (kind, ref) => `${base}/${kind}/${ref.replace(/[^A-Za-z0-9._-]/g, '-')}`;
  const ci = '_:creationinfo';
  const graph = [];
  const agents = new Map();
  const agent = (type, name, email) => {
    const key = `${type}\u0000${name ?? ''}\u0000${email ?? ''}`;
    if (!agents.has(key)) {
      const e = { type, spdxId: id(type.toLowerCase(), `${name ?? ''}-${email ?? ''}`.replace(/^-|-$/g, '') || 'anonymous'), creationInfo: ci };
      if (name) e.name = name;
      if (email) e.externalIdentifier = [{ type: 'ExternalIdentifier', externalIdentifierType: 'email', identifier: email }];
      agents.set(key, e);
    }
    return agents.get(key).spdxId;
  };
  const licences = new Map();
  const licence = (expr) => {
    if (!licences.has(expr)) licences.set(expr, { type: 'simplelicensing_LicenseExpression', spdxId: id('license', expr), creationInfo: ci, simplelicensing_licenseExpression: expr });
    return licences.get(expr).spdxId;
  };
  const tool = { type: 'Tool', spdxId: id('tool', 'sbom-tool-2.2.7'), creationInfo: ci, name: 'sbom-tool-2.2.7' };
  const creator = agent('Organization', 'Acme Gateways Inc.');
  const pkgId = (ref) => id('package', ref);
  const relationships = [];
  let n = 0;
  const rel = (from, type, to) => relationships.push({ type: 'Relationship', spdxId: id('relationship', String(++n)), creationInfo: ci, from, relationshipType: type, to: [to] });
  const pkg = (c) => {
    const e = { type: 'software_Package', spdxId: pkgId(c.ref), creationInfo: ci, name: qualifiedName(c) };
    if (c.version) e.software_packageVersion = c.version;
    if (c.purl) e.software_packageUrl = c.purl;
    if (c.description) e.description = c.description;
    const comment = commentOf(c);
    if (comment) e.comment = comment;
    if (c.supplier) e.suppliedBy = agent('Organization', c.supplier);
    if (c.author || c.authorEmail) e.originatedBy = [agent(isOrganisation(c.author) ? 'Organization' : 'Person', c.author, c.authorEmail)];
    if (c.homepage) e.software_homePage = c.homepage;
    e.software_downloadLocation = c.download ?? c.vcs ?? 'NOASSERTION';
    if (c.copyright) e.software_copyrightText = c.copyright;
    if (c.type && SPDX3_PURPOSE[c.type]) e.software_primaryPurpose = SPDX3_PURPOSE[c.type];
    const ids = [];
    if (c.cpe) ids.push({ type: 'ExternalIdentifier', externalIdentifierType: c.cpe.startsWith('cpe:/') ? 'cpe22' : 'cpe23', identifier: c.cpe });
    if (c.purl) ids.push({ type: 'ExternalIdentifier', externalIdentifierType: 'packageUrl', identifier: c.purl });
    if (ids.length) e.externalIdentifier = ids;
    if (c.license) {
      rel(e.spdxId, 'hasConcludedLicense', licence(c.license));
      rel(e.spdxId, 'hasDeclaredLicense', licence(c.license));
    }
    return e;
  };
  const app = model.app;
  const root = pkg({ ref: app.ref, name: app.name, version: app.version, purl: app.purl, supplier: app.supplier, type: app.type });
  const packages = [root, ...flatten(model.components).map((x) => pkg(x.c))];
  for (const d of model.direct) rel(root.spdxId, 'dependsOn', pkgId(d));
  for (const { c, parent } of flatten(model.components)) {
    if (parent) rel(pkgId(parent.ref), 'contains', pkgId(c.ref));
    for (const d of c.dependsOn ?? []) rel(pkgId(c.ref), 'dependsOn', pkgId(d));
  }
  const sbom = { type: 'software_Sbom', spdxId: id('sbom', app.name), creationInfo: ci, software_sbomType: ['build'], rootElement: [root.spdxId], element: [] };
  const document = { type: 'SpdxDocument', spdxId: id('document', app.name), creationInfo: ci, name: `${app.name}-${app.version}`, dataLicense: licence('CC0-1.0'), rootElement: [sbom.spdxId], element: [] };
  graph.push({ type: 'CreationInfo', '@id': ci, specVersion: '3.0.1', created: model.created, createdBy: [creator], createdUsing: [tool.spdxId] }, document, sbom, tool, ...packages, ...relationships);
  graph.push(...agents.values(), ...licences.values());
  const all = graph.filter((e) => e.spdxId && e !== document && e !== sbom).map((e) => e.spdxId);
  sbom.element = all;
  document.element = all;
  return { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': graph };
}

export function spdx3JsonLd(model) {
  return `${JSON.stringify(spdx3Object(model), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Syft JSON

const syftId = (ref) => createHash('sha256').update(`syft-package:${ref}`).digest('hex').slice(0, 16);

function syftMetadata(c, kind) {
  const author = c.author && c.authorEmail ? `${c.author} <${c.authorEmail}>` : c.author;
  switch (kind.metadataType) {
    case 'javascript-npm-package':
      return { name: qualifiedName(c), version: c.version ?? '', author: author ?? (c.authorEmail ? `<${c.authorEmail}>` : ''), homepage: c.homepage ?? '', description: c.description ?? '', url: c.vcs ?? '', private: false };
    case 'python-package':
      return { name: c.name, version: c.version ?? '', author: c.author ?? '', authorEmail: c.authorEmail ?? '', platform: '', sitePackagesRootPath: '/usr/lib/python3/dist-packages' };
    case 'dpkg-db-entry':
      return { package: c.name, source: '', version: c.version ?? '', sourceVersion: '', architecture: /arch=([^&]+)/.exec(c.purl ?? '')?.[1] ?? '', maintainer: c.supplier ?? '', installedSize: 0, files: [] };
    case 'rpm-db-entry':
      return { name: c.name, version: (c.version ?? '').split('-')[0], epoch: null, architecture: /arch=([^&]+)/.exec(c.purl ?? '')?.[1] ?? '', release: (c.version ?? '').split('-').slice(1).join('-'), sourceRpm: '', size: 0, vendor: c.supplier ?? '', files: [] };
    case 'java-archive':
      return { virtualPath: `/app/lib/${c.name}-${c.version ?? ''}.jar`, pomProperties: { path: `META-INF/maven/${c.group}/${c.name}/pom.properties`, name: '', groupId: c.group ?? '', artifactId: c.name, version: c.version ?? '' } };
    case 'go-module-buildinfo-entry':
      return { goCompiledVersion: 'go1.22.5', architecture: 'amd64', mainModule: 'github.com/acme/gateway' };
    case 'dotnet-deps-entry':
      return { name: c.name, version: c.version ?? '', path: `${c.name.toLowerCase()}/${c.version ?? ''}`, sha512: '', hashPath: '' };
    default:
      return undefined;
  }
}

/** Syft JSON (`syft dir:. -o json --source-name … --source-version …`): artifacts, artifactRelationships, source. */
export function syftObject(model) {
  const artifacts = flatten(model.components).map(({ c }) => {
    const kind = syftKind(c);
    const metadata = syftMetadata(c, kind);
    const a = {
      id: syftId(c.ref),
      name: qualifiedName(c),
      version: c.version ?? '',
      type: kind.type,
      foundBy: kind.foundBy,
      locations: [{ path: kind.location(c), accessPath: kind.location(c), annotations: { evidence: 'primary' } }],
      licenses: c.license ? [{ value: c.license, spdxExpression: c.license, type: 'declared', urls: [], locations: [] }] : [],
      language: kind.language,
      cpes: c.cpe ? [{ cpe: c.cpe, source: 'declared' }] : [],
      purl: c.purl ?? '',
    };
    if (metadata) {
      a.metadataType = kind.metadataType;
      a.metadata = metadata;
    }
    return a;
  });
  const relationships = [];
  for (const { c, parent } of flatten(model.components)) {
    // "parent is a dependency of child": syft's own direction for dependency-of.
    for (const d of c.dependsOn ?? []) relationships.push({ parent: syftId(d), child: syftId(c.ref), type: 'dependency-of' });
    if (parent) relationships.push({ parent: syftId(parent.ref), child: syftId(c.ref), type: 'contains' });
  }
  return {
    artifacts,
    artifactRelationships: relationships,
    files: [],
    source: { id: createHash('sha256').update(model.app.name).digest('hex'), name: model.app.name, version: model.app.version, type: 'directory', metadata: { path: '.' } },
    distro: {},
    descriptor: { name: 'syft', version: '1.18.1', configuration: {} },
    schema: { version: '16.0.24', url: 'https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-16.0.24.json' },
  };
}

export function syftJson(model) {
  return `${JSON.stringify(syftObject(model), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Attestations and compression

/** The fixed Ed25519 seed of the sample attestation key: Ed25519 signatures are deterministic, so the output is too. */
const SEED = createHash('sha256').update('ictscan sample attestation key').digest();
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function attestationKey() {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, SEED]), format: 'der', type: 'pkcs8' });
}

/** The PEM public key that verifies the sample attestations (`ictscan scan … --verify-key`). */
export function attestationPublicKeyPem() {
  return createPublicKey(attestationKey()).export({ type: 'spki', format: 'pem' });
}

/** DSSE pre-authentication encoding. */
function pae(payloadType, body) {
  const type = Buffer.from(payloadType);
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

function envelope(statement) {
  const payloadType = 'application/vnd.in-toto+json';
  const body = Buffer.from(JSON.stringify(statement));
  const sig = sign(null, pae(payloadType, body), attestationKey()).toString('base64');
  const keyid = createHash('sha256').update(attestationPublicKeyPem()).digest('hex').slice(0, 16);
  return JSON.stringify({ payloadType, payload: body.toString('base64'), signatures: [{ keyid, sig }] });
}

/**
 * `cosign download attestation` output: one DSSE envelope per line. The image carries a SLSA provenance
 * attestation and the CycloneDX SBOM attestation (`cosign attest --type cyclonedx`), in that order.
 */
export function intotoJsonl(model) {
  const image = `registry.acme.example/${model.app.name}`;
  const digest = createHash('sha256').update(`${model.app.name}@${model.app.version}`).digest('hex');
  const subject = [{ name: image, digest: { sha256: digest } }];
  const provenance = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject,
    predicate: { builder: { id: 'https://ci.acme.example/runners/42' }, buildType: 'https://acme.example/build/v1', invocation: { configSource: { uri: `git+https://git.acme.example/${model.app.name}`, entryPoint: '.ci/build' } } },
  };
  const sbom = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://cyclonedx.org/bom', subject, predicate: cyclonedxJsonObject(model) };
  return `${envelope(provenance)}\n${envelope(sbom)}\n`;
}

/** SPDX JSON, gzip-compressed (as registries and release pages ship large SBOMs); deterministic (mtime 0). */
export function spdxJsonGzip(model) {
  return gzipSync(Buffer.from(spdxJson(model)), { level: 9 });
}

// ---------------------------------------------------------------------------------------------
// The table of outputs

/** Every output: format id (for CAPABILITIES), file suffix, writer. */
export const OUTPUTS = [
  { format: 'cyclonedx-json-1.6', suffix: 'cdx.json', write: cyclonedxJson },
  { format: 'cyclonedx-xml-1.6', suffix: 'cdx.xml', write: (m) => cyclonedxXml(m, '1.6') },
  { format: 'cyclonedx-xml-1.4', suffix: 'cdx-1.4.xml', write: (m) => cyclonedxXml(m, '1.4') },
  { format: 'spdx-json', suffix: 'spdx.json', write: spdxJson },
  { format: 'spdx-tag-value', suffix: 'spdx', write: spdxTagValue },
  { format: 'spdx-yaml', suffix: 'spdx.yaml', write: spdxYaml },
  { format: 'spdx-rdf', suffix: 'spdx.rdf.xml', write: spdxRdf },
  { format: 'spdx3-jsonld', suffix: 'spdx3.json', write: spdx3JsonLd },
  { format: 'syft-json', suffix: 'syft.json', write: syftJson },
  { format: 'cyclonedx-intoto', suffix: 'cdx.intoto.jsonl', write: intotoJsonl },
  { format: 'spdx-json-gzip', suffix: 'spdx.json.gz', write: spdxJsonGzip },
];

/** Write a model in every format: [{ format, file, data }] with the model restricted per format. */
export function writeAll(model, basename) {
  return OUTPUTS.map((o) => ({ format: o.format, file: `${basename}.${o.suffix}`, data: o.write(restrict(model, o.format)) }));
}
