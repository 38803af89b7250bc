// TOML for lockfiles and manifests (Cargo.lock, poetry.lock, uv.lock, pyproject.toml), read with smol-toml.
import type * as SmolToml from 'smol-toml';
import { lazyRequire } from '../../lazy-require.js';
import { splitLines } from '../lines.js';
import { malformedAt } from '../reader.js';

const toml = lazyRequire<typeof SmolToml>('smol-toml');

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseToml(text: string, what: string): Json {
  try {
    return toml().parse(text) as Json;
  } catch (e) {
    const line = (e as { line?: number }).line;
    throw malformedAt(typeof line === 'number' ? line : undefined, `not valid TOML (${what}): ${((e as Error).message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '')}`);
  }
}

/** The line of each `[[package]]` header, in order: the n-th is the n-th entry of the `package` array. */
export function arrayTableLines(text: string, table: string): number[] {
  const out: number[] = [];
  const header = new RegExp(`^\\s*\\[\\[\\s*${table.replace(/\./g, '\\.')}\\s*\\]\\]`);
  splitLines(text).forEach((l, i) => {
    if (header.test(l)) out.push(i + 1);
  });
  return out;
}
