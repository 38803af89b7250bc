// Cargo.lock, composer.lock, Gemfile.lock and gradle.lockfile.
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { jsonErrorLine, LineIndex, splitLines } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';
import { arrayTableLines, isObject, parseToml } from './toml.js';

function readCargo(source: string, text: string): SbomDocument {
  const doc = parseToml(text, 'Cargo.lock');
  const list = Array.isArray(doc['package']) ? (doc['package'] as unknown[]) : [];
  const lines = arrayTableLines(text, 'package');
  const b = new ProjectBuilder('cargo-lock', String(doc['version'] ?? '1'), source);
  const byName = new Map<string, { ref: string; version: string }[]>();
  const refs: { ref: string; deps: string[] }[] = [];
  list.forEach((p, i) => {
    if (!isObject(p) || typeof p['name'] !== 'string') throw malformedAt(lines[i], 'a [[package]] table without a name');
    const version = typeof p['version'] === 'string' ? p['version'] : '';
    const line = lines[i];
    const ref = b.add(`${p['name']}@${version}`, {
      type: 'cargo',
      name: p['name'],
      ...(version && { version }),
      ...(line !== undefined && { line }),
      ...(typeof p['checksum'] === 'string' && { hashes: [{ alg: 'SHA-256', content: p['checksum'] }] }),
      ...(p['source'] === undefined && { properties: [{ name: 'cargo:workspace-member', value: 'true' }] }),
    });
    byName.set(p['name'], [...(byName.get(p['name']) ?? []), { ref, version }]);
    refs.push({ ref, deps: Array.isArray(p['dependencies']) ? p['dependencies'].filter((d): d is string => typeof d === 'string') : [] });
    // Workspace members (no source) are the project's own crates: what they depend on is direct.
  });
  for (const { ref, deps } of refs) {
    for (const d of deps) {
      const [n, v] = d.split(' ');
      const targets = byName.get(n as string) ?? [];
      const to = (v !== undefined ? targets.find((t) => t.version === v) : undefined) ?? targets[0];
      if (to) b.depend(ref, to.ref);
    }
  }
  list.forEach((p, i) => {
    if (isObject(p) && p['source'] === undefined) b.direct((refs[i] as { ref: string }).ref);
  });
  return b.build({ manifest: path.join(path.dirname(source), 'Cargo.toml'), command: 'cargo remove NAME' });
}

function readComposer(source: string, text: string): SbomDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformedAt(jsonErrorLine(text, e as Error), `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw malformedAt(1, 'a composer.lock is a JSON object');
  const b = new ProjectBuilder('composer-lock', 'composer', source);
  const byName = new Map<string, string>();
  const nameOf = new Map<string, string>();
  const reqs: { ref: string; require: string[] }[] = [];
  for (const section of ['packages', 'packages-dev']) {
    const list = doc[section];
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (!isObject(p) || typeof p['name'] !== 'string') throw malformedAt(undefined, `an entry of ${section} without a name`);
      const name = p['name'];
      const slash = name.indexOf('/');
      const version = typeof p['version'] === 'string' ? p['version'].replace(/^v(?=\d)/, '') : undefined;
      const spec: { -readonly [K in keyof PackageSpec]: PackageSpec[K] } = { type: 'composer', name: slash === -1 ? name : name.slice(slash + 1) };
      if (slash > 0) spec.namespace = name.slice(0, slash);
      if (version) spec.version = version;
      if (section === 'packages-dev') spec.scope = 'excluded';
      const ref = b.add(`${name}@${version ?? ''}`, spec);
      nameOf.set(ref, name);
      byName.set(name.toLowerCase(), ref);
      reqs.push({ ref, require: isObject(p['require']) ? Object.keys(p['require']) : [] });
    }
  }
  for (const { ref, require } of reqs) for (const r of require) {
    const to = byName.get(r.toLowerCase());
    if (to) b.depend(ref, to);
  }
  // Lines are found for flagged packages only: the entry's `"name": "vendor/pkg"`.
  let lines: LineIndex | undefined;
  const lineOf = (ref: string) => {
    const name = nameOf.get(ref);
    const at = name === undefined ? -1 : text.indexOf(`"name": ${JSON.stringify(name)}`);
    return at === -1 ? undefined : (lines ??= new LineIndex(text)).lineAt(at);
  };
  return b.build({ manifest: path.join(path.dirname(source), 'composer.json'), command: 'composer remove NAME' }, lineOf);
}

function readGemfileLock(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('gemfile-lock', 'bundler', source);
  const lines = splitLines(text);
  let section = '';
  let inSpecs = false;
  let current: string | undefined;
  const byName = new Map<string, string>();
  const deps: [string, string][] = [];
  const direct: string[] = [];
  lines.forEach((l, i) => {
    if (/^\S/.test(l)) {
      section = l.trim();
      inSpecs = false;
      return;
    }
    if (/^ {2}specs:\s*$/.test(l)) {
      inSpecs = true;
      return;
    }
    if (section === 'DEPENDENCIES') {
      const m = /^ {2}([^\s!(]+)/.exec(l);
      if (m) direct.push(m[1] as string);
      return;
    }
    if (!inSpecs || !['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE'].includes(section)) return;
    const spec = /^ {4}(\S+) \(([^)]+)\)\s*$/.exec(l);
    if (spec) {
      const name = spec[1] as string;
      const full = spec[2] as string;
      // A platform gem: 1.15.5-x86_64-linux (the platform is a qualifier, not part of the version).
      const plat = /^(\d[^-]*)-(.+)$/.exec(full);
      current = b.add(`${name}@${full}`, { type: 'gem', name, version: plat ? (plat[1] as string) : full, ...(plat && { qualifiers: { platform: plat[2] as string } }), line: i + 1 });
      if (!byName.has(name)) byName.set(name, current);
      return;
    }
    const dep = /^ {6}(\S+)/.exec(l);
    if (dep && current) deps.push([current, dep[1] as string]);
    else if (/^ {4}\S/.test(l)) throw malformedAt(i + 1, `a spec line is "name (version)": ${JSON.stringify(l.trim())}`);
  });
  for (const [from, name] of deps) {
    const to = byName.get(name);
    if (to) b.depend(from, to);
  }
  for (const name of direct) {
    const to = byName.get(name);
    if (to) b.direct(to);
  }
  return b.build({ manifest: path.join(path.dirname(source), 'Gemfile'), command: 'bundle remove NAME' });
}

function readGradleLockfile(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('gradle-lockfile', '1', source);
  splitLines(text).forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l.startsWith('#') || l.startsWith('empty=')) return;
    const m = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)=(.*)$/.exec(l);
    if (!m) throw malformedAt(i + 1, `a gradle.lockfile line is group:artifact:version=configurations: ${JSON.stringify(l.slice(0, 80))}`);
    const configs = (m[4] as string).split(',').filter(Boolean);
    const testOnly = configs.length > 0 && configs.every((c) => /test/i.test(c));
    b.add(`${m[1] as string}:${m[2] as string}:${m[3] as string}`, { type: 'maven', namespace: m[1] as string, name: m[2] as string, version: m[3] as string, line: i + 1, ...(testOnly && { scope: 'excluded' as const }) });
  });
  return b.build({ manifest: path.join(path.dirname(source), 'build.gradle(.kts)'), command: 'remove the dependency, then gradle dependencies --write-locks' });
}

export const cargoLock: ProjectReader = { format: 'cargo-lock', description: 'Cargo.lock (versions 1-4)', claims: (n) => n === 'Cargo.lock', read: readCargo };
export const composerLock: ProjectReader = { format: 'composer-lock', description: 'composer.lock', claims: (n) => n === 'composer.lock', read: readComposer };
export const gemfileLock: ProjectReader = { format: 'gemfile-lock', description: 'Gemfile.lock (GEM, GIT and PATH specs)', claims: (n) => n === 'Gemfile.lock' || n === 'gems.locked', read: readGemfileLock };
export const gradleLockfile: ProjectReader = { format: 'gradle-lockfile', description: 'gradle.lockfile', claims: (n) => n === 'gradle.lockfile' || n === 'buildscript-gradle.lockfile', read: readGradleLockfile };
