// SPDX 2.x in its JSON shape -> the normalized model. YAML, tag-value and RDF readers map onto this shape.
import type { Component, ExternalRef, Hash, LicenseRef, Party, Property, RelatedIdentity } from '../../model/component.js';
import type { SbomDocument, SbomFormat } from '../../model/document.js';
import { EdgeSet, makeComponent, RefRegistry } from '../builder.js';
import { InputError } from '../errors.js';
import type { Detection, InputView } from '../parser.js';
import { parseLicense } from '../license.js';
import { spdxActor } from '../party.js';
import { arr, isNoAssertion, obj, spdxStr, str, type Obj } from '../untrusted.js';
import { relationshipDirection, relationshipType } from './relationships.js';
import { PurlTally } from '../purl.js';

/** The empty list absent fields read as; never handed out, only iterated. */
const NONE: readonly never[] = Object.freeze([]);
const PURL_TYPES = new Set(['purl']);
const CPE_TYPES = new Set(['cpe23type', 'cpe22type', 'cpe23', 'cpe22']);
/** Comments where generators leave purls and CPEs when they have no externalRef for them. */
export const PURL_IN_TEXT = /\bpkg:[a-z][a-z0-9.+-]*\/[^\s"'<>,;]+/i;
export const CPE_IN_TEXT = /\bcpe:(?:2\.3:[aho]|\/[aho]):[^\s"'<>,;]+/i;
/** A locator kept as an external reference: it has a URL scheme. */
const URL_LOCATOR = /^[a-z][a-z0-9+.-]*:\/\//i;

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

/**
 * Detection shared by the text encodings (tag-value, YAML): not JSON or XML, and a version line matched by
 * `versionLine` (group 1 the version, `SPDX-` prefix optional).
 */
export function detectSpdxText(input: InputView, versionLine: RegExp): Detection | undefined {
  if (input.head === '{' || input.head === '[' || input.head === '<') return undefined;
  const m = versionLine.exec(input.text);
  if (!m) return undefined;
  return { specVersion: (m[1] ?? '').replace(/^SPDX-/, '') || 'unknown' };
}

/** Refuse an SPDX 3 (or other non-2.x) version in an encoding only SPDX 2 has. 'unknown' (no version line, a forced --input-format) reads as 2.3. */
export function requireSpdx2(version: string, encoding: string): void {
  if (!version.startsWith('2.') && version !== 'unknown') {
    throw new InputError('unsupported-version', `SPDX ${version} in ${encoding} is not supported (SPDX 2.x expected)`);
  }
}

/** What a caller may add to the read; nothing here changes which packages or edges come out. */
export interface SpdxOptions {
  /** The 1-based source line of a package object. */
  readonly lineOf?: (pkg: Obj) => number | undefined;
}

/** A list read from the document; absent is empty without allocating one (most packages leave most lists out). */
function listOf(v: unknown): readonly unknown[] {
  return v === undefined ? NONE : arr(v);
}

/**
 * Appends to a list made on first use, sized for the one entry most lists get. Lists a package does not fill
 * stay undefined, which makeComponent turns into its shared empty list: no per-package empty arrays.
 */
export function append<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

/** What a package's externalRefs identify it by. */
interface Identifiers {
  purl: string | undefined;
  /** Purls after the first, kept as related identities. */
  extraPurls: string[] | undefined;
  cpes: string[] | undefined;
  externalRefs: ExternalRef[] | undefined;
}

function isPurlRef(type: string, ref: Obj): boolean {
  return PURL_TYPES.has(type) || (type.endsWith('/purl') && category(str(ref['referenceCategory'])).startsWith('PACKAGE'));
}

function addExternalRef(ids: Identifiers, r: unknown): void {
  const ro = obj(r);
  if (!ro) return;
  const type = (str(ro['referenceType']) ?? '').toLowerCase();
  const locator = str(ro['referenceLocator']);
  if (!locator) return;
  if (isPurlRef(type, ro)) {
    if (ids.purl === undefined) ids.purl = locator;
    else ids.extraPurls = append(ids.extraPurls, locator);
  } else if (CPE_TYPES.has(type) || type.endsWith('cpe23type') || type.endsWith('cpe22type')) ids.cpes = append(ids.cpes, locator);
  else if (URL_LOCATOR.test(locator)) ids.externalRefs = append(ids.externalRefs, { type, url: locator });
}

function identifiers(p: Obj): Identifiers {
  const ids: Identifiers = { purl: undefined, extraPurls: undefined, cpes: undefined, externalRefs: undefined };
  for (const r of listOf(p['externalRefs'])) addExternalRef(ids, r);
  const homepage = spdxStr(p['homepage']);
  if (homepage) ids.externalRefs = append(ids.externalRefs, { type: 'homepage', url: homepage });
  const download = spdxStr(p['downloadLocation']);
  if (download) ids.externalRefs = append(ids.externalRefs, { type: 'downloadLocation', url: download });
  return ids;
}

/** Extra purls, then a CPE the comment names that no externalRef gives. Takes the comment's purl when there is none. */
function relatedIdentities(ids: Identifiers, comment: string | undefined): RelatedIdentity[] | undefined {
  let related = ids.extraPurls?.map((u, i): RelatedIdentity => ({ via: `externalRefs purl #${i + 2}`, purl: u, cpes: [], parties: [], externalRefs: [] }));
  if (!comment) return related;
  const pm = ids.purl === undefined ? PURL_IN_TEXT.exec(comment) : null;
  if (pm) ids.purl = pm[0];
  const cm = CPE_IN_TEXT.exec(comment);
  if (cm && !ids.cpes?.includes(cm[0])) related = append(related, { via: 'comment', cpes: [cm[0]], parties: [], externalRefs: [] });
  return related;
}

function parties(p: Obj): Party[] | undefined {
  let out: Party[] | undefined;
  const supplier = spdxActor('supplier', p['supplier']);
  if (supplier) out = append(out, supplier);
  const originator = spdxActor('originator', p['originator']);
  if (originator) out = append(out, originator);
  const copyright = spdxStr(p['copyrightText']);
  if (copyright) out = append(out, { role: 'copyright', name: copyright });
  return out;
}

function addLicense(out: LicenseRef[] | undefined, text: string | undefined): LicenseRef[] | undefined {
  const l = text ? parseLicense(text) : undefined;
  return l ? append(out, l) : out;
}

/** Concluded, declared, then from-files licences, each text once. */
function licenses(p: Obj): LicenseRef[] | undefined {
  const concluded = str(p['licenseConcluded']);
  const declared = str(p['licenseDeclared']);
  let out = addLicense(undefined, concluded);
  if (declared !== concluded) out = addLicense(out, declared);
  const files = p['licenseInfoFromFiles'];
  if (files === undefined) return out;
  const seen = new Set<string>();
  if (concluded) seen.add(concluded);
  if (declared) seen.add(declared);
  for (const text of arr(files)) {
    const t = str(text);
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out = addLicense(out, t);
  }
  return out;
}

function hashes(p: Obj): Hash[] | undefined {
  let out: Hash[] | undefined;
  for (const c of listOf(p['checksums'])) {
    const co = obj(c);
    const alg = co && str(co['algorithm']);
    const content = co && str(co['checksumValue']);
    if (alg && content) out = append(out, { alg, content });
  }
  return out;
}

function properties(sourceInfo: string | undefined, comment: string | undefined): Property[] | undefined {
  let out: Property[] | undefined;
  if (sourceInfo) out = append(out, { name: 'spdx:sourceInfo', value: sourceInfo });
  if (comment) out = append(out, { name: 'spdx:comment', value: comment });
  return out;
}

function readPackage(p: Obj, refs: RefRegistry, warnings: string[], line: number | undefined, purls: PurlTally): Component {
  const name = str(p['name']) ?? '';
  const id = str(p['SPDXID']);
  if (!name) warnings.push(`a package without a name${id ? ` (${id})` : ''}`);
  const ref = refs.take(id, name || '(unnamed)');
  const ids = identifiers(p);
  const comment = str(p['comment']);
  const related = relatedIdentities(ids, comment);
  purls.check(ids.purl || undefined, name);
  const description = str(p['description']);
  const summary = str(p['summary']);
  return makeComponent({
    ref,
    name,
    version: spdxStr(p['versionInfo']),
    type: str(p['primaryPackagePurpose'])?.toLowerCase(),
    purl: ids.purl || undefined,
    cpes: ids.cpes,
    parties: parties(p),
    licenses: licenses(p),
    hashes: hashes(p),
    externalRefs: ids.externalRefs,
    description: description && summary ? `${description}\n${summary}` : (description ?? summary),
    properties: properties(str(p['sourceInfo']), comment),
    related,
    line,
  });
}

/** The last part of a path (`./bin/avp.exe` -> `avp.exe`). */
function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

/**
 * An SPDX file or snippet as an uncounted element: its name (a file's path, with its base name as another name),
 * contributors, copyright, licences and checksums, for the rules to test.
 */
function readFileLike(f: Obj, kind: 'file' | 'snippet', line: number | undefined, serial: number): Component {
  const name = (kind === 'file' ? str(f['fileName']) : (str(f['name']) ?? str(f['snippetFromFile']))) ?? '';
  const ref = str(f['SPDXID']) ?? `ictscan:${kind}:${serial}`;
  let parties: Party[] | undefined;
  for (const c of listOf(f['fileContributors'])) {
    const who = str(c);
    if (who) parties = append(parties, { role: 'author', name: who });
  }
  const copyright = spdxStr(f['copyrightText']);
  if (copyright) parties = append(parties, { role: 'copyright', name: copyright });
  let licenses = addLicense(undefined, str(f['licenseConcluded']));
  for (const t of listOf(f[kind === 'file' ? 'licenseInfoInFiles' : 'licenseInfoInSnippets'])) {
    const text = spdxStr(t);
    if (text && !licenses?.some((l) => l.text === text)) licenses = addLicense(licenses, text);
  }
  const base = baseName(name);
  const related: RelatedIdentity[] | undefined = base && base !== name ? [{ via: `${kind === 'file' ? 'fileName' : 'name'} (base name)`, name: base, cpes: [], parties: [], externalRefs: [] }] : undefined;
  const comment = str(f['comment']);
  const notice = str(f['noticeText']);
  return makeComponent({
    ref,
    name,
    type: kind,
    parties,
    licenses,
    hashes: hashes(f),
    description: notice,
    properties: properties(undefined, comment),
    related,
    line,
  });
}

/** The elements a document names as what it describes, each once, in order. */
function describedIds(doc: Obj): string[] {
  const described: string[] = [];
  for (const d of arr(doc['documentDescribes'])) {
    const s = str(d);
    if (s && !described.includes(s)) described.push(s);
  }
  return described;
}

/** Files and snippets are not read as components, but they are elements the document defines. */
function definedIds(doc: Obj, docId: string): Set<string> {
  const defined = new Set<string>([docId]);
  for (const key of ['files', 'snippets']) {
    for (const f of arr(doc[key])) {
      const id = str(obj(f)?.['SPDXID']);
      if (id) defined.add(id);
    }
  }
  return defined;
}

/** The root: the one described package, or the document itself (described packages as its dependencies) when several. */
function rootOf(described: readonly string[], docId: string, refs: RefRegistry, edges: EdgeSet): string | undefined {
  const describedPackages = described.filter((d) => refs.has(d));
  if (describedPackages.length === 1) return describedPackages[0];
  if (describedPackages.length === 0) return undefined;
  for (const d of describedPackages) edges.add(docId, d);
  return docId;
}

/**
 * An SPDX 2.x document in its JSON shape, read in two steps: the packages one by one, then the rest. A reader
 * that sees one package at a time (tag-value) hands each over as soon as it ends, so no package list is kept.
 */
export class SpdxReader {
  private readonly refs = new RefRegistry('package');
  private readonly warnings: string[] = [];
  private readonly components: Component[] = [];
  /** Files and snippets: matched, not counted. */
  private readonly elements: Component[] = [];
  private readonly purls = new PurlTally();

  /** The next package, with the 1-based line it starts on when known. */
  addPackage(p: Obj, line: number | undefined): void {
    this.components.push(readPackage(p, this.refs, this.warnings, line, this.purls));
  }

  /** A file or snippet (JSON shape), matched like a package but not counted among the components. */
  addFileLike(f: Obj, kind: 'file' | 'snippet', line: number | undefined): void {
    this.elements.push(readFileLike(f, kind, line, this.elements.length + 1));
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** The document from its relationships and other top-level fields, once every package is added (`packages` is not read). */
  finish(doc: Obj, format: SbomFormat, specVersion: string): SbomDocument {
    const docId = str(doc['SPDXID']) ?? 'SPDXRef-DOCUMENT';
    const described = describedIds(doc);
    const edges = new EdgeSet();
    const relationships = arr(doc['relationships']);
    this.readRelationships(relationships, docId, described, edges, definedIds(doc, docId));
    const rootRef = rootOf(described, docId, this.refs, edges);
    return {
      format,
      specVersion,
      ...(rootRef !== undefined && { rootRef }),
      components: this.components,
      services: [],
      ...(this.elements.length > 0 && { elements: this.elements }),
      edges: edges.toMap(),
      warnings: [...this.refs.warnings(relationships.length > 0), ...this.warnings, ...this.purls.warnings()],
    };
  }

  /** Dependency edges into `edges`; DESCRIBES of the document into `described`. */
  private readRelationships(relationships: readonly unknown[], docId: string, described: string[], edges: EdgeSet, defined: ReadonlySet<string>): void {
    let unknownRefs = 0;
    let example: string | undefined;
    for (const r of relationships) {
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
        if (this.refs.has(end) || defined.has(end) || end.startsWith('DocumentRef-')) continue;
        unknownRefs++;
        example ??= end;
      }
      if (dir === 'forward') edges.add(a, b);
      else edges.add(b, a);
    }
    if (unknownRefs > 0) this.warnings.push(`${unknownRefs} relationship end(s) name an SPDX element the document does not define (e.g. "${example ?? ''}")`);
  }
}

/** Read an SPDX 2.x document given in its JSON shape. */
export function normalizeSpdx(doc: Obj, format: SbomFormat, specVersion: string, options: SpdxOptions = {}): SbomDocument {
  const reader = new SpdxReader();
  const packages = arr(doc['packages']);
  for (const p of packages) {
    const po = obj(p);
    if (po) reader.addPackage(po, options.lineOf?.(po));
    else reader.warn('a package entry that is not an object was skipped');
  }
  // Package entries none of which could be read: the document must not pass as one without packages.
  if (packages.length > 0 && !packages.some((p) => obj(p))) throw new InputError('malformed', `lists ${packages.length} package entr${packages.length === 1 ? 'y' : 'ies'}, none of which is a package object`);
  for (const [key, kind] of [['files', 'file'], ['snippets', 'snippet']] as const) {
    for (const f of arr(doc[key])) {
      const fo = obj(f);
      if (fo) reader.addFileLike(fo, kind, options.lineOf?.(fo));
      else reader.warn(`a ${kind} entry that is not an object was skipped`);
    }
  }
  return reader.finish(doc, format, specVersion);
}
