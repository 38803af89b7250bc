// Normalizing the identifiers rules are compared on: organisation names, hosts, CPEs.

/**
 * Legal-form tokens dropped before names are compared (Latin and Cyrillic), each with the kind of company it
 * names: spellings of one kind are interchangeable ("Ltd" and "Limited"; a Russian AO was a ZAO before 2014).
 * Fillers ('' here) are dropped and name no kind.
 */
const LEGAL_FORMS: ReadonlyMap<string, string> = new Map([
  ...['ao', 'zao', 'oao', 'pao', 'jsc', 'cjsc', 'ojsc', 'ао', 'зао', 'оао', 'пао', 'нао'].map((t) => [t, 'jsc'] as const),
  ...['ooo', 'llc', 'ооо'].map((t) => [t, 'llc'] as const),
  ...['ltd', 'limited'].map((t) => [t, 'ltd'] as const),
  ...['inc', 'incorporated'].map((t) => [t, 'inc'] as const),
  ...['corp', 'corporation'].map((t) => [t, 'corp'] as const),
  ...['sa', 'sas'].map((t) => [t, 'sa'] as const),
  ...['gmbh', 'ag', 'srl', 'bv', 'nv', 'plc', 'kk', 'pty'].map((t) => [t, t] as const),
  ...['co', 'company', 'the'].map((t) => [t, ''] as const),
]);

/** Cyrillic letters that look like Latin ones; folded only inside tokens that mix the two scripts. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
};
const LATIN = /[a-z]/;
const CYRILLIC = /[\u0400-\u04ff]/;

function foldMixedScript(token: string): string {
  if (!LATIN.test(token) || !CYRILLIC.test(token)) return token;
  let out = '';
  for (const ch of token) out += CONFUSABLES[ch] ?? ch;
  return out;
}

const COPYRIGHT_NOISE = /\b(?:copyright|all rights reserved|and its licensors)\b|\(c\)|©|\b\d{4}(?:\s*[-–]\s*\d{4})?\b/giu;

/** An organisation name as compared: the name without its legal form, and the kinds of company its legal forms name. */
export interface OrgName {
  readonly base: string;
  /** Sorted kinds ('jsc', 'ltd', 'gmbh', …); empty when the name carries no legal form. */
  readonly forms: readonly string[];
}

const NO_FORMS: readonly string[] = Object.freeze([]);
const orgCache = new Map<string, OrgName>();

/** Lower-case, strip punctuation and legal forms, fold mixed-script look-alikes: "AO «Kaspersky Lab»" -> "kaspersky lab". */
export function normalizeOrgName(name: string): string {
  return orgName(name).base;
}

/** normalizeOrgName with the legal forms it dropped: "Kaspersky Labs GmbH" -> kaspersky labs, [gmbh]. */
export function orgName(name: string): OrgName {
  // Supplier and author strings repeat across a large SBOM; normalizing each spelling once is the cheap part.
  const hit = orgCache.get(name);
  if (hit !== undefined) return hit;
  const out = orgNameUncached(name);
  if (orgCache.size >= 50_000) orgCache.clear();
  orgCache.set(name, out);
  return out;
}

function orgNameUncached(name: string): OrgName {
  const tokens = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '')
    .map(foldMixedScript);
  const kept: string[] = [];
  const forms = new Set<string>();
  for (const t of tokens) {
    const form = LEGAL_FORMS.get(t);
    if (form === undefined) kept.push(t);
    else if (form !== '') forms.add(form);
  }
  return { base: kept.join(' '), forms: forms.size === 0 ? NO_FORMS : [...forms].sort() };
}

/**
 * Whether a name's legal forms allow a rule's spelling of the same base name: a rule spelling without a form
 * (`forms` null) takes any, and so does a name without one; otherwise they must share a kind. So the German
 * "Kaspersky Labs GmbH" is not the UK's "Kaspersky Labs Limited", though both are "kaspersky labs".
 */
export function formsAgree(ruleForms: ReadonlySet<string> | null, name: OrgName): boolean {
  if (ruleForms === null || name.forms.length === 0) return true;
  for (const f of name.forms) if (ruleForms.has(f)) return true;
  return false;
}

/** The holders named in a copyright statement: "Copyright 2009 A, Kaspersky Labs GmbH" -> ["a", "kaspersky labs"]. */
export function copyrightHolders(text: string): string[] {
  return copyrightHolderNames(text).map((n) => n.base);
}

/** copyrightHolders with each holder's legal forms. */
export function copyrightHolderNames(text: string): OrgName[] {
  if (text.length > 2000) text = text.slice(0, 2000);
  return text
    .replace(COPYRIGHT_NOISE, ' ')
    .split(/[,;\n]|\band\b|\bby\b/iu)
    .map(orgName)
    .filter((n) => n.base !== '');
}

const HOST_OF_URL = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]+)/i;
const SCP_LIKE = /^[\w.-]+@([\w.-]+):/;
const BARE_HOST = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#]|$)/i;

/** `[a-z][a-z0-9+.-]*` (any case) over url[0, end): a URL scheme, checked in place. */
function isScheme(url: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = url.charCodeAt(i) | 0x20;
    const letter = c >= 97 && c <= 122;
    if (i === 0 ? !letter : !(letter || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45)) return false;
  }
  return end > 0;
}

/** Where the host of a plain `scheme://host[:port]/path` URL (no user info) ends (-1 for any other form); it starts after `://`. */
function plainHostEnd(url: string, sep: number): number {
  if (sep <= 0 || sep >= 12) return -1;
  const start = sep + 3;
  let end = start;
  while (end < url.length) {
    const ch = url.charCodeAt(end);
    if (ch === 47 || ch === 63 || ch === 35 || ch === 58 || ch === 64 || ch === 91) break; // / ? # : @ [
    end++;
  }
  const stop = url.charCodeAt(end);
  if (end === start || !(end === url.length || stop === 47 || stop === 63 || stop === 35) || !isScheme(url, sep)) return -1;
  return end;
}

function plainHostAt(url: string, sep: number, end: number): string {
  const host = url.slice(sep + 3, end).toLowerCase();
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** Host and path of a URL-ish string (https://, git+https://, git@host:path, host/path); undefined when there is none. */
export function hostAndPath(url: string): { host: string; path: string } | undefined {
  const sep = url.indexOf('://');
  const end = plainHostEnd(url, sep);
  if (end < 0) return hostAndPathSlow(url);
  const tail = url.slice(end + (url.charCodeAt(end) === 47 ? 1 : 0));
  const cut = tail.search(/[?#]/);
  return { host: plainHostAt(url, sep, end), path: (cut >= 0 ? tail.slice(0, cut) : tail).toLowerCase() };
}

/** The host of a URL-ish string, exactly as hostAndPath gives it, without building the path (the matcher needs the path rarely). */
export function hostOf(url: string): string | undefined {
  const sep = url.indexOf('://');
  const end = plainHostEnd(url, sep);
  return end < 0 ? hostAndPathSlow(url)?.host : plainHostAt(url, sep, end);
}


function hostAndPathSlow(url: string): { host: string; path: string } | undefined {
  const u = url.trim();
  let m = HOST_OF_URL.exec(u);
  let rest: string;
  if (m?.[1] !== undefined) rest = u.slice(m[0].length);
  else {
    m = SCP_LIKE.exec(u) ?? BARE_HOST.exec(u);
    if (m?.[1] === undefined) return undefined;
    rest = u.slice(m[0].length - (/[/:?#]$/.test(m[0]) ? 1 : 0));
  }
  const host = m[1].toLowerCase().replace(/\.$/, '');
  const pathMatch = /^(?::\d+)?[/:]?([^?#]*)/.exec(rest);
  return { host, path: (pathMatch?.[1] ?? '').toLowerCase() };
}

/** Every suffix of a host that is a domain: a.b.c -> [a.b.c, b.c, c]. */
export function hostSuffixes(host: string): string[] {
  const out = [host];
  for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) out.push(host.slice(i + 1));
  return out;
}

/** Look a host and each of its parent domains up in an index, without building the list of suffixes. */
export function lookupHost<V>(index: ReadonlyMap<string, V>, host: string, visit: (v: V) => void): void {
  if (index.size === 0) return;
  const direct = index.get(host);
  if (direct !== undefined) visit(direct);
  for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) {
    const v = index.get(host.slice(i + 1));
    if (v !== undefined) visit(v);
  }
}

/** The domain of an e-mail address. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0) return undefined;
  return email.slice(at + 1).trim().toLowerCase().replace(/[>)\s]+$/, '') || undefined;
}

function splitCpe(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      cur += body[i + 1];
      i++;
    } else if (ch === ':') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Vendor and product of a CPE 2.3 formatted string or a CPE 2.2 URI, lower case. */
export function cpeVendorProduct(cpe: string): { part: string; vendor: string; product: string } | undefined {
  const c = cpe.trim().toLowerCase();
  let fields: string[];
  if (c.startsWith('cpe:2.3:')) fields = splitCpe(c.slice(8));
  else if (c.startsWith('cpe:/')) fields = splitCpe(c.slice(5)).map((f) => safeDecode(f));
  else return undefined;
  const [part, vendor, product] = fields;
  if (!part || !vendor) return undefined;
  return { part, vendor, product: product ?? '*' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
