// Orchestration only: inputs -> per-input scans (in parallel) -> one report, in a stable order. No printing, no exiting.
import path from 'node:path';
import type { SbomFormat } from './model/document.js';
import type { ScanReport } from './model/result.js';
import type { Confidence } from './model/severity.js';
import { comparePaths } from './batch/order.js';
import { clientOf, type Grouping } from './batch/clients.js';
import { defaultJobs, runTasks } from './batch/pool.js';
import { inShard, type Shard } from './batch/shard.js';
import type { ScanTask } from './batch/task.js';
import { assembleReport, DEFAULTS, errorDocument, flattenResults, prepareRules, scanBytes, type InputResult, type PreparedRules } from './pipeline.js';
import type { ColumnMapping } from './inventory/types.js';
import { InputError } from './sbom/errors.js';
import { readFileSync } from 'node:fs';
import { expandInputs, readBytes } from './sbom/read.js';
import { outsideProject } from './project/walk.js';
import { settleProjectResults } from './project/settle.js';

export { assembleReport, DEFAULTS, errorDocument, prepareRules, scanBytes };
export type { InputResult, PreparedRules };

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly components: number;
  readonly findings: number;
  readonly errors: number;
}

export interface ScanOptions {
  /** Files, directories, or `-` for standard input. */
  readonly inputs: readonly string[];
  /** Extra rule packs added to the curated one. */
  readonly rulePacks?: readonly string[];
  /** Use only these packs, not the curated one. */
  readonly rulesOnly?: readonly string[];
  readonly minConfidence?: Confidence;
  readonly maxSize?: number;
  /** An SBOM format, or `project` to read every input as a project tree (lockfiles, manifests, code). */
  readonly inputFormat?: SbomFormat | 'project';
  /** Scan time, injected so that reports are reproducible in tests. */
  readonly now?: Date;
  /** Reads standard input for `-` (the CLI passes its own stream). */
  readonly stdin?: (maxSize: number) => Promise<Buffer>;
  /** Worker threads; 1 scans in this thread. Default: 1 for the library, the number of cores for the CLI. */
  readonly jobs?: number;
  /** How documents are assigned to clients (MSP portfolios). */
  readonly grouping?: Grouping;
  /** Scan only this share of the inputs (by a hash of each path). */
  readonly shard?: Shard;
  readonly onProgress?: (p: Progress) => void;
  /** PEM public key: every DSSE envelope must be signed by it, and an unsigned document is refused. */
  readonly verifyKey?: string;
  /** --columns: which CSV column holds which inventory field. */
  readonly columns?: ColumnMapping;
}

export { defaultJobs };

interface Planned {
  readonly source: string;
  readonly root: string;
  readonly walked: boolean;
  readonly inProject: boolean;
}

/** Scan SBOM files, directories or standard input and return the report. Never prints, never exits. */
export async function scan(options: ScanOptions, prepared?: PreparedRules): Promise<ScanReport> {
  const rules = prepared ?? prepareRules(options);
  const now = options.now ?? new Date();
  const minConfidence = options.minConfidence ?? DEFAULTS.minConfidence;
  const maxSize = options.maxSize ?? DEFAULTS.maxSize;
  const grouping: Grouping = options.grouping ?? { groupBy: 'none' };

  const planned: Planned[] = [];
  const early: { source: string; root: string; result: InputResult }[] = [];
  const directories: string[] = [];
  for (const input of options.inputs) {
    const { files, errors, skipped, directories: dirs } = await expandInputs([input]);
    directories.push(...dirs);
    for (const e of errors) early.push({ source: e.source, root: input, result: { document: errorDocument(e.source, e.error), findings: [], belowConfidence: 0 } });
    for (const s of skipped) early.push({ source: s.source, root: input, result: { findings: [], belowConfidence: 0, skipped: s } });
    const outside = outsideProject(input, files.filter((f) => f.walked).map((f) => f.source));
    for (const f of files) planned.push({ source: f.source, root: input, walked: f.walked, inProject: !outside.has(f.source) });
  }
  const shard = options.shard;
  const keep = (p: { source: string; root: string }) => {
    if (!shard) return true;
    // Standard input is not a path to hash: it belongs to the first shard.
    if (p.source === '-') return shard.index === 1;
    return inShard(p.root === p.source ? path.basename(p.source) : path.relative(p.root, p.source), shard);
  };
  const selected = planned.filter(keep);
  const results: { source: string; root: string; result: InputResult }[] = early.filter(keep);

  let done = 0;
  let components = 0;
  let findings = 0;
  let errorsSeen = results.length;
  const total = selected.length + results.length;
  const progress = (r: InputResult) => {
    done++;
    for (const one of flattenResults([r])) {
      components += one.document?.components ?? 0;
      findings += one.findings.length;
      if (one.document?.error) errorsSeen++;
    }
    options.onProgress?.({ done, total, components, findings, errors: errorsSeen });
  };
  done = results.length;

  const fromStdin = selected.filter((p) => p.source === '-');
  for (const p of fromStdin) {
    let result: InputResult;
    try {
      const bytes = await readBytes('-', maxSize, options.stdin);
      result = scanBytes('-', bytes, rules, {
        walked: false,
        minConfidence,
        maxSize,
        now,
        ...(options.inputFormat && { inputFormat: options.inputFormat }),
        ...(options.verifyKey !== undefined && { verifyKey: options.verifyKey }),
        ...(options.columns && { columns: options.columns }),
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      result = { document: errorDocument('-', e), findings: [], belowConfidence: 0 };
    }
    results.push({ source: '-', root: p.root, result });
    progress(result);
  }
  const files = selected.filter((p) => p.source !== '-');
  // Walked files of a tree are screened by the task first (screen.ts): most files of a project tree end there as
  // plain, without their SBOM reading; what they would be as SBOM inputs is worked out in settle for the few that need it.
  // Not with --columns: a CSV inventory's layout is then the user's, and only the full read knows it.
  const screenable = options.verifyKey === undefined && options.columns === undefined && (options.inputFormat === undefined || options.inputFormat === 'project');
  const planOf = new Map(files.map((p) => [p.source, p]));
  const tasks: ScanTask[] = files.map((p) => ({
    source: p.source,
    walked: p.walked,
    minConfidence,
    maxSize,
    now: now.toISOString(),
    rules: { ...(options.rulePacks && { rulePacks: options.rulePacks }), ...(options.rulesOnly && { rulesOnly: options.rulesOnly }) },
    ...(options.inputFormat && { inputFormat: options.inputFormat }),
    ...(options.verifyKey !== undefined && { verifyKey: options.verifyKey }),
    ...(!p.inProject && { inProject: false }),
    ...(screenable && p.walked && { screen: true }),
    root: p.root,
    ...(options.columns && { columns: options.columns }),
  }));
  const scanned = await runTasks(tasks, options.jobs ?? 1, rules, (r) => progress(r));
  scanned.forEach((result, i) => {
    const p = files[i] as Planned;
    results.push({ source: p.source, root: p.root, result });
  });

  const fallbackOf = (source: string) => {
    const p = planOf.get(source);
    if (!p) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(source);
    } catch (e) {
      return { document: errorDocument(source, new InputError('unreadable', `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`)) };
    }
    const again = scanBytes(source, bytes, rules, { walked: true, minConfidence, maxSize, now, ...(options.inputFormat && { inputFormat: options.inputFormat }), ...(!p.inProject && { inProject: false }) });
    return again.project?.fallback ?? again;
  };
  const searched = settleProjectResults(results, options.inputFormat === 'project', fallbackOf);

  // A directory that yields no document (empty, or nothing in it is an SBOM) is an error: the gate read no SBOM
  // there, so it cannot vouch for it. Under --shard a share of a directory may rightly be empty.
  if (!shard) {
    for (const dir of directories) {
      if (results.some((r) => r.root === dir && r.result.document)) continue;
      const skipped = results.filter((r) => r.root === dir && r.result.skipped).length;
      const plain = searched.get(dir) ?? 0;
      const seen = [
        ...(plain > 0 ? [`${plain} file${plain === 1 ? '' : 's'} searched for Kaspersky references, none found`] : []),
        ...(skipped > 0 ? [`${skipped} entr${skipped === 1 ? 'y' : 'ies'} skipped, listed in the report`] : []),
      ];
      const error = new InputError('not-an-sbom', `no SBOM, lockfile or manifest found in this directory (${seen.length === 0 ? 'it holds no file' : seen.join('; ')})`);
      results.push({ source: dir, root: dir, result: { document: errorDocument(dir, error), findings: [], belowConfidence: 0 } });
    }
  }

  // One order whatever the jobs or shards: by path, segment by segment; standard input first.
  results.sort((a, b) => (a.source === '-' ? -1 : b.source === '-' ? 1 : comparePaths(a.source, b.source)));
  const withClients = results.flatMap(({ source, root, result }) =>
    flattenResults([result]).map((one) => {
      // An inventory that names each host's client (an RMM column) keeps it.
      if (!one.document || (one.document.client ?? null) !== null || (grouping.groupBy === 'none' && !grouping.manifest)) return one;
      return { ...one, document: { ...one.document, client: clientOf(source, root, grouping) } };
    }),
  );
  return assembleReport(withClients, rules, { minConfidence, now });
}
