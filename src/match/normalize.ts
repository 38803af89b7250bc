// Normalizing the identifiers rules are compared on: organisation names, parties, hosts, CPEs. The SBOM's values
// and the rules' spellings pass the same functions here.
import { domainToUnicode } from 'node:url';
import { parsePartyText } from '../sbom/party.js';
import { isAscii, skeleton } from './skeleton.js';

/**
 * Legal-form tokens dropped before names are compared (Latin and Cyrillic), each with the kind of company it
 * names: spellings of one kind are interchangeable ("Ltd" and "Limited"; a Russian AO was a ZAO before 2014).
 * Fillers ('' here) are dropped and name no kind.
 */
const LEGAL_FORM_SPELLINGS: readonly (readonly [string, string])[] = [
  ...['ao', 'zao', 'oao', 'pao', 'jsc', 'cjsc', 'ojsc', 'ао', 'зао', 'оао', 'пао', 'нао'].map((t) => [t, 'jsc'] as const),
  ...['ooo', 'llc', 'ооо'].map((t) => [t, 'llc'] as const),
  ...['ltd', 'limited'].map((t) => [t, 'ltd'] as const),
  ...['inc', 'incorporated'].map((t) => [t, 'inc'] as const),
  ...['corp', 'corporation'].map((t) => [t, 'corp'] as const),
  ...['sa', 'sas'].map((t) => [t, 'sa'] as const),
  ...['gmbh', 'ag', 'srl', 'bv', 'nv', 'plc', 'kk', 'pty'].map((t) => [t, t] as const),
  ...['co', 'company', 'the'].map((t) => [t, ''] as const),
];
let legalForms: ReadonlyMap<string, string> | undefined;

/** The legal-form tokens as skeletons, like the names they are looked up in (built on first use: folding loads the confusables data). */
function legalFormsMap(): ReadonlyMap<string, string> {
  return (legalForms ??= new Map(LEGAL_FORM_SPELLINGS.map(([t, kind]) => [skeleton(t), kind])));
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

/** The skeleton without punctuation and legal forms: "AO «Kaspersky Lab»" and "АО КАЅРЕRЅКҮ LАВ" -> "kaspersky lab". */
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
  const tokens = skeleton(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
  const kept: string[] = [];
  const forms = new Set<string>();
  const legal = legalFormsMap();
  for (const t of tokens) {
    const form = legal.get(t);
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

/** What a party string names: organisation names (a copyright line may name several), and the addresses and URLs written in it. */
export interface PartyIdentity {
  readonly names: readonly OrgName[];
  readonly emails: readonly string[];
  readonly urls: readonly string[];
}

const NONE: readonly never[] = Object.freeze([]);
/** Party strings repeat across a large SBOM: each is read once (a cache per kind, keyed by the string as written). */
const partyCache = new Map<string, PartyIdentity>();
const copyrightCache = new Map<string, PartyIdentity>();
/** What may mark an address, URL or actor prefix in a party string; a name without any is its own name. */
const PARTY_MARKS = /[<>()[\]@:/]|www\./i;

/**
 * A party string read as tools write it (`Name <email> (url)`, `Organization: Name (email)`, a copyright line
 * naming several holders), each name normalized by orgName. The one reading for the matcher and the facets.
 */
export function partyIdentity(text: string, copyright: boolean): PartyIdentity {
  const cache = copyright ? copyrightCache : partyCache;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const out = copyright ? copyrightIdentity(text) : nameIdentity(text);
  if (cache.size >= 50_000) cache.clear();
  cache.set(text, out);
  return out;
}

function nameIdentity(text: string): PartyIdentity {
  if (!PARTY_MARKS.test(text)) {
    const n = orgName(text);
    return { names: n.base === '' ? NONE : [n], emails: NONE, urls: NONE };
  }
  const parsed = parsePartyText(text);
  const n = orgName(parsed.name);
  return { names: n.base === '' ? NONE : [n], emails: parsed.email === undefined ? NONE : [parsed.email], urls: parsed.url === undefined ? NONE : [parsed.url] };
}

function copyrightIdentity(text: string): PartyIdentity {
  if (text.length > 2000) text = text.slice(0, 2000);
  const names: OrgName[] = [];
  const emails: string[] = [];
  const urls: string[] = [];
  for (const chunk of text.replace(COPYRIGHT_NOISE, ' ').split(/[,;\n]|\band\b|\bby\b/iu)) {
    const parsed = PARTY_MARKS.test(chunk) ? parsePartyText(chunk) : { name: chunk };
    if (parsed.email !== undefined) emails.push(parsed.email);
    if (parsed.url !== undefined) urls.push(parsed.url);
    // Once more on the skeleton: "Сopyright" with a Cyrillic С, "ⓒ", a full-width year.
    const n = orgName(isAscii(parsed.name) ? parsed.name : skeleton(parsed.name).replace(COPYRIGHT_NOISE, ' '));
    if (n.base !== '') names.push(n);
  }
  return { names, emails, urls };
}

/** The holders named in a copyright statement: "Copyright 2009 A, Kaspersky Labs GmbH" -> ["a", "kaspersky labs"]. */
export function copyrightHolders(text: string): string[] {
  return copyrightHolderNames(text).map((n) => n.base);
}

/** copyrightHolders with each holder's legal forms. */
export function copyrightHolderNames(text: string): OrgName[] {
  return [...partyIdentity(text, true).names];
}

/** Schemes whose URLs a WHATWG parser reads with the host rules (IDNA, percent-decoding, backslashes as slashes). */
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss', 'file']);

/** `[a-z][a-z0-9+.-]*` (any case) over url[0, end): a URL scheme, checked in place. */
function isScheme(url: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = url.charCodeAt(i) | 0x20;
    const letter = c >= 97 && c <= 122;
    if (i === 0 ? !letter : !(letter || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45)) return false;
  }
  return end > 0;
}

/**
 * Where the host of a plain `scheme://host/path` URL ends (-1 for any other form); it starts after `://`. Plain:
 * the host holds only ASCII letters, digits, `.`, `-` and `_`, and ends the URL or meets `/`, `?` or `#`. Anything
 * else (user info, a port, a backslash, `%`, blanks, characters outside ASCII) goes to the WHATWG parser.
 */
function plainHostEnd(url: string, sep: number): number {
  if (sep <= 0 || sep >= 12) return -1;
  const start = sep + 3;
  let end = start;
  for (; end < url.length; end++) {
    const ch = url.charCodeAt(end);
    if (ch === 47 || ch === 63 || ch === 35) break; // / ? #
    const c = ch | 0x20;
    if (!((c >= 97 && c <= 122) || (ch >= 48 && ch <= 57) || ch === 46 || ch === 45 || ch === 95)) return -1;
  }
  if (end === start || !isScheme(url, sep)) return -1;
  return end;
}

function plainHostAt(url: string, sep: number, end: number): string | undefined {
  return finishHost(url.slice(sep + 3, end).toLowerCase());
}

/** A host as compared: without trailing dots, and an IDN (punycode) host as the skeleton of its Unicode form. */
function finishHost(host: string): string | undefined {
  let end = host.length;
  while (end > 0 && host.charCodeAt(end - 1) === 46) end--;
  if (end < host.length) host = host.slice(0, end);
  if (host === '') return undefined;
  if (!host.includes('xn--')) return host;
  const unicode = domainToUnicode(host);
  return unicode === '' ? host : skeleton(unicode);
}

/** Host and path of a URL-ish string (https://, git+https://, git@host:path, scm:git:…, host/path); undefined when there is none. */
export function hostAndPath(url: string): { host: string; path: string } | undefined {
  const sep = url.indexOf('://');
  const end = plainHostEnd(url, sep);
  if (end < 0) return hostAndPathSlow(url);
  const tail = url.slice(end + (url.charCodeAt(end) === 47 ? 1 : 0));
  const cut = tail.search(/[?#]/);
  const path = cut >= 0 ? tail.slice(0, cut) : tail;
  // A path a parser would rewrite (escapes, backslashes) is read by the parser too.
  if (!isAscii(path) || path.includes('%') || path.includes('\\')) return hostAndPathSlow(url);
  const host = plainHostAt(url, sep, end);
  return host === undefined ? undefined : { host, path: path.toLowerCase() };
}

/** The host of a URL-ish string, exactly as hostAndPath gives it, without building the path (the matcher needs the path rarely). */
export function hostOf(url: string): string | undefined {
  const sep = url.indexOf('://');
  const end = plainHostEnd(url, sep);
  return end < 0 ? hostAndPathSlow(url)?.host : plainHostAt(url, sep, end);
}

/** A host or e-mail domain as hosts are compared (the rules' hosts pass here too): "KASPERSKY．com." -> "kaspersky.com". */
export function normalizeHost(host: string): string | undefined {
  return hostOf(`http://${host}`);
}

/** Controls and blanks a URL parser strips from both ends. */
function trimControls(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

const SCP_WITH_USER = /^[^@/\\\s:?#]+@([^@/\\\s:?#]+):(?!\/\/)/;
const SCP_HOST = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+):(?!\/\/|\d+(?:[/?#]|$))/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The string to hand to the WHATWG parser: the VCS forms the specs allow rewritten to an `http(s)` URL with the
 * same host and path (`git+ssh://`, `git+git@host:path`, `git@host:path`, Maven's `scm:git:`), a scheme-relative
 * `//host` or a bare `host/path` given a scheme. Undefined for what names no host (`urn:`, `NOASSERTION`).
 */
function parseable(s: string): string | undefined {
  s = s.replace(/^scm:[a-z0-9]+:/i, '');
  const scp = SCP_WITH_USER.exec(s) ?? SCP_HOST.exec(s);
  if (scp?.[1] !== undefined) return `http://${scp[1]}/${s.slice(scp[0].length)}`;
  const scheme = SCHEME.exec(s);
  if (scheme?.[1] !== undefined) {
    const name = scheme[1].toLowerCase();
    const effective = name.slice(name.lastIndexOf('+') + 1);
    const after = s.slice(scheme[0].length);
    if (SPECIAL_SCHEMES.has(effective)) return `${effective}:${after}`;
    if (effective === 'mailto') {
      const domain = after.slice(after.lastIndexOf('@') + 1);
      return domain === after ? undefined : `http://${domain}`;
    }
    // git, ssh, svn, hg, sftp and the rest: their authority read like an http one.
    return after.startsWith('//') ? `http:${after}` : undefined;
  }
  if (/^[/\\]{2}/.test(s)) return `http:${s}`;
  return isBareHost(s) ? `http://${s}` : undefined;
}

/** `host.tld` up to the end or to a slash, backslash, `?`, `#` or a port: a dot inside, no blank before it. */
function isBareHost(s: string): boolean {
  const stop = s.search(/[\s/\\?#:]/);
  const head = stop < 0 ? s : s.slice(0, stop);
  const dot = head.indexOf('.');
  return dot > 0 && dot < head.length - 1 && (stop < 0 || !/\s/.test(s[stop] ?? ''));
}

function parseUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

/**
 * The slow path: the host as a WHATWG URL parser (Node's URL) takes it, which removes tabs and line breaks,
 * reads backslashes as slashes, decodes percent-escapes in the host, maps full-width characters and ideographic
 * full stops, and drops user info and port. Full-width text is folded first (NFKC), so `ｈｔｔｐｓ：／／` is a scheme.
 */
function hostAndPathSlow(url: string): { host: string; path: string } | undefined {
  let s = trimControls(url.replace(/[\t\n\r]/g, ''));
  if (!isAscii(s)) s = s.normalize('NFKC');
  const candidate = parseable(s);
  if (candidate === undefined) return undefined;
  let u = parseUrl(candidate);
  // `ssh://git@host:Org/repo.git`: an scp-style path after the authority, which no URL parser takes as a port.
  if (u === undefined) {
    const start = candidate.indexOf('//') + 2;
    let end = start;
    while (end < candidate.length && !'/?#'.includes(candidate[end] ?? '')) end++;
    const colon = candidate.lastIndexOf(':', end - 1);
    if (colon >= start && !/^\d*$/.test(candidate.slice(colon + 1, end))) u = parseUrl(`${candidate.slice(0, colon)}/${candidate.slice(colon + 1)}`);
  }
  if (u === undefined) return undefined;
  const host = finishHost(u.hostname.toLowerCase());
  if (host === undefined) return undefined;
  const path = u.pathname.startsWith('/') ? u.pathname.slice(1) : u.pathname;
  return { host, path: safeDecode(path).toLowerCase() };
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

/** The domain of an e-mail address, normalized like a host (a full-width `＠` or `．` included). */
export function emailDomain(email: string): string | undefined {
  const e = isAscii(email) ? email : email.normalize('NFKC');
  const at = e.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = trimControls(e.slice(at + 1)).replace(/[>)\]]+$/, '');
  return domain === '' ? undefined : normalizeHost(domain);
}

/** The fields of a CPE body, split on colons that are not escaped with a backslash (escapes removed). */
export function splitCpe(body: string): string[] {
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

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
