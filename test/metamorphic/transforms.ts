// Meaning-preserving disguises of a CycloneDX JSON document, for the metamorphic suite: each rewrites how a
// component is written (spelling, encoding, structure), never what it is, so every verdict must survive it.

export type Json = Record<string, unknown>;
export type Transform = (doc: Json) => Json;

const clone = (doc: Json): Json => structuredClone(doc);

/** Every component of a document, nested ones and pedigree ones included, in document order. */
export function allComponents(doc: Json): Json[] {
  const out: Json[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const c of list as Json[]) {
      out.push(c);
      walk(c.components);
      const pedigree = c.pedigree as Json | undefined;
      if (pedigree) for (const k of ['ancestors', 'descendants', 'variants']) walk(pedigree[k]);
    }
  };
  walk(doc.components);
  return out;
}

/** Apply `f` to every person- or organisation-written string of every component and service: names, parties, copyright, description. */
function mapWords(doc: Json, f: (s: string) => string): Json {
  const out = clone(doc);
  const party = (p: unknown): void => {
    if (p && typeof p === 'object' && typeof (p as Json).name === 'string') (p as Json).name = f((p as Json).name as string);
  };
  const entity = (c: Json): void => {
    for (const k of ['name', 'publisher', 'copyright', 'description', 'author']) if (typeof c[k] === 'string') c[k] = f(c[k] as string);
    party(c.supplier);
    party(c.manufacturer);
    party(c.provider);
    if (Array.isArray(c.authors)) c.authors.forEach(party);
  };
  for (const c of allComponents(out)) entity(c);
  for (const s of (out.services as Json[] | undefined) ?? []) entity(s);
  return out;
}

/** Rewrite every URL a component or service carries (external references, endpoints). */
function mapUrls(doc: Json, f: (url: string) => string): Json {
  const out = clone(doc);
  const refs = (c: Json): void => {
    for (const r of (c.externalReferences as Json[] | undefined) ?? []) if (typeof r.url === 'string') r.url = f(r.url);
    if (Array.isArray(c.endpoints)) c.endpoints = (c.endpoints as string[]).map(f);
  };
  for (const c of allComponents(out)) refs(c);
  for (const s of (out.services as Json[] | undefined) ?? []) refs(s);
  return out;
}

function mapPurls(doc: Json, f: (purl: string) => string): Json {
  const out = clone(doc);
  for (const c of allComponents(out)) if (typeof c.purl === 'string') c.purl = f(c.purl);
  return out;
}

/** Insert a character after the first letter of every word of three letters or more. */
function interleave(s: string, ch: string): string {
  return s.replace(/(\p{L})(\p{L}{2,})/gu, `$1${ch}$2`);
}

const CYRILLIC: Readonly<Record<string, string>> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', s: 'ѕ', K: 'К', A: 'А', B: 'В', E: 'Е', O: 'О', P: 'Р', C: 'С' };
const GREEK: Readonly<Record<string, string>> = { o: 'ο', K: 'Κ', A: 'Α', E: 'Ε', O: 'Ο', P: 'Ρ', i: 'ι', v: 'ν', T: 'Τ' };
/** Small capitals and letter-like symbols (KELVIN SIGN folds by compatibility, the small capitals only by confusables). */
const SMALL_CAPS: Readonly<Record<string, string>> = { K: '\u212a', a: '\u1d00', e: '\u1d07', r: '\u0280', s: '\ua731' };

function swap(map: Readonly<Record<string, string>>): (s: string) => string {
  return (s) => [...s].map((ch) => map[ch] ?? ch).join('');
}

/** The host part of a URL string and its surroundings, for the URL disguises. */
function withHost(url: string, f: (scheme: string, host: string, rest: string) => string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#:@]+)(.*)$/is.exec(url);
  return m ? f(m[1] as string, m[2] as string, m[3] as string) : url;
}

/** Disguises that keep every verdict of a document exactly as it was. */
export const DISGUISES: Readonly<Record<string, Transform>> = {
  'zero-width space inside words': (d) => mapWords(d, (s) => interleave(s, '\u200b')),
  'soft hyphen inside words': (d) => mapWords(d, (s) => interleave(s, '\u00ad')),
  'word joiner inside words': (d) => mapWords(d, (s) => interleave(s, '\u2060')),
  'variation selector inside words': (d) => mapWords(d, (s) => interleave(s, '\ufe0f')),
  'tag character inside words': (d) => mapWords(d, (s) => interleave(s, '\u{e0041}')),
  'combining mark on letters': (d) => mapWords(d, (s) => s.replace(/([aeo])/g, '$1\u0301')),
  'full-width letters': (d) => mapWords(d, (s) => s.replace(/[A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))),
  'Cyrillic look-alike letters': (d) => mapWords(d, swap(CYRILLIC)),
  'Greek look-alike letters': (d) => mapWords(d, swap(GREEK)),
  'small capitals and letter-like symbols': (d) => mapWords(d, swap(SMALL_CAPS)),
  'host in upper case with a trailing dot': (d) => mapUrls(d, (u) => withHost(u, (s, h, r) => `${s}${h.toUpperCase()}.${r}`)),
  'user info and port in the URL': (d) => mapUrls(d, (u) => withHost(u, (s, h, r) => `${s}user:pw@${h}:443${r}`)),
  'ideographic full stops in the host': (d) => mapUrls(d, (u) => withHost(u, (s, h, r) => `${s}${h.replace(/\./g, '\u3002')}${r}`)),
  'full-width full stops in the host': (d) => mapUrls(d, (u) => withHost(u, (s, h, r) => `${s}${h.replace(/\./g, '\uff0e')}${r}`)),
  'percent-encoded letter in the host': (d) => mapUrls(d, (u) => withHost(u, (s, h, r) => `${s}${h.replace(/[a-z]/, (ch) => `%${ch.charCodeAt(0).toString(16)}`)}${r}`)),
  'tab inside the host': (d) => mapUrls(d, (u) => withHost(u, (s, h, r) => `${s}${h.slice(0, 2)}\t${h.slice(2)}${r}`)),
  'backslashes after the scheme': (d) => mapUrls(d, (u) => (/^https?:\/\//i.test(u) ? u.replace(/^(https?:)\/\//i, '$1\\\\') : u)),
  'protocol-relative URL': (d) => mapUrls(d, (u) => (/^https?:\/\//i.test(u) ? u.replace(/^https?:/i, '') : u)),
  'percent-encoded letter in the purl name': (d) => mapPurls(d, (p) => p.replace(/^(pkg:[^/]+\/(?:[^@?#]*\/)?)([a-z])/i, (_, head: string, ch: string) => `${head}%${ch.charCodeAt(0).toString(16).toUpperCase()}`)),
  'purl type in upper case': (d) => mapPurls(d, (p) => p.replace(/^pkg:([a-z]+)/, (_, t: string) => `pkg:${t.toUpperCase()}`)),
  'party as "Name <email>"': (d) => mapParties(d, (n) => `${n} <legal@example.org>`),
  'party as "Name (url)"': (d) => mapParties(d, (n) => `${n} (https://example.org)`),
  'party as "Organization: Name (email)"': (d) => mapParties(d, (n) => `Organization: ${n} (legal@example.org)`),
  'nested 300 levels deep': (d) => nestDeep(d, 300),
};

/** Rewrite the names of suppliers, manufacturers and authors (not component names, not copyright lines). */
function mapParties(doc: Json, f: (name: string) => string): Json {
  const out = clone(doc);
  const party = (p: unknown): void => {
    if (p && typeof p === 'object' && typeof (p as Json).name === 'string') (p as Json).name = f((p as Json).name as string);
  };
  for (const c of [...allComponents(out), ...((out.services as Json[] | undefined) ?? [])]) {
    party(c.supplier);
    party(c.manufacturer);
    party(c.provider);
    if (Array.isArray(c.authors)) c.authors.forEach(party);
    if (typeof c.author === 'string') c.author = f(c.author);
    if (typeof c.publisher === 'string') c.publisher = f(c.publisher);
  }
  return out;
}

/** Put the document's components at the bottom of a chain of `depth` neutral components. */
function nestDeep(doc: Json, depth: number): Json {
  const out = clone(doc);
  let inner: Json[] = (out.components as Json[] | undefined) ?? [];
  for (let i = depth; i >= 1; i--) inner = [{ type: 'library', 'bom-ref': `layer-${i}`, name: `layer-${i}`, version: '1.0.0', components: inner }];
  out.components = inner;
  return out;
}

/** A strong-but-generic signal added to a flagged component: a link to the vendor's web site and a brand mention. */
export function addWeakSignal(doc: Json, refs: ReadonlySet<string>): Json {
  const out = clone(doc);
  for (const c of allComponents(out)) {
    if (!refs.has(c['bom-ref'] as string)) continue;
    c.externalReferences = [...((c.externalReferences as Json[] | undefined) ?? []), { type: 'website', url: 'https://www.kaspersky.com/' }];
    c.description = `${typeof c.description === 'string' ? `${c.description} ` : ''}Works with Kaspersky products.`;
  }
  return out;
}

/** Whole-text rewrites of line endings. */
export const LINE_ENDINGS: Readonly<Record<string, (text: string) => string>> = {
  CRLF: (t) => t.replace(/\r?\n/g, '\r\n'),
  'lone CR': (t) => t.replace(/\r?\n/g, '\r'),
};
