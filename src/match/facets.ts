// The identifiers of a component that rules test, each with the field it came from.
import type { Component, ExternalRef, LicenseRef, Party, RelatedIdentity } from '../model/component.js';
import { emailDomain, hostAndPath, partyIdentity } from './normalize.js';

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
    // Read as the matcher reads it: the names, addresses and URLs a party string holds.
    const id = p.name ? partyIdentity(p.name, p.role === 'copyright') : undefined;
    for (const n of id?.names ?? []) this.add('parties', { field, value: p.name, role: p.role, normalized: n.base });
    for (const email of [...(p.email ? [p.email] : []), ...(id?.emails ?? [])]) {
      const domain = emailDomain(email);
      if (domain) this.add('emails', { field: `${field}.email`, value: email, role: p.role, domain });
    }
    for (const url of [...(p.url ? [p.url] : []), ...(id?.urls ?? [])]) this.url(`${field}.url`, url);
  }

  url(field: string, url: string): void {
    const hp = hostAndPath(url);
    if (hp) this.add('urls', { field, value: url, host: hp.host, path: hp.path });
  }

  purl(field: string, purl: string): void {
    this.add('purls', { field, value: purl });
    for (const u of purlQualifierUrls(purl)) this.url(`${field} qualifier`, u);
  }

}

/** Receives every identifier of a component with the field it came from; `detail` refines the field (`externalReferences[vcs]`). */
export interface IdentityVisitor {
  purl(field: string, value: string): void;
  cpe(field: string, value: string): void;
  party(field: string, party: Party): void;
  name(field: string, value: string): void;
  url(field: string, value: string, detail?: string): void;
  license(field: string, value: string): void;
  text(field: string, value: string): void;
}

/**
 * The one walk over a component's identifiers, shared by the matcher (hot path, no lists built) and by facetsOf.
 * Indexed loops: on a large SBOM, for-of here allocated an iterator result per element (a third of a scan's garbage).
 */
export function visitIdentity(c: Component, v: IdentityVisitor): void {
  // Each field read once: a component may read its fields from its SBOM entry on every access.
  const { name, group, purl, cpes, parties, externalRefs, endpoints, licenses, description, related } = c;
  if (name) {
    v.name('name', name);
    if (group) v.name('name (with group)', `${group}/${name}`);
  }
  if (purl) v.purl('purl', purl);
  for (let i = 0; i < cpes.length; i++) v.cpe('cpe', cpes[i] as string);
  for (let i = 0; i < parties.length; i++) {
    const p = parties[i] as Party;
    v.party(p.role, p);
    // A certificate's names (`Kaspersky Lab Root CA`) are tested as text too: they are not only organisation names.
    if (p.role === 'certificate-subject' || p.role === 'certificate-issuer') v.text(p.role, p.name);
  }
  for (let i = 0; i < externalRefs.length; i++) {
    const r = externalRefs[i] as ExternalRef;
    v.url('externalReferences', r.url, r.type);
  }
  for (let i = 0; i < endpoints.length; i++) v.url('endpoints', endpoints[i] as string);
  for (let i = 0; i < licenses.length; i++) {
    const l = licenses[i] as LicenseRef;
    if (l.ids.length > 0) for (let j = 0; j < l.ids.length; j++) v.license('licenses', l.ids[j] as string);
    else v.license('licenses', l.text);
    if (l.url !== undefined && l.url !== l.text) v.license('licenses.url', l.url);
  }
  if (description) v.text('description', description);
  for (let i = 0; i < related.length; i++) visitRelated(related[i] as RelatedIdentity, v);
}

function visitRelated(r: RelatedIdentity, v: IdentityVisitor): void {
  if (r.name) {
    v.name(`${r.via}.name`, r.name);
    if (r.group) v.name(`${r.via}.name (with group)`, `${r.group}/${r.name}`);
  }
  if (r.purl) v.purl(`${r.via}.purl`, r.purl);
  for (const cpe of r.cpes) v.cpe(`${r.via}.cpe`, cpe);
  for (const p of r.parties) v.party(`${r.via}.${p.role}`, p);
  for (const e of r.externalRefs) v.url(`${r.via}.externalReferences`, e.url, e.type);
}

/** URLs carried in purl qualifiers (repository_url, download_url, vcs_url). */
export function purlQualifierUrls(purl: string): string[] {
  if (!purl.includes('_url=')) return [];
  const out: string[] = [];
  for (const m of purl.matchAll(PURL_URL_QUALIFIERS)) {
    if (m[1] === undefined) continue;
    try {
      out.push(decodeURIComponent(m[1]));
    } catch {
      out.push(m[1]);
    }
  }
  return out;
}

export function facetsOf(c: Component): Facets {
  const f = new FacetBuilder(c.version);
  visitIdentity(c, {
    purl: (field, value) => f.purl(field, value),
    cpe: (field, value) => f.add('cpes', { field, value }),
    party: (field, p) => f.party(field, p),
    name: (field, value) => f.add('names', { field, value }),
    url: (field, value, detail) => f.url(detail === undefined ? field : `${field}[${detail}]`, value),
    license: (field, value) => f.add('licenses', { field, value }),
    text: (field, value) => f.add('texts', { field, value }),
  });
  return f;
}
