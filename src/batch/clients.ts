// Which client a document belongs to: its folder under the scanned directory, or a manifest mapping paths to clients.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { pathMatches } from '../policy/glob.js';

/** client name -> path patterns (relative to the manifest's directory, or absolute; `*` and `**` allowed). */
export type ClientManifest = ReadonlyMap<string, readonly string[]>;

export class ClientManifestError extends Error {
  override readonly name = 'ClientManifestError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

/** Read a clients manifest: YAML or JSON, `{ clientName: [paths or globs] }`. */
export function loadClientManifest(file: string): { manifest: ClientManifest; dir: string } {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (e) {
    throw new ClientManifestError(`cannot be read: ${(e as Error).message.split('\n')[0] ?? ''}`, file);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ClientManifestError('must map client names to lists of paths', file);
  const map = new Map<string, string[]>();
  for (const [client, paths] of Object.entries(value)) {
    const list = Array.isArray(paths) ? paths : [paths];
    if (!list.every((p) => typeof p === 'string')) throw new ClientManifestError(`client "${client}": paths must be strings`, file);
    map.set(client, list as string[]);
  }
  return { manifest: map, dir: path.dirname(path.resolve(file)) };
}

export interface Grouping {
  readonly groupBy: 'dir' | 'none';
  readonly manifest?: { manifest: ClientManifest; dir: string };
}

/**
 * The client of a document: the first manifest entry whose pattern matches it; else, with --group-by dir,
 * the first folder under the directory it was found in (or its own folder for a file named directly).
 */
export function clientOf(source: string, root: string, grouping: Grouping): string | null {
  if (grouping.manifest) {
    const abs = path.resolve(source);
    const rel = path.relative(grouping.manifest.dir, abs);
    for (const [client, patterns] of grouping.manifest.manifest) {
      if (patterns.some((p) => (path.isAbsolute(p) ? pathMatches(p, abs) : pathMatches(p, rel) || pathMatches(p, source)))) return client;
    }
  }
  if (grouping.groupBy !== 'dir' || source === '-') return grouping.manifest ? '(unassigned)' : null;
  const rel = path.relative(root, source);
  const parts = rel.split(path.sep);
  if (root !== source && parts.length > 1 && parts[0] && parts[0] !== '..') return parts[0];
  return path.basename(path.dirname(path.resolve(source))) || '(no client)';
}
