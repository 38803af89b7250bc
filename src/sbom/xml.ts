// Safe XML reading shared by the CycloneDX XML and SPDX RDF/XML parsers: no DTDs, namespaces resolved.
import type * as Saxes from 'saxes';
import type { SaxesParser } from 'saxes';
import { lazyRequire } from '../lazy-require.js';
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
/** What follows `<!` in a DTD declaration; matched only where `<!` is (sticky), as a scan of the whole text is slow. */
const DTD_KEYWORD = /\s*(?:DOCTYPE|ENTITY)/iy;

/**
 * Named entities beyond XML's five, as the previous reader (fast-xml-parser's `htmlEntities`) decoded them:
 * fixed strings, never parsed again. Any other named entity is an error; documents with a DTD never reach the parser.
 */
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', mdash: '—', ndash: '–', hellip: '…', laquo: '«', raquo: '»',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', para: '¶', sect: '§', deg: '°', frac12: '½', frac14: '¼',
  frac34: '¾', cent: '¢', pound: '£', curren: '¤', yen: '¥', euro: '€', dollar: '$', fnof: 'ƒ', inr: '₹', af: '؋',
  birr: 'ብር', peso: '₱', rub: '₽', won: '₩', yuan: '¥', cedil: '¸',
};

/** Element names refused as the previous reader refused them (compared directly: a set lookup hashes every name). */
function isReserved(name: string): boolean {
  return name === '__proto__' || name === 'constructor' || name === 'prototype';
}

/** Refuse DTDs outright: no internal entity expansion, no external entities, no billion laughs. */
export function rejectDtd(text: string): void {
  // By its `!`: XML is full of `<`, and a search for `<!` stops at each of them.
  for (let bang = text.indexOf('!'); bang >= 0; bang = text.indexOf('!', bang + 1)) {
    if (text.charCodeAt(bang - 1) !== 60) continue;
    DTD_KEYWORD.lastIndex = bang + 1;
    const m = DTD_KEYWORD.exec(text);
    if (!m) continue;
    const line = text.slice(0, bang - 1).split('\n').length;
    throw new InputError('unsafe', `contains a DTD (<!${m[0].replace(/\s+/g, '')} at line ${line}); DTDs are not allowed in SBOM XML, so nothing in it was expanded or fetched`, { line });
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

/** Shared by every element without attributes or children (most of them), so that leaves cost one object. */
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];
const NO_KEYS: readonly string[] = [];

/** An element while its document is read: children and text are filled in until its end tag. */
class Building implements XmlElement {
  /** NO_CHILDREN until the first child. */
  children: XmlElement[] = NO_CHILDREN;
  text = '';
  constructor(
    readonly ns: string,
    readonly local: string,
    readonly attrs: Readonly<Record<string, string>>,
    readonly offset: number,
  ) {}
}

/** The namespace prefixes in scope; the default namespace ('' when none) is looked up once per scope, not per element. */
interface Scope {
  readonly prefixes: ReadonlyMap<string, string>;
  readonly defaultNs: string;
}

const DOCUMENT_SCOPE: Scope = { prefixes: new Map([['xml', XML_NS]]), defaultNs: '' };

/** The scope inside an element: its parent's, or a new one when its attributes declare namespaces. */
function declare(scope: Scope, attributes: Readonly<Record<string, string>>, keys: readonly string[]): Scope {
  let prefixes: Map<string, string> | undefined;
  for (const k of keys) {
    if (k.startsWith('xmlns') && (k.length === 5 || k.charCodeAt(5) === 58)) {
      prefixes ??= new Map(scope.prefixes);
      prefixes.set(k.length === 5 ? '' : k.slice(6), (attributes[k] ?? '').trim());
    }
  }
  return prefixes ? { prefixes, defaultNs: prefixes.get('') ?? '' } : scope;
}

function prefixed(scope: Scope, prefix: string): string {
  return scope.prefixes.get(prefix) ?? `undeclared:${prefix}`;
}

/**
 * Called as each element's end tag is read, its text and children complete, with its open ancestors (root first;
 * the array is the reader's own stack, valid only during the call). Returning true drops the element from its
 * parent's children: a reader that maps large repeated elements as they end never holds the whole tree.
 */
export type OnClose = (el: XmlElement, ancestors: readonly XmlElement[]) => boolean;

/** Character-level faults the previous reader let through (control characters, `<` in attribute values, bad character references): kept as read. */
const TOLERATED = new Set(['disallowed character.', 'malformed character entity.']);

type Options = { xmlns: false; position: true };

/** The properties saxes keeps the seven handlers in (private there, named by saxes itself). */
type HandlerSlots = Record<'errorHandler' | 'openTagStartHandler' | 'openTagHandler' | 'closeTagHandler' | 'textHandler' | 'cdataHandler' | 'piHandler', undefined>;

/**
 * saxes' `on` adds each handler to the parser by a computed name, after its constructor has set some fifty
 * properties. V8 turns an object grown that way into a slow dictionary (saxes then runs 3-6x slower): at once with
 * an eighth handler, and with seven too after half a dozen parsers once a full garbage collection has run between
 * them. Set here in the constructor, the seven are part of every parser's layout and `on` only assigns them. Were
 * saxes to rename them, `on` would add its own again: slower, never wrong.
 */
function parserClass(): new () => SaxesParser<Options> {
  return class Parser extends saxes().SaxesParser<Options> {
    constructor() {
      super({ xmlns: false, position: true });
      const slots = this as unknown as HandlerSlots;
      slots.errorHandler = undefined;
      slots.openTagStartHandler = undefined;
      slots.openTagHandler = undefined;
      slots.closeTagHandler = undefined;
      slots.textHandler = undefined;
      slots.cdataHandler = undefined;
      slots.piHandler = undefined;
    }
  };
}

/** saxes and the parser class, made on the first XML document: most scans (and pool workers) meet none. */
const saxes = lazyRequire<typeof Saxes>('saxes');
let Parser: (new () => SaxesParser<Options>) | undefined;

/**
 * Parse a whole document after the DTD check, in one pass: saxes checks well-formedness while the tree is built.
 * Namespaces are resolved here rather than by saxes, so that an undeclared prefix is a name like any other, as before.
 * Text is kept as before: each run of text between child elements trimmed, CDATA as written, the whole trimmed.
 * Exactly seven handlers (see Parser), so attributes are read from the start tag, not per event.
 */
/** What parseXml measured on the way: the longest element text or attribute value (trimmed), for the length caps. */
export interface XmlMeasure {
  longest: number;
}

export function parseXml(text: string, onClose?: OnClose, measure?: XmlMeasure): XmlElement {
  rejectDtd(text);
  Parser ??= parserClass();
  const parser = new Parser();
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  // The open elements and their namespace scopes, innermost last.
  const stack: Building[] = [];
  const scopes: Scope[] = [];
  let root: Building | undefined;
  let top: Building | undefined;
  /** Text of `top` since its last child, CDATA section or processing instruction (comments do not split it). */
  let pending = '';
  let offset = 0;
  let mayHaveAttributes = true;

  const flush = (el: Building): void => {
    if (pending !== '') {
      el.text += pending.trim();
      pending = '';
    }
  };

  parser.on('error', (err) => {
    const message = err.message.slice(err.message.indexOf(': ') + 2);
    if (!TOLERATED.has(message)) throw err;
  });
  parser.on('opentagstart', (tag) => {
    // The start tag's `<`: saxes has read the name and one or two characters past it (a line break may be CR LF).
    // A short step back, not lastIndexOf: that is slow on a long string.
    const after = parser.position;
    let i = after - tag.name.length - 2;
    while (i > 0 && text.charCodeAt(i) !== 60) i--;
    offset = i;
    const c = text.charCodeAt(after - 1);
    mayHaveAttributes = c !== 62 && c !== 47;
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (isReserved(name)) {
      throw new InputError('malformed', `could not be read as XML: [SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution`);
    }
    if (!tag.isSelfClosing && stack.length > MAX_DEPTH) throw new InputError('malformed', 'could not be read as XML: Maximum nested tags exceeded');
    const parent = top;
    const scope = scopes[scopes.length - 1] ?? DOCUMENT_SCOPE;
    let inScope = scope;
    let attrs = NO_ATTRS;
    // `<name>` and `<name/>` have no attributes: skip the look at saxes' attribute table (a slow dictionary).
    const keys = mayHaveAttributes ? Object.keys(tag.attributes) : NO_KEYS;
    if (keys.length > 0) {
      const raw = tag.attributes;
      inScope = declare(scope, raw, keys);
      // No prototype: attribute names are the document's.
      const out = Object.create(null) as Record<string, string>;
      attrs = out;
      for (const k of keys) {
        const v = (raw[k] ?? '').trim();
        if (measure && v.length > measure.longest) measure.longest = v.length;
        const colon = k.indexOf(':');
        if (colon < 0) {
          if (k !== 'xmlns') out[k] = v;
        } else {
          const prefix = k.slice(0, colon);
          if (prefix === 'xmlns') continue;
          const ns = prefix === 'xml' ? XML_NS : inScope.prefixes.get(prefix);
          out[ns !== undefined ? `{${ns}}${k.slice(colon + 1)}` : k] = v;
        }
      }
    }
    const colon = name.indexOf(':');
    // An undeclared prefix keeps the raw prefix as its "namespace", so it never matches a real one. An empty
    // prefix (`<:name>`) is no prefix.
    const ns = colon > 0 ? prefixed(inScope, name.slice(0, colon)) : inScope.defaultNs;
    const el = new Building(ns, colon < 0 ? name : name.slice(colon + 1), attrs, offset);
    if (parent) {
      flush(parent);
      if (parent.children === NO_CHILDREN) parent.children = [el];
      else parent.children.push(el);
    } else root ??= el;
    top = el;
    stack.push(el);
    scopes.push(inScope);
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    scopes.pop();
    top = stack[stack.length - 1];
    if (!el) return;
    flush(el);
    // Runs of text were trimmed as they were flushed; CDATA, kept as written, may still leave blanks at either end.
    if (el.text !== '') {
      el.text = el.text.trim();
      if (measure && el.text.length > measure.longest) measure.longest = el.text.length;
    }
    // Only a child can be dropped, and the element just closed is its parent's last child.
    if (onClose?.(el, stack) && top) top.children.pop();
  });
  parser.on('text', (t) => {
    if (top) pending += t;
  });
  parser.on('cdata', (t) => {
    if (top) {
      flush(top);
      top.text += t;
    }
  });
  parser.on('processinginstruction', () => {
    if (top) flush(top);
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof InputError) throw e;
    const message = (e as Error).message;
    const { line, column } = parser;
    throw new InputError('malformed', `is not well-formed XML at line ${line}, column ${column}: ${message.slice(message.indexOf(': ') + 2)}`, { line, column });
  }
  if (!root) throw new InputError('malformed', 'is an XML document without a root element');
  return root;
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
