// Libraries loaded on first use. A pool worker loads the whole pipeline before its first scan; libraries that
// only some inputs need (YAML, version ranges, purl parsing on a rule hit, schema checks) would make every
// worker start slower for nothing.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter for a CommonJS library, required the first time it is called. */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
