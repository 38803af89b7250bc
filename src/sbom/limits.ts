// Caps on field lengths, applied to every parsed document: a megabyte "name" is junk, and slow to match and print.
import type { Component, ExternalRef, Hash, LicenseRef, Party, Property, RelatedIdentity } from '../model/component.js';
import type { SbomDocument } from '../model/document.js';

/** Identifiers (names, versions, purls, CPEs, URLs): longer than any real one. */
export const MAX_IDENTIFIER = 4096;
/** Free text (descriptions, property values, licence text). */
export const MAX_TEXT = 65536;

/** Marks a component whose parser has checked that every field fits the caps, so it is not read again to check. */
export const WITHIN_LIMITS: unique symbol = Symbol('ictscan.withinLimits');

/** Block size of the text screen: a string longer than MAX_IDENTIFIER spans at least one whole aligned block. */
const BLOCK = MAX_IDENTIFIER / 2;

/**
 * Whether the JSON text may hold a string value longer than MAX_IDENTIFIER, in one linear pass that finds
 * one quote per block. Such a string's text spans at least one whole aligned block of MAX_IDENTIFIER / 2
 * characters (escapes only lengthen the text), and every quote inside a string follows a backslash. So a
 * block with a quote that follows anything else is not inside one string, and a text made of such blocks
 * holds no long string. A block without one answers "maybe": the caller then checks every value.
 */
export function jsonMayHoldLongString(text: string): boolean {
  for (let start = 0; start + BLOCK <= text.length; start += BLOCK) {
    const end = start + BLOCK;
    let q = text.indexOf('"', start);
    while (q !== -1 && q < end && q > 0 && text.charCodeAt(q - 1) === 92 /* \\ */) q = text.indexOf('"', q + 1);
    if (q === -1 || q >= end) return true;
  }
  return false;
}

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

function long(s: string | undefined, max: number): boolean {
  return s !== undefined && s.length > max;
}

function longParties(list: readonly Party[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as Party;
    if (long(p.name, MAX_TEXT) || long(p.email, MAX_IDENTIFIER) || long(p.url, MAX_IDENTIFIER)) return true;
  }
  return false;
}

function longStrings(list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) if ((list[i] as string).length > MAX_IDENTIFIER) return true;
  return false;
}

function longRelated(r: RelatedIdentity): boolean {
  if (long(r.name, MAX_IDENTIFIER) || long(r.group, MAX_IDENTIFIER) || long(r.version, MAX_IDENTIFIER) || long(r.purl, MAX_IDENTIFIER)) return true;
  if (longStrings(r.cpes) || longParties(r.parties)) return true;
  for (const e of r.externalRefs) if (e.url.length > MAX_IDENTIFIER) return true;
  return false;
}

/** Plain indexed loops, no closures or iterators: this runs for every component of every document. */
function tooLong(c: Component): boolean {
  if ((c as { readonly [WITHIN_LIMITS]?: boolean })[WITHIN_LIMITS] === true) return false;
  if (long(c.name, MAX_IDENTIFIER) || long(c.group, MAX_IDENTIFIER) || long(c.version, MAX_IDENTIFIER) || long(c.purl, MAX_IDENTIFIER) || long(c.type, MAX_IDENTIFIER) || long(c.description, MAX_TEXT)) return true;
  if (longStrings(c.cpes) || longStrings(c.endpoints) || longParties(c.parties)) return true;
  const { externalRefs, licenses, hashes, properties, related } = c;
  for (let i = 0; i < externalRefs.length; i++) {
    const e = externalRefs[i] as ExternalRef;
    if (e.url.length > MAX_IDENTIFIER || e.type.length > MAX_IDENTIFIER) return true;
  }
  for (let i = 0; i < licenses.length; i++) if ((licenses[i] as LicenseRef).text.length > MAX_TEXT) return true;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i] as Hash;
    if (h.content.length > MAX_IDENTIFIER || h.alg.length > MAX_IDENTIFIER) return true;
  }
  for (let i = 0; i < properties.length; i++) {
    const p = properties[i] as Property;
    if (p.name.length > MAX_IDENTIFIER || p.value.length > MAX_TEXT) return true;
  }
  for (let i = 0; i < related.length; i++) if (longRelated(related[i] as RelatedIdentity)) return true;
  return false;
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
