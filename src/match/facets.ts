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
  readonly purls: readonly PurlFacet[];
  readonly cpes: readonly ValueFacet[];
  readonly parties: readonly PartyFacet[];
  readonly emails: readonly EmailFacet[];
  readonly names: readonly ValueFacet[];
  readonly urls: readonly UrlFacet[];
  readonly licenses: readonly ValueFacet[];
  readonly texts: readonly ValueFacet[];
  /** The component's version, for purl version ranges when the purl has none. */
  readonly version: string | undefined;
}

const PURL_URL_QUALIFIERS = /[?&](?:repository_url|download_url|vcs_url)=([^&#]+)/g;
const EMPTY: readonly never[] = Object.freeze([]);

/** Facet lists start shared and empty: most components fill only two or three of them, and large SBOMs have many components. */
class FacetBuilder implements Facets {
  purls: PurlFacet[] = EMPTY as never;
  cpes: ValueFacet[] = EMPTY as never;
  parties: PartyFacet[] = EMPTY as never;
  emails: EmailFacet[] = EMPTY as never;
  names: ValueFacet[] = EMPTY as never;
  urls: UrlFacet[] = EMPTY as never;
  licenses: ValueFacet[] = EMPTY as never;
  texts: ValueFacet[] = EMPTY as never;
  constructor(readonly version: string | undefined) {}

  add<K extends 'purls' | 'cpes' | 'parties' | 'emails' | 'names' | 'urls' | 'licenses' | 'texts'>(key: K, value: FacetBuilder[K][number]): void {
    const list = this[key] as unknown[];
    if ((list as readonly unknown[]) === EMPTY) (this[key] as unknown[]) = [value];
    else list.push(value);
  }

  party(field: string, p: Party): void {
    if (p.role === 'copyright') {
      for (const h of copyrightHolders(p.name)) this.add('parties', { field, value: p.name, role: p.role, normalized: h });
    } else if (p.name) {
      const normalized = normalizeOrgName(p.name);
      if (normalized) this.add('parties', { field, value: p.name, role: p.role, normalized });
    }
    if (p.email) {
      const domain = emailDomain(p.email);
      if (domain) this.add('emails', { field: `${field}.email`, value: p.email, role: p.role, domain });
    }
    if (p.url) this.url(`${field}.url`, p.url);
  }

  url(field: string, url: string): void {
    const hp = hostAndPath(url);
    if (hp) this.add('urls', { field, value: url, host: hp.host, path: hp.path });
  }

  purl(field: string, purl: string): void {
    this.add('purls', { field, value: purl });
    if (!purl.includes('_url=')) return;
    for (const m of purl.matchAll(PURL_URL_QUALIFIERS)) {
      if (m[1] === undefined) continue;
      let v = m[1];
      try {
        v = decodeURIComponent(v);
      } catch {
        // keep the raw qualifier
      }
      this.url(`${field} qualifier`, v);
    }
  }

  name(field: string, name: string | undefined, group: string | undefined): void {
    if (!name) return;
    this.add('names', { field, value: name });
    if (group) this.add('names', { field: `${field} (with group)`, value: `${group}/${name}` });
  }
}

export function facetsOf(c: Component): Facets {
  const f = new FacetBuilder(c.version);
  f.name('name', c.name, c.group);
  if (c.purl) f.purl('purl', c.purl);
  for (const cpe of c.cpes) f.add('cpes', { field: 'cpe', value: cpe });
  for (const p of c.parties) f.party(p.role, p);
  for (const r of c.externalRefs) f.url(`externalReferences[${r.type}]`, r.url);
  for (const e of c.endpoints) f.url('endpoints', e);
  for (const l of c.licenses) {
    if (l.ids.length > 0) for (const id of l.ids) f.add('licenses', { field: 'licenses', value: id });
    else f.add('licenses', { field: 'licenses', value: l.text });
  }
  if (c.description) f.add('texts', { field: 'description', value: c.description });
  for (const r of c.related) {
    f.name(`${r.via}.name`, r.name, r.group);
    if (r.purl) f.purl(`${r.via}.purl`, r.purl);
    for (const cpe of r.cpes) f.add('cpes', { field: `${r.via}.cpe`, value: cpe });
    for (const p of r.parties) f.party(`${r.via}.${p.role}`, p);
    for (const e of r.externalRefs) f.url(`${r.via}.externalReferences[${e.type}]`, e.url);
  }
  return f;
}

/** True when a component carries nothing a rule can test beyond its bare name. */
export function isUnidentified(f: Facets): boolean {
  return f.purls.length === 0 && f.cpes.length === 0 && f.parties.length === 0 && f.emails.length === 0 && f.urls.length === 0 && f.licenses.length === 0;
}
