// The cheap first test of a purl: could any purl rule match it? Almost none can, and this answers without parsing.

/** Fold the spellings purl types canonicalize differently (case, `_` vs `-` vs `.`), for a superset screen. */
export function foldPurlPart(s: string): string {
  const lower = s.toLowerCase();
  return lower.includes('_') || lower.includes('.') ? lower.replace(/[_.]/g, '-') : lower;
}

/** Up to this many rule types are compared in place; more are looked up in the map. */
const IN_PLACE_TYPES = 12;

/** A type the screen does not compare in place (an escape or symbol in it): the full parse decides. */
const IRREGULAR = Symbol('irregular purl type');

/** A purl part with each escape that decodes decoded and a bad one (`%zz`, a broken UTF-8 sequence) kept as written. */
export function decodeLenient(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // one escape at a time below
  }
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Where the type of a purl starts, where it ends (its first slash) and where the path ends (before qualifiers and subpath). */
interface Span {
  start: number;
  slash: number;
  end: number;
}

/** Fills `span` for a purl with a type and a name, or returns false. */
function purlSpan(purl: string, span: Span): boolean {
  if (!purl.startsWith('pkg:')) return false;
  let start = 4;
  while (purl.charCodeAt(start) === 47 /* '/' */) start++;
  let end = purl.length;
  const q = purl.indexOf('?', start);
  if (q >= 0) end = q;
  const h = purl.indexOf('#', start);
  if (h >= 0 && h < end) end = h;
  const slash = purl.indexOf('/', start);
  if (slash < 0 || slash >= end) return false;
  span.start = start;
  span.slash = slash;
  span.end = end;
  return true;
}

/** The folded type of a purl (undefined when it is no purl with a name). */
export function purlTypeOf(purl: string): string | undefined {
  const span: Span = { start: 0, slash: 0, end: 0 };
  return purlSpan(purl, span) ? purl.slice(span.start, span.slash).toLowerCase() : undefined;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** What the rules of one purl type can match: folded namespaces, folded names (any namespace), or anything. */
class TypeScreen {
  readonly namespaces = new Set<string>();
  readonly names = new Set<string>();
  any = false;
  /** Lengths of the keys above; every key is ASCII while `asciiKeys` holds. */
  readonly namespaceLengths = new Set<number>();
  readonly nameLengths = new Set<number>();
  asciiKeys = true;

  constructor(readonly type: string) {}

  addNamespace(ns: string): void {
    const folded = foldPurlPart(ns);
    this.namespaces.add(folded);
    this.namespaceLengths.add(folded.length);
    if (!isAscii(folded)) this.asciiKeys = false;
  }

  addName(name: string): void {
    const folded = foldPurlPart(name);
    this.names.add(folded);
    this.nameLengths.add(folded.length);
    if (!isAscii(folded)) this.asciiKeys = false;
  }
}

/**
 * A superset screen over every purl rule: a purl it rejects matches no rule, whatever its case, `_`/`.`
 * spelling or percent-encoding. Each purl is compared in place with the few types rules name, then by the
 * lengths of its namespace and name, and only a purl whose parts have a key's length is cut up and folded.
 */
export class PurlScreen {
  private readonly byType = new Map<string, TypeScreen>();
  private list: readonly TypeScreen[] = [];
  private readonly span: Span = { start: 0, slash: 0, end: 0 };

  /** A rule on `type`: on its names in any namespace, on one namespace, or (neither) on the whole type. */
  add(type: string, namespace: string | undefined, names: readonly string[] | undefined): void {
    const folded = type.toLowerCase();
    let t = this.byType.get(folded);
    if (!t) {
      this.byType.set(folded, (t = new TypeScreen(folded)));
      this.list = [...this.byType.values()];
    }
    if (names) for (const n of names) t.addName(n);
    else if (namespace !== undefined) t.addNamespace(namespace);
    else t.any = true;
  }

  /** Whether some purl rule may match this purl. */
  candidate(purl: string): boolean {
    const span = this.span;
    // Anything not shaped `pkg:type/name` goes to the full parse: a URL parser may still read it (an upper-case
    // scheme, leading blanks, tabs), and what nothing reads must be reported, not passed over.
    if (!purlSpan(purl, span)) return true;
    const { start, slash } = span;
    const t = this.typeOf(purl, start, slash);
    if (t === IRREGULAR) return true;
    if (!t) return false;
    if (t.any) return true;
    // One pass over the rest. What a URL parser or packageurl-js would rewrite (controls, blanks, characters outside
    // ASCII, which it percent-encodes, decodes and trims; empty segments, which it collapses) is left to the full
    // parse: rare, and exactly where a cheap split would differ. The version follows the last '@' of the whole path,
    // as packageurl-js splits it, unless that '@' opens a segment (an npm scope).
    let end = span.end;
    let at = -1;
    let encoded = false;
    for (let i = slash + 1, prev = 47; i < end; i++) {
      const c = purl.charCodeAt(i);
      if (c <= 0x20 || c >= 0x7f || (c === 47 && prev === 47)) return true;
      // Only the last '@' counts: after a '/' it is a scope and the purl has no version at all.
      if (c === 64 /* @ */) at = prev === 47 ? -1 : i;
      else if (c === 37 /* % */) encoded = true;
      prev = c;
    }
    if (at !== -1) end = at;
    const lastSlash = purl.lastIndexOf('/', end - 1);
    const nsStart = slash + 1;
    const hasNamespace = lastSlash > slash;
    // Unencoded ASCII parts keep their length when folded: a part whose length no key has cannot match.
    if (!encoded && t.asciiKeys) {
      const nsMaybe = t.namespaceLengths.has(hasNamespace ? lastSlash - nsStart : 0);
      const nameMaybe = t.nameLengths.has(end - lastSlash - 1);
      if (!nsMaybe && !nameMaybe) return false;
    }
    let ns = hasNamespace ? purl.slice(nsStart, lastSlash) : '';
    let name = purl.slice(lastSlash + 1, end);
    if (encoded) {
      // packageurl-js trims the decoded name. An escape that hides a separator or a character outside ASCII (a
      // look-alike letter, folded by the full reading) is left to the full parse.
      ns = decodeLenient(ns).trim();
      name = decodeLenient(name).trim();
      if (!isAscii(ns) || !isAscii(name) || name.includes('/')) return true;
    }
    return t.namespaces.has(foldPurlPart(ns)) || t.names.has(foldPurlPart(name));
  }

  /**
   * The screen of a purl's type: compared in place with the few types rules name. An upper-case type is folded;
   * a type with any other character (an escape, a symbol) is IRREGULAR, left to the full parse.
   */
  private typeOf(purl: string, start: number, slash: number): TypeScreen | typeof IRREGULAR | undefined {
    const length = slash - start;
    // A few types are compared in place; many (a large rule pack) are looked up, so the cost does not grow with them.
    if (this.list.length <= IN_PLACE_TYPES) {
      for (const t of this.list) if (t.type.length === length && purl.startsWith(t.type, start)) return t;
    } else {
      const t = this.byType.get(purl.slice(start, slash));
      if (t) return t;
    }
    let upper = false;
    for (let i = start; i < slash; i++) {
      const c = purl.charCodeAt(i);
      if (c >= 65 && c <= 90) upper = true;
      else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45)) return IRREGULAR;
    }
    return upper ? this.byType.get(purl.slice(start, slash).toLowerCase()) : undefined;
  }
}
