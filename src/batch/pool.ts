// Running scan tasks across the machine's cores with piscina, or in this thread when that is cheaper.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { InputResult, PreparedRules } from '../pipeline.js';
import { PACKAGE_ROOT } from '../paths.js';
import { runTask, type ScanTask } from './task.js';

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
  const pool = new Piscina<ScanTask, InputResult>({ filename: file, minThreads: Math.min(jobs, tasks.length), maxThreads: Math.min(jobs, tasks.length), idleTimeout: 1000 });
  try {
    await Promise.all(
      tasks.map(async (t, i) => {
        const r = await pool.run(t);
        results[i] = r;
        onResult?.(r, t);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return results;
}
