// SPDX 2.x in its JSON shape -> the normalized model. YAML, tag-value and RDF readers map onto this shape.
import type { Component, ExternalRef, Hash, LicenseRef, Party, RelatedIdentity } from '../../model/component.js';
import type { SbomDocument, SbomFormat } from '../../model/document.js';
import { EdgeSet, makeComponent, RefRegistry } from '../builder.js';
import { parseLicense } from '../license.js';
import { spdxActor } from '../party.js';
import { arr, isNoAssertion, obj, spdxStr, str, type Obj } from '../untrusted.js';
import { relationshipDirection, relationshipType } from './relationships.js';

const PURL_TYPES = new Set(['purl']);
const CPE_TYPES = new Set(['cpe23type', 'cpe22type', 'cpe23', 'cpe22']);
/** Comments where generators leave purls and CPEs when they have no externalRef for them. */
export const PURL_IN_TEXT = /\bpkg:[a-z][a-z0-9.+-]*\/[^\s"'<>,;]+/i;
export const CPE_IN_TEXT = /\bcpe:(?:2\.3:[aho]|\/[aho]):[^\s"'<>,;]+/i;

function category(raw: string | undefined): string {
  return (raw ?? '').toUpperCase().replace(/[-\s]/g, '_');
}

/** SPDX 2 minor versions read exactly; others are read as 2.3. */
const KNOWN_VERSIONS = new Set(['2.0', '2.1', '2.2', '2.3']);

/** The warning for a version read as another (or for none stated), or undefined. */
export function versionWarning(version: string): string | undefined {
  if (version === 'unknown' || version === '') return 'the SPDX document states no version; read as SPDX 2.3';
  return KNOWN_VERSIONS.has(version) ? undefined : `SPDX ${version} is read as SPDX 2.3`;
}

/** What a caller may add to the read; nothing here changes which packages or edges come out. */
export interface SpdxOptions {
  /** The 1-based source line of a package object. */
  readonly lineOf?: (pkg: Obj) => number | undefined;
}

function readPackage(p: Obj, refs: RefRegistry, warnings: string[], lineOf: SpdxOptions['lineOf']): Component {
  const name = str(p['name']) ?? '';
  if (!name) warnings.push(`a package without a name${str(p['SPDXID']) ? ` (${str(p['SPDXID'])})` : ''}`);
  const ref = refs.take(str(p['SPDXID']), name || '(unnamed)');
  let purl: string | undefined;
  const cpes: string[] = [];
  const externalRefs: ExternalRef[] = [];
  const extraPurls: string[] = [];
  for (const r of arr(p['externalRefs'])) {
    const ro = obj(r);
    if (!ro) continue;
    const type = (str(ro['referenceType']) ?? '').toLowerCase();
    const locator = str(ro['referenceLocator']);
    if (!locator) continue;
    const cat = category(str(ro['referenceCategory']));
    if (PURL_TYPES.has(type) || (type.endsWith('/purl') && cat.startsWith('PACKAGE'))) {
      if (purl === undefined) purl = locator;
      else extraPurls.push(locator);
    } else if (CPE_TYPES.has(type) || type.endsWith('cpe23type') || type.endsWith('cpe22type')) cpes.push(locator);
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(locator)) externalRefs.push({ type, url: locator });
  }
  const homepage = spdxStr(p['homepage']);
  if (homepage) externalRefs.push({ type: 'homepage', url: homepage });
  const download = spdxStr(p['downloadLocation']);
  if (download) externalRefs.push({ type: 'downloadLocation', url: download });

  const related: RelatedIdentity[] = extraPurls.map((u, i) => ({ via: `externalRefs purl #${i + 2}`, purl: u, cpes: [], parties: [], externalRefs: [] }));
  const comment = str(p['comment']);
  if (comment) {
    const pm = purl === undefined ? PURL_IN_TEXT.exec(comment) : null;
    if (pm) purl = pm[0];
    const cm = CPE_IN_TEXT.exec(comment);
    if (cm && !cpes.includes(cm[0])) related.push({ via: 'comment', cpes: [cm[0]], parties: [], externalRefs: [] });
  }

  const parties: Party[] = [];
  const supplier = spdxActor('supplier', p['supplier']);
  if (supplier) parties.push(supplier);
  const originator = spdxActor('originator', p['originator']);
  if (originator) parties.push(originator);
  const copyright = spdxStr(p['copyrightText']);
  if (copyright) parties.push({ role: 'copyright', name: copyright });

  const licenses: LicenseRef[] = [];
  const seen = new Set<string>();
  for (const key of ['licenseConcluded', 'licenseDeclared']) {
    const text = str(p[key]);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const l = parseLicense(text);
    if (l) licenses.push(l);
  }
  for (const text of arr(p['licenseInfoFromFiles'])) {
    const t = str(text);
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const l = parseLicense(t);
    if (l) licenses.push(l);
  }

  const hashes: Hash[] = [];
  for (const c of arr(p['checksums'])) {
    const co = obj(c);
    const alg = co && str(co['algorithm']);
    const content = co && str(co['checksumValue']);
    if (alg && content) hashes.push({ alg, content });
  }

  const description = [str(p['description']), str(p['summary'])].filter((s): s is string => s !== undefined).join('\n') || undefined;
  const properties = [];
  const sourceInfo = str(p['sourceInfo']);
  if (sourceInfo) properties.push({ name: 'spdx:sourceInfo', value: sourceInfo });
  if (comment) properties.push({ name: 'spdx:comment', value: comment });

  return makeComponent({
    ref,
    name,
    version: spdxStr(p['versionInfo']),
    type: str(p['primaryPackagePurpose'])?.toLowerCase(),
    purl: purl || undefined,
    cpes,
    parties,
    licenses,
    hashes,
    externalRefs,
    description,
    properties,
    related,
    line: lineOf?.(p),
  });
}

/** Read an SPDX 2.x document given in its JSON shape. */
export function normalizeSpdx(doc: Obj, format: SbomFormat, specVersion: string, options: SpdxOptions = {}): SbomDocument {
  const refs = new RefRegistry('package');
  const warnings: string[] = [];
  const components: Component[] = [];
  for (const p of arr(doc['packages'])) {
    const po = obj(p);
    if (!po) {
      warnings.push('a package entry that is not an object was skipped');
      continue;
    }
    components.push(readPackage(po, refs, warnings, options.lineOf));
  }

  const docId = str(doc['SPDXID']) ?? 'SPDXRef-DOCUMENT';
  const edges = new EdgeSet();
  const described: string[] = [];
  for (const d of arr(doc['documentDescribes'])) {
    const s = str(d);
    if (s && !described.includes(s)) described.push(s);
  }
  // Files and snippets are not read as components, but they are elements the document defines.
  const defined = new Set<string>([docId]);
  for (const key of ['files', 'snippets']) {
    for (const f of arr(doc[key])) {
      const id = str(obj(f)?.['SPDXID']);
      if (id) defined.add(id);
    }
  }
  let unknownRefs = 0;
  let example: string | undefined;
  for (const r of arr(doc['relationships'])) {
    const ro = obj(r);
    if (!ro) continue;
    const a = str(ro['spdxElementId']);
    const b = str(ro['relatedSpdxElement']);
    const rawType = str(ro['relationshipType']);
    if (!a || !b || !rawType) continue;
    const type = relationshipType(rawType);
    if (type === 'DESCRIBES' && a === docId) {
      if (!described.includes(b)) described.push(b);
      continue;
    }
    if (type === 'DESCRIBED_BY' && b === docId) {
      if (!described.includes(a)) described.push(a);
      continue;
    }
    const dir = relationshipDirection(type);
    // "A DEPENDS_ON NONE" says there is nothing to point at: no edge.
    if (!dir || isNoAssertion(a) || isNoAssertion(b)) continue;
    for (const end of [a, b]) {
      if (refs.has(end) || defined.has(end) || end.startsWith('DocumentRef-')) continue;
      unknownRefs++;
      example ??= end;
    }
    if (dir === 'forward') edges.add(a, b);
    else edges.add(b, a);
  }
  if (unknownRefs > 0) warnings.push(`${unknownRefs} relationship end(s) name an SPDX element the document does not define (e.g. "${example ?? ''}")`);

  let rootRef: string | undefined;
  const describedPackages = described.filter((d) => refs.has(d));
  if (describedPackages.length === 1) rootRef = describedPackages[0];
  else if (describedPackages.length > 1) {
    // Several described packages: the document itself is the root, and each described package is a direct dependency.
    rootRef = docId;
    for (const d of describedPackages) edges.add(docId, d);
  }
  return {
    format,
    specVersion,
    ...(rootRef !== undefined && { rootRef }),
    components,
    services: [],
    edges: edges.toMap(),
    warnings: [...refs.warnings(arr(doc['relationships']).length > 0), ...warnings],
  };
}
