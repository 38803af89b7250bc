// The cheap first test of a purl: could any purl rule match it? Almost none can, and this answers without parsing.

/** Fold the spellings purl types canonicalize differently (case, `_` vs `-` vs `.`), for a superset screen. */
export function foldPurlPart(s: string): string {
  const lower = s.toLowerCase();
  return lower.includes('_') || lower.includes('.') ? lower.replace(/[_.]/g, '-') : lower;
}

/** Where the type of a purl starts and ends and where its name part ends (before qualifiers and subpath); -1 slash when it is no purl. */
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
    if (!purlSpan(purl, span)) return false;
    const t = this.typeOf(purl, span.start, span.slash);
    if (!t) return false;
    if (t.any) return true;
    const slash = span.slash;
    let end = span.end;
    const lastSlash = purl.lastIndexOf('/', end - 1);
    // The version follows the last '@' of the last segment; an '@' at a segment start is an npm scope.
    const at = purl.lastIndexOf('@', end - 1);
    if (at > lastSlash + 1) end = at;
    const nsStart = slash + 1;
    const hasNamespace = lastSlash > slash;
    // Unencoded parts keep their length when folded, except where lower-casing leaves characters outside ASCII,
    // which no ASCII key equals: so a part whose length no key has cannot match.
    const encoded = purl.lastIndexOf('%', end - 1) >= nsStart;
    if (!encoded && t.asciiKeys) {
      const nsMaybe = t.namespaceLengths.has(hasNamespace ? lastSlash - nsStart : 0);
      const nameMaybe = t.nameLengths.has(end - lastSlash - 1);
      if (!nsMaybe && !nameMaybe) return false;
    }
    let ns = hasNamespace ? purl.slice(nsStart, lastSlash) : '';
    let name = purl.slice(lastSlash + 1, end);
    if (encoded) {
      try {
        ns = decodeURIComponent(ns);
        name = decodeURIComponent(name);
      } catch {
        // compared as written
      }
    }
    return t.namespaces.has(foldPurlPart(ns)) || t.names.has(foldPurlPart(name));
  }

  /** The screen of a purl's type: compared in place with the few types rules name, sliced only for an odd case. */
  private typeOf(purl: string, start: number, slash: number): TypeScreen | undefined {
    const length = slash - start;
    for (const t of this.list) if (t.type.length === length && purl.startsWith(t.type, start)) return t;
    // Types are lower case; one written otherwise is folded, and only then is anything built.
    let upper = false;
    for (let i = start; i < slash && !upper; i++) {
      const c = purl.charCodeAt(i);
      upper = (c >= 65 && c <= 90) || c > 0x7f;
    }
    return upper ? this.byType.get(purl.slice(start, slash).toLowerCase()) : undefined;
  }
}
