// CycloneDX XML 1.0-1.7: the element tree mapped onto the CycloneDX JSON shape, then normalized like JSON.
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { lineIndex } from '../lines.js';
import type { Obj } from '../untrusted.js';
import { kid, kids, kidText, parseXml, sniffRoot, type XmlElement } from '../xml.js';
import { normalizeCycloneDx } from './normalize.js';

const NS_PREFIX = 'http://cyclonedx.org/schema/bom/';
const KNOWN = new Set(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);
/** CycloneDX 1.1 kept the dependency graph in an extension namespace. */
const DEPENDENCY_GRAPH_NS = 'http://cyclonedx.org/schema/ext/dependency-graph/1.0';
/** Nested `<dependency>` elements deeper than this are not followed (stack safety). */
const MAX_DEPENDENCY_DEPTH = 200;

const COMPONENT_STRINGS = ['name', 'group', 'version', 'description', 'scope', 'publisher', 'author', 'copyright', 'cpe', 'purl'] as const;

/** Builds the JSON shape for one namespace, remembering where each component's start tag was. */
class Mapper {
  // A Map, not a WeakMap: it lives only as long as this read, and 100,000 ephemerons make every GC slower.
  readonly offsets = new Map<Obj, number>();

  constructor(private readonly ns: string) {}

  private text(el: XmlElement | undefined, local: string): string | undefined {
    return kidText(el, this.ns, local);
  }

  private texts(el: XmlElement | undefined, local: string): string[] {
    if (!el) return [];
    return kids(el, this.ns, local).flatMap((c) => (c.text ? [c.text] : []));
  }

  /** Copy the named text children into an object, leaving absent ones out. */
  private strings(el: XmlElement, names: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const n of names) {
      const v = this.text(el, n);
      if (v !== undefined) out[n] = v;
    }
    return out;
  }

  private organization(el: XmlElement | undefined): Obj | undefined {
    if (!el) return undefined;
    return {
      ...this.strings(el, ['name']),
      url: this.texts(el, 'url'),
      contact: kids(el, this.ns, 'contact').map((c) => this.strings(c, ['name', 'email', 'phone'])),
    };
  }

  private authors(el: XmlElement | undefined): Obj[] {
    if (!el) return [];
    return kids(el, this.ns, 'author').map((a) => this.strings(a, ['name', 'email', 'phone']));
  }

  private licenses(el: XmlElement | undefined): Obj[] {
    if (!el) return [];
    const out: Obj[] = [];
    for (const c of el.children) {
      if (c.ns !== this.ns) continue;
      if (c.local === 'expression' && c.text) out.push({ expression: c.text });
      else if (c.local === 'license') out.push({ license: this.strings(c, ['id', 'name', 'url']) });
    }
    return out;
  }

  private hashes(el: XmlElement | undefined): Obj[] {
    if (!el) return [];
    return kids(el, this.ns, 'hash').map((h) => ({ alg: h.attrs['alg'], content: h.text }));
  }

  private externalReferences(el: XmlElement | undefined): Obj[] {
    if (!el) return [];
    return kids(el, this.ns, 'reference').map((r) => ({ type: r.attrs['type'], ...this.strings(r, ['url', 'comment']) }));
  }

  private properties(el: XmlElement | undefined): Obj[] {
    if (!el) return [];
    return kids(el, this.ns, 'property').map((p) => ({ name: p.attrs['name'], value: p.text }));
  }

  private evidence(el: XmlElement | undefined): Obj | undefined {
    if (!el) return undefined;
    // 1.5 allows one <identity>, 1.6 repeats it: the JSON shape takes an array either way.
    return { identity: kids(el, this.ns, 'identity').map((i) => this.strings(i, ['field', 'concludedValue', 'confidence'])) };
  }

  private pedigree(el: XmlElement | undefined): Obj | undefined {
    if (!el) return undefined;
    const list = (local: string): Obj[] => {
      const wrapper = kid(el, this.ns, local);
      return wrapper ? kids(wrapper, this.ns, 'component').map((c) => this.component(c)) : [];
    };
    return { ancestors: list('ancestors'), descendants: list('descendants'), variants: list('variants') };
  }

  /** The first child element of each local name in this namespace: one pass instead of a search per field. */
  private firstKids(el: XmlElement): Map<string, XmlElement> {
    const first = new Map<string, XmlElement>();
    for (const c of el.children) if (c.ns === this.ns && !first.has(c.local)) first.set(c.local, c);
    return first;
  }

  /** One <component> (nested components included) in the JSON shape. */
  component(el: XmlElement): Obj {
    const first = this.firstKids(el);
    const nested = first.get('components');
    const swid = first.get('swid');
    const strings: Record<string, string> = {};
    for (const n of COMPONENT_STRINGS) {
      const v = first.get(n)?.text;
      if (v) strings[n] = v;
    }
    const shape: Obj = {
      type: el.attrs['type'],
      'bom-ref': el.attrs['bom-ref'],
      ...strings,
      supplier: this.organization(first.get('supplier')),
      manufacturer: this.organization(first.get('manufacturer')),
      authors: this.authors(first.get('authors')),
      licenses: this.licenses(first.get('licenses')),
      hashes: this.hashes(first.get('hashes')),
      externalReferences: this.externalReferences(first.get('externalReferences')),
      properties: this.properties(first.get('properties')),
      evidence: this.evidence(first.get('evidence')),
      pedigree: this.pedigree(first.get('pedigree')),
      swid: swid ? { ...swid.attrs } : undefined,
      omniborId: this.texts(el, 'omniborId'),
      swhid: this.texts(el, 'swhid'),
      components: nested ? kids(nested, this.ns, 'component').map((c) => this.component(c)) : [],
    };
    if (el.offset !== undefined) this.offsets.set(shape, el.offset);
    return shape;
  }

  service(el: XmlElement): Obj {
    const nested = kid(el, this.ns, 'services');
    const shape: Obj = {
      'bom-ref': el.attrs['bom-ref'],
      ...this.strings(el, ['name', 'group', 'version', 'description']),
      provider: this.organization(kid(el, this.ns, 'provider')),
      endpoints: this.texts(kid(el, this.ns, 'endpoints'), 'endpoint'),
      licenses: this.licenses(kid(el, this.ns, 'licenses')),
      externalReferences: this.externalReferences(kid(el, this.ns, 'externalReferences')),
      properties: this.properties(kid(el, this.ns, 'properties')),
      services: nested ? kids(nested, this.ns, 'service').map((s) => this.service(s)) : [],
    };
    if (el.offset !== undefined) this.offsets.set(shape, el.offset);
    return shape;
  }

  /** `<dependency ref>` elements nest: each level lists what its ref depends on (old files nest deeper). */
  dependencies(wrapper: XmlElement | undefined, ns: string, out: Obj[], depth = 0): void {
    if (!wrapper || depth > MAX_DEPENDENCY_DEPTH) return;
    for (const d of kids(wrapper, ns, 'dependency')) {
      const ref = d.attrs['ref'];
      const inner = kids(d, ns, 'dependency');
      // A nested leaf only names a target; listing it again as an entry of its own would add nothing.
      if (ref !== undefined && (depth === 0 || inner.length > 0)) out.push({ ref, dependsOn: inner.flatMap((i) => (i.attrs['ref'] !== undefined ? [i.attrs['ref']] : [])) });
      this.dependencies(d, ns, out, depth + 1);
    }
  }

  bom(root: XmlElement): Obj {
    const metadata = kid(root, this.ns, 'metadata');
    const metaComponent = kid(metadata, this.ns, 'component');
    const components = kid(root, this.ns, 'components');
    const services = kid(root, this.ns, 'services');
    const dependencies: Obj[] = [];
    this.dependencies(kid(root, this.ns, 'dependencies'), this.ns, dependencies);
    this.dependencies(kid(root, DEPENDENCY_GRAPH_NS, 'dependencies'), DEPENDENCY_GRAPH_NS, dependencies);
    return {
      serialNumber: root.attrs['serialNumber'],
      version: root.attrs['version'],
      metadata: metadata ? { component: metaComponent ? this.component(metaComponent) : undefined } : undefined,
      components: components ? kids(components, this.ns, 'component').map((c) => this.component(c)) : [],
      services: services ? kids(services, this.ns, 'service').map((s) => this.service(s)) : [],
      dependencies,
    };
  }
}

export const cyclonedxXml: SbomParser = {
  format: 'cyclonedx-xml',
  description: 'CycloneDX XML 1.0-1.7',
  detect(input) {
    if (input.head !== '<') return undefined;
    const root = sniffRoot(input.text);
    if (!root || root.local !== 'bom' || !root.ns.startsWith(NS_PREFIX)) return undefined;
    return { specVersion: root.ns.slice(NS_PREFIX.length) };
  },
  parse(input, detection) {
    const root = parseXml(input.text);
    const ns = root.ns;
    if (root.local !== 'bom' || !ns.startsWith(NS_PREFIX)) {
      throw new InputError('not-an-sbom', `is XML with root element <${root.local}> in namespace "${ns}", not a CycloneDX <bom>`);
    }
    const version = ns.slice(NS_PREFIX.length) || detection.specVersion;
    if (!KNOWN.has(version)) {
      throw new InputError('unsupported-version', `uses the CycloneDX namespace "${ns}", which names no CycloneDX version ictscan knows (1.0-1.7)`);
    }
    const mapper = new Mapper(ns);
    const shape = mapper.bom(root);
    const line = input.nested ? undefined : lineIndex(input.text);
    return normalizeCycloneDx(shape, 'cyclonedx-xml', version, {
      lineOf: (c) => {
        const offset = mapper.offsets.get(c);
        return offset !== undefined && line ? line(offset) : undefined;
      },
    });
  },
};
