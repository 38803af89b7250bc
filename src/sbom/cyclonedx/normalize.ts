// CycloneDX in its JSON shape -> the normalized model. The XML reader maps its tree onto this shape too.
import type { Component, ComponentKind, ExternalRef, Hash, LicenseRef, Party, Property, RelatedIdentity } from '../../model/component.js';
import type { SbomDocument, SbomFormat } from '../../model/document.js';
import { EdgeSet, makeComponent, RefRegistry } from '../builder.js';
import { InputError } from '../errors.js';
import { namedLicense, parseLicense } from '../license.js';
import { textParty } from '../party.js';
import { arr, obj, str, type Obj } from '../untrusted.js';
import { identityFromProperties } from '../properties.js';
import { MAX_IDENTIFIER, WITHIN_LIMITS } from '../limits.js';
import { BOM_KEYS, COMPONENT_KEYS, METADATA_KEYS, SERVICE_KEYS } from './known.js';
import { PurlTally } from '../purl.js';

/** The empty list every absent field shares: most components fill only a few lists, and large SBOMs have many components. */
const NONE: readonly never[] = Object.freeze([]);

/** A one-licence list per licence (licences repeat heavily), shared and frozen like NONE. */
const SINGLE_LICENSE = new WeakMap<LicenseRef, readonly LicenseRef[]>();

/** How many levels of a nested path a `via` spells out; deeper ones name the first step, the last and the depth. */
const VIA_LEVELS = 4;

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
  /** Uncounted entries, matched like components (tools, formulation, annotations, …). */
  readonly elements: Component[];
  /** Refs of uncounted entries, so that dependencies naming them are not reported as dangling. */
  readonly elementRefs: Set<string>;
  readonly warnings: string[];
  /** Keys the reader does not understand, by where they were seen. */
  readonly unknown: UnknownKeys;
  readonly purls: PurlTally;
}

/** Keys no CycloneDX version defines, counted by place (`components[].x`), with an example entry each. */
class UnknownKeys {
  private readonly seen = new Map<string, { count: number; example: string }>();

  /** Every key of `o` that `known` does not list; `where` names the object kind, `label` the entry. */
  check(o: Obj, known: ReadonlySet<string>, where: string, label: () => string): void {
    for (const k in o) {
      if (known.has(k)) continue;
      const place = `${where}.${k}`;
      const cur = this.seen.get(place);
      if (cur) cur.count++;
      else this.seen.set(place, { count: 1, example: label() });
    }
  }

  warnings(): string[] {
    return [...this.seen].map(([place, { count, example }]) => `"${place}" is a field ictscan does not read (${count} entr${count === 1 ? 'y' : 'ies'}, e.g. ${example}); what it holds was not tested`);
  }
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
    c['cryptoProperties'] !== undefined ||
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
  certificateParties(c, out);
  return fit(out);
}

/** Relative distinguished names that name who a certificate belongs to (`CN = x, O = y`, or `/CN=x/O=y`). */
const RDN = /(?:^|[,;/+]|\s)\s*(CN|O|OU|commonName|organizationName|organizationalUnitName)\s*=\s*("(?:[^"\\]|\\.)*"|(?:[^,;/+\\]|\\.)*)/gi;

/** The names in a distinguished name, or the whole text when it has none (a bare `cyclonedx.org`). */
export function distinguishedNames(dn: string): string[] {
  const out: string[] = [];
  for (const m of dn.matchAll(RDN)) {
    const v = (m[2] ?? '').trim().replace(/^"|"$/g, '').replace(/\\(.)/g, '$1').trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out.length > 0 ? out : [dn];
}

/** A certificate's subject and issuer (CycloneDX 1.6+ cryptoProperties), as parties the rules can test. */
function certificateParties(c: Obj, out: Party[]): void {
  const crypto = obj(c['cryptoProperties']);
  const cert = crypto && obj(crypto['certificateProperties']);
  if (!cert) return;
  for (const [role, key] of [['certificate-subject', 'subjectName'], ['certificate-issuer', 'issuerName']] as const) {
    const dn = str(cert[key]);
    if (dn) for (const name of distinguishedNames(dn)) out.push({ role, name });
  }
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

/** The last part of a path (`C:\\Program Files\\x\\avp.exe` -> `avp.exe`). */
function baseName(location: string): string {
  const cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
  return cut >= 0 ? location.slice(cut + 1) : location;
}

/** Identity carried by evidence: identity (an object in 1.5, an array in 1.6+), occurrences and copyright. */
function evidenceIdentity(c: Obj): RelatedIdentity[] {
  const ev = obj(c['evidence']);
  if (!ev) return [];
  const out: RelatedIdentity[] = [];
  arr(ev['occurrences']).forEach((o, i) => {
    const location = str(obj(o)?.['location']);
    const name = location && baseName(location);
    if (name) out.push({ via: `evidence.occurrences[${i}] ${location}`, name, cpes: [], parties: [], externalRefs: [] });
  });
  arr(ev['copyright']).forEach((o, i) => {
    const text = str(obj(o)?.['text']);
    if (text) out.push({ via: `evidence.copyright[${i}]`, cpes: [], parties: [{ role: 'copyright', name: text }], externalRefs: [] });
  });
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

/** A path step under `parent`; past VIA_LEVELS the path keeps its first step, this step and the depth (a chain can be thousands deep). */
function viaOf(parent: { via: string; first: string; depth: number } | undefined, step: string): { via: string; first: string; depth: number } {
  if (!parent) return { via: step, first: step, depth: 1 };
  const depth = parent.depth + 1;
  return { via: depth <= VIA_LEVELS ? `${parent.via}.${step}` : `${parent.first}.….${step} (level ${depth})`, first: parent.first, depth };
}

const PEDIGREE_LISTS = ['ancestors', 'descendants', 'variants'] as const;

/**
 * Everything a component's pedigree names, at any depth and without recursion: ancestors, descendants and variants
 * (full components, with their own pedigree and nested components) and the people of its commits.
 */
function pedigreeIdentities(c: Obj): RelatedIdentity[] {
  const out: RelatedIdentity[] = [];
  type Step = { readonly entry: Obj; readonly at: { via: string; first: string; depth: number } | undefined };
  const stack: Step[] = [{ entry: c, at: undefined }];
  while (stack.length > 0) {
    const { entry, at } = stack.pop() as Step;
    const found: Step[] = [];
    const ped = obj(entry['pedigree']);
    if (ped) {
      for (const list of PEDIGREE_LISTS) {
        arr(ped[list]).forEach((a, i) => {
          const ao = obj(a);
          if (ao) found.push({ entry: ao, at: viaOf(at, `pedigree.${list}[${i}]`) });
        });
      }
      arr(ped['commits']).forEach((cm, i) => {
        const co = obj(cm);
        if (!co) return;
        const people: Party[] = [];
        for (const who of ['author', 'committer'] as const) {
          const p = obj(co[who]);
          const name = p && str(p['name']);
          const email = p && str(p['email']);
          if (name || email) people.push(email ? { role: 'author', name: name ?? '', email } : { role: 'author', name: name ?? '' });
        }
        const url = str(co['url']);
        if (people.length > 0 || url) out.push({ via: viaOf(at, `pedigree.commits[${i}]`).via, cpes: [], parties: people, externalRefs: url ? [{ type: 'vcs', url }] : [] });
      });
    }
    // Components nested in a pedigree component are part of it.
    if (at) {
      arr(entry['components']).forEach((n, i) => {
        const no = obj(n);
        if (no) found.push({ entry: no, at: viaOf(at, `components[${i}]`) });
      });
    }
    for (const f of found) if (f.at) out.push(identityOf(f.entry, f.at.via));
    // Reversed onto the stack, so that each entry's own pedigree comes right after it.
    for (let i = found.length - 1; i >= 0; i--) stack.push(found[i] as Step);
  }
  return out;
}

/** swid (tag id, name and URL): another name the component goes by. */
function swidIdentity(c: Obj): RelatedIdentity[] {
  const swid = obj(c['swid']);
  if (!swid) return [];
  const out: RelatedIdentity[] = [];
  const name = str(swid['name']);
  const tagId = str(swid['tagId']);
  const url = str(swid['url']);
  if (name || url) out.push({ via: 'swid', ...(name !== undefined && { name }), cpes: [], parties: [], externalRefs: url ? [{ type: 'swid', url }] : [] });
  if (tagId) out.push({ via: 'swid.tagId', name: tagId, cpes: [], parties: [], externalRefs: [] });
  return out;
}

/** The extra identity of an entry: its pedigree, evidence, swid and tool properties. */
function relatedOf(c: Obj, props: readonly Property[]): readonly RelatedIdentity[] {
  if (c['pedigree'] === undefined && c['evidence'] === undefined && c['swid'] === undefined && props.length === 0) return NONE;
  const all = [...pedigreeIdentities(c), ...evidenceIdentity(c), ...swidIdentity(c), ...identityFromProperties(props)];
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

/** The parts nested in the subject (metadata.component.components), at any depth, as its identity. */
function subjectParts(list: unknown): RelatedIdentity[] {
  const out: RelatedIdentity[] = [];
  type Step = { readonly entries: readonly unknown[]; readonly at: { via: string; first: string; depth: number } | undefined; i: number };
  const stack: Step[] = [{ entries: arr(list), at: undefined, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Step;
    if (top.i >= top.entries.length) {
      stack.pop();
      continue;
    }
    const i = top.i++;
    const c = obj(top.entries[i]);
    if (!c) continue;
    const at = viaOf(top.at ?? { via: 'metadata.component', first: 'metadata.component', depth: 1 }, `components[${i}]`);
    out.push(identityOf(c, at.via));
    if (c['components'] !== undefined) stack.push({ entries: arr(c['components']), at, i: 0 });
  }
  return out;
}

/** Where read entries go, and what their keys are checked against. */
interface Sink {
  readonly list: Component[];
  /** How the place of an unknown key is named (`components[]`, `metadata.tools.components[]`). */
  readonly where: string;
}

/**
 * Every entry of a list and the entries nested in them (`key`), at any depth and without recursion, in document
 * order (each entry before those nested in it).
 */
function walk(ctx: Ctx, list: unknown, kind: 'component' | 'service', key: 'components' | 'services', sink: Sink, parentRef?: string): void {
  type Level = { readonly entries: readonly unknown[]; readonly parentRef: string | undefined; i: number };
  const stack: Level[] = [{ entries: arr(list), parentRef, i: 0 }];
  const known = kind === 'service' ? SERVICE_KEYS : COMPONENT_KEYS;
  const uncounted = sink.list !== ctx.components && sink.list !== ctx.services;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Level;
    if (top.i >= top.entries.length) {
      stack.pop();
      continue;
    }
    const c = obj(top.entries[top.i++]);
    if (!c) {
      ctx.warnings.push(`a ${kind} entry that is not an object was skipped`);
      continue;
    }
    const comp = uncounted ? readElement(ctx, c, kind, top.parentRef) : readComponent(ctx, c, top.parentRef, kind);
    ctx.unknown.check(c, known, sink.where, () => `"${comp.name || comp.ref}"`);
    if (c['purl'] !== undefined) ctx.purls.check(str(c['purl']), comp.name);
    sink.list.push(comp);
    // A nested component is part of its parent: the parent reaches it even when `dependencies` omits it.
    if (top.parentRef !== undefined) ctx.edges.add(top.parentRef, comp.ref);
    // One read of the nested list, which almost no entry has.
    const nested = c[key];
    if (nested !== undefined) stack.push({ entries: arr(nested), parentRef: comp.ref, i: 0 });
  }
}

/** An entry matched like a component but not counted: its ref as written, or one made up for it. */
function readElement(ctx: Ctx, c: Obj, kind: 'component' | 'service', parentRef: string | undefined): Component {
  const written = str(c['bom-ref']);
  const ref = written ?? `ictscan:element:${ctx.elements.length + 1}`;
  if (written !== undefined) ctx.elementRefs.add(written);
  return makeComponent(new EntryComponent(c, ref, kind, parentRef, ctx.lineOf?.(c)));
}

/** An uncounted entry made from parts (an annotation, the BOM's makers). */
function madeElement(ctx: Ctx, name: string, type: string, parties: readonly Party[], description?: string, written?: string): Component {
  const ref = written ?? `ictscan:element:${ctx.elements.length + 1}`;
  if (written !== undefined) ctx.elementRefs.add(written);
  return makeComponent({ ref, name, type, parties, description });
}

/** A 1.2-1.4 tool (`{vendor, name, version, hashes, externalReferences}`) as a component entry. */
function legacyTool(t: Obj): Obj {
  const vendor = str(t['vendor']);
  return { type: 'application', name: t['name'], version: t['version'], hashes: t['hashes'], externalReferences: t['externalReferences'], ...(vendor !== undefined && { manufacturer: { name: vendor } }) };
}

/** The tools that made the BOM: a list of tools (1.2-1.4) or `{components, services}` (1.5+). */
function readTools(ctx: Ctx, tools: unknown): void {
  const shaped = obj(tools);
  if (shaped) {
    walk(ctx, shaped['components'], 'component', 'components', { list: ctx.elements, where: 'metadata.tools.components[]' });
    walk(ctx, shaped['services'], 'service', 'services', { list: ctx.elements, where: 'metadata.tools.services[]' });
    return;
  }
  const legacy = arr(tools).flatMap((t) => {
    const to = obj(t);
    return to ? [legacyTool(to)] : [];
  });
  walk(ctx, legacy, 'component', 'components', { list: ctx.elements, where: 'metadata.tools[]' });
}

/** The parties of an organizational entity or contact list, by role. */
function people(role: Party['role'], v: unknown): Party[] {
  const out: Party[] = [];
  for (const p of arr(v)) {
    const po = obj(p);
    if (!po) continue;
    const name = str(po['name']) ?? '';
    const email = str(po['email']);
    if (name || email) out.push(email ? { role, name, email } : { role, name });
  }
  return out;
}

/** Who made the BOM (metadata.manufacturer 1.6+, metadata.authors) and, without a subject to carry them, who supplied it. */
function metadataParties(ctx: Ctx, metadata: Obj, subject: boolean): { subjectParties: Party[] } {
  const subjectParties: Party[] = [];
  organization('supplier', metadata['supplier'], subjectParties);
  organization('manufacturer', metadata['manufacture'], subjectParties);
  const makers: Party[] = [];
  organization('manufacturer', metadata['manufacturer'], makers);
  makers.push(...people('author', metadata['authors']));
  if (!subject) makers.push(...subjectParties);
  if (makers.length > 0) ctx.elements.push(madeElement(ctx, 'BOM metadata', 'metadata', makers));
  return { subjectParties: subject ? subjectParties : [] };
}

/** Annotations (1.5+): who annotated (an organization, a person, a component or a service) and what they wrote. */
function readAnnotations(ctx: Ctx, list: unknown): void {
  arr(list).forEach((a, i) => {
    const ao = obj(a);
    if (!ao) return;
    const annotator = obj(ao['annotator']);
    const parties: Party[] = [];
    if (annotator) {
      organization('author', annotator['organization'], parties);
      parties.push(...people('author', annotator['individual']));
      walk(ctx, annotator['component'], 'component', 'components', { list: ctx.elements, where: 'annotations[].annotator.component' });
      walk(ctx, annotator['service'], 'service', 'services', { list: ctx.elements, where: 'annotations[].annotator.service' });
    }
    ctx.elements.push(madeElement(ctx, `annotation ${i + 1}`, 'annotation', parties, str(ao['text']), str(ao['bom-ref'])));
  });
}

/** Components and services that take part in building the product (formulation, 1.5+) or that a declaration is about (1.6+). */
function readFormulationAndDeclarations(ctx: Ctx, bom: Obj): void {
  for (const f of arr(bom['formulation'])) {
    const fo = obj(f);
    if (!fo) continue;
    walk(ctx, fo['components'], 'component', 'components', { list: ctx.elements, where: 'formulation[].components[]' });
    walk(ctx, fo['services'], 'service', 'services', { list: ctx.elements, where: 'formulation[].services[]' });
  }
  const targets = obj(obj(bom['declarations'])?.['targets']);
  if (!targets) return;
  walk(ctx, targets['components'], 'component', 'components', { list: ctx.elements, where: 'declarations.targets.components[]' });
  walk(ctx, targets['services'], 'service', 'services', { list: ctx.elements, where: 'declarations.targets.services[]' });
  const orgs: Party[] = [];
  for (const o of arr(targets['organizations'])) organization('supplier', o, orgs);
  if (orgs.length > 0) ctx.elements.push(madeElement(ctx, 'declaration targets', 'organization', orgs));
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
  const ctx: Ctx = {
    lineOf: options.lineOf,
    screen: options.mayHoldLongStrings ?? true,
    refs,
    edges: new EdgeSet(),
    components: [],
    services: [],
    elements: [],
    elementRefs: new Set(),
    warnings: [],
    unknown: new UnknownKeys(),
    purls: new PurlTally(),
  };
  ctx.unknown.check(bom, BOM_KEYS, 'bom', () => 'the document');
  const serial = str(bom['serialNumber']);
  const metadata = obj(bom['metadata']);
  const rootObj = metadata ? obj(metadata['component']) : undefined;
  let root = rootObj ? readComponent(ctx, rootObj, undefined, 'component', true) : undefined;
  if (rootObj) ctx.unknown.check(rootObj, COMPONENT_KEYS, 'metadata.component', () => `"${root?.name ?? ''}"`);
  // Components nested in the subject are parts of the subject itself: not counted, but matched as the subject's identity.
  if (rootObj && root) {
    const parts = subjectParts(rootObj['components']);
    if (parts.length > 0) root = { ...root, related: [...root.related, ...parts] };
  }
  if (metadata) {
    ctx.unknown.check(metadata, METADATA_KEYS, 'metadata', () => 'the metadata');
    const { subjectParties } = metadataParties(ctx, metadata, root !== undefined);
    if (root && subjectParties.length > 0) root = { ...root, parties: [...root.parties, ...subjectParties] };
    if (metadata['tools'] !== undefined) readTools(ctx, metadata['tools']);
  }
  walk(ctx, bom['components'], 'component', 'components', { list: ctx.components, where: 'components[]' });
  walk(ctx, bom['services'], 'service', 'services', { list: ctx.services, where: 'services[]' });
  // Component entries none of which could be read: the document must not pass as one without components.
  const listed = arr(bom['components']).length + arr(bom['services']).length;
  if (listed > 0 && ctx.components.length + ctx.services.length === 0) {
    throw new InputError('malformed', `lists ${listed} component or service entr${listed === 1 ? 'y' : 'ies'}, none of which is an object`);
  }
  if (bom['annotations'] !== undefined) readAnnotations(ctx, bom['annotations']);
  if (bom['formulation'] !== undefined || bom['declarations'] !== undefined) readFormulationAndDeclarations(ctx, bom);

  let dangling = 0;
  let example: string | undefined;
  const unknown = (ref: string): void => {
    if (refs.has(ref) || ctx.elementRefs.has(ref)) return;
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
  const warnings = [...refs.warnings(arr(bom['dependencies']).length > 0), ...ctx.warnings, ...ctx.unknown.warnings(), ...ctx.purls.warnings()];
  return {
    format,
    specVersion,
    ...(root && { rootRef: root.ref, root }),
    components: ctx.components,
    services: ctx.services,
    ...(ctx.elements.length > 0 && { elements: ctx.elements }),
    edges: ctx.edges.toMap(),
    warnings,
  };
}
