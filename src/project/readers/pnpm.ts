// pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x.
import path from 'node:path';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../../lazy-require.js';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder } from '../build.js';
import { splitLines } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';
import { npmName } from './npm.js';

type Json = Record<string, unknown>;
const yaml = lazyRequire<typeof Yaml>('yaml');
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Name and version of a `packages` key: `/name/1.0.0_peer` (5.x), `/name@1.0.0(peer)` (6.x), `name@1.0.0` (9.x). */
export function pnpmKey(key: string, v5: boolean): { name: string; version?: string } {
  const k = key.replace(/^\//, '').replace(/\(.*$/, '');
  if (v5) {
    const i = k.lastIndexOf('/');
    if (i <= 0) return { name: k };
    return { name: k.slice(0, i), version: (k.slice(i + 1).split('_')[0] as string) };
  }
  const at = k.indexOf('@', k.startsWith('@') ? 1 : 0);
  return at === -1 ? { name: k } : { name: k.slice(0, at), version: k.slice(at + 1) };
}

/** The line of each key directly under the top-level `packages:` map. */
function packageLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = splitLines(text);
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (/^\S/.test(l)) {
      inside = /^packages:\s*$/.test(l);
      continue;
    }
    const m = inside ? /^ {2}(\S.*?):\s*(\{\}\s*)?$/.exec(l) : null;
    if (m) out.set((m[1] as string).replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'), i + 1);
  }
  return out;
}

function read(source: string, text: string): SbomDocument {
  let doc: unknown;
  try {
    doc = yaml().parse(text, { maxAliasCount: 100, uniqueKeys: false });
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw malformedAt(line, `not valid YAML: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  if (!isObject(doc)) throw malformedAt(1, 'a pnpm lockfile is a YAML mapping');
  const version = String(doc['lockfileVersion'] ?? 'unknown');
  const v5 = /^5/.test(version);
  const v9 = Number.parseFloat(version) >= 9;
  const b = new ProjectBuilder('pnpm-lock', version, source);
  const packages = isObject(doc['packages']) ? doc['packages'] : {};
  const lines = packageLines(text);
  const refs = new Map<string, string>();
  for (const [key, entry] of Object.entries(packages)) {
    const e = isObject(entry) ? entry : {};
    const parsed = pnpmKey(key, v5);
    const name = typeof e['name'] === 'string' ? e['name'] : parsed.name;
    const ver = typeof e['version'] === 'string' ? e['version'] : parsed.version;
    const line = lines.get(key);
    const ref = b.add(key, {
      type: 'npm',
      ...npmName(name),
      ...(ver !== undefined && !/[:/]/.test(ver) && { version: ver }),
      ...(line !== undefined && { line }),
      ...(e['dev'] === true && { scope: 'excluded' as const }),
      ...(e['optional'] === true && e['dev'] !== true && { scope: 'optional' as const }),
    });
    refs.set(key, ref);
    refs.set(key.replace(/\(.*$/, ''), refs.get(key.replace(/\(.*$/, '')) ?? ref);
  }
  const keyOf = (name: string, ver: string): string | undefined => {
    const v = ver.replace(/^link:.*$/, '');
    if (!v) return undefined;
    const candidates = v.startsWith('/') ? [v] : v5 ? [`/${name}/${v}`] : v9 ? [`${name}@${v}`, v] : [`/${name}@${v}`];
    for (const c of candidates) {
      const r = refs.get(c) ?? refs.get(c.replace(/\(.*$/, '')) ?? refs.get(c.replace(/_.*$/, ''));
      if (r !== undefined) return r;
    }
    return undefined;
  };
  const versionOf = (v: unknown) => (typeof v === 'string' ? v : isObject(v) && typeof v['version'] === 'string' ? v['version'] : '');
  // 9.x keeps each package's dependencies in `snapshots`; earlier versions in `packages`.
  const graph = v9 && isObject(doc['snapshots']) ? doc['snapshots'] : packages;
  for (const [key, entry] of Object.entries(graph)) {
    if (!isObject(entry)) continue;
    const from = refs.get(key) ?? refs.get(key.replace(/\(.*$/, ''));
    if (from === undefined) continue;
    for (const field of ['dependencies', 'optionalDependencies']) {
      const deps = entry[field];
      if (!isObject(deps)) continue;
      for (const [n, v] of Object.entries(deps)) {
        const to = keyOf(n, versionOf(v));
        if (to !== undefined) b.depend(from, to);
      }
    }
  }
  // Direct dependencies: the importers (workspace projects), or the top level before importers existed.
  const importers = isObject(doc['importers']) ? Object.values(doc['importers']).filter(isObject) : [doc];
  for (const imp of importers) {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      const deps = imp[field];
      if (!isObject(deps)) continue;
      for (const [n, v] of Object.entries(deps)) {
        const to = keyOf(n, versionOf(v));
        if (to !== undefined) b.direct(to);
      }
    }
  }
  return b.build({ manifest: path.join(path.dirname(source), 'package.json'), command: 'pnpm remove NAME' });
}

export const pnpmLock: ProjectReader = {
  format: 'pnpm-lock',
  description: 'pnpm-lock.yaml (lockfile versions 5, 6 and 9)',
  claims: (name) => name === 'pnpm-lock.yaml',
  read,
};
