// The CLI's option table, shared by every command; choices come from the registries so help cannot drift.
import type { Argv } from 'yargs';
import { CONFIDENCES, SEVERITIES } from '../model/severity.js';
import { REPORT_FORMATS } from '../report/registry.js';
import { INPUT_FORMATS } from '../sbom/registry.js';
import { DEFAULTS } from '../scan.js';

export function scanOptions<T>(y: Argv<T>) {
  return y
    .positional('inputs', { describe: 'SBOM files, directories (searched recursively) or - for standard input', type: 'string', array: true, demandOption: true })
    .option('format', { alias: 'f', describe: 'report format', choices: REPORT_FORMATS, default: 'table' })
    .option('output', { alias: 'o', describe: 'write the report to this file instead of standard output', type: 'string' })
    .option('fail-on', { describe: 'lowest severity that fails the run (exit 1); none never fails', choices: ['none', ...SEVERITIES], default: 'info' })
    .option('min-confidence', { describe: 'hide findings below this confidence', choices: [...CONFIDENCES], default: DEFAULTS.minConfidence })
    .option('rules', { describe: 'add a rule pack directory to the curated rules (repeatable)', type: 'string', array: true })
    .option('rules-only', { describe: 'use only this rule pack directory (repeatable), not the curated rules', type: 'string', array: true })
    .option('input-format', { describe: 'read inputs as this format instead of detecting it', choices: INPUT_FORMATS })
    .option('max-size', { describe: 'largest input in bytes (also the limit for decompressed data)', type: 'number', default: DEFAULTS.maxSize })
    .option('color', { describe: 'colour the table (default: when standard output is a terminal and NO_COLOR is unset)', type: 'boolean' })
    .option('quiet', { alias: 'q', describe: 'print nothing on standard error', type: 'boolean', default: false });
}
