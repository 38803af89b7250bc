// The worker-thread entry point for the pool: a batch of tasks in (or one), their input results out, in order.
import { runTask, type ScanTask } from './task.js';
import type { InputResult } from '../pipeline.js';

export default async function scanInWorker(task: ScanTask | readonly ScanTask[]): Promise<InputResult | InputResult[]> {
  if (!Array.isArray(task)) return runTask(task as ScanTask);
  const out: InputResult[] = [];
  for (const t of task as readonly ScanTask[]) out.push(await runTask(t));
  return out;
}
