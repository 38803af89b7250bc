// package.json without a lockfile: its declared dependencies as direct components, version ranges as written.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { jsonErrorLine, jsonKeyOffset, LineIndex } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';
import { npmName } from './npm.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/**
 * Whether a lockfile records this package.json's dependencies: beside it, or in a folder above it up to the
 * repository's root (a workspace member's packages are locked at the workspace root). Then the lockfile is read.
 */
export function lockedElsewhere(source: string): boolean {
  for (let dir = path.dirname(path.resolve(source)); ; dir = path.dirname(dir)) {
    if (LOCKFILES.some((f) => existsSync(path.join(dir, f)))) return true;
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return false;
  }
}

/** An exact version (`1.2.3`, `=1.2.3`, `v1.2.3-rc.1`): a range, tag, URL or path is not one. */
const EXACT = /^[=v]?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

const SECTIONS: readonly [string, PackageSpec['scope'] | undefined][] = [
  ['dependencies', undefined],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'optional'],
  ['devDependencies', 'excluded'],
];

function read(source: string, text: string): SbomDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformedAt(jsonErrorLine(text, e as Error), `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw malformedAt(1, 'a package.json is a JSON object');
  const b = new ProjectBuilder('npm-manifest', 'package.json', source);
  if (typeof doc['name'] === 'string') b.name(doc['name']);
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  for (const [section, scope] of SECTIONS) {
    const deps = doc[section];
    if (deps === undefined) continue;
    const sectionAt = jsonKeyOffset(text, section);
    if (!isObject(deps)) throw malformedAt(sectionAt === -1 ? undefined : lines.lineAt(sectionAt), `"${section}" is not an object`);
    for (const [name, range] of Object.entries(deps)) {
      // A package listed in two sections (peer and dev, as libraries do) is one dependency, read where first listed.
      if (seen.has(name)) continue;
      seen.add(name);
      const at = jsonKeyOffset(text, name, Math.max(0, sectionAt));
      const written = typeof range === 'string' ? range : '';
      // `npm:other@1.0.0` installs another package under this name: that one is what is tested.
      const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(written);
      const installed = alias ? (alias[1] as string) : name;
      const exact = EXACT.exec(alias ? (alias[2] ?? '') : written)?.[1];
      const spec: { -readonly [K in keyof PackageSpec]: PackageSpec[K] } = { type: 'npm', ...npmName(installed), properties: [{ name: 'npm:range', value: written }] };
      if (exact) spec.version = exact;
      if (scope) spec.scope = scope;
      if (at !== -1) spec.line = lines.lineAt(at);
      spec.description = `declared in ${section} as ${JSON.stringify(written)}`;
      b.direct(b.add(`${section}:${name}`, spec));
    }
  }
  return b.build({ manifest: source, command: 'npm uninstall NAME' });
}

export const packageJson: ProjectReader = {
  format: 'npm-manifest',
  description: 'npm package.json without a lockfile (declared dependencies, ranges as written)',
  claims: (name) => name === 'package.json',
  applies: (source) => !lockedElsewhere(source),
  emptyIsPlain: true,
  read,
};
