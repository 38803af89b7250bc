// `ictscan merge REPORT.json...`: one portfolio report from the JSON reports of shards or separate runs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mergeReports, MergeError } from '../../batch/merge.js';
import type { ScanReport } from '../../model/result.js';
import { SEVERITIES } from '../../model/severity.js';
import { decideGate } from '../../policy/apply.js';
import { UsageError, type Command } from '../command.js';
import { exitCodeOf, type FailOn } from '../gate.js';
import { outputOptions, outputTargets, writeReports, writtenLine } from '../output.js';

async function readReport(file: string): Promise<ScanReport> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: cannot be read as a JSON report (${(e as Error).message})`);
  }
  const r = doc as Partial<ScanReport>;
  if (typeof r.schemaVersion !== 'string' || !Array.isArray(r.documents) || !Array.isArray(r.findings) || !Array.isArray(r.skipped) || !r.summary || !r.rules || !r.options) {
    throw new UsageError(`${file}: not an ictscan JSON report (write one with --format json)`);
  }
  return doc as ScanReport;
}

export const mergeCommand: Command = {
  command: 'merge <reports..>',
  describe: 'combine JSON reports (e.g. of --shard runs) into one report in any format',
  builder: (y) =>
    outputOptions(y)
      .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'JSON reports written by ictscan scan --format json' })
      .option('fail-on', { describe: 'lowest severity that fails the run (exit 1)', choices: ['none', ...SEVERITIES], default: 'info' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing on standard error' }),
  async handler(args, io) {
    const files = (args['reports'] as unknown[]).map(String);
    const reports = await Promise.all(files.map((f) => readReport(path.resolve(io.cwd, f))));
    let merged;
    try {
      merged = mergeReports(reports);
    } catch (e) {
      if (e instanceof MergeError) throw new UsageError(e.message);
      throw e;
    }
    if (!args['quiet']) for (const w of merged.warnings) io.stderr.write(`ictscan: warning: ${w}\n`);
    const failOn = args['fail-on'] as FailOn;
    const gate = decideGate(merged.report, { failOn });
    const report = { ...merged.report, gate };
    const targets = outputTargets(args);
    await writeReports(report, targets, args, io, { failOn });
    if (!args['quiet']) io.stderr.write(writtenLine(report, targets) ?? '');
    return exitCodeOf(gate.status);
  },
};
