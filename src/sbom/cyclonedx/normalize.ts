// CycloneDX in its JSON shape -> the normalized model. The XML reader maps its tree onto this shape too.
import type { Component, ComponentKind, ExternalRef, Hash, LicenseRef, Party, Property, RelatedIdentity } from '../../model/component.js';
import type { SbomDocument, SbomFormat } from '../../model/document.js';
import { EdgeSet, makeComponent, RefRegistry } from '../builder.js';
import { namedLicense, parseLicense } from '../license.js';
import { textParty } from '../party.js';
import { arr, obj, str, type Obj } from '../untrusted.js';
import { identityFromProperties } from '../properties.js';
import { MAX_IDENTIFIER, WITHIN_LIMITS } from '../limits.js';

/** The empty list every absent field shares: most components fill only a few lists, and large SBOMs have many components. */
const NONE: readonly never[] = Object.freeze([]);

/** A one-licence list per licence (licences repeat heavily), shared and frozen like NONE. */
const SINGLE_LICENSE = new WeakMap<LicenseRef, readonly LicenseRef[]>();

/** How deep nested components may go before the rest is reported instead of read (stack safety). */
const MAX_DEPTH = 200;

/** What a caller may add to the read; nothing here changes which components or edges come out. */
export interface CycloneDxOptions {
  /** The 1-based source line of a component object (XML start tags, JSON bom-ref keys). */
  readonly lineOf?: (component: Obj) => number | undefined;
  /**
   * Whether some string in the input may be longer than a length cap, so that each entry must be checked
   * (default). A JSON reader whose text has no such string says so, and skips a pass over every entry.
   */
  readonly mayHoldLongStrings?: boolean;
}

interface Ctx {
  readonly lineOf: ((component: Obj) => number | undefined) | undefined;
  readonly screen: boolean;
  readonly refs: RefRegistry;
  readonly edges: EdgeSet;
  readonly components: Component[];
  readonly services: Component[];
  readonly warnings: string[];
}

/** The parties an organisation names (itself and its contacts), added to `out`. */
function organization(role: Party['role'], v: unknown, out: Party[]): void {
  const o = obj(v);
  if (!o) return;
  const name = str(o['name']);
  const url = strsOf(o['url'])[0];
  if (name) out.push(url ? { role, name, url } : { role, name });
  for (const c of arr(o['contact'])) {
    const co = obj(c);
    if (!co) continue;
    const cn = str(co['name']);
    const email = str(co['email']);
    if (cn || email) out.push(email ? { role, name: cn ?? '', email } : { role, name: cn ?? '' });
  }
}

function strsOf(v: unknown): string[] {
  const out: string[] = [];
  for (const x of arr(v)) {
    const s = str(x);
    if (s) out.push(s);
  }
  return out;
}

/** A list of one or more values, sized to fit: a component built whole keeps its lists for the scan, and `[]` grown by push keeps room for 16. */
function fit<T>(out: T[]): readonly T[] {
  if (out.length === 0) return NONE;
  return out.length === 1 ? [out[0] as T] : out;
}

/** The parties of a component, and of a service its provider. */
function parties(c: Obj, kind: 'component' | 'service' = 'component'): readonly Party[] {
  // Named reads, not a loop over the keys: a keyed read with a changing key is the slowest kind, and this runs per entry.
  const any =
    c['supplier'] !== undefined ||
    c['manufacturer'] !== undefined ||
    c['publisher'] !== undefined ||
    c['author'] !== undefined ||
    c['authors'] !== undefined ||
    c['copyright'] !== undefined ||
    (kind === 'service' && c['provider'] !== undefined);
  if (!any) return NONE;
  const out: Party[] = [];
  organization('supplier', c['supplier'], out);
  organization('manufacturer', c['manufacturer'], out);
  const publisher = textParty('publisher', str(c['publisher']));
  if (publisher) out.push(publisher);
  const author = textParty('author', str(c['author']));
  if (author) out.push(author);
  for (const a of arr(c['authors'])) {
    const ao = obj(a);
    if (!ao) continue;
    const name = str(ao['name']) ?? '';
    const email = str(ao['email']);
    if (name || email) out.push(email ? { role: 'author', name, email } : { role: 'author', name });
  }
  const copyright = str(c['copyright']);
  if (copyright) out.push({ role: 'copyright', name: copyright });
  if (kind === 'service') organization('provider', c['provider'], out);
  return fit(out);
}

/**
 * Each entry of a list read by `one` (undefined skips it), as a list sized to fit. One entry, the usual case,
 * costs a one-element list and nothing else: the match reads these lists for every component of a large SBOM.
 */
function mapList<T>(v: unknown, one: (entry: unknown) => T | undefined): readonly T[] {
  if (v === undefined) return NONE;
  const list = arr(v);
  if (list.length === 1) {
    const x = one(list[0]);
    return x === undefined ? NONE : [x];
  }
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const x = one(list[i]);
    if (x !== undefined) (out ??= []).push(x);
  }
  return out ? fit(out) : NONE;
}

function license(entry: unknown): LicenseRef | undefined {
  const e = obj(entry);
  if (!e) return undefined;
  const expression = str(e['expression']);
  if (expression) return parseLicense(expression);
  const lic = obj(e['license']);
  if (!lic) return undefined;
  const id = str(lic['id']);
  const name = str(lic['name']);
  const ref = id ? parseLicense(id) : name ? namedLicense(name) : undefined;
  // The licence URL tells whose licence it is (a Kaspersky EULA page) even when the name says nothing.
  const url = str(lic['url']);
  if (url === undefined) return ref;
  return ref ? { ...ref, url } : { text: url, ids: [], parsed: false, url };
}

function licenses(v: unknown): readonly LicenseRef[] {
  const list = mapList(v, license);
  const l = list[0];
  if (list.length !== 1 || l === undefined) return list;
  // The common case, one licence id: its list is shared by every component that names it.
  let shared = SINGLE_LICENSE.get(l);
  if (!shared) {
    shared = Object.freeze([l]);
    SINGLE_LICENSE.set(l, shared);
  }
  return shared;
}

function hash(entry: unknown): Hash | undefined {
  const h = obj(entry);
  const alg = h && str(h['alg']);
  const content = h && str(h['content']);
  return alg && content ? { alg, content } : undefined;
}

function externalRef(entry: unknown): ExternalRef | undefined {
  const r = obj(entry);
  const url = r && str(r['url']);
  return r && url ? { type: str(r['type']) ?? 'other', url } : undefined;
}

function property(entry: unknown): Property | undefined {
  const p = obj(entry);
  const name = p && str(p['name']);
  return p && name ? { name, value: str(p['value']) ?? '' } : undefined;
}

function cpeList(c: Obj): readonly string[] {
  const cpe = str(c['cpe']);
  return cpe ? [cpe] : NONE;
}

/** Identity carried by evidence.identity (an object in 1.5, an array in 1.6+). */
function evidenceIdentity(c: Obj): RelatedIdentity[] {
  const ev = obj(c['evidence']);
  if (!ev) return [];
  const out: RelatedIdentity[] = [];
  arr(ev['identity']).forEach((idv, i) => {
    const id = obj(idv);
    if (!id) return;
    const field = str(id['field']);
    const value = str(id['concludedValue']);
    if (!field || !value) return;
    const via = `evidence.identity[${i}]`;
    switch (field) {
      case 'purl':
        out.push({ via, purl: value, cpes: [], parties: [], externalRefs: [] });
        break;
      case 'cpe':
        out.push({ via, cpes: [value], parties: [], externalRefs: [] });
        break;
      case 'name':
        out.push({ via, name: value, cpes: [], parties: [], externalRefs: [] });
        break;
      case 'group':
        out.push({ via, group: value, cpes: [], parties: [], externalRefs: [] });
        break;
      default:
        break;
    }
  });
  return out;
}

/** The identifying fields of a component-shaped object, as extra identity of another component. */
function identityOf(c: Obj, via: string): RelatedIdentity {
  const name = str(c['name']);
  const group = str(c['group']);
  const version = str(c['version']);
  const purl = str(c['purl']);
  return {
    via,
    ...(name !== undefined && { name }),
    ...(group !== undefined && { group }),
    ...(version !== undefined && { version }),
    ...(purl !== undefined && { purl }),
    cpes: cpeList(c),
    parties: parties(c),
    externalRefs: mapList(c['externalReferences'], externalRef),
  };
}

function ancestors(c: Obj, path: string, depth: number): RelatedIdentity[] {
  const ped = obj(c['pedigree']);
  if (!ped || depth > 8) return [];
  const out: RelatedIdentity[] = [];
  arr(ped['ancestors']).forEach((a, i) => {
    const ao = obj(a);
    if (!ao) return;
    const via = `${path}pedigree.ancestors[${i}]`;
    out.push(identityOf(ao, via), ...ancestors(ao, `${via}.`, depth + 1));
  });
  return out;
}

/** The extra identity of an entry: pedigree ancestors, evidence.identity and tool properties. */
function relatedOf(c: Obj, props: readonly Property[]): readonly RelatedIdentity[] {
  if (c['pedigree'] === undefined && c['evidence'] === undefined && props.length === 0) return NONE;
  const all = [...ancestors(c, '', 0), ...evidenceIdentity(c), ...identityFromProperties(props)];
  return all.length > 0 ? all : NONE;
}

/**
 * A component read from its entry on demand. A large SBOM's components are each read about twice (the match,
 * and the plan for the few flagged), so keeping every list built for the whole scan cost more than reading again:
 * the lists outlived the read and every garbage collection copied them. Only entries whose strings all fit the
 * length caps are read this way; the others are built whole and capped.
 */
class EntryComponent implements Component {
  /** Private, so the raw entry shows up in no spread, key list or serialization of the component. */
  readonly #entry: Obj;

  constructor(
    entry: Obj,
    readonly ref: string,
    readonly kind: ComponentKind,
    readonly parentRef: string | undefined,
    readonly line: number | undefined,
  ) {
    this.#entry = entry;
  }

  /** Serialized as the whole component it reads as. */
  toJSON(): Component {
    return makeComponent(this);
  }

  get [WITHIN_LIMITS](): boolean {
    return true;
  }
  get name(): string {
    return str(this.#entry['name']) ?? '';
  }
  get group(): string | undefined {
    return str(this.#entry['group']);
  }
  get version(): string | undefined {
    return str(this.#entry['version']);
  }
  get type(): string | undefined {
    return this.kind === 'service' ? 'service' : str(this.#entry['type'])?.toLowerCase();
  }
  get purl(): string | undefined {
    return str(this.#entry['purl']);
  }
  get cpes(): readonly string[] {
    return cpeList(this.#entry);
  }
  get parties(): readonly Party[] {
    return parties(this.#entry, this.kind);
  }
  get licenses(): readonly LicenseRef[] {
    return licenses(this.#entry['licenses']);
  }
  get hashes(): readonly Hash[] {
    return mapList(this.#entry['hashes'], hash);
  }
  get externalRefs(): readonly ExternalRef[] {
    return mapList(this.#entry['externalReferences'], externalRef);
  }
  get description(): string | undefined {
    return str(this.#entry['description']);
  }
  get properties(): readonly Property[] {
    return mapList(this.#entry['properties'], property);
  }
  get endpoints(): readonly string[] {
    return this.kind === 'service' ? strsOf(this.#entry['endpoints']) : NONE;
  }
  get related(): readonly RelatedIdentity[] {
    return relatedOf(this.#entry, this.properties);
  }
  get scope(): string | undefined {
    return str(this.#entry['scope']);
  }
}

/** How deep `fitsLimits` looks before it answers "maybe not" (the whole read, which has its own bounds, then checks). */
const SCREEN_DEPTH = 16;

/** Whether every string in an entry (its nested components and services aside) fits the shortest length cap. */
function fitsLimits(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v.length <= MAX_IDENTIFIER;
  if (typeof v !== 'object' || v === null) return true;
  if (depth > SCREEN_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!fitsLimits(v[i], depth + 1)) return false;
    return true;
  }
  for (const k in v) {
    if (depth === 0 && (k === 'components' || k === 'services')) continue;
    if (!fitsLimits((v as Obj)[k], depth + 1)) return false;
  }
  return true;
}

/**
 * Whether the type, which is read lower-cased, becomes longer than a cap by that alone: lower-casing can double a
 * string's length (U+0130), so a type the screens passed may still need the whole read and its caps.
 */
function typeGrows(c: Obj): boolean {
  const type = c['type'];
  return typeof type === 'string' && type.length > MAX_IDENTIFIER / 2 && type.toLowerCase().length > MAX_IDENTIFIER;
}

function readComponent(ctx: Ctx, c: Obj, parentRef: string | undefined, kind: 'component' | 'service', whole = false): Component {
  const name = str(c['name']) ?? '';
  if (!name) ctx.warnings.push(`a ${kind} without a name${str(c['bom-ref']) ? ` (bom-ref "${str(c['bom-ref'])}")` : ''}`);
  const ref = ctx.refs.take(str(c['bom-ref']), name || '(unnamed)');
  const entry = new EntryComponent(c, ref, kind, parentRef, ctx.lineOf?.(c));
  if (!whole && (!ctx.screen || fitsLimits(c, 0)) && !typeGrows(c)) return entry;
  // Built whole from the same reading, for the length caps to check and truncate (or for a root to extend).
  return makeComponent(entry);
}

function subjectParts(list: unknown, path: string, depth: number): RelatedIdentity[] {
  const out: RelatedIdentity[] = [];
  if (depth > MAX_DEPTH) return out;
  arr(list).forEach((entry, i) => {
    const c = obj(entry);
    if (!c) return;
    const via = `${path}[${i}]`;
    out.push(identityOf(c, via), ...subjectParts(c['components'], `${via}.components`, depth + 1));
  });
  return out;
}

function walk(ctx: Ctx, list: unknown, parentRef: string | undefined, kind: 'component' | 'service', key: string, depth: number): void {
  const entries = arr(list);
  for (let i = 0; i < entries.length; i++) {
    const c = obj(entries[i]);
    if (!c) {
      ctx.warnings.push(`a ${kind} entry that is not an object was skipped`);
      continue;
    }
    const comp = readComponent(ctx, c, parentRef, kind);
    (kind === 'service' ? ctx.services : ctx.components).push(comp);
    // A nested component is part of its parent: the parent reaches it even when `dependencies` omits it.
    if (parentRef !== undefined) ctx.edges.add(parentRef, comp.ref);
    // One read of the nested list, which almost no entry has.
    const nested = c[key];
    if (nested === undefined) continue;
    if (depth >= MAX_DEPTH) {
      if (arr(nested).length > 0) ctx.warnings.push(`${kind}s nested deeper than ${MAX_DEPTH} levels under "${comp.ref}" were not read`);
      continue;
    }
    walk(ctx, nested, comp.ref, kind, key, depth + 1);
  }
}

const BOM_LINK = /^urn:cdx:([0-9a-f-]{36})\/(\d+)#(.+)$/i;

/**
 * A BOM-Link (`urn:cdx:serial/version#ref`) to this very document is its local ref; a link to another
 * document stays as written (and counts as a reference to nothing here).
 */
function localRef(ref: string, serial: string | undefined): string {
  if (!ref.startsWith('urn:cdx:')) return ref;
  const m = BOM_LINK.exec(ref);
  if (!m?.[1] || m[3] === undefined || serial === undefined || `urn:uuid:${m[1].toLowerCase()}` !== serial.toLowerCase()) return ref;
  try {
    return decodeURIComponent(m[3]);
  } catch {
    return m[3];
  }
}

/** Read a CycloneDX document given in its JSON shape. */
export function normalizeCycloneDx(bom: Obj, format: SbomFormat, specVersion: string, options: CycloneDxOptions = {}): SbomDocument {
  const refs = new RefRegistry('component');
  const ctx: Ctx = { lineOf: options.lineOf, screen: options.mayHoldLongStrings ?? true, refs, edges: new EdgeSet(), components: [], services: [], warnings: [] };
  const serial = str(bom['serialNumber']);
  const metadata = obj(bom['metadata']);
  const rootObj = metadata ? obj(metadata['component']) : undefined;
  let root = rootObj ? readComponent(ctx, rootObj, undefined, 'component', true) : undefined;
  // Components nested in the subject are parts of the subject itself: not counted, but matched as the subject's identity.
  if (rootObj && root) {
    const parts = subjectParts(rootObj['components'], 'metadata.component.components', 0);
    if (parts.length > 0) root = { ...root, related: [...root.related, ...parts] };
  }
  walk(ctx, bom['components'], undefined, 'component', 'components', 0);
  walk(ctx, bom['services'], undefined, 'service', 'services', 0);

  let dangling = 0;
  let example: string | undefined;
  const unknown = (ref: string): void => {
    if (refs.has(ref)) return;
    dangling++;
    example ??= ref;
  };
  for (const d of arr(bom['dependencies'])) {
    const dep = obj(d);
    const written = dep && str(dep['ref']);
    if (!dep || !written) continue;
    const from = localRef(written, serial);
    unknown(from);
    for (const t of arr(dep['dependsOn'])) {
      const target = str(t);
      if (!target) continue;
      const to = localRef(target, serial);
      unknown(to);
      ctx.edges.add(from, to);
    }
  }
  if (dangling > 0) ctx.warnings.push(`${dangling} dependency reference(s) name a bom-ref that no component has (e.g. "${example ?? ''}")`);
  const warnings = [...refs.warnings(arr(bom['dependencies']).length > 0), ...ctx.warnings];
  return {
    format,
    specVersion,
    ...(root && { rootRef: root.ref, root }),
    components: ctx.components,
    services: ctx.services,
    edges: ctx.edges.toMap(),
    warnings,
  };
}
