// Safe XML reading shared by the CycloneDX XML and SPDX RDF/XML parsers: no DTDs, namespaces resolved.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from './errors.js';

/** An element with its namespace resolved; children in document order. */
export interface XmlElement {
  /** Namespace URI ('' when none). */
  readonly ns: string;
  readonly local: string;
  /** Unqualified attributes by local name; qualified ones as `{namespace}local`. Namespace declarations are left out. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Text content directly inside the element (CDATA included), trimmed. */
  readonly text: string;
  /** Character offset of the start tag. */
  readonly offset: number | undefined;
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Deep enough for cyclonedx-npm's nested trees (two tags a level), shallow enough for the stack. */
const MAX_DEPTH = 1000;
const DTD = /<!\s*(?:DOCTYPE|ENTITY)/i;

// Typed as the Symbol wrapper object; valueOf() gives the primitive key.
const META: symbol = XMLParser.getMetaDataSymbol().valueOf();

/**
 * The options formats.md §A.4 recommends, with preserveOrder so each element keeps its own namespace
 * declarations and start offset (order itself is never relied on). Entities: only the predefined,
 * numeric and HTML ones; documents with a DTD never reach the parser.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: false,
  htmlEntities: true,
  processEntities: true,
  captureMetaData: true,
  maxNestedTags: MAX_DEPTH,
  commentPropName: false,
  trimValues: true,
});

/** Refuse DTDs outright: no internal entity expansion, no external entities, no billion laughs. */
export function rejectDtd(text: string): void {
  const m = DTD.exec(text);
  if (m) {
    const line = text.slice(0, m.index).split('\n').length;
    throw new InputError('unsafe', `contains a DTD (${m[0].replace(/\s+/g, '')} at line ${line}); DTDs are not allowed in SBOM XML, so nothing in it was expanded or fetched`, { line });
  }
}

/** How much of a document detection looks at for the root element. */
const SNIFF = 65536;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\w.-]/;
const SPACE = /\s/;

/** The end of `<!DOCTYPE …>` (with an internal subset in brackets) or of another `<!…>` declaration starting at `lt`, or -1. */
function declarationEnd(text: string, lt: number): number {
  const gt = text.indexOf('>', lt);
  const bracket = text.indexOf('[', lt);
  if (bracket < 0 || gt < bracket) return gt < 0 ? -1 : gt + 1;
  // Past the internal subset: the first `]` followed (after blanks) by `>`; each search starts where the last ended.
  for (let close = text.indexOf(']', bracket); close >= 0; close = text.indexOf(']', close + 1)) {
    let j = close + 1;
    while (j < text.length && SPACE.test(text[j] ?? '')) j++;
    if (text[j] === '>') return j + 1;
  }
  return -1;
}

/** A start tag at `lt`: its qualified name and attributes, or undefined when it is not one. */
function startTag(text: string, lt: number): { name: string; attrs: [string, string][] } | undefined {
  let i = lt + 1;
  if (!NAME_START.test(text[i] ?? '')) return undefined;
  while (i < text.length && (NAME_CHAR.test(text[i] ?? '') || (text[i] === ':' && NAME_START.test(text[i + 1] ?? '')))) i++;
  const name = text.slice(lt + 1, i);
  const attrs: [string, string][] = [];
  for (;;) {
    const before = i;
    while (i < text.length && SPACE.test(text[i] ?? '')) i++;
    const c = text[i];
    if (c === '>' || (c === '/' && text[i + 1] === '>')) return { name, attrs };
    if (i === before || c === undefined) return undefined;
    const nameStart = i;
    while (i < text.length && !/[\s=>/]/.test(text[i] ?? '')) i++;
    const attr = text.slice(nameStart, i);
    while (i < text.length && SPACE.test(text[i] ?? '')) i++;
    if (attr === '' || text[i] !== '=') return undefined;
    i++;
    while (i < text.length && SPACE.test(text[i] ?? '')) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    attrs.push([attr, text.slice(i + 1, close)]);
    i = close + 1;
  }
}

/**
 * The root start tag in the first 64 KiB, past the XML declaration, comments, processing instructions and a
 * DOCTYPE: for cheap detection. One forward pass (every search starts where the previous one ended), so a
 * document of unclosed `<?` or `<!--` costs no more than its length.
 */
export function sniffRoot(text: string): { ns: string; local: string; declarations: Readonly<Record<string, string>> } | undefined {
  const head = text.length > SNIFF ? text.slice(0, SNIFF) : text;
  let i = 0;
  for (;;) {
    const lt = head.indexOf('<', i);
    if (lt < 0) return undefined;
    let end: number;
    if (head.startsWith('<?', lt)) end = head.indexOf('?>', lt + 2) + 2;
    else if (head.startsWith('<!--', lt)) end = head.indexOf('-->', lt + 4) + 3;
    else if (head.startsWith('<!', lt)) end = declarationEnd(head, lt);
    else {
      const tag = startTag(head, lt);
      if (!tag) return undefined;
      const colon = tag.name.indexOf(':');
      const prefix = colon < 0 ? '' : tag.name.slice(0, colon);
      // No prototype: a prefix named `constructor` or `__proto__` is just a name.
      const declarations: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [name, value] of tag.attrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) declarations[name === 'xmlns' ? '' : name.slice(6)] = value;
      }
      return { ns: declarations[prefix] ?? '', local: colon < 0 ? tag.name : tag.name.slice(colon + 1), declarations };
    }
    if (end <= lt) return undefined;
    i = end;
  }
}

type Raw = Record<string, unknown>;

function tagOf(node: Raw): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return undefined;
}

function convert(node: Raw, tag: string, scope: ReadonlyMap<string, string>): XmlElement {
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let inScope = scope;
  for (const [k, v] of Object.entries(rawAttrs)) {
    const name = k.slice(2);
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (inScope === scope) inScope = new Map(scope);
      (inScope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), String(v));
    }
  }
  // No prototype: attribute names are the document's (fast-xml-parser refuses `__proto__` and `constructor` only as element names).
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(rawAttrs)) {
    const name = k.slice(2);
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const colon = name.indexOf(':');
    if (colon < 0) attrs[name] = String(v);
    else {
      const prefix = name.slice(0, colon);
      const ns = prefix === 'xml' ? XML_NS : inScope.get(prefix);
      attrs[ns !== undefined ? `{${ns}}${name.slice(colon + 1)}` : name] = String(v);
    }
  }
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  // An undeclared prefix keeps the raw prefix as its "namespace", so it never matches a real one.
  const ns = inScope.get(prefix) ?? (prefix ? `undeclared:${prefix}` : '');
  const children: XmlElement[] = [];
  let text = '';
  for (const c of (node[tag] ?? []) as Raw[]) {
    const t = tagOf(c);
    if (t === undefined) continue;
    if (t === '#text') text += String(c[t]);
    else if (!t.startsWith('?')) children.push(convert(c, t, inScope));
  }
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  return { ns, local: colon < 0 ? tag : tag.slice(colon + 1), attrs, children, text: text.trim(), offset: meta?.startIndex };
}

/** Parse a whole document after the DTD and well-formedness checks; returns the root element. */
export function parseXml(text: string): XmlElement {
  rejectDtd(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new InputError('malformed', `is not well-formed XML at line ${line}, column ${col}: ${msg}`, { line, column: col });
  }
  let nodes: Raw[];
  try {
    nodes = parser.parse(text) as Raw[];
  } catch (e) {
    throw new InputError('malformed', `could not be read as XML: ${(e as Error).message}`);
  }
  for (const n of nodes) {
    const t = tagOf(n);
    if (t !== undefined && t !== '#text' && !t.startsWith('?')) return convert(n, t, new Map([['xml', XML_NS]]));
  }
  throw new InputError('malformed', 'is an XML document without a root element');
}

/** Child elements in one namespace, optionally of one local name. */
export function kids(el: XmlElement, ns: string, local?: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && (local === undefined || c.local === local));
}

export function kid(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.ns === ns && c.local === local);
}

/** The trimmed text of a child element, or undefined when absent or empty. */
export function kidText(el: XmlElement | undefined, ns: string, local: string): string | undefined {
  const t = kid(el, ns, local)?.text;
  return t ? t : undefined;
}
