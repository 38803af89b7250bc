// Timing helpers shared by the benchmarks.
import { performance } from 'node:perf_hooks';

/** The fastest of several runs, in milliseconds: the least disturbed by other work on a shared machine. */
export function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}
