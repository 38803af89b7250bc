// The worker-thread entry point for the pool: one task in, one input result out.
import { runTask, type ScanTask } from './task.js';
import type { InputResult } from '../pipeline.js';

export default function scanInWorker(task: ScanTask): Promise<InputResult> {
  return runTask(task);
}
