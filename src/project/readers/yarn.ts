// yarn.lock: Yarn classic (v1) and Yarn berry (2+), both read with Yarn's own parser (@yarnpkg/parsers).
import path from 'node:path';
import type * as YarnParsers from '@yarnpkg/parsers';
import { lazyRequire } from '../../lazy-require.js';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, ROOT_REF } from '../build.js';
import { splitLines } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';
import { npmName } from './npm.js';

type Json = Record<string, unknown>;
const parsers = lazyRequire<typeof YarnParsers>('@yarnpkg/parsers');
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Block {
  readonly key: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Entry blocks: unindented, non-comment lines ending in `:` (a block may list several specifiers). */
function blocks(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l === '' || l.startsWith('#') || l.startsWith(' ') || l.startsWith('\t')) continue;
    const key = l.trimEnd();
    if (!key.endsWith(':')) continue;
    const prev = out[out.length - 1];
    if (prev) out[out.length - 1] = { ...prev, end: i };
    out.push({ key: key.slice(0, -1), line: i + 1, start: i, end: lines.length });
  }
  return out;
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1');

/** The package name of a specifier: `@scope/name@range` or `name@npm:1.2.3` (the `@` that is not the scope's). */
function specName(spec: string): string {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at === -1 ? spec : spec.slice(0, at);
}

function parse(text: string, offset = 0): Json {
  try {
    const v = parsers().parseSyml(text);
    if (!isObject(v)) throw new Error('not a mapping');
    return v;
  } catch (e) {
    const m = /\((\d+):\d+\)/.exec((e as Error).message);
    const first = (e as Error).message.split('\n')[0] ?? '';
    throw malformedAt(m ? Number(m[1]) + offset : undefined, `not a valid yarn.lock: ${first.replace(/\s*\(\d+:\d+\)$/, '')}`);
  }
}

function read(source: string, text: string): SbomDocument {
  const lines = splitLines(text);
  const all = parse(text);
  const berry = '__metadata' in all;
  const meta = all['__metadata'];
  const b = new ProjectBuilder('yarn-lock', berry ? `berry ${isObject(meta) ? String(meta['version'] ?? '?') : '?'}` : '1', source);
  const found = blocks(lines).filter((k) => k.key !== '__metadata');
  const seen = new Map<string, number>();
  for (const k of found) seen.set(k.key, (seen.get(k.key) ?? 0) + 1);
  const bySpec = new Map<string, string>();
  const entries: { ref: string; entry: Json; workspace: boolean }[] = [];
  for (const k of found) {
    let entry: unknown;
    if ((seen.get(k.key) ?? 0) > 1) {
      // A block repeated under the same key: a parser keeps one of them, so each is read on its own.
      // Classic needs its header line to be read as the legacy format rather than as YAML.
      const one = berry ? parse(lines.slice(k.start, k.end).join('\n'), k.start) : parse(`# yarn lockfile v1\n${lines.slice(k.start, k.end).join('\n')}`, k.start - 1);
      entry = one[k.key] ?? one[unquote(k.key)] ?? Object.values(one)[0];
    } else {
      const specs = k.key.split(',').map(unquote);
      entry = all[k.key] ?? all[unquote(k.key)] ?? all[specs[0] as string];
    }
    if (!isObject(entry)) throw malformedAt(k.line, `the entry ${k.key} is not a mapping`);
    const specs = k.key.split(',').map(unquote);
    const name = specName(specs[0] as string);
    const version = typeof entry['version'] === 'string' ? entry['version'] : undefined;
    const resolution = typeof entry['resolution'] === 'string' ? entry['resolution'] : typeof entry['resolved'] === 'string' ? entry['resolved'] : undefined;
    const workspace = specs.some((s) => s.includes('@workspace:'));
    const ref = b.add(`${name}@${version ?? specs[0]}`, {
      type: 'npm',
      ...npmName(name),
      ...(version !== undefined && version !== '0.0.0-use.local' && { version }),
      line: k.line,
      ...(resolution !== undefined && /^https?:/.test(resolution) && { downloadUrl: resolution.replace(/#.*$/, '') }),
      ...(workspace && { properties: [{ name: 'yarn:workspace', value: specs[0] as string }] }),
    });
    for (const s of specs) bySpec.set(s, ref);
    entries.push({ ref, entry, workspace });
  }
  const target = (name: string, range: string) => bySpec.get(`${name}@${range}`) ?? bySpec.get(`${name}@npm:${range}`);
  for (const { ref, entry, workspace } of entries) {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      const deps = entry[field];
      if (!isObject(deps)) continue;
      for (const [name, range] of Object.entries(deps)) {
        const to = target(name, String(range));
        if (to !== undefined) b.depend(ref, to);
      }
    }
    // Berry records the workspaces: the root workspace's dependencies are the project's direct ones.
    if (workspace && entries.find((e) => e.workspace)?.ref === ref) b.depend(ROOT_REF, ref);
  }
  return b.build({ manifest: path.join(path.dirname(source), 'package.json'), command: 'yarn remove NAME' });
}

export const yarnLock: ProjectReader = {
  format: 'yarn-lock',
  description: 'yarn.lock (Yarn classic v1 and Yarn berry 2+)',
  claims: (name) => name === 'yarn.lock',
  read,
};
