// The identifiers of a component that rules test, each with the field it came from.
import type { Component, Party } from '../model/component.js';
import { copyrightHolders, emailDomain, hostAndPath, normalizeOrgName } from './normalize.js';

export interface PurlFacet {
  readonly field: string;
  readonly value: string;
}
export interface PartyFacet {
  readonly field: string;
  readonly value: string;
  readonly role: Party['role'];
  readonly normalized: string;
}
export interface EmailFacet {
  readonly field: string;
  readonly value: string;
  readonly role: Party['role'];
  readonly domain: string;
}
export interface UrlFacet {
  readonly field: string;
  readonly value: string;
  readonly host: string;
  readonly path: string;
}
export interface ValueFacet {
  readonly field: string;
  readonly value: string;
}

/** Everything a component offers to the rules. Built once per component. */
export interface Facets {
  readonly purls: PurlFacet[];
  readonly cpes: ValueFacet[];
  readonly parties: PartyFacet[];
  readonly emails: EmailFacet[];
  readonly names: ValueFacet[];
  readonly urls: UrlFacet[];
  readonly licenses: ValueFacet[];
  readonly texts: ValueFacet[];
  /** The component's version, for purl version ranges when the purl has none. */
  readonly version: string | undefined;
}

const PURL_URL_QUALIFIERS = /[?&](?:repository_url|download_url|vcs_url)=([^&#]+)/g;

function addParty(f: Facets, field: string, p: Party): void {
  if (p.role === 'copyright') {
    for (const h of copyrightHolders(p.name)) f.parties.push({ field, value: p.name, role: p.role, normalized: h });
  } else if (p.name) {
    const normalized = normalizeOrgName(p.name);
    if (normalized) f.parties.push({ field, value: p.name, role: p.role, normalized });
  }
  if (p.email) {
    const domain = emailDomain(p.email);
    if (domain) f.emails.push({ field: `${field}.email`, value: p.email, role: p.role, domain });
  }
  if (p.url) addUrl(f, `${field}.url`, p.url);
}

function addUrl(f: Facets, field: string, url: string): void {
  const hp = hostAndPath(url);
  if (hp) f.urls.push({ field, value: url, host: hp.host, path: hp.path });
}

function addPurl(f: Facets, field: string, purl: string): void {
  f.purls.push({ field, value: purl });
  if (purl.includes('_url=')) {
    for (const m of purl.matchAll(PURL_URL_QUALIFIERS)) {
      if (m[1] === undefined) continue;
      let v = m[1];
      try {
        v = decodeURIComponent(v);
      } catch {
        // keep the raw qualifier
      }
      addUrl(f, `${field} qualifier`, v);
    }
  }
}

function addName(f: Facets, field: string, name: string | undefined, group: string | undefined): void {
  if (!name) return;
  f.names.push({ field, value: name });
  if (group) f.names.push({ field: `${field} (with group)`, value: `${group}/${name}` });
}

export function facetsOf(c: Component): Facets {
  const f: Facets = { purls: [], cpes: [], parties: [], emails: [], names: [], urls: [], licenses: [], texts: [], version: c.version };
  addName(f, 'name', c.name, c.group);
  if (c.purl) addPurl(f, 'purl', c.purl);
  for (const cpe of c.cpes) f.cpes.push({ field: 'cpe', value: cpe });
  for (const p of c.parties) addParty(f, p.role, p);
  for (const r of c.externalRefs) addUrl(f, `externalReferences[${r.type}]`, r.url);
  for (const e of c.endpoints) addUrl(f, 'endpoints', e);
  for (const l of c.licenses) {
    if (l.ids.length > 0) for (const id of l.ids) f.licenses.push({ field: 'licenses', value: id });
    else f.licenses.push({ field: 'licenses', value: l.text });
  }
  if (c.description) f.texts.push({ field: 'description', value: c.description });
  for (const r of c.related) {
    addName(f, `${r.via}.name`, r.name, r.group);
    if (r.purl) addPurl(f, `${r.via}.purl`, r.purl);
    for (const cpe of r.cpes) f.cpes.push({ field: `${r.via}.cpe`, value: cpe });
    for (const p of r.parties) addParty(f, `${r.via}.${p.role}`, p);
    for (const e of r.externalRefs) addUrl(f, `${r.via}.externalReferences[${e.type}]`, e.url);
  }
  return f;
}

/** True when a component carries nothing a rule can test beyond its bare name. */
export function isUnidentified(f: Facets): boolean {
  return f.purls.length === 0 && f.cpes.length === 0 && f.parties.length === 0 && f.emails.length === 0 && f.urls.length === 0 && f.licenses.length === 0;
}
