// Report outputs shared by scan and merge: --format/--output, or several --output-format targets.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import type { ScanReport } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import { REPORT_FORMATS, REPORTERS } from '../report/registry.js';
import { gateLine } from '../report/text.js';
import type { LoadedRule } from '../ruleset/types.js';
import { UsageError, strings, type Args } from './command.js';
import type { CliIo } from './io.js';

export function outputOptions(y: Argv): Argv {
  return y
    .option('format', { alias: 'f', describe: 'report format', choices: REPORT_FORMATS, default: 'table' })
    .option('output', { alias: 'o', describe: 'write the report to this file instead of standard output', type: 'string' })
    .option('output-format', { describe: 'write several reports in one run: FORMAT or FORMAT=FILE (repeatable; replaces --format/--output)', type: 'string', array: true })
    .option('sarif-root', { describe: 'SARIF locations are relative to this directory, the repository root (uriBaseId %SRCROOT%)', type: 'string', default: undefined, defaultDescription: 'the working directory' })
    .option('sarif-category', { describe: 'SARIF automationDetails id, to tell several uploads for one commit apart (GitHub code scanning category)', type: 'string' })
    .option('color', { describe: 'colour the table (default: when standard output is a terminal and NO_COLOR is unset)', type: 'boolean' });
}

export interface Target {
  readonly format: string;
  readonly file?: string;
}

/** `--output-format sarif=out.sarif`: a format and where to write it (standard output when no file). */
export function outputTargets(args: Args): Target[] {
  const specs = strings(args['output-format']);
  if (!specs || specs.length === 0) {
    const output = args['output'] as string | undefined;
    return [{ format: String(args['format']), ...(output !== undefined && { file: output }) }];
  }
  const targets = specs.map((spec) => {
    const eq = spec.indexOf('=');
    const format = eq < 0 ? spec : spec.slice(0, eq);
    const file = eq < 0 ? undefined : spec.slice(eq + 1);
    if (!REPORTERS.has(format)) throw new UsageError(`--output-format ${spec}: unknown format "${format}" (one of ${REPORT_FORMATS.join(', ')})`);
    if (file === '') throw new UsageError(`--output-format ${spec}: give a file after "="`);
    return { format, ...(file !== undefined && { file }) };
  });
  if (targets.filter((t) => t.file === undefined).length > 1) throw new UsageError('only one --output-format may go to standard output; give the others a file (format=FILE)');
  return targets;
}

/** The last line on standard error when reports went to files: what was written where, and the verdict. */
export function writtenLine(report: ScanReport, targets: readonly Target[]): string | undefined {
  const files = targets.filter((t) => t.file !== undefined).map((t) => `${t.file} (${t.format})`);
  if (files.length === 0) return undefined;
  const verdict = gateLine(report);
  return `ictscan: wrote ${files.join(', ')}${verdict ? `. ${verdict}` : ''}\n`;
}

/** What reports call standard input (`-` on the command line, and inside the scan). */
export const STDIN_NAME = 'stdin';

/** The report as readers see it: standard input named `stdin`, not `-`. */
export function namingStdin(report: ScanReport): ScanReport {
  const name = (source: string) => (source === '-' ? STDIN_NAME : source);
  if (!report.documents.some((d) => d.source === '-') && !report.skipped.some((s) => s.source === '-')) return report;
  return {
    ...report,
    documents: report.documents.map((d) => (d.source === '-' ? { ...d, source: STDIN_NAME, error: d.error?.replace(/^-: /, `${STDIN_NAME}: `) ?? null } : d)),
    skipped: report.skipped.map((s) => ({ ...s, source: name(s.source) })),
    findings: report.findings.map((f) => (f.source === '-' ? { ...f, source: STDIN_NAME } : f)),
  };
}

/** Render the report once per target and write it to its file or to standard output. */
export async function writeReports(unnamed: ScanReport, targets: readonly Target[], args: Args, io: CliIo, ctx: { failOn: Severity | 'none'; rules?: ReadonlyMap<string, LoadedRule> }): Promise<void> {
  const report = namingStdin(unnamed);
  for (const t of targets) {
    const reporter = REPORTERS.get(t.format);
    if (!reporter) throw new UsageError(`unknown format ${t.format}`);
    const color = (args['color'] as boolean | undefined) ?? (t.file === undefined && io.stdout.isTTY === true && !io.env['NO_COLOR']);
    const text = reporter.render(report, {
      color,
      failOn: ctx.failOn,
      width: 80,
      // SARIF writes locations relative to this root, so code scanning finds the SBOM in the repository.
      cwd: args['sarif-root'] !== undefined ? path.resolve(io.cwd, String(args['sarif-root'])) : io.cwd,
      ...(ctx.rules && { rules: ctx.rules }),
      ...(args['sarif-category'] !== undefined && { category: String(args['sarif-category']) }),
    });
    if (t.file !== undefined) await writeFile(path.resolve(io.cwd, t.file), text);
    else io.stdout.write(text);
  }
}
