// --shard I/N: a stable share of the inputs by a hash of each path, the same on every machine.
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(spec: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** Whether a path (relative to the input it was found under, so that machines with other checkout paths agree) is in the shard. */
export function inShard(relativePath: string, shard: Shard): boolean {
  const digest = createHash('sha256').update(relativePath.replace(/\\/g, '/')).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}
