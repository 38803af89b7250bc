// SPDX 2.x RDF/XML: the RDF graph flattened by node id, mapped onto the SPDX JSON shape, normalized like JSON.
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { lineIndex } from '../lines.js';
import type { Obj } from '../untrusted.js';
import { parseXml, sniffRoot, XML_NS, type XmlElement } from '../xml.js';
import { normalizeSpdx, versionWarning } from './normalize.js';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const SPDX = 'http://spdx.org/rdf/terms#';
const DOAP = 'http://usefulinc.com/ns/doap#';
const LICENSES = ['http://spdx.org/licenses/', 'https://spdx.org/licenses/'];
/** License sets nest; deeper than this is not a real expression (and would exhaust the stack). */
const MAX_LICENSE_DEPTH = 50;
/** The longest licence expression read from licence sets; real ones are a few hundred characters. */
const MAX_LICENSE_TEXT = 65536;

type Value = { readonly literal: string } | { readonly node: string };

interface RdfNode {
  readonly id: string;
  readonly types: Set<string>;
  readonly props: Map<string, Value[]>;
  offset: number | undefined;
}

/** RDF/XML reduced to subjects with their properties, whether written inline or by reference. */
class Graph {
  readonly nodes = new Map<string, RdfNode>();
  private blank = 0;

  node(id: string): RdfNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, types: new Set(), props: new Map(), offset: undefined };
      this.nodes.set(id, n);
    }
    return n;
  }

  private add(n: RdfNode, predicate: string, v: Value): void {
    const list = n.props.get(predicate);
    if (list) list.push(v);
    else n.props.set(predicate, [v]);
  }

  /** A node element (typed, or rdf:Description); returns its id. */
  nodeElement(el: XmlElement): string {
    const about = el.attrs[`{${RDF}}about`];
    const nodeId = el.attrs[`{${RDF}}nodeID`];
    const rdfId = el.attrs[`{${RDF}}ID`];
    const id = about ?? (nodeId !== undefined ? `_:${nodeId}` : rdfId !== undefined ? `#${rdfId}` : `_:ictscan${++this.blank}`);
    const n = this.node(id);
    n.offset ??= el.offset;
    if (!(el.ns === RDF && el.local === 'Description')) n.types.add(el.ns + el.local);
    for (const [k, v] of Object.entries(el.attrs)) {
      // Property attributes: any qualified attribute outside the RDF and XML vocabularies.
      if (k.startsWith('{') && !k.startsWith(`{${RDF}}`) && !k.startsWith(`{${XML_NS}}`)) this.add(n, k.slice(1).replace('}', ''), { literal: v });
    }
    this.properties(n, el.children);
    return id;
  }

  private properties(n: RdfNode, children: readonly XmlElement[]): void {
    for (const p of children) {
      const predicate = p.ns + p.local;
      const resource = p.attrs[`{${RDF}}resource`];
      const nodeId = p.attrs[`{${RDF}}nodeID`];
      if (predicate === `${RDF}type` && resource !== undefined) {
        n.types.add(resource);
        continue;
      }
      if (resource !== undefined) this.add(n, predicate, { node: resource });
      else if (nodeId !== undefined) this.add(n, predicate, { node: `_:${nodeId}` });
      else if (p.attrs[`{${RDF}}parseType`] === 'Resource') {
        const inner = this.node(`_:ictscan${++this.blank}`);
        this.properties(inner, p.children);
        this.add(n, predicate, { node: inner.id });
      } else if (p.children.length > 0) {
        for (const c of p.children) this.add(n, predicate, { node: this.nodeElement(c) });
      } else this.add(n, predicate, { literal: p.text });
    }
  }

  ofType(type: string): RdfNode[] {
    return [...this.nodes.values()].filter((n) => n.types.has(type));
  }
}

function values(n: RdfNode | undefined, predicate: string): Value[] {
  return n?.props.get(predicate) ?? [];
}

/** The text of a literal, or the SPDX word for an enumeration IRI (`…#noassertion` → NOASSERTION). */
function literal(n: RdfNode | undefined, predicate: string): string | undefined {
  const v = values(n, predicate)[0];
  if (!v) return undefined;
  if ('literal' in v) return v.literal;
  return enumWord(v.node);
}

function enumWord(iri: string): string | undefined {
  if (iri === `${SPDX}noassertion`) return 'NOASSERTION';
  if (iri === `${SPDX}none`) return 'NONE';
  return undefined;
}

/** `…#referenceCategory_packageManager` → PACKAGE-MANAGER; `…#purpose_operatingSystem` → OPERATING_SYSTEM. */
function enumSuffix(iri: string, prefix: string, separator: string): string {
  const i = iri.lastIndexOf(prefix);
  const word = i >= 0 ? iri.slice(i + prefix.length) : iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
  return word.replace(/([a-z0-9])([A-Z])/g, `$1${separator}$2`).toUpperCase();
}

/** `checksumAlgorithm_blake2b384` → BLAKE2b-384, `_sha3_256` → SHA3-256, `_sha1` → SHA1: the JSON spelling. */
function checksumAlgorithm(iri: string): string {
  const i = iri.lastIndexOf('checksumAlgorithm_');
  const word = (i >= 0 ? iri.slice(i + 'checksumAlgorithm_'.length) : iri.slice(iri.lastIndexOf('#') + 1)).toLowerCase();
  const blake = /^blake2b(\d+)$/.exec(word);
  if (blake) return `BLAKE2b-${blake[1] ?? ''}`;
  return word.replace(/^sha3_/, 'sha3-').toUpperCase();
}

class SpdxMapper {
  constructor(
    private readonly graph: Graph,
    private readonly namespace: string,
  ) {}

  /** `<namespace>#SPDXRef-x` → `SPDXRef-x`; the enumeration words; anything else as written. */
  elementId(iri: string): string {
    const word = enumWord(iri);
    if (word) return word;
    if (this.namespace && iri.startsWith(`${this.namespace}#`)) return iri.slice(this.namespace.length + 1);
    return iri;
  }

  private nodeValue(v: Value | undefined): RdfNode | undefined {
    return v && 'node' in v ? this.graph.nodes.get(v.node) : undefined;
  }

  /** Licence sets already turned into text, by node: a set shared by many packages (or by other sets) is read once. */
  private readonly setTexts = new Map<string, string | undefined>();
  /** Licence sets being read: a set that (indirectly) holds itself is cut there. */
  private readonly reading = new Set<string>();

  /** A licence value (IRI, listed licence, extracted licence or a set of them) as expression text. */
  license(v: Value | undefined, depth = 0): string | undefined {
    if (!v) return undefined;
    if ('literal' in v) return v.literal;
    const word = enumWord(v.node);
    if (word) return word;
    const n = this.graph.nodes.get(v.node);
    const id = n ? literal(n, `${SPDX}licenseId`) : undefined;
    if (id) return id;
    if (n && depth < MAX_LICENSE_DEPTH && !this.reading.has(n.id)) {
      let text: string | undefined;
      if (this.setTexts.has(n.id)) text = this.setTexts.get(n.id);
      else {
        this.reading.add(n.id);
        try {
          text = this.licenseSet(n, depth);
        } finally {
          this.reading.delete(n.id);
        }
        this.setTexts.set(n.id, text);
      }
      if (text !== undefined) return text;
    }
    for (const prefix of LICENSES) if (v.node.startsWith(prefix)) return v.node.slice(prefix.length);
    const hash = v.node.lastIndexOf('#');
    return hash >= 0 ? v.node.slice(hash + 1) : v.node;
  }

  /** A licence set or operator node as expression text; undefined when the node is none of them. */
  private licenseSet(n: RdfNode, depth: number): string | undefined {
    const members = values(n, `${SPDX}member`).map((m) => this.license(m, depth + 1)).filter((s): s is string => s !== undefined);
    const wrap = (s: string): string => (/\s/.test(s) ? `(${s})` : s);
    let text: string | undefined;
    if (n.types.has(`${SPDX}ConjunctiveLicenseSet`)) text = members.map(wrap).join(' AND ') || undefined;
    else if (n.types.has(`${SPDX}DisjunctiveLicenseSet`)) text = members.map(wrap).join(' OR ') || undefined;
    else if (n.types.has(`${SPDX}WithExceptionOperator`)) {
      const base = members[0];
      const exception = this.nodeValue(values(n, `${SPDX}licenseException`)[0]);
      const exceptionId = exception ? literal(exception, `${SPDX}licenseExceptionId`) : undefined;
      text = base && exceptionId ? `${wrap(base)} WITH ${exceptionId}` : base;
    } else if (n.types.has(`${SPDX}OrLaterOperator`)) text = members[0] ? `${members[0]}+` : undefined;
    // Sets whose members are shared sets double at every level (an RDF "billion laughs"): refused, not expanded.
    if (text !== undefined && text.length > MAX_LICENSE_TEXT) {
      throw new InputError('unsafe', `has a licence set (${n.id}) that expands to more than ${MAX_LICENSE_TEXT} characters; its members are nested or shared to blow up`);
    }
    return text;
  }

  pkg(n: RdfNode): Obj {
    const text = (predicate: string): string | undefined => literal(n, predicate);
    const checksums = values(n, `${SPDX}checksum`).flatMap((v) => {
      const c = this.nodeValue(v);
      const alg = c && values(c, `${SPDX}algorithm`)[0];
      const value = c && literal(c, `${SPDX}checksumValue`);
      if (!alg || !value) return [];
      return [{ algorithm: 'node' in alg ? checksumAlgorithm(alg.node) : alg.literal.toUpperCase(), checksumValue: value }];
    });
    const externalRefs = values(n, `${SPDX}externalRef`).flatMap((v) => {
      const r = this.nodeValue(v);
      if (!r) return [];
      const category = values(r, `${SPDX}referenceCategory`)[0];
      const type = values(r, `${SPDX}referenceType`)[0];
      const typeText = type && ('node' in type ? type.node.slice(Math.max(type.node.lastIndexOf('/'), type.node.lastIndexOf('#')) + 1) : type.literal);
      return [{
        referenceCategory: category && ('node' in category ? enumSuffix(category.node, 'referenceCategory_', '-') : category.literal),
        referenceType: typeText,
        referenceLocator: literal(r, `${SPDX}referenceLocator`),
      }];
    });
    const purpose = values(n, `${SPDX}primaryPackagePurpose`)[0];
    return {
      SPDXID: n.id.startsWith('_:') ? undefined : this.elementId(n.id),
      name: text(`${SPDX}name`),
      versionInfo: text(`${SPDX}versionInfo`),
      supplier: text(`${SPDX}supplier`),
      originator: text(`${SPDX}originator`),
      downloadLocation: text(`${SPDX}downloadLocation`),
      homepage: text(`${DOAP}homepage`) ?? text(`${SPDX}homepage`),
      licenseConcluded: this.license(values(n, `${SPDX}licenseConcluded`)[0]),
      licenseDeclared: this.license(values(n, `${SPDX}licenseDeclared`)[0]),
      licenseInfoFromFiles: values(n, `${SPDX}licenseInfoFromFiles`).map((v) => this.license(v)),
      copyrightText: text(`${SPDX}copyrightText`),
      summary: text(`${SPDX}summary`),
      description: text(`${SPDX}description`),
      comment: text(`${RDFS}comment`),
      sourceInfo: text(`${SPDX}sourceInfo`),
      primaryPackagePurpose: purpose && ('node' in purpose ? enumSuffix(purpose.node, 'purpose_', '_') : purpose.literal),
      checksums,
      externalRefs,
    };
  }

  /** Every `spdx:relationship` in the graph, with the element that holds it as the subject. */
  relationships(): Obj[] {
    const out: Obj[] = [];
    for (const n of this.graph.nodes.values()) {
      for (const v of values(n, `${SPDX}relationship`)) {
        const r = this.nodeValue(v);
        const related = values(r, `${SPDX}relatedSpdxElement`)[0];
        const type = values(r, `${SPDX}relationshipType`)[0];
        if (!related || !type) continue;
        out.push({
          spdxElementId: this.elementId(n.id),
          relationshipType: 'node' in type ? type.node : type.literal,
          relatedSpdxElement: 'node' in related ? this.elementId(related.node) : related.literal,
        });
      }
    }
    return out;
  }
}

export const spdxRdf: SbomParser = {
  format: 'spdx-rdf',
  description: 'SPDX 2.x RDF/XML',
  detect(input) {
    if (input.head !== '<') return undefined;
    const root = sniffRoot(input.text);
    if (!root || root.ns !== RDF || root.local !== 'RDF') return undefined;
    const namespaces = Object.values(root.declarations);
    if (namespaces.some((ns) => /^https?:\/\/spdx\.org\/rdf\/3\./.test(ns))) return { specVersion: '3' };
    if (!namespaces.includes(SPDX) && !input.text.slice(0, 65536).includes(SPDX)) return undefined;
    const m = /specVersion>\s*SPDX-(\d+\.\d+)\s*</.exec(input.text);
    return { specVersion: m?.[1] ?? 'unknown' };
  },
  parse(input, detection) {
    if (detection.specVersion.startsWith('3')) {
      throw new InputError('unsupported-version', 'is SPDX 3 in RDF/XML, which ictscan does not read; convert it to SPDX 3 JSON-LD');
    }
    const root = parseXml(input.text);
    const graph = new Graph();
    for (const el of root.children) graph.nodeElement(el);
    const docNode = graph.ofType(`${SPDX}SpdxDocument`)[0];
    if (!docNode) throw new InputError('malformed', 'is RDF/XML in the SPDX vocabulary without an spdx:SpdxDocument');
    const hash = docNode.id.lastIndexOf('#');
    const namespace = hash >= 0 ? docNode.id.slice(0, hash) : docNode.id;
    const mapper = new SpdxMapper(graph, namespace);
    const version = (literal(docNode, `${SPDX}specVersion`) ?? '').replace(/^SPDX-/, '') || detection.specVersion;
    const offsets = new Map<Obj, number>();
    const packages = graph.ofType(`${SPDX}Package`).map((n) => {
      const p = mapper.pkg(n);
      if (n.offset !== undefined) offsets.set(p, n.offset);
      return p;
    });
    const shape: Obj = {
      SPDXID: mapper.elementId(docNode.id),
      name: literal(docNode, `${SPDX}name`),
      documentDescribes: values(docNode, `${SPDX}describesPackage`).map((v) => ('node' in v ? mapper.elementId(v.node) : v.literal)),
      packages,
      // Files and snippets share the package fields they have (name, checksums, copyright, licence, comment).
      files: graph.ofType(`${SPDX}File`).map((n) => ({ ...mapper.pkg(n), SPDXID: mapper.elementId(n.id), fileName: literal(n, `${SPDX}fileName`) })),
      snippets: graph.ofType(`${SPDX}Snippet`).map((n) => ({ ...mapper.pkg(n), SPDXID: mapper.elementId(n.id) })),
      relationships: mapper.relationships(),
    };
    const line = input.nested ? undefined : lineIndex(input.text);
    const result = normalizeSpdx(shape, 'spdx-rdf', version, {
      lineOf: (p) => {
        const offset = offsets.get(p);
        return offset !== undefined && line ? line(offset) : undefined;
      },
    });
    const warnings = [...result.warnings];
    const odd = versionWarning(version);
    if (odd) warnings.unshift(odd);
    return { ...result, specVersion: version, warnings };
  },
};
