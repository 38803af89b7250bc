// Caps on field lengths, applied to every parsed document: a megabyte "name" is junk, and slow to match and print.
import type { Component, Party, RelatedIdentity } from '../model/component.js';
import type { SbomDocument } from '../model/document.js';

/** Identifiers (names, versions, purls, CPEs, URLs): longer than any real one. */
export const MAX_IDENTIFIER = 4096;
/** Free text (descriptions, property values, licence text). */
export const MAX_TEXT = 65536;

interface Tally {
  count: number;
  first?: string;
}

function cap(value: string, max: number, where: () => string, tally: Tally): string {
  if (value.length <= max) return value;
  tally.count++;
  tally.first ??= `${where()} (${value.length} characters)`;
  return value.slice(0, max);
}

function capOptional(value: string | undefined, max: number, where: () => string, tally: Tally): string | undefined {
  return value === undefined ? undefined : cap(value, max, where, tally);
}

function capParty(p: Party, where: () => string, t: Tally): Party {
  return {
    ...p,
    name: cap(p.name, p.role === 'copyright' ? MAX_TEXT : MAX_IDENTIFIER, where, t),
    ...(p.email !== undefined && { email: cap(p.email, MAX_IDENTIFIER, where, t) }),
    ...(p.url !== undefined && { url: cap(p.url, MAX_IDENTIFIER, where, t) }),
  };
}

function tooLong(c: Component): boolean {
  const long = (s: string | undefined, max = MAX_IDENTIFIER): boolean => s !== undefined && s.length > max;
  const longRelated = (r: RelatedIdentity): boolean =>
    long(r.name) || long(r.group) || long(r.version) || long(r.purl) || r.cpes.some((x) => long(x)) || r.parties.some((p) => long(p.name, MAX_TEXT) || long(p.email) || long(p.url)) || r.externalRefs.some((e) => long(e.url));
  return (
    long(c.name) || long(c.group) || long(c.version) || long(c.purl) || long(c.type) || long(c.description, MAX_TEXT) ||
    c.cpes.some((x) => long(x)) || c.endpoints.some((x) => long(x)) || c.externalRefs.some((e) => long(e.url) || long(e.type)) ||
    c.parties.some((p) => long(p.name, MAX_TEXT) || long(p.email) || long(p.url)) || c.licenses.some((l) => long(l.text, MAX_TEXT)) ||
    c.hashes.some((h) => long(h.content) || long(h.alg)) || c.properties.some((p) => long(p.name) || long(p.value, MAX_TEXT)) || c.related.some(longRelated)
  );
}

function capComponent(c: Component, t: Tally): Component {
  const at = (field: string) => () => `component "${c.name.slice(0, 80)}" ${field}`;
  const id = (v: string, field: string): string => cap(v, MAX_IDENTIFIER, at(field), t);
  const opt = (v: string | undefined, field: string): string | undefined => capOptional(v, MAX_IDENTIFIER, at(field), t);
  const capped: Component = {
    ...c,
    name: id(c.name, 'name'),
    cpes: c.cpes.map((x) => id(x, 'cpe')),
    parties: c.parties.map((p) => capParty(p, at(p.role), t)),
    licenses: c.licenses.map((l) => (l.text.length > MAX_TEXT ? { ...l, text: cap(l.text, MAX_TEXT, at('licence'), t) } : l)),
    hashes: c.hashes.map((h) => ({ alg: id(h.alg, 'hash'), content: id(h.content, 'hash') })),
    externalRefs: c.externalRefs.map((e) => ({ type: id(e.type, 'external reference'), url: id(e.url, 'external reference') })),
    properties: c.properties.map((p) => ({ name: id(p.name, 'property'), value: cap(p.value, MAX_TEXT, at(`property ${p.name.slice(0, 40)}`), t) })),
    endpoints: c.endpoints.map((e) => id(e, 'endpoint')),
    related: c.related.map((r) => ({
      ...r,
      ...(r.name !== undefined && { name: id(r.name, `${r.via}.name`) }),
      ...(r.group !== undefined && { group: id(r.group, `${r.via}.group`) }),
      ...(r.version !== undefined && { version: id(r.version, `${r.via}.version`) }),
      ...(r.purl !== undefined && { purl: id(r.purl, `${r.via}.purl`) }),
      cpes: r.cpes.map((x) => id(x, `${r.via}.cpe`)),
      parties: r.parties.map((p) => capParty(p, at(`${r.via}.${p.role}`), t)),
      externalRefs: r.externalRefs.map((e) => ({ type: e.type, url: id(e.url, `${r.via}.external reference`) })),
    })),
  };
  const group = opt(c.group, 'group');
  const version = opt(c.version, 'version');
  const purl = opt(c.purl, 'purl');
  const type = opt(c.type, 'type');
  const description = capOptional(c.description, MAX_TEXT, at('description'), t);
  return {
    ...capped,
    ...(group !== undefined && { group }),
    ...(version !== undefined && { version }),
    ...(purl !== undefined && { purl }),
    ...(type !== undefined && { type }),
    ...(description !== undefined && { description }),
  };
}

/**
 * Truncate over-long fields, with one warning naming how many and the first. Refs are left alone:
 * they key the dependency graph, and k8s `bom` writes very long SPDXIDs on purpose.
 */
export function capLongFields(doc: SbomDocument): SbomDocument {
  const tally: Tally = { count: 0 };
  const fix = (list: readonly Component[]): readonly Component[] => (list.some(tooLong) ? list.map((c) => (tooLong(c) ? capComponent(c, tally) : c)) : list);
  const components = fix(doc.components);
  const services = fix(doc.services);
  const root = doc.root && tooLong(doc.root) ? capComponent(doc.root, tally) : doc.root;
  if (tally.count === 0) return doc;
  const warning = `${tally.count} field(s) longer than ${MAX_IDENTIFIER} characters (${MAX_TEXT} for free text) were truncated, first: ${tally.first ?? ''}`;
  return { ...doc, components, services, ...(root && { root }), warnings: [...doc.warnings, warning] };
}
