// One unit of work: an input file, read and scanned with rules loaded once per thread.
import type { SbomFormat } from '../model/document.js';
import type { ColumnMapping } from '../inventory/types.js';
import type { Confidence } from '../model/severity.js';
import { workerData } from 'node:worker_threads';
import { errorDocument, prepareRules, rulesFromSet, scanBytes, type InputResult, type PreparedRules, type RuleChoice } from '../pipeline.js';
import type { RuleSet } from '../ruleset/types.js';
import { InputError } from '../sbom/errors.js';
import { readBytes } from '../sbom/read.js';
import { screenFile } from '../project/screen.js';

export type { RuleChoice };

export interface ScanTask {
  readonly source: string;
  readonly walked: boolean;
  readonly minConfidence: Confidence;
  readonly maxSize: number;
  /** ISO time, so that every worker stamps the same scan time. */
  readonly now: string;
  readonly inputFormat?: SbomFormat | 'project';
  readonly verifyKey?: string;
  /** False for a walked file outside the project (vendored, .gitignore'd). */
  readonly inProject?: boolean;
  /** The input this file was found under (project readers stay inside it). */
  readonly root?: string;
  /** A walked file: screened first (project/screen.ts), and left as plain without a full read when it certainly is. */
  readonly screen?: boolean;
  readonly columns?: ColumnMapping;
  readonly rules: RuleChoice;
}

const prepared = new Map<string, PreparedRules>();

/** What a pool hands its workers: the rule set its thread loaded and checked, for the rule choice of its tasks. */
export interface WorkerSeed {
  readonly ictscanRules?: { readonly key: string; readonly set: RuleSet };
}

// A worker started by the pool compiles the parent's rule set instead of loading and validating the packs again.
const seed = (workerData as WorkerSeed | null | undefined)?.ictscanRules;
if (seed) prepared.set(seed.key, rulesFromSet(seed.set));

export function ruleKey(choice: RuleChoice): string {
  return JSON.stringify(choice);
}

/** Rules for a choice of packs, loaded and compiled once per thread. */
export function rulesFor(choice: RuleChoice): PreparedRules {
  const key = ruleKey(choice);
  let r = prepared.get(key);
  if (!r) {
    r = prepareRules(choice);
    prepared.set(key, r);
  }
  return r;
}

/** Read and scan one file. Input problems become the document's error; nothing else is caught. */
export async function runTask(task: ScanTask, rules: PreparedRules = rulesFor(task.rules)): Promise<InputResult> {
  // No fallback: settle asks for one only when the file is not read as part of a project after all.
  if (task.screen && screenFile(task.source, task.maxSize).kind === 'plain') return { findings: [], belowConfidence: 0, project: { kind: 'plain' } };
  let bytes: Buffer;
  try {
    bytes = await readBytes(task.source, task.maxSize);
  } catch (e) {
    if (e instanceof InputError) return { document: errorDocument(task.source, e), findings: [], belowConfidence: 0 };
    throw e;
  }
  return scanBytes(task.source, bytes, rules, {
    walked: task.walked,
    minConfidence: task.minConfidence,
    maxSize: task.maxSize,
    now: new Date(task.now),
    ...(task.inputFormat && { inputFormat: task.inputFormat }),
    ...(task.verifyKey !== undefined && { verifyKey: task.verifyKey }),
    ...(task.inProject === false && { inProject: false }),
    ...(task.root !== undefined && { root: task.root }),
    ...(task.columns && { columns: task.columns }),
  });
}
