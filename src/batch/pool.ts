// Running scan tasks across the machine's cores with piscina, or in this thread when that is cheaper.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { InputResult, PreparedRules } from '../pipeline.js';
import { PACKAGE_ROOT } from '../paths.js';
import { ruleKey, runTask, type ScanTask, type WorkerSeed } from './task.js';

/** More tasks than this are a tree of many small files: larger batches, and this thread only coordinates. */
const LARGE = 4096;

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism());
}

/** The compiled worker: next to this module when running from dist/, else the build's copy (tests run the sources). */
function workerFile(): string | undefined {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.js');
  if (existsSync(here)) return here;
  const built = path.join(PACKAGE_ROOT, 'dist/src/batch/worker.js');
  return existsSync(built) ? built : undefined;
}

/**
 * Run every task and return the results in task order, whatever order they finish in.
 * `onResult` sees each result as it completes (progress).
 */
export async function runTasks(tasks: readonly ScanTask[], jobs: number, rules: PreparedRules, onResult?: (r: InputResult, task: ScanTask) => void): Promise<InputResult[]> {
  const file = workerFile();
  const results: InputResult[] = new Array<InputResult>(tasks.length);
  // A pool costs a thread start and a rule load per worker: worth it only for several files.
  if (jobs <= 1 || tasks.length < 2 || !file) {
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i] as ScanTask;
      const r = await runTask(t, rules);
      results[i] = r;
      onResult?.(r, t);
    }
    return results;
  }
  // This thread scans too, with the rules it already holds, from the first moment: the workers join as they come
  // up (a thread start and a rule load each). So `jobs` parallel scans are this thread and jobs - 1 workers.
  // A large tree of small files (a project) is the exception: this thread then only hands out batches, since a
  // lockfile it parsed would keep the workers waiting for their next batch; jobs workers do the scanning.
  const coordinate = tasks.length > LARGE;
  const workers = Math.min(coordinate ? jobs : jobs - 1, tasks.length);
  // Tasks go out in batches: one message and one structured clone per batch, not per file. A project tree's many
  // small files (most of them a read and a screen) go out in larger batches.
  const batch = Math.max(1, Math.min(tasks.length > LARGE ? 256 : 16, Math.floor(tasks.length / (jobs * 8))));
  let next = 0;
  const take = (): [number, number] | undefined => {
    if (next >= tasks.length) return undefined;
    const start = next;
    // Batches shrink as the work runs out (to one file at the end), so that no lane is left holding a full batch
    // while the others have finished.
    const size = Math.max(1, Math.min(batch, Math.floor((tasks.length - next) / (jobs * 4))));
    next = Math.min(tasks.length, next + size);
    return [start, next];
  };
  // Every task names the same rules as this thread's (the CLI's case): the workers get its checked rule set.
  const key = ruleKey((tasks[0] as ScanTask).rules);
  const workerData: WorkerSeed = tasks.every((t) => ruleKey(t.rules) === key) ? { ictscanRules: { key, set: rules.set } } : {};
  // Two batches in flight per worker, both posted to it: piscina hands a worker its next task from this thread's
  // event loop, so with one at a time a worker would sit idle whenever this thread is busy scanning.
  const pool = new Piscina<readonly ScanTask[], InputResult[]>({ filename: file, minThreads: workers, maxThreads: workers, idleTimeout: 1000, workerData, concurrentTasksPerWorker: 2 });
  const workerLane = async (): Promise<void> => {
    for (let range = take(); range; range = take()) {
      const [start, end] = range;
      const out = await pool.run(tasks.slice(start, end));
      for (let i = start; i < end; i++) {
        const r = out[i - start] as InputResult;
        results[i] = r;
        onResult?.(r, tasks[i] as ScanTask);
      }
    }
  };
  let lastTurn = performance.now();
  const localLane = async (): Promise<void> => {
    for (let range = take(); range; range = take()) {
      for (let i = range[0]; i < range[1]; i++) {
        const t = tasks[i] as ScanTask;
        const r = await runTask(t, rules);
        results[i] = r;
        onResult?.(r, t);
        // Let the event loop take results from and hand batches to the workers between files (every few
        // milliseconds, not after every file: a turn of the loop costs more than a screened file).
        if (performance.now() - lastTurn >= 2) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastTurn = performance.now();
        }
      }
    }
  };
  try {
    await Promise.all([...(coordinate ? [] : [localLane()]), ...Array.from({ length: workers * 2 }, workerLane)]);
  } finally {
    await pool.destroy();
  }
  return results;
}
