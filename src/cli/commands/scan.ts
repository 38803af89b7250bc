// `ictscan scan`: scan SBOMs and write the report in the chosen format.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SbomFormat } from '../../model/document.js';
import type { Confidence } from '../../model/severity.js';
import { CONFIDENCES, SEVERITIES } from '../../model/severity.js';
import { REPORT_FORMATS, REPORTERS } from '../../report/registry.js';
import { INPUT_FORMATS } from '../../sbom/registry.js';
import { DEFAULTS, scan } from '../../scan.js';
import { UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { exitCodeFor, type FailOn } from '../gate.js';
import { ruleOptions, rulesFromArgs } from '../rule-options.js';

export const scanCommand: Command = {
  command: 'scan <inputs..>',
  describe: 'scan SBOMs and report Kaspersky components with a remediation plan',
  builder: (y) =>
    ruleOptions(
      y
        .positional('inputs', { describe: 'SBOM files, directories (searched recursively) or - for standard input', type: 'string', array: true, demandOption: true })
        .option('format', { alias: 'f', describe: 'report format', choices: REPORT_FORMATS, default: 'table' })
        .option('output', { alias: 'o', describe: 'write the report to this file instead of standard output', type: 'string' })
        .option('fail-on', { describe: 'lowest severity that fails the run (exit 1); none never fails', choices: ['none', ...SEVERITIES], default: 'info' })
        .option('min-confidence', { describe: 'hide findings below this confidence', choices: [...CONFIDENCES], default: DEFAULTS.minConfidence })
        .option('input-format', { describe: 'read inputs as this format instead of detecting it', choices: INPUT_FORMATS })
        .option('max-size', { describe: 'largest input in bytes (also the limit for decompressed data)', type: 'number', default: DEFAULTS.maxSize })
        .option('color', { describe: 'colour the table (default: when standard output is a terminal and NO_COLOR is unset)', type: 'boolean' })
        .option('quiet', { alias: 'q', describe: 'print nothing on standard error', type: 'boolean', default: false }),
    ),
  async handler(args, io) {
    const inputs = (args['inputs'] as unknown[]).map(String);
    const format = String(args['format']);
    const reporter = REPORTERS.get(format);
    if (!reporter) throw new UsageError(`unknown format ${format}`);
    const prepared = rulesFromArgs(args, io);
    const maxSize = Number(args['max-size']);
    if (!Number.isFinite(maxSize) || maxSize <= 0) throw new UsageError('--max-size must be a positive number of bytes');
    const report = await scan(
      {
        inputs,
        minConfidence: args['min-confidence'] as Confidence,
        maxSize,
        stdin: io.stdin,
        ...(args['input-format'] !== undefined && { inputFormat: args['input-format'] as SbomFormat }),
        ...(io.now && { now: io.now }),
      },
      prepared,
    );
    const output = args['output'] as string | undefined;
    const color = (args['color'] as boolean | undefined) ?? (output === undefined && io.stdout.isTTY === true && !io.env['NO_COLOR']);
    const text = reporter.render(report, { color, failOn: args['fail-on'] as FailOn, width: 120 });
    if (output) await writeFile(path.resolve(io.cwd, output), text);
    else io.stdout.write(text);
    if (!args['quiet']) {
      for (const d of report.documents) if (d.error !== null && format !== 'table') io.stderr.write(`ictscan: error: ${d.error}\n`);
      if (report.summary.documents === 0) io.stderr.write('ictscan: no SBOM found in the inputs\n');
    }
    if (report.summary.documents === 0) return EXIT.error;
    return exitCodeFor(report, args['fail-on'] as FailOn);
  },
};
