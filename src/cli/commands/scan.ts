// `ictscan scan`: scan SBOMs and write the report in the chosen format.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SbomFormat } from '../../model/document.js';
import type { Confidence } from '../../model/severity.js';
import { CONFIDENCES, SEVERITIES } from '../../model/severity.js';
import { INPUT_FORMATS } from '../../sbom/registry.js';
import { DEFAULTS, defaultJobs, scan } from '../../scan.js';
import { loadClientManifest, type Grouping } from '../../batch/clients.js';
import { parseShard } from '../../batch/shard.js';
import { progressBar } from '../progress.js';
import { plain } from '../../report/sanitize.js';
import { readBytes } from '../../sbom/read.js';
import { schemaWarnings, validateDocumentBytes } from '../../validate/index.js';
import type { ScanReport } from '../../model/result.js';
import { outputOptions, outputTargets, writeReports } from '../output.js';
import { UsageError, type Command } from '../command.js';
import { exitCodeOf, type FailOn } from '../gate.js';
import { applyBaseline, applySuppressions, baselineEntries, decideGate } from '../../policy/apply.js';
import { findPolicy } from '../../policy/load.js';
import { ruleOptions, rulesFromArgs } from '../rule-options.js';
import { parseColumns } from '../../inventory/types.js';

async function readBaseline(file: string): Promise<string[][]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--baseline ${file}: cannot be read as a JSON report (${(e as Error).message})`);
  }
  const findings = (doc as { findings?: unknown }).findings;
  if (!Array.isArray(findings) || typeof (doc as { schemaVersion?: unknown }).schemaVersion !== 'string') {
    throw new UsageError(`--baseline ${file}: not an ictscan JSON report (no schemaVersion and findings)`);
  }
  return baselineEntries(findings);
}

/** scan --validate: each readable document is checked against its schema, one at a time. */
async function withSchemaWarnings(report: ScanReport, maxSize: number, stdin: (limit: number) => Promise<Buffer>): Promise<ScanReport> {
  const documents = [];
  for (const d of report.documents) {
    if (d.error !== null) {
      documents.push(d);
      continue;
    }
    let extra: string[];
    try {
      const bytes = d.source === '-' ? await stdin(maxSize) : await readBytes(d.source, maxSize);
      extra = schemaWarnings(await validateDocumentBytes(d.source, bytes, { maxSize }));
    } catch (e) {
      extra = [`schema: not checked: ${(e as Error).message}`];
    }
    documents.push(extra.length > 0 ? { ...d, warnings: [...d.warnings, ...extra] } : d);
  }
  return { ...report, documents };
}

export const scanCommand: Command = {
  command: 'scan <inputs..>',
  describe: 'scan SBOMs and report Kaspersky components with a remediation plan',
  builder: (y) =>
    ruleOptions(
      outputOptions(y)
        .positional('inputs', { describe: 'SBOM files, directories (searched recursively) or - for standard input', type: 'string', array: true, demandOption: true })
        .option('fail-on', { describe: 'lowest severity that fails the run (exit 1); none never fails [default: info, or the policy file]', choices: ['none', ...SEVERITIES] })
        .option('min-confidence', { describe: `hide findings below this confidence [default: ${DEFAULTS.minConfidence}, or the policy file]`, choices: [...CONFIDENCES] })
        .option('fail-on-unidentified', { describe: 'fail when a document has more than N components (or N% of them) that carry no identifier a rule can test', type: 'string' })
        .option('config', { describe: 'policy file (default: .ictscan.yaml in the working directory)', type: 'string' })
        .option('baseline', { describe: 'a previous JSON report: fail only on findings that are not in it', type: 'string' })
        .option('jobs', { alias: 'j', describe: `documents scanned in parallel (default: the number of cores, ${defaultJobs()} here)`, type: 'number' })
        .option('group-by', { describe: 'assign documents to clients: dir = the first folder under the scanned directory', choices: ['none', 'dir'], default: 'none' })
        .option('clients', { describe: 'a YAML/JSON manifest mapping client names to SBOM paths or globs', type: 'string' })
        .option('shard', { describe: 'scan only share I of N of the inputs (stable, by path hash), e.g. 2/8; combine the JSON reports with ictscan merge', type: 'string' })
        .option('verify-key', { describe: 'a PEM public key: verify the DSSE signature of attestations before scanning them; unsigned or badly signed inputs are errors', type: 'string' })
        .option('validate', { describe: 'also check each document against its schema; schema errors are listed as warnings ("schema: ...") and do not change the exit code', type: 'boolean', default: false })
        .option('columns', { describe: 'CSV inventories: which column holds what, e.g. name=DisplayName,version=DisplayVersion,publisher=Publisher,host=ComputerName (fields: name, version, publisher, host, client, path, platform)', type: 'string' })
        .option('input-format', { describe: 'read inputs as this format instead of detecting it; project reads directories as project trees (lockfiles, manifests, code)', choices: [...INPUT_FORMATS, 'project'] })
        .option('max-size', { describe: 'largest input in bytes (also the limit for decompressed data)', type: 'number', default: DEFAULTS.maxSize })
        .option('quiet', { alias: 'q', describe: 'print nothing on standard error', type: 'boolean', default: false }),
    ),
  async handler(args, io) {
    const inputs = (args['inputs'] as unknown[]).map(String);
    const targets = outputTargets(args);
    const loaded = findPolicy(io.cwd, args['config'] as string | undefined);
    const policy = loaded?.policy;
    const policyDir = loaded ? path.dirname(loaded.file) : io.cwd;
    const fromPolicy = (dirs: readonly string[] | undefined) => dirs?.map((d) => path.resolve(policyDir, d));
    const prepared = rulesFromArgs(
      {
        ...args,
        ...(args['rules'] === undefined && policy?.rules && { rules: fromPolicy(policy.rules) }),
        ...(args['rules-only'] === undefined && policy?.rulesOnly && { 'rules-only': fromPolicy(policy.rulesOnly) }),
      },
      io,
    );
    const failOn = (args['fail-on'] as FailOn | undefined) ?? policy?.failOn ?? 'info';
    const minConfidence = (args['min-confidence'] as Confidence | undefined) ?? policy?.minConfidence ?? DEFAULTS.minConfidence;
    const failOnUnidentified = (args['fail-on-unidentified'] as string | undefined) ?? (policy?.failOnUnidentified !== undefined ? String(policy.failOnUnidentified) : undefined);
    if (failOnUnidentified !== undefined && !/^\d+(\.\d+)?%?$/.test(failOnUnidentified.trim())) throw new UsageError('--fail-on-unidentified takes a count (10) or a percentage (20%)');
    const maxSize = Number(args['max-size']);
    if (!Number.isFinite(maxSize) || maxSize <= 0) throw new UsageError('--max-size must be a positive number of bytes');
    const baselineFile = args['baseline'] as string | undefined;
    const previous = baselineFile !== undefined ? await readBaseline(path.resolve(io.cwd, baselineFile)) : undefined;
    const now = io.now ?? new Date();
    const jobs = args['jobs'] === undefined ? defaultJobs() : Number(args['jobs']);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number of at least 1');
    const shard = args['shard'] === undefined ? undefined : parseShard(String(args['shard']));
    if (args['shard'] !== undefined && !shard) throw new UsageError('--shard takes I/N with 1 <= I <= N, e.g. 2/8');
    const clientsFile = args['clients'] as string | undefined;
    const grouping: Grouping = {
      groupBy: args['group-by'] === 'dir' ? 'dir' : 'none',
      ...(clientsFile !== undefined && { manifest: loadClientManifest(path.resolve(io.cwd, clientsFile)) }),
    };
    const keyFile = args['verify-key'] as string | undefined;
    let verifyKey: string | undefined;
    if (keyFile !== undefined) {
      try {
        verifyKey = await readFile(path.resolve(io.cwd, keyFile), 'utf8');
      } catch {
        throw new UsageError(`--verify-key ${keyFile}: cannot be read`);
      }
      if (!verifyKey.includes('-----BEGIN')) throw new UsageError(`--verify-key ${keyFile}: not a PEM public key`);
    }
    const columnSpec = args['columns'] as string | undefined;
    const columns = columnSpec === undefined ? undefined : parseColumns(columnSpec);
    if (typeof columns === 'string') throw new UsageError(`--columns: ${columns}`);
    const bar = progressBar(io, args['quiet'] === true);
    // Standard input can be read once; --validate needs the bytes again.
    let stdinBytes: Buffer | undefined;
    const stdin = async (limit: number) => (stdinBytes ??= await io.stdin(limit));

    const scanned = await scan(
      {
        inputs,
        minConfidence,
        maxSize,
        stdin,
        now,
        jobs,
        grouping,
        ...(verifyKey !== undefined && { verifyKey }),
        ...(columns && { columns }),
        ...(shard && { shard }),
        onProgress: (p) => bar.update(p),
        ...(prepared.choice.rulePacks && { rulePacks: prepared.choice.rulePacks }),
        ...(prepared.choice.rulesOnly && { rulesOnly: prepared.choice.rulesOnly }),
        ...(args['input-format'] !== undefined && { inputFormat: args['input-format'] as SbomFormat | 'project' }),
      },
      prepared,
    ).finally(() => bar.stop());
    const checked = args['validate'] === true ? await withSchemaWarnings(scanned, maxSize, stdin) : scanned;
    const suppressed = applySuppressions(checked, loaded, now, prepared.byId);
    const compared = previous && baselineFile !== undefined ? applyBaseline(suppressed, baselineFile, previous, prepared.byId, now) : suppressed;
    const gate = decideGate(compared, { failOn, ...(failOnUnidentified !== undefined && { failOnUnidentified }) });
    const report = { ...compared, gate };

    await writeReports(report, targets, args, io, { failOn, rules: prepared.byId });
    if (!args['quiet']) {
      const toStdoutTable = targets.some((t) => t.file === undefined && t.format === 'table');
      if (!toStdoutTable) for (const d of report.documents) if (d.error !== null) io.stderr.write(`ictscan: error: ${plain(d.error)}\n`);
      for (const e of report.policy.expired) io.stderr.write(`ictscan: warning: suppression at ${loaded?.file ?? 'policy'}:${e.line} (${e.selector}) expired on ${e.expires ?? '?'}; it no longer applies\n`);
      for (const e of report.policy.stale) io.stderr.write(`ictscan: warning: suppression at ${loaded?.file ?? 'policy'}:${e.line} (${e.selector}) matched nothing; remove it if it is no longer needed\n`);
      if (report.summary.documents === 0) io.stderr.write('ictscan: no SBOM, lockfile or manifest found in the inputs\n');
    }
    return exitCodeOf(gate.status);
  },
};
