// Python: requirements files, poetry.lock, Pipfile.lock, uv.lock and pyproject.toml dependencies.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, ROOT_REF, type PackageSpec } from '../build.js';
import { jsonEntryOffset, jsonErrorLine, jsonKeyOffset, LineIndex, splitLines } from '../lines.js';
import { malformedAt, type ProjectReader, type ReadContext } from '../reader.js';
import { arrayTableLines, isObject, parseToml, type Json } from './toml.js';

/** PEP 503 normalized name, as the pypi purl type wants it. */
export function pypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 508 requirement: name, extras, the exact version when pinned (== or ===), a direct URL. */
export function requirement(text: string): { name: string; version?: string; url?: string } | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const rest = (m[3] ?? '').split(';')[0]?.trim() ?? '';
  const url = /^@\s*(\S+)/.exec(rest)?.[1];
  const pin = /^(?:\(\s*)?===?\s*([^\s,;)]+)\s*\)?$/.exec(rest)?.[1];
  if (rest && !url && !/^[<>=!~(]/.test(rest)) return undefined;
  return { name: m[1] as string, ...(pin !== undefined && !pin.includes('*') && { version: pin }), ...(url !== undefined && { url }) };
}

function pypi(name: string, version: string | undefined, line: number | undefined, extra: Partial<PackageSpec> = {}): PackageSpec {
  return { type: 'pypi', name: pypiName(name), ...(version && { version }), ...(line !== undefined && { line }), ...extra };
}

const manifestOf = (source: string, file: string, command: string) => ({ manifest: path.join(path.dirname(source), file), command });

/** What an include may reach: the scanned folder (or, for a file given by name, its folder). */
function treeOf(source: string, root: string | undefined): string {
  const base = root ?? path.dirname(source);
  try {
    return realpathSync(statSync(base).isDirectory() ? base : path.dirname(base));
  } catch {
    return path.resolve(path.dirname(source));
  }
}

interface IncludeState {
  readonly tree: string;
  readonly visited: Set<string>;
  readonly unchecked: string[];
  readonly maxSize: number;
  readonly top: string;
}

/**
 * The requirement lines of one file into `b`. An included file's packages stand at the line of the top file's `-r`
 * or `-c` that brings them in (`via`), and name their own file and line; a constraint file's packages are optional.
 */
function requirementLines(b: ProjectBuilder, file: string, text: string, state: IncludeState, via?: { line: number; constraint: boolean }): void {
  const lines = splitLines(text);
  const label = path.relative(path.dirname(state.top), file) || path.basename(file);
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let logical = lines[i] as string;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) logical = logical.replace(/\\\s*$/, ' ') + (lines[++i] as string);
    // A comment starts at a # at the line's start or after a blank (a # inside a URL fragment is not one).
    const code = logical.replace(/(^|\s)#.*$/, '').trim();
    if (!code) continue;
    const at = via?.line ?? first;
    const where = via ? `${label} line ${first}, included at line ${via.line}` : `line ${first}`;
    if (code.startsWith('-')) {
      const include = /^(-r|--requirement|-c|--constraint)\s*=?\s*(\S+)/.exec(code);
      if (include) followInclude(b, file, include[2] as string, state, { line: at, constraint: via?.constraint === true || /^-c|^--constraint/.test(include[1] as string) }, where);
      continue;
    }
    const stripped = code.replace(/\s--hash[= ]\S+/g, '').replace(/\s--\S+(=\S+)?/g, '');
    let req = requirement(stripped);
    if (!req) {
      const name = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(stripped)?.[0];
      // A bare path or URL (a local or downloaded archive), or a line without a project name: nothing to test.
      if (!name || /^(\.|\/|[a-z+]+:\/\/)/i.test(code)) {
        b.warn(`${where}: ${JSON.stringify(code.slice(0, 80))} names no project; pip would reject or install it by path`);
        continue;
      }
      // A name followed by something pip would not accept: the name is still tested.
      b.warn(`${where}: ${JSON.stringify(code.slice(0, 80))} is not a valid requirement; read as ${name}`);
      req = { name };
    }
    const hashes = [...code.matchAll(/--hash[= ]([a-z0-9]+):([A-Fa-f0-9]+)/g)].map((h) => ({ alg: (h[1] as string).toUpperCase().replace(/^SHA/, 'SHA-'), content: h[2] as string }));
    const extra: Partial<PackageSpec> = { ...(hashes.length > 0 && { hashes }), ...(req.url && { downloadUrl: req.url }) };
    if (via) {
      Object.assign(extra, { description: `${via.constraint ? 'constrained' : 'required'} in ${where}`, properties: [{ name: 'pip:included-from', value: `${label}:${first}` }], ...(via.constraint && { scope: 'optional' }) });
    }
    b.add(via ? `${pypiName(req.name)}:${label}:${first}` : `${pypiName(req.name)}:${first}`, pypi(req.name, req.version, at, extra));
  }
}

/** Follow `-r`/`-c` relative to the including file: inside the tree, each file once (a loop ends where it closes). */
function followInclude(b: ProjectBuilder, from: string, target: string, state: IncludeState, via: { line: number; constraint: boolean }, where: string): void {
  const not = (why: string): void => {
    state.unchecked.push(`${where}: ${target} is not read: ${why}`);
  };
  if (/^[a-z+]+:\/\//i.test(target)) {
    not('a URL (ictscan reads no network)');
    return;
  }
  let real: string;
  try {
    real = realpathSync(path.resolve(path.dirname(from), target));
  } catch {
    not('no such file');
    return;
  }
  const rel = path.relative(state.tree, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    not('outside the scanned tree');
    return;
  }
  if (state.visited.has(real)) {
    b.warn(`${where}: ${target} is already read (an include loop or a repeated include)`);
    return;
  }
  state.visited.add(real);
  let text: string;
  try {
    if (statSync(real).size > state.maxSize) {
      not('larger than --max-size');
      return;
    }
    text = readFileSync(real, 'utf8');
  } catch {
    not('cannot be read');
    return;
  }
  requirementLines(b, real, text, state, via);
}

function readRequirements(source: string, text: string, context?: ReadContext): SbomDocument {
  const b = new ProjectBuilder('pip-requirements', '1', source);
  let self: string;
  try {
    self = realpathSync(source);
  } catch {
    self = path.resolve(source);
  }
  const state: IncludeState = { tree: treeOf(source, context?.root), visited: new Set([self]), unchecked: [], maxSize: context?.maxSize ?? 256 * 1024 * 1024, top: self };
  requirementLines(b, self, text, state);
  const doc = b.build(manifestOf(source, path.basename(source), 'pip-compile (after removing NAME from the .in file), or edit the file'));
  return state.unchecked.length > 0 ? { ...doc, unchecked: state.unchecked } : doc;
}

/** poetry.lock and uv.lock: `[[package]]` tables with name, version and the names they depend on. */
function readPackageTables(format: 'poetry-lock' | 'uv-lock' | 'cargo-lock', source: string, text: string, spec: (p: Json, line: number | undefined) => PackageSpec, deps: (p: Json) => string[]) {
  const doc = parseToml(text, format);
  const list = Array.isArray(doc['package']) ? (doc['package'] as unknown[]) : [];
  const lines = arrayTableLines(text, 'package');
  const version = String((isObject(doc['metadata']) && doc['metadata']['lock-version']) ?? doc['version'] ?? '1');
  const b = new ProjectBuilder(format, version, source);
  const byName = new Map<string, string[]>();
  const refs: { ref: string; p: Json }[] = [];
  list.forEach((p, i) => {
    const line = lines[i];
    if (!isObject(p) || typeof p['name'] !== 'string') throw malformedAt(line, 'a [[package]] table without a name');
    const s = spec(p, line);
    const ref = b.add(`${s.name}@${s.version ?? ''}`, s);
    refs.push({ ref, p });
    const key = format === 'cargo-lock' ? p['name'] : pypiName(p['name']);
    byName.set(key, [...(byName.get(key) ?? []), ref]);
  });
  for (const { ref, p } of refs) {
    for (const d of deps(p)) {
      // Cargo writes "name version" when two versions are locked; otherwise the name alone.
      const [n, v] = d.split(' ');
      const targets = byName.get(format === 'cargo-lock' ? (n as string) : pypiName(n as string)) ?? [];
      const to = v !== undefined ? (targets.find((t) => t.endsWith(`@${v}`)) ?? targets[0]) : targets[0];
      if (to !== undefined) b.depend(ref, to);
    }
  }
  return { b, refs };
}

function readPoetry(source: string, text: string): SbomDocument {
  const { b } = readPackageTables(
    'poetry-lock',
    source,
    text,
    (p, line) => pypi(p['name'] as string, typeof p['version'] === 'string' ? p['version'] : undefined, line, p['category'] === 'dev' || (Array.isArray(p['groups']) && !p['groups'].includes('main')) ? { scope: 'excluded' } : {}),
    (p) => (isObject(p['dependencies']) ? Object.keys(p['dependencies']) : []),
  );
  return b.build(manifestOf(source, 'pyproject.toml', 'poetry remove NAME'));
}

function readUv(source: string, text: string): SbomDocument {
  const { b, refs } = readPackageTables(
    'uv-lock',
    source,
    text,
    (p, line) => pypi(p['name'] as string, typeof p['version'] === 'string' ? p['version'] : undefined, line),
    (p) => (Array.isArray(p['dependencies']) ? p['dependencies'].flatMap((d) => (isObject(d) && typeof d['name'] === 'string' ? [d['name']] : [])) : []),
  );
  // The project itself is the editable or virtual entry: what it depends on is direct.
  for (const { ref, p } of refs) {
    const src = p['source'];
    if (isObject(src) && (src['editable'] === '.' || src['virtual'] === '.')) b.direct(ref);
  }
  const doc = b.build(manifestOf(source, 'pyproject.toml', 'uv remove NAME'));
  return doc;
}

function readPipfileLock(source: string, text: string): SbomDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformedAt(jsonErrorLine(text, e as Error), `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw malformedAt(1, 'a Pipfile.lock is a JSON object');
  const b = new ProjectBuilder('pipfile-lock', String((isObject(doc['_meta']) && doc['_meta']['pipfile-spec']) ?? 'unknown'), source);
  const lines = new LineIndex(text);
  for (const section of ['default', 'develop']) {
    const entries = doc[section];
    if (!isObject(entries)) continue;
    const sectionAt = Math.max(0, jsonKeyOffset(text, section));
    // Entries come in file order: each is searched for from the one before, so the section is searched once.
    let cursor = sectionAt;
    for (const [name, e] of Object.entries(entries)) {
      const entry: Json = isObject(e) ? e : {};
      let at = jsonEntryOffset(text, name, cursor);
      if (at === -1) at = jsonKeyOffset(text, name, sectionAt);
      else cursor = at + 1;
      const version = typeof entry['version'] === 'string' ? entry['version'].replace(/^===?/, '') : undefined;
      const hashes = Array.isArray(entry['hashes']) ? entry['hashes'].flatMap((h) => (typeof h === 'string' && /^sha\d+:/.test(h) ? [{ alg: `SHA-${h.slice(3, h.indexOf(':'))}`, content: h.slice(h.indexOf(':') + 1) }] : [])) : [];
      b.direct(b.add(`${section}:${name}`, pypi(name, version, at === -1 ? undefined : lines.lineAt(at), { ...(hashes.length > 0 && { hashes }), ...(section === 'develop' && { scope: 'excluded' }) })));
    }
  }
  return b.build(manifestOf(source, 'Pipfile', 'pipenv uninstall NAME'));
}

/** pyproject.toml: PEP 621 dependencies and optional dependencies, dependency groups, Poetry's dependency tables. */
function readPyproject(source: string, text: string): SbomDocument {
  const doc = parseToml(text, 'pyproject.toml');
  const b = new ProjectBuilder('pyproject', '1', source);
  const raw = splitLines(text);
  const lineOf = (needle: string): number | undefined => {
    const i = raw.findIndex((l) => l.includes(needle));
    return i === -1 ? undefined : i + 1;
  };
  const project = isObject(doc['project']) ? doc['project'] : {};
  if (typeof project['name'] === 'string') b.name(project['name']);
  const pep508: { text: string; dev: boolean }[] = [];
  if (Array.isArray(project['dependencies'])) for (const d of project['dependencies']) if (typeof d === 'string') pep508.push({ text: d, dev: false });
  for (const list of Object.values(isObject(project['optional-dependencies']) ? project['optional-dependencies'] : {})) if (Array.isArray(list)) for (const d of list) if (typeof d === 'string') pep508.push({ text: d, dev: false });
  for (const list of Object.values(isObject(doc['dependency-groups']) ? doc['dependency-groups'] : {})) if (Array.isArray(list)) for (const d of list) if (typeof d === 'string') pep508.push({ text: d, dev: true });
  for (const { text: d, dev } of pep508) {
    const req = requirement(d);
    if (!req) continue;
    b.direct(b.add(`${pypiName(req.name)}:${d}`, pypi(req.name, req.version, lineOf(d), dev ? { scope: 'excluded' } : {})));
  }
  const tool = isObject(doc['tool']) ? doc['tool'] : {};
  const poetry = isObject(tool['poetry']) ? tool['poetry'] : {};
  const tables: [Json, boolean][] = [];
  if (isObject(poetry['dependencies'])) tables.push([poetry['dependencies'], false]);
  if (isObject(poetry['dev-dependencies'])) tables.push([poetry['dev-dependencies'], true]);
  for (const g of Object.values(isObject(poetry['group']) ? poetry['group'] : {})) if (isObject(g) && isObject(g['dependencies'])) tables.push([g['dependencies'], true]);
  for (const [table, dev] of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') continue;
      const v = typeof spec === 'string' ? spec : isObject(spec) && typeof spec['version'] === 'string' ? spec['version'] : undefined;
      const pin = v !== undefined ? /^=*\s*(\d[^\s,*]*)$/.exec(v)?.[1] : undefined;
      const line = raw.findIndex((l) => new RegExp(`^\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*=`).test(l));
      b.direct(b.add(`${pypiName(name)}:poetry`, pypi(name, pin, line === -1 ? undefined : line + 1, dev ? { scope: 'excluded' } : {})));
    }
  }
  return b.build({ manifest: source, command: 'uv remove NAME / poetry remove NAME, or edit the file' });
}

export const pipRequirements: ProjectReader = {
  format: 'pip-requirements',
  description: 'pip requirements files (requirements*.txt, *requirements.txt, requirements*.in)',
  claims: (name) => /^(.*[-_.])?requirements([-_.].*)?\.(txt|in)$/i.test(name),
  read: readRequirements,
};
export const poetryLock: ProjectReader = { format: 'poetry-lock', description: 'poetry.lock', claims: (n) => n === 'poetry.lock', read: readPoetry };
export const pipfileLock: ProjectReader = { format: 'pipfile-lock', description: 'Pipfile.lock', claims: (n) => n === 'Pipfile.lock', read: readPipfileLock };
export const uvLock: ProjectReader = { format: 'uv-lock', description: 'uv.lock', claims: (n) => n === 'uv.lock', read: readUv };
export const pyproject: ProjectReader = { format: 'pyproject', description: 'pyproject.toml (PEP 621, dependency groups, Poetry)', claims: (n) => n === 'pyproject.toml', read: readPyproject };

export { ROOT_REF };
