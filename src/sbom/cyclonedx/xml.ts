// CycloneDX XML 1.0-1.7: each top-level entry mapped onto the CycloneDX JSON shape as it is parsed, then normalized like JSON.
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { MAX_IDENTIFIER } from '../limits.js';
import { lineIndex } from '../lines.js';
import type { Obj } from '../untrusted.js';
import { kid, kids, kidText, parseXml, sniffRoot, type XmlElement, type XmlMeasure } from '../xml.js';
import { normalizeCycloneDx } from './normalize.js';

const NS_PREFIX = 'http://cyclonedx.org/schema/bom/';
const KNOWN = new Set(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);
/** CycloneDX 1.1 kept the dependency graph in an extension namespace. */
const DEPENDENCY_GRAPH_NS = 'http://cyclonedx.org/schema/ext/dependency-graph/1.0';
/** As deep as the XML parser nests elements at all (src/sbom/xml.ts): every nested `<dependency>` is followed. */
const MAX_DEPENDENCY_DEPTH = 1000;

/** The text of an element, or undefined when absent or empty. */
function textOf(el: XmlElement | undefined): string | undefined {
  const t = el?.text;
  return t ? t : undefined;
}

/**
 * Where a mapped component's start tag was, kept on the object itself: a side table of 100,000 entries costs more.
 * A symbol, so that no field of the JSON shape can collide with it.
 */
const OFFSET = Symbol('offset');

type Located = Obj & { readonly [OFFSET]?: number };

/** The character offset of a mapped component's start tag. */
function offsetOf(shape: Obj): number | undefined {
  return (shape as Located)[OFFSET];
}

/**
 * The child elements a <component> is mapped from, found in one pass: the first of each name (as a lookup by name
 * would find it) and every omniborId and swhid. Fields, not a Map: there is one of these per component.
 */
class ComponentKids {
  name: XmlElement | undefined;
  group: XmlElement | undefined;
  version: XmlElement | undefined;
  description: XmlElement | undefined;
  cpe: XmlElement | undefined;
  purl: XmlElement | undefined;
  supplier: XmlElement | undefined;
  licenses: XmlElement | undefined;
  hashes: XmlElement | undefined;
  externalReferences: XmlElement | undefined;
  properties: XmlElement | undefined;
  components: XmlElement | undefined;
  /** Set when any of the fields below is: most components have none of them. */
  rare = false;
  scope: XmlElement | undefined;
  publisher: XmlElement | undefined;
  author: XmlElement | undefined;
  copyright: XmlElement | undefined;
  manufacturer: XmlElement | undefined;
  authors: XmlElement | undefined;
  evidence: XmlElement | undefined;
  pedigree: XmlElement | undefined;
  swid: XmlElement | undefined;
  omniborId: XmlElement[] | undefined;
  swhid: XmlElement[] | undefined;
  cryptoProperties: XmlElement | undefined;
  /** Children in the CycloneDX namespace this reader does not map, by name: reported, not dropped in silence. */
  unmapped: string[] | undefined;

  constructor(el: XmlElement, ns: string) {
    for (const c of el.children) if (c.ns === ns && !this.common(c)) this.other(c);
  }

  private common(c: XmlElement): boolean {
    switch (c.local) {
      case 'name': this.name ??= c; break;
      case 'group': this.group ??= c; break;
      case 'version': this.version ??= c; break;
      case 'description': this.description ??= c; break;
      case 'cpe': this.cpe ??= c; break;
      case 'purl': this.purl ??= c; break;
      case 'supplier': this.supplier ??= c; break;
      case 'licenses': this.licenses ??= c; break;
      case 'hashes': this.hashes ??= c; break;
      case 'externalReferences': this.externalReferences ??= c; break;
      case 'properties': this.properties ??= c; break;
      case 'components': this.components ??= c; break;
      default: return false;
    }
    return true;
  }

  private other(c: XmlElement): void {
    switch (c.local) {
      case 'scope': this.scope ??= c; break;
      case 'publisher': this.publisher ??= c; break;
      case 'author': this.author ??= c; break;
      case 'copyright': this.copyright ??= c; break;
      case 'manufacturer': this.manufacturer ??= c; break;
      case 'authors': this.authors ??= c; break;
      case 'evidence': this.evidence ??= c; break;
      case 'pedigree': this.pedigree ??= c; break;
      case 'swid': this.swid ??= c; break;
      case 'omniborId': (this.omniborId ??= []).push(c); break;
      case 'swhid': (this.swhid ??= []).push(c); break;
      case 'cryptoProperties': this.cryptoProperties ??= c; break;
      // Fields that name no one and nothing to match, or that the JSON reader does not read either.
      case 'modified': case 'releaseNotes': case 'modelCard': case 'data': case 'signature': case 'tags': case 'versionRange':
      case 'isExternal': case 'patentAssertions': return;
      default: (this.unmapped ??= []).push(c.local); break;
    }
    this.rare = true;
  }
}

/**
 * Builds the JSON shape for one namespace, each component remembering where its start tag was. A field whose
 * element is absent (or a list with nothing in it) is left undefined or out, which normalizeCycloneDx reads as it
 * reads an absent JSON field: the shapes of 100,000 components outlive the parse, so they carry nothing empty.
 */
class Mapper {
  /**
   * One copy of each categorical value (a component type, a hash algorithm, a licence id) rather than the
   * parser's fresh copy per component, all of which would outlive the parse. Bounded: distinct values stay unshared.
   */
  private readonly shared = new Map<string, string>();

  constructor(readonly ns: string) {}

  private share(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const known = this.shared.get(value);
    if (known !== undefined) return known;
    if (this.shared.size < 256) this.shared.set(value, value);
    return value;
  }

  private text(el: XmlElement | undefined, local: string): string | undefined {
    return kidText(el, this.ns, local);
  }

  /** The non-empty texts of some elements, or undefined when there are none. */
  private texts(els: readonly XmlElement[]): string[] | undefined {
    const full = els.filter((c) => c.text !== '');
    return full.length > 0 ? full.map((c) => c.text) : undefined;
  }

  /**
   * The children of one name mapped in document order, or undefined when there are none. One child (the usual
   * case) makes an array literal: V8 then learns that these arrays outlive the parse and allocates them where
   * long-lived objects go, instead of copying each one twice in young-generation collections.
   */
  private each(el: XmlElement | undefined, local: string, map: (c: XmlElement) => Obj): Obj[] | undefined {
    if (!el) return undefined;
    let first: XmlElement | undefined;
    for (const c of el.children) {
      if (c.ns !== this.ns || c.local !== local) continue;
      if (first) return kids(el, this.ns, local).map(map);
      first = c;
    }
    return first && [map(first)];
  }

  private organization(el: XmlElement | undefined): Obj | undefined {
    if (!el) return undefined;
    return {
      name: this.text(el, 'name'),
      url: this.texts(kids(el, this.ns, 'url')),
      contact: this.each(el, 'contact', (c) => this.person(c)),
    };
  }

  private person(el: XmlElement): Obj {
    return { name: this.text(el, 'name'), email: this.text(el, 'email'), phone: this.text(el, 'phone') };
  }

  private licenses(el: XmlElement | undefined): Obj[] | undefined {
    if (!el) return undefined;
    const entries = el.children.filter((c) => c.ns === this.ns && (c.local === 'license' || (c.local === 'expression' && c.text !== '')));
    const only = entries.length === 1 ? entries[0] : undefined;
    if (only) return [this.license(only)];
    return entries.length > 0 ? entries.map((c) => this.license(c)) : undefined;
  }

  private license(c: XmlElement): Obj {
    return c.local === 'license' ? { license: { id: this.share(this.text(c, 'id')), name: this.text(c, 'name'), url: this.text(c, 'url') } } : { expression: c.text };
  }

  private hashes(el: XmlElement | undefined): Obj[] | undefined {
    return this.each(el, 'hash', (h) => ({ alg: this.share(h.attrs['alg']), content: h.text }));
  }

  private externalReferences(el: XmlElement | undefined): Obj[] | undefined {
    return this.each(el, 'reference', (r) => ({ type: this.share(r.attrs['type']), url: this.text(r, 'url'), comment: this.text(r, 'comment') }));
  }

  private properties(el: XmlElement | undefined): Obj[] | undefined {
    return this.each(el, 'property', (p) => ({ name: this.share(p.attrs['name']), value: p.text }));
  }

  private evidence(el: XmlElement): Obj {
    // 1.5 allows one <identity>, 1.6 repeats it: the JSON shape takes an array either way.
    const identity = (i: XmlElement): Obj => ({ field: this.text(i, 'field'), concludedValue: this.text(i, 'concludedValue'), confidence: this.text(i, 'confidence') });
    const occurrences = kid(el, this.ns, 'occurrences');
    const copyright = kid(el, this.ns, 'copyright');
    return {
      identity: kids(el, this.ns, 'identity').map(identity),
      occurrences: occurrences ? kids(occurrences, this.ns, 'occurrence').map((o) => ({ location: this.text(o, 'location') })) : undefined,
      copyright: copyright ? kids(copyright, this.ns, 'text').map((t) => ({ text: t.text })) : undefined,
    };
  }

  private pedigree(el: XmlElement): Obj {
    const list = (local: string): Obj[] => {
      const wrapper = kid(el, this.ns, local);
      return wrapper ? kids(wrapper, this.ns, 'component').map((c) => this.component(c)) : [];
    };
    const commits = kid(el, this.ns, 'commits');
    const action = (a: XmlElement | undefined): Obj | undefined => a && { name: this.text(a, 'name'), email: this.text(a, 'email') };
    return {
      ancestors: list('ancestors'),
      descendants: list('descendants'),
      variants: list('variants'),
      commits: commits ? kids(commits, this.ns, 'commit').map((c) => ({ url: this.text(c, 'url'), author: action(kid(c, this.ns, 'author')), committer: action(kid(c, this.ns, 'committer')) })) : undefined,
    };
  }

  private cryptoProperties(el: XmlElement): Obj {
    const cert = kid(el, this.ns, 'certificateProperties');
    return { assetType: this.text(el, 'assetType'), certificateProperties: cert && { subjectName: this.text(cert, 'subjectName'), issuerName: this.text(cert, 'issuerName') } };
  }

  /** A list of components or services under a wrapper element (`<tools><components>`), mapped. */
  entries(wrapper: XmlElement | undefined, kind: 'component' | 'service'): Obj[] | undefined {
    return this.each(kid(wrapper, this.ns, `${kind}s`), kind, (c) => (kind === 'component' ? this.component(c) : this.service(c)));
  }

  /** What the subject-level metadata names besides the subject: its suppliers, makers and tools. */
  metadata(el: XmlElement): Obj {
    const tools = kid(el, this.ns, 'tools');
    const legacy = tools ? kids(tools, this.ns, 'tool') : [];
    const authors = kid(el, this.ns, 'authors');
    return {
      supplier: this.organization(kid(el, this.ns, 'supplier')),
      manufacture: this.organization(kid(el, this.ns, 'manufacture')),
      manufacturer: this.organization(kid(el, this.ns, 'manufacturer')),
      authors: authors ? kids(authors, this.ns, 'author').map((a) => this.person(a)) : undefined,
      tools: tools
        ? legacy.length > 0
          ? legacy.map((t) => ({ vendor: this.text(t, 'vendor'), name: this.text(t, 'name'), version: this.text(t, 'version') }))
          : { components: this.entries(tools, 'component'), services: this.entries(tools, 'service') }
        : undefined,
    };
  }

  annotation(el: XmlElement): Obj {
    const annotator = kid(el, this.ns, 'annotator');
    const individual = kid(annotator, this.ns, 'individual');
    const component = kid(annotator, this.ns, 'component');
    const service = kid(annotator, this.ns, 'service');
    return {
      'bom-ref': el.attrs['bom-ref'],
      text: this.text(el, 'text'),
      annotator: annotator && {
        organization: this.organization(kid(annotator, this.ns, 'organization')),
        individual: individual && this.person(individual),
        component: component && this.component(component),
        service: service && this.service(service),
      },
    };
  }

  /** One <component> (nested components included) in the JSON shape. */
  component(el: XmlElement): Obj {
    const k = new ComponentKids(el, this.ns);
    const shape: Record<string | symbol, unknown> = {
      type: this.share(el.attrs['type']),
      'bom-ref': el.attrs['bom-ref'],
      name: textOf(k.name),
      group: textOf(k.group),
      version: textOf(k.version),
      description: textOf(k.description),
      cpe: textOf(k.cpe),
      purl: textOf(k.purl),
      supplier: this.organization(k.supplier),
      licenses: this.licenses(k.licenses),
      hashes: this.hashes(k.hashes),
      externalReferences: this.externalReferences(k.externalReferences),
      properties: this.properties(k.properties),
      components: this.each(k.components, 'component', (c) => this.component(c)),
      [OFFSET]: el.offset,
    };
    if (k.rare) this.rareFields(shape, k);
    return shape;
  }

  /** Fields most components leave out, added only when there: each would otherwise cost every component a slot. */
  private rareFields(shape: Record<string, unknown>, k: ComponentKids): void {
    const strings = { scope: k.scope, publisher: k.publisher, author: k.author, copyright: k.copyright };
    for (const [name, el] of Object.entries(strings)) if (el?.text) shape[name] = el.text;
    if (k.manufacturer) shape['manufacturer'] = this.organization(k.manufacturer);
    if (k.authors) shape['authors'] = this.each(k.authors, 'author', (a) => this.person(a));
    if (k.evidence) shape['evidence'] = this.evidence(k.evidence);
    if (k.pedigree) shape['pedigree'] = this.pedigree(k.pedigree);
    if (k.swid) shape['swid'] = { ...k.swid.attrs };
    if (k.omniborId) shape['omniborId'] = this.texts(k.omniborId);
    if (k.swhid) shape['swhid'] = this.texts(k.swhid);
    if (k.cryptoProperties) shape['cryptoProperties'] = this.cryptoProperties(k.cryptoProperties);
    // An element this reader does not map keeps its name as a key, which the normalizer reports as not read.
    if (k.unmapped) for (const name of k.unmapped) if (!(name in shape)) shape[name] = true;
  }

  service(el: XmlElement): Obj {
    const nested = kid(el, this.ns, 'services');
    const endpoints = kid(el, this.ns, 'endpoints');
    const shape: Located = {
      'bom-ref': el.attrs['bom-ref'],
      name: this.text(el, 'name'),
      group: this.text(el, 'group'),
      version: this.text(el, 'version'),
      description: this.text(el, 'description'),
      provider: this.organization(kid(el, this.ns, 'provider')),
      endpoints: endpoints && this.texts(kids(endpoints, this.ns, 'endpoint')),
      licenses: this.licenses(kid(el, this.ns, 'licenses')),
      externalReferences: this.externalReferences(kid(el, this.ns, 'externalReferences')),
      properties: this.properties(kid(el, this.ns, 'properties')),
      services: this.each(nested, 'service', (s) => this.service(s)),
      [OFFSET]: el.offset,
    };
    return shape;
  }

  /**
   * One top-level `<dependency ref>` and those nested in it: each level lists what its ref depends on (old files
   * nest deeper). Entries come out in document order, each before those nested in it.
   */
  dependency(d: XmlElement, ns: string, out: Obj[], depth = 0): void {
    if (depth > MAX_DEPENDENCY_DEPTH) return;
    const ref = d.attrs['ref'];
    const inner = kids(d, ns, 'dependency');
    // A nested leaf only names a target; listing it again as an entry of its own would add nothing.
    if (ref !== undefined && (depth === 0 || inner.length > 0)) out.push({ ref, dependsOn: inner.flatMap((i) => (i.attrs['ref'] !== undefined ? [i.attrs['ref']] : [])) });
    for (const i of inner) this.dependency(i, ns, out, depth + 1);
  }
}

/**
 * The 1-based line of each offset asked for, counted on from the previous one: components are asked for in
 * document order (their start tags come in order, nested ones after their parent), so the text is read about
 * once and no index of every line is built. An offset before the previous one (a subject written after the
 * components) falls back to the index.
 */
function forwardLines(text: string): (offset: number) => number {
  let index: ((offset: number) => number) | undefined;
  let last = 0;
  let line = 1;
  let next = text.indexOf('\n');
  return (offset) => {
    if (index) return index(offset);
    if (offset < last) {
      index = lineIndex(text);
      return index(offset);
    }
    while (next !== -1 && next < offset) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    last = offset;
    return line;
  };
}

function isBom(root: XmlElement): boolean {
  return root.local === 'bom' && root.ns.startsWith(NS_PREFIX);
}

/** The first child of the root with one name: looked up once, since siblings that open later cannot change it. */
class FirstChild {
  private found: XmlElement | undefined;

  constructor(
    private readonly ns: string,
    private readonly local: string,
  ) {}

  is(root: XmlElement, el: XmlElement): boolean {
    if (el.ns !== this.ns || el.local !== this.local) return false;
    this.found ??= kid(root, this.ns, this.local);
    return this.found === el;
  }
}

/**
 * Reads a <bom> while it is parsed: each top-level component, service and dependency is mapped as its end tag
 * arrives and then dropped from the tree, so the document's tree never exists whole and each subtree dies young.
 * Only what the tree walk would have read is taken: the entries of the first wrapper of each kind under <bom>.
 */
class BomReader {
  readonly mapper: Mapper;
  private readonly components: Obj[] = [];
  private readonly services: Obj[] = [];
  private readonly dependencies: Obj[] = [];
  /** CycloneDX 1.1's extension graph, listed after the native one whatever the document order. */
  private readonly graphExtension: Obj[] = [];
  private readonly componentList: FirstChild;
  private readonly serviceList: FirstChild;
  private readonly dependencyList: FirstChild;
  private readonly graphExtensionList = new FirstChild(DEPENDENCY_GRAPH_NS, 'dependencies');

  constructor(readonly ns: string) {
    this.mapper = new Mapper(ns);
    this.componentList = new FirstChild(ns, 'components');
    this.serviceList = new FirstChild(ns, 'services');
    this.dependencyList = new FirstChild(ns, 'dependencies');
  }

  /** An element two levels under the root has ended: whether it was read (and may leave the tree). */
  closed(root: XmlElement, wrapper: XmlElement, el: XmlElement): boolean {
    const m = this.mapper;
    if (el.ns === this.ns) {
      if (el.local === 'component' && this.componentList.is(root, wrapper)) this.components.push(m.component(el));
      else if (el.local === 'service' && this.serviceList.is(root, wrapper)) this.services.push(m.service(el));
      else if (el.local === 'dependency' && this.dependencyList.is(root, wrapper)) m.dependency(el, this.ns, this.dependencies);
      else return false;
      return true;
    }
    if (el.ns !== DEPENDENCY_GRAPH_NS || el.local !== 'dependency' || !this.graphExtensionList.is(root, wrapper)) return false;
    m.dependency(el, DEPENDENCY_GRAPH_NS, this.graphExtension);
    return true;
  }

  /** The whole document in the JSON shape, once it has been read; the metadata subject is still in the tree. */
  bom(root: XmlElement): Obj {
    const m = this.mapper;
    const metadata = kid(root, this.ns, 'metadata');
    const metaComponent = kid(metadata, this.ns, 'component');
    const annotations = kid(root, this.ns, 'annotations');
    const formulation = kid(root, this.ns, 'formulation');
    const targets = kid(kid(root, this.ns, 'declarations'), this.ns, 'targets');
    const organizations = kid(targets, this.ns, 'organizations');
    return {
      serialNumber: root.attrs['serialNumber'],
      version: root.attrs['version'],
      metadata: metadata ? { ...m.metadata(metadata), component: metaComponent ? m.component(metaComponent) : undefined } : undefined,
      components: this.components,
      services: this.services,
      dependencies: [...this.dependencies, ...this.graphExtension],
      annotations: annotations ? kids(annotations, this.ns, 'annotation').map((a) => m.annotation(a)) : undefined,
      formulation: formulation ? kids(formulation, this.ns, 'formula').map((f) => ({ components: m.entries(f, 'component'), services: m.entries(f, 'service') })) : undefined,
      declarations: targets
        ? {
            targets: {
              organizations: organizations ? kids(organizations, this.ns, 'organization').map((o) => ({ name: kidText(o, this.ns, 'name') })) : undefined,
              components: m.entries(targets, 'component'),
              services: m.entries(targets, 'service'),
            },
          }
        : undefined,
    };
  }
}

/** Parse the document, reading a CycloneDX <bom> as it goes; the reader is undefined when the root is not one. */
function readDocument(text: string): { root: XmlElement; reader: BomReader | undefined; longest: number } {
  const measure: XmlMeasure = { longest: 0 };
  // Null once the root has turned out not to be a <bom>.
  let reader: BomReader | null | undefined;
  const root = parseXml(text, (el, ancestors) => {
    if (ancestors.length !== 2) return false;
    const bom = ancestors[0];
    const wrapper = ancestors[1];
    if (!bom || !wrapper) return false;
    if (reader === undefined) reader = isBom(bom) ? new BomReader(bom.ns) : null;
    return reader !== null && reader.closed(bom, wrapper, el);
  }, measure);
  return { root, reader: reader ?? undefined, longest: measure.longest };
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
    const read = readDocument(input.text);
    const root = read.root;
    const ns = root.ns;
    if (!isBom(root)) {
      throw new InputError('not-an-sbom', `is XML with root element <${root.local}> in namespace "${ns}", not a CycloneDX <bom>`);
    }
    const version = ns.slice(NS_PREFIX.length) || detection.specVersion;
    if (!KNOWN.has(version)) {
      throw new InputError('unsupported-version', `uses the CycloneDX namespace "${ns}", which names no CycloneDX version ictscan knows (1.0-1.7)`);
    }
    const reader = read.reader ?? new BomReader(ns);
    const shape = reader.bom(root);
    const line = input.nested ? undefined : forwardLines(input.text);
    return normalizeCycloneDx(shape, 'cyclonedx-xml', version, {
      // Every value of the shape is one element text or attribute value, all measured while parsing.
      mayHoldLongStrings: read.longest > MAX_IDENTIFIER,
      lineOf: (c) => {
        const offset = offsetOf(c);
        return offset !== undefined && line ? line(offset) : undefined;
      },
    });
  },
};
