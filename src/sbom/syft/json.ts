// Syft's own JSON format (`syft -o json`): artifacts, artifact relationships and the scanned source.
import type { Component, ExternalRef, LicenseRef, Party, Property } from '../../model/component.js';
import type { SbomParser } from '../parser.js';
import { EdgeSet, makeComponent, RefRegistry } from '../builder.js';
import { InputError } from '../errors.js';
import { namedLicense, parseLicense } from '../license.js';
import { lazyKeyLines } from '../lines.js';
import { textParty } from '../party.js';
import { arr, obj, own, str, type Obj } from '../untrusted.js';

/**
 * Relationship types and the edge each gives: `dependency-of` reads "parent is a dependency of child";
 * `ownership-by-file-overlap` means the parent package installed the child's files, so removing
 * the parent removes the child. `evident-by` and `described-by` point at files and carry no edge.
 */
const DIRECTION: Readonly<Record<string, 'parent-child' | 'child-parent'>> = {
  contains: 'parent-child',
  'ownership-by-file-overlap': 'parent-child',
  'dependency-of': 'child-parent',
};

/** Metadata fields (they differ per package type) that name people or organisations. */
const PARTY_FIELDS: readonly [string, Party['role']][] = [
  ['maintainer', 'originator'],
  ['author', 'author'],
  ['authors', 'author'],
  ['vendor', 'supplier'],
  ['publisher', 'publisher'],
  ['company', 'supplier'],
];
const URL_FIELDS = ['url', 'homepage', 'homePage', 'projectUrl', 'repository'];

function licenses(v: unknown): LicenseRef[] {
  const out: LicenseRef[] = [];
  for (const l of arr(v)) {
    // Schema 1-7 wrote plain strings; later ones objects with value and spdxExpression.
    const lo = obj(l);
    const expression = lo ? str(lo['spdxExpression']) : undefined;
    const value = lo ? str(lo['value']) : str(l);
    const parsed = expression ? parseLicense(expression) : value ? parseLicense(value) : undefined;
    if (parsed?.parsed) out.push(parsed);
    else if (value) out.push(namedLicense(value));
  }
  return out;
}

function cpes(v: unknown): string[] {
  const out: string[] = [];
  for (const c of arr(v)) {
    const s = str(c) ?? str(obj(c)?.['cpe']);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

function readArtifact(a: Obj, refs: RefRegistry, warnings: string[], lineOf: ((id: string) => number | undefined) | undefined): Component {
  const name = str(a['name']) ?? '';
  if (!name) warnings.push(`an artifact without a name${str(a['id']) ? ` (id ${str(a['id']) ?? ''})` : ''}`);
  const id = str(a['id']);
  const ref = refs.take(id, name || '(unnamed)');
  const meta = obj(a['metadata']);
  const parties: Party[] = [];
  const externalRefs: ExternalRef[] = [];
  if (meta) {
    const authorEmail = str(meta['authorEmail']);
    for (const [field, role] of PARTY_FIELDS) {
      for (const v of arr(meta[field])) {
        let text = str(v) ?? str(obj(v)?.['name']);
        // Python metadata keeps the author's e-mail in a field of its own.
        if (field === 'author' && text !== undefined && authorEmail) text = `${text} <${authorEmail}>`;
        const p = textParty(role, text);
        if (p) parties.push(p);
      }
    }
    if (authorEmail && !str(meta['author'])) {
      // Without an author name the e-mail field often holds "Name <address>" itself.
      const p = authorEmail.includes('<') ? textParty('author', authorEmail) : { role: 'author' as const, name: '', email: authorEmail };
      if (p) parties.push(p);
    }
    for (const field of URL_FIELDS) {
      const url = str(meta[field]);
      if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) externalRefs.push({ type: field === 'repository' ? 'vcs' : 'website', url });
    }
  }
  const properties: Property[] = [];
  const add = (n: string, v: unknown): void => {
    const s = str(v);
    if (s) properties.push({ name: n, value: s });
  };
  add('syft:package:type', a['type']);
  add('syft:package:foundBy', a['foundBy']);
  add('syft:package:language', a['language']);
  add('syft:package:metadataType', a['metadataType']);
  arr(a['locations']).forEach((l, i) => add(`syft:location:${i}:path`, obj(l)?.['path']));
  if (meta) {
    // Source package names (dpkg `source`, rpm `sourceRpm`, apk `originPackage`) help distro matching.
    add('syft:metadata:source', meta['source']);
    add('syft:metadata:sourceRpm', meta['sourceRpm']);
    add('syft:metadata:originPackage', meta['originPackage']);
  }
  return makeComponent({
    ref,
    name,
    version: str(a['version']),
    purl: str(a['purl']),
    cpes: cpes(a['cpes']),
    parties,
    licenses: licenses(a['licenses']),
    externalRefs,
    description: meta ? str(meta['description']) : undefined,
    properties,
    line: id !== undefined ? lineOf?.(id) : undefined,
  });
}

function readSource(source: Obj | undefined): Component | undefined {
  if (!source) return undefined;
  const meta = obj(source['metadata']);
  const name = str(source['name']) ?? (meta && str(meta['userInput'])) ?? (meta && str(meta['path']));
  if (!name) return undefined;
  return makeComponent({
    ref: `syft:source:${str(source['id']) ?? name}`,
    name,
    version: str(source['version']) ?? (meta && str(meta['manifestDigest'])),
    type: str(source['type']) === 'image' ? 'container' : str(source['type']),
  });
}

export const syftJson: SbomParser = {
  format: 'syft-json',
  description: 'Syft JSON',
  detect(input) {
    if (input.head !== '{') return undefined;
    const doc = obj(input.json());
    if (!doc || !Array.isArray(doc['artifacts'])) return undefined;
    const descriptor = obj(doc['descriptor']);
    const schema = obj(doc['schema']);
    const bySyft = str(descriptor?.['name']) === 'syft' || /anchore\/syft/.test(str(schema?.['url']) ?? '');
    if (!bySyft && !(Array.isArray(doc['artifactRelationships']) && obj(doc['source']))) return undefined;
    return { specVersion: str(schema?.['version']) ?? 'unknown' };
  },
  parse(input, detection) {
    const doc = obj(input.json());
    if (!doc) throw new InputError('malformed', 'not a JSON object');
    const refs = new RefRegistry('artifact');
    const warnings: string[] = [];
    const components: Component[] = [];
    for (const a of arr(doc['artifacts'])) {
      const ao = obj(a);
      if (!ao) {
        warnings.push('an artifact entry that is not an object was skipped');
        continue;
      }
      components.push(readArtifact(ao, refs, warnings, undefined));
    }
    const files = new Set<string>();
    for (const f of arr(doc['files'])) {
      const id = str(obj(f)?.['id']);
      if (id) files.add(id);
    }
    const edges = new EdgeSet();
    let dangling = 0;
    for (const r of arr(doc['artifactRelationships'])) {
      const ro = obj(r);
      const parent = ro && str(ro['parent']);
      const child = ro && str(ro['child']);
      const type = ro && str(ro['type']);
      if (!parent || !child || !type) continue;
      for (const end of [parent, child]) if (!refs.has(end) && !files.has(end)) dangling++;
      const dir = own(DIRECTION, type);
      // Files are not components: an edge needs a package at both ends.
      if (!dir || !refs.has(parent) || !refs.has(child)) continue;
      if (dir === 'parent-child') edges.add(parent, child);
      else edges.add(child, parent);
    }
    if (dangling > 0) warnings.push(`${dangling} artifact relationship end(s) name an id that is neither an artifact nor a file`);
    const root = readSource(obj(doc['source']));
    return {
      format: 'syft-json',
      specVersion: detection.specVersion,
      ...(root && { rootRef: root.ref, root }),
      components,
      services: [],
      edges: edges.toMap(),
      warnings: [...refs.warnings(arr(doc['artifactRelationships']).length > 0), ...warnings],
      // The line of an artifact's "id" key, found on demand for flagged artifacts only.
      ...(!input.nested && { lineOf: lazyKeyLines(input.text, 'id', input.firstNewline) }),
    };
  },
};
