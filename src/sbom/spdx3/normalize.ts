// SPDX 3.0 JSON-LD elements -> the normalized model: packages, agents, licences and relationships by IRI.
import type { Component, ExternalRef, Hash, LicenseRef, Party, RelatedIdentity } from '../../model/component.js';
import type { SbomDocument } from '../../model/document.js';
import { EdgeSet, makeComponent, RefRegistry } from '../builder.js';
import { parseLicense } from '../license.js';
import { splitEmail } from '../party.js';
import { arr, obj, own, spdxStr, str, strs, type Obj } from '../untrusted.js';
import { CPE_IN_TEXT, PURL_IN_TEXT } from '../spdx/normalize.js';
import { PurlTally } from '../purl.js';

/** Counted components, as the corpus contract counts them (SOURCES.md: `software_Package` elements). */
export const PACKAGE_TYPES = new Set(['software_Package']);
/**
 * Software artifacts read and matched like packages but counted apart (as `elements`): the AI and dataset
 * profiles' packages (subclasses of software_Package), files and snippets.
 */
export const ARTIFACT_TYPES = new Set(['ai_AIPackage', 'dataset_DatasetPackage', 'software_File', 'software_Snippet']);
/**
 * Every other class of the SPDX 3.0 model: read for what they link (agents, licences, relationships, collections) or
 * holding no software of their own. An element of a type not listed here or above is reported, and read as an
 * artifact when it has a name.
 */
const OTHER_TYPES = new Set([
  'Agent', 'Annotation', 'Bom', 'Bundle', 'CreationInfo', 'DictionaryEntry', 'ExternalIdentifier', 'ExternalMap', 'ExternalRef',
  'Hash', 'IndividualElement', 'LifecycleScopedRelationship', 'NamespaceMap', 'Organization', 'PackageVerificationCode', 'Person',
  'PositiveIntegerRange', 'Relationship', 'SoftwareAgent', 'SpdxDocument', 'SpdxOrganization', 'Tool', 'Element', 'ElementCollection',
  'Artifact', 'IntegrityMethod', 'NoAssertionElement', 'NoneElement',
  'software_Sbom', 'software_ContentIdentifier', 'software_SoftwareArtifact',
  'simplelicensing_AnyLicenseInfo', 'simplelicensing_LicenseExpression', 'simplelicensing_SimpleLicensingText',
  'expandedlicensing_ConjunctionOfLicenseSets', 'expandedlicensing_CustomLicense', 'expandedlicensing_CustomLicenseAddition',
  'expandedlicensing_DisjunctionOfLicenseSets', 'expandedlicensing_ExtendableLicense', 'expandedlicensing_IndividualLicensingInfo',
  'expandedlicensing_License', 'expandedlicensing_LicenseAddition', 'expandedlicensing_ListedLicense',
  'expandedlicensing_ListedLicenseException', 'expandedlicensing_NoAssertionLicense', 'expandedlicensing_NoneLicense',
  'expandedlicensing_OrLaterOperator', 'expandedlicensing_WithAdditionOperator',
  'security_Vulnerability', 'security_VulnAssessmentRelationship', 'security_CvssV2VulnAssessmentRelationship',
  'security_CvssV3VulnAssessmentRelationship', 'security_CvssV4VulnAssessmentRelationship', 'security_EpssVulnAssessmentRelationship',
  'security_ExploitCatalogVulnAssessmentRelationship', 'security_SsvcVulnAssessmentRelationship',
  'security_VexVulnAssessmentRelationship', 'security_VexAffectedVulnAssessmentRelationship', 'security_VexFixedVulnAssessmentRelationship',
  'security_VexNotAffectedVulnAssessmentRelationship', 'security_VexUnderInvestigationVulnAssessmentRelationship',
  'build_Build', 'extension_Extension', 'extension_CdxPropertiesExtension', 'extension_CdxPropertyEntry',
]);
const COLLECTION_TYPES = new Set(['software_Sbom', 'Bom', 'Bundle', 'SpdxDocument']);

/** Relationship types that put `to` in `from`'s dependency tree (or, `reverse`, the other way round). */
const DIRECTION: Readonly<Record<string, 'forward' | 'reverse'>> = {
  dependsOn: 'forward',
  contains: 'forward',
  hasStaticLink: 'forward',
  hasDynamicLink: 'forward',
  hasPrerequisite: 'forward',
  hasOptionalDependency: 'forward',
  hasProvidedDependency: 'forward',
  hasOptionalComponent: 'forward',
  hasDistributionArtifact: 'forward',
  packagedBy: 'reverse',
  generates: 'reverse',
};

/** Terms written as full IRIs (`…/terms/Software/Package`) in documents that are not compacted. */
const TERMS = /^https?:\/\/spdx\.org\/rdf\/3\.[\d.]+\/terms\/([A-Za-z]+)\/(\w+)$/;

export function typeOf(e: Obj): string | undefined {
  const t = str(e['type']) ?? str(e['@type']);
  if (t === undefined) return undefined;
  const m = TERMS.exec(t);
  if (!m?.[1] || m[2] === undefined) return t.replace(/^spdx:/, '');
  return m[1] === 'Core' ? m[2] : `${m[1].toLowerCase()}_${m[2]}`;
}

export function idOf(e: Obj): string | undefined {
  return str(e['spdxId']) ?? str(e['@id']);
}

/** `…/Core/NoAssertionElement`, `…/NoneLicense` and the like: stated absence, not a reference. */
function isAbsence(iri: string): boolean {
  return /\/(NoAssertion|None)(Element|License)$/.test(iri);
}

const LISTED_LICENSE = /^https?:\/\/spdx\.org\/licenses\/([^/#?]+)$/;

interface Ctx {
  readonly byId: ReadonlyMap<string, Obj>;
  readonly warnings: string[];
  readonly purls: PurlTally;
  unresolvedAgents: number;
}

function agent(ctx: Ctx, role: Party['role'], iri: string): Party | undefined {
  const e = ctx.byId.get(iri);
  if (!e) {
    ctx.unresolvedAgents++;
    return undefined;
  }
  const raw = str(e['name']);
  const email = arr(e['externalIdentifier']).flatMap((x) => {
    const xo = obj(x);
    return xo && str(xo['externalIdentifierType']) === 'email' ? strs(xo['identifier']) : [];
  })[0];
  if (!raw && !email) return undefined;
  const split = raw ? splitEmail(raw) : { name: '' };
  const mail = email ?? split.email;
  return mail ? { role, name: split.name, email: mail } : { role, name: split.name };
}

function licenseOf(ctx: Ctx, iri: string): LicenseRef | undefined {
  if (isAbsence(iri)) return undefined;
  const e = ctx.byId.get(iri);
  if (e) {
    const expression = str(e['simplelicensing_licenseExpression']);
    if (expression) return parseLicense(expression);
    const id = str(e['expandedlicensing_licenseId']) ?? str(e['name']);
    if (id) return parseLicense(id);
  }
  const listed = LISTED_LICENSE.exec(iri);
  return listed?.[1] ? parseLicense(listed[1]) : undefined;
}

/** The component type of an artifact that states no primary purpose. */
const DEFAULT_TYPE: ReadonlyMap<string, string> = new Map([
  ['ai_AIPackage', 'machine-learning-model'],
  ['dataset_DatasetPackage', 'data'],
  ['software_File', 'file'],
  ['software_Snippet', 'snippet'],
]);

function readPackage(ctx: Ctx, e: Obj, refs: RefRegistry, licenses: ReadonlyMap<string, string[]>): Component {
  const name = str(e['name']) ?? '';
  if (!name) ctx.warnings.push(`a package without a name${idOf(e) ? ` (${idOf(e) ?? ''})` : ''}`);
  const ref = refs.take(idOf(e), name || '(unnamed)');
  let purl = str(e['software_packageUrl']);
  const cpes: string[] = [];
  const related: RelatedIdentity[] = [];
  for (const x of arr(e['externalIdentifier'])) {
    const xo = obj(x);
    const type = xo && str(xo['externalIdentifierType']);
    const id = xo && str(xo['identifier']);
    if (!type || !id) continue;
    if (type === 'packageUrl') {
      if (purl === undefined) purl = id;
      else if (id !== purl) related.push({ via: 'externalIdentifier packageUrl', purl: id, cpes: [], parties: [], externalRefs: [] });
    } else if (type === 'cpe22' || type === 'cpe23') cpes.push(id);
  }
  const externalRefs: ExternalRef[] = [];
  for (const r of arr(e['externalRef'])) {
    const ro = obj(r);
    if (!ro) continue;
    const type = str(ro['externalRefType']) ?? 'other';
    for (const url of strs(ro['locator'])) if (/^[a-z][a-z0-9+.-]*:/i.test(url)) externalRefs.push({ type, url });
  }
  const homepage = spdxStr(e['software_homePage']);
  if (homepage) externalRefs.push({ type: 'homepage', url: homepage });
  const download = spdxStr(e['software_downloadLocation']);
  if (download) externalRefs.push({ type: 'downloadLocation', url: download });

  const parties: Party[] = [];
  for (const iri of strs(e['suppliedBy'])) {
    const p = agent(ctx, 'supplier', iri);
    if (p) parties.push(p);
  }
  for (const iri of strs(e['originatedBy'])) {
    const p = agent(ctx, 'originator', iri);
    if (p) parties.push(p);
  }
  const copyright = spdxStr(e['software_copyrightText']);
  if (copyright) parties.push({ role: 'copyright', name: copyright });

  const hashes: Hash[] = [];
  for (const h of arr(e['verifiedUsing'])) {
    const ho = obj(h);
    if (!ho || (str(ho['type']) ?? str(ho['@type'])) !== 'Hash') continue;
    const alg = str(ho['algorithm']);
    const content = str(ho['hashValue']);
    if (alg && content) hashes.push({ alg, content });
  }

  const lic: LicenseRef[] = [];
  const seen = new Set<string>();
  for (const iri of licenses.get(ref) ?? []) {
    const l = licenseOf(ctx, iri);
    if (l && !seen.has(l.text)) {
      seen.add(l.text);
      lic.push(l);
    }
  }

  const comment = str(e['comment']);
  if (comment) {
    const pm = purl === undefined ? PURL_IN_TEXT.exec(comment) : null;
    if (pm) purl = pm[0];
    const cm = CPE_IN_TEXT.exec(comment);
    if (cm && !cpes.includes(cm[0])) related.push({ via: 'comment', cpes: [cm[0]], parties: [], externalRefs: [] });
  }
  const properties = [];
  const sourceInfo = str(e['software_sourceInfo']);
  if (sourceInfo) properties.push({ name: 'spdx:sourceInfo', value: sourceInfo });
  if (comment) properties.push({ name: 'spdx:comment', value: comment });
  const t = typeOf(e);
  if (t !== 'software_Package' && t !== undefined) properties.push({ name: 'spdx:type', value: t });
  // A file is known by its base name too (`./bin/avp.exe`).
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  if (cut >= 0 && cut < name.length - 1) related.push({ via: 'name (base name)', name: name.slice(cut + 1), cpes: [], parties: [], externalRefs: [] });
  const description = [str(e['description']), str(e['summary'])].filter((s): s is string => s !== undefined).join('\n') || undefined;

  ctx.purls.check(purl || undefined, name);
  return makeComponent({
    ref,
    name,
    version: spdxStr(e['software_packageVersion']),
    type: str(e['software_primaryPurpose'])?.toLowerCase() ?? DEFAULT_TYPE.get(t ?? ''),
    purl: purl || undefined,
    cpes,
    parties,
    licenses: lic,
    hashes,
    externalRefs,
    description,
    properties,
    related,
  });
}

/** Read the elements of an SPDX 3 document (its `@graph`). */
export function normalizeSpdx3(graph: readonly unknown[], specVersion: string): SbomDocument {
  const byId = new Map<string, Obj>();
  const objects: Obj[] = [];
  for (const e of graph) {
    const eo = obj(e);
    if (!eo) continue;
    objects.push(eo);
    const id = idOf(eo);
    if (id !== undefined) byId.set(id, eo);
  }
  const ctx: Ctx = { byId, warnings: [], purls: new PurlTally(), unresolvedAgents: 0 };
  const relationships = objects.filter((e) => {
    const t = typeOf(e);
    return t === 'Relationship' || t === 'LifecycleScopedRelationship';
  });
  // Licences hang off packages by relationships, so they are gathered before the packages are read.
  const licenses = new Map<string, string[]>();
  for (const r of relationships) {
    const type = str(r['relationshipType']);
    const from = str(r['from']);
    if (!from || (type !== 'hasDeclaredLicense' && type !== 'hasConcludedLicense')) continue;
    const list = licenses.get(from) ?? [];
    // Concluded first, as SPDX 2 readers order them.
    if (type === 'hasConcludedLicense') list.unshift(...strs(r['to']));
    else list.push(...strs(r['to']));
    licenses.set(from, list);
  }

  const refs = new RefRegistry('element');
  const components: Component[] = [];
  const elements: Component[] = [];
  // Artifacts get refs of their own registry: counted refs stay the packages', for the graph and its warnings.
  const artifactRefs = new RefRegistry('element');
  const unknownTypes = new Map<string, number>();
  for (const e of objects) {
    const t = typeOf(e) ?? '';
    if (PACKAGE_TYPES.has(t)) components.push(readPackage(ctx, e, refs, licenses));
    else if (ARTIFACT_TYPES.has(t)) elements.push(readPackage(ctx, e, artifactRefs, licenses));
    else if (!OTHER_TYPES.has(t)) {
      unknownTypes.set(t || '(none)', (unknownTypes.get(t || '(none)') ?? 0) + 1);
      // Read when it names something: an unknown class may well be software (a profile ictscan does not know).
      if (str(e['name']) !== undefined) elements.push(readPackage(ctx, e, artifactRefs, licenses));
    }
  }
  for (const [t, n] of unknownTypes) {
    ctx.warnings.push(`${n} element(s) of type "${t}", which ictscan does not know; those with a name were read as software artifacts, the rest were not tested`);
  }
  const isNode = (ref: string): boolean => refs.has(ref) || artifactRefs.has(ref);

  const docs = objects.filter((e) => typeOf(e) === 'SpdxDocument');
  const docId = (docs[0] && idOf(docs[0])) ?? 'SpdxDocument';
  const edges = new EdgeSet();
  const described: string[] = [];
  const describe = (iri: string, depth = 0): void => {
    const e = byId.get(iri);
    // A root that is itself a collection (an Sbom inside the document) stands for its own roots.
    if (e && COLLECTION_TYPES.has(typeOf(e) ?? '') && depth < 8) {
      for (const inner of strs(e['rootElement'])) describe(inner, depth + 1);
      return;
    }
    if (!described.includes(iri)) described.push(iri);
  };
  for (const d of docs) for (const iri of strs(d['rootElement'])) describe(iri);

  let dangling = 0;
  let example: string | undefined;
  for (const r of relationships) {
    const type = str(r['relationshipType']);
    const from = str(r['from']);
    if (!type || !from) continue;
    const targets = strs(r['to']).filter((iri) => !isAbsence(iri));
    if (type === 'describes') {
      if (docs.some((d) => idOf(d) === from) || COLLECTION_TYPES.has(typeOf(byId.get(from) ?? {}) ?? '')) for (const t of targets) describe(t);
      continue;
    }
    const dir = own(DIRECTION, type);
    if (!dir) continue;
    for (const to of targets) {
      for (const end of [from, to]) {
        if (!byId.has(end)) {
          dangling++;
          example ??= end;
        }
      }
      // Edges between software artifacts (packages, files, snippets), not to agents or licences.
      if (!isNode(from) || !isNode(to)) continue;
      if (dir === 'forward') edges.add(from, to);
      else edges.add(to, from);
    }
  }
  if (dangling > 0) ctx.warnings.push(`${dangling} relationship end(s) name an element that is not in the document (e.g. "${example ?? ''}")`);
  if (ctx.unresolvedAgents > 0) ctx.warnings.push(`${ctx.unresolvedAgents} suppliedBy/originatedBy reference(s) name an agent that is not in the document; those parties are unknown`);

  let rootRef: string | undefined;
  const roots = described.filter((d) => refs.has(d));
  if (roots.length === 1) rootRef = roots[0];
  else if (roots.length > 1) {
    rootRef = docId;
    for (const d of roots) edges.add(docId, d);
  }
  return {
    format: 'spdx3-jsonld',
    specVersion,
    ...(rootRef !== undefined && { rootRef }),
    components,
    services: [],
    ...(elements.length > 0 && { elements }),
    edges: edges.toMap(),
    warnings: [...refs.warnings(relationships.length > 0), ...ctx.warnings, ...ctx.purls.warnings()],
  };
}
