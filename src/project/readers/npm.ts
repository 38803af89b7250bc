// npm package-lock.json (lockfileVersion 1, 2 and 3) and npm-shrinkwrap.json.
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { jsonErrorLine, jsonKeyOffset, LineIndex } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `@scope/name` to purl parts. */
export function npmName(full: string): { namespace?: string; name: string } {
  const m = /^(@[^/]+)\/(.+)$/.exec(full);
  return m ? { namespace: m[1] as string, name: m[2] as string } : { name: full };
}

function scopeOf(entry: Json): PackageSpec['scope'] {
  if (entry['dev'] === true || entry['devOptional'] === true) return 'excluded';
  if (entry['optional'] === true) return 'optional';
  return undefined;
}

function spec(name: string, entry: Json): PackageSpec {
  const version = entry['version'];
  const resolved = entry['resolved'];
  const integrity = entry['integrity'];
  const scope = scopeOf(entry);
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  // Built by assignment (a lockfile has thousands of entries); the parts as npmName() gives them.
  const s: { -readonly [K in keyof PackageSpec]: PackageSpec[K] } = slash > 1 && slash < name.length - 1 ? { type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1) } : { type: 'npm', name };
  // A version that is a URL or a path (git or file dependencies) is not a registry version.
  if (typeof version === 'string' && !version.includes(':') && !version.includes('/')) s.version = version;
  if (scope) s.scope = scope;
  if (typeof resolved === 'string' && (resolved.startsWith('https:') || resolved.startsWith('http:'))) s.downloadUrl = resolved;
  if (typeof integrity === 'string') {
    const dash = integrity.indexOf('-');
    const alg = integrity.slice(0, dash);
    if (dash > 0 && dash < integrity.length - 1 && /^sha\d+$/.test(alg)) s.hashes = [{ alg: alg.toUpperCase().replace('SHA', 'SHA-'), content: integrity.slice(dash + 1) }];
  }
  return s;
}

/** The package name a `packages` key installs: the part after the last node_modules/. */
function nameFromKey(key: string): string {
  const i = key.lastIndexOf('node_modules/');
  return i === -1 ? key.split('/').pop() ?? key : key.slice(i + 'node_modules/'.length);
}

/** Node's resolution: from a package's folder up to the root, the first node_modules/<dep> that the lockfile lists. */
function resolveDep(from: string, dep: string, has: (key: string) => boolean): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
    if (has(candidate)) return candidate;
    if (base === '') return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i === -1 ? (base.startsWith('node_modules/') ? '' : parentFolder(base)) : base.slice(0, i);
  }
}

function parentFolder(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}

const DEP_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;

function readPackages(b: ProjectBuilder, packages: Json, text: string, lines: LineIndex): void {
  const at = (key: string) => {
    const o = jsonKeyOffset(text, key);
    return o === -1 ? undefined : lines.lineAt(o);
  };
  const refs = new Map<string, string>();
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    if (!isObject(entry)) throw malformedAt(at(key), `the entry ${JSON.stringify(key)} of "packages" is not an object`);
    const name = typeof entry['name'] === 'string' && entry['name'] ? entry['name'] : nameFromKey(key);
    let s = spec(name, entry);
    // A link (workspace member, file: dependency) takes its version from the folder it points to.
    if (entry['link'] === true && typeof entry['resolved'] === 'string') {
      const target = packages[entry['resolved']];
      if (isObject(target) && typeof target['version'] === 'string') s = { ...s, version: target['version'] };
      s = { ...s, properties: [{ name: 'npm:link', value: entry['resolved'] }] };
    }
    refs.set(key, b.add(key, s));
  }
  const has = (k: string) => refs.has(k);
  for (const [key, entry] of Object.entries(packages)) {
    if (!isObject(entry)) continue;
    const from = key === '' ? undefined : refs.get(key);
    if (entry['link'] === true && typeof entry['resolved'] === 'string' && from !== undefined) {
      const target = refs.get(entry['resolved']);
      if (target) b.depend(from, target);
      continue;
    }
    for (const field of DEP_FIELDS) {
      if (key !== '' && field === 'devDependencies') continue;
      const deps = entry[field];
      if (!isObject(deps)) continue;
      for (const dep of Object.keys(deps)) {
        const to = resolveDep(key, dep, has);
        const ref = to !== undefined ? refs.get(to) : undefined;
        if (ref === undefined) continue;
        if (from === undefined) b.direct(ref);
        else b.depend(from, ref);
      }
    }
  }
}

/** lockfileVersion 1: a tree of `dependencies`, nested where npm could not hoist. */
function readTree(b: ProjectBuilder, deps: Json, text: string, lines: LineIndex): void {
  const nodes: { key: string; entry: Json; offset: number }[] = [];
  const visit = (map: Json, prefix: string, offset: number) => {
    for (const [name, entry] of Object.entries(map)) {
      const key = `${prefix}node_modules/${name}`;
      // The entry's own key, searched inside its parent's block: `"name": {`.
      const found = keyWithObject(text, name, offset);
      if (!isObject(entry)) throw malformedAt(found === -1 ? undefined : lines.lineAt(found), `the dependency ${JSON.stringify(name)} is not an object`);
      nodes.push({ key, entry, offset: found });
      b.add(key, { ...spec(name, entry), ...(found !== -1 && { line: lines.lineAt(found) }) });
      if (isObject(entry['dependencies'])) visit(entry['dependencies'], `${key}/`, found === -1 ? offset : found);
    }
  };
  visit(deps, '', 0);
  const has = (k: string) => b.has(k);
  for (const { key, entry } of nodes) {
    if (!isObject(entry['requires'])) continue;
    for (const dep of Object.keys(entry['requires'])) {
      const to = resolveDep(key, dep, has);
      if (to !== undefined) b.depend(key, to);
    }
  }
}

function keyWithObject(text: string, key: string, from: number): number {
  for (let at = jsonKeyOffset(text, key, from); at !== -1; at = jsonKeyOffset(text, key, at + 1)) {
    let j = text.indexOf(':', at + JSON.stringify(key).length) + 1;
    while (j < text.length && /\s/.test(text[j] as string)) j++;
    if (text[j] === '{') return at;
  }
  return -1;
}

function read(source: string, text: string): SbomDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformedAt(jsonErrorLine(text, e as Error), `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw malformedAt(1, 'a package-lock is a JSON object');
  const version = doc['lockfileVersion'];
  const b = new ProjectBuilder('npm-lock', String(version ?? 'unknown'), source);
  if (typeof doc['name'] === 'string') b.name(doc['name']);
  const lines = new LineIndex(text);
  const project = { manifest: path.join(path.dirname(source), 'package.json'), command: 'npm uninstall NAME' };
  if (isObject(doc['packages'])) {
    const packagesAt = jsonKeyOffset(text, 'packages');
    readPackages(b, doc['packages'], text, lines);
    // Keys of "packages" are unique paths: the first after "packages" is the entry (found for flagged ones only).
    return b.build(project, (ref) => {
      const key = ref.replace(/#\d+$/, '');
      const o = jsonKeyOffset(text, key, Math.max(0, packagesAt));
      return o === -1 ? undefined : lines.lineAt(o);
    });
  }
  if (isObject(doc['dependencies'])) {
    readTree(b, doc['dependencies'], text, lines);
    return b.build(project);
  }
  if (version === undefined) throw malformedAt(1, 'not a package-lock: no lockfileVersion, "packages" or "dependencies"');
  return b.build(project);
}

export const npmLock: ProjectReader = {
  format: 'npm-lock',
  description: 'npm package-lock.json / npm-shrinkwrap.json (lockfileVersion 1-3)',
  claims: (name) => name === 'package-lock.json' || name === 'npm-shrinkwrap.json',
  read,
};
