// `ictscan scan`: scan SBOMs and write the report in the chosen format.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SbomFormat } from '../../model/document.js';
import type { Confidence } from '../../model/severity.js';
import { CONFIDENCES, SEVERITIES } from '../../model/severity.js';
import { REPORT_FORMATS, REPORTERS } from '../../report/registry.js';
import { INPUT_FORMATS } from '../../sbom/registry.js';
import { DEFAULTS, scan } from '../../scan.js';
import { UsageError, strings, type Args, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import type { FailOn } from '../gate.js';
import { applyBaseline, applySuppressions, decideGate } from '../../policy/apply.js';
import { findPolicy } from '../../policy/load.js';
import { ruleOptions, rulesFromArgs } from '../rule-options.js';

/** `--output-format sarif=out.sarif`: a format and where to write it (standard output when no file). */
function outputTargets(args: Args): { format: string; file?: string }[] {
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

async function readBaseline(file: string): Promise<{ fingerprint: string }[]> {
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
  return findings.filter((f): f is { fingerprint: string } => typeof (f as { fingerprint?: unknown }).fingerprint === 'string');
}

export const scanCommand: Command = {
  command: 'scan <inputs..>',
  describe: 'scan SBOMs and report Kaspersky components with a remediation plan',
  builder: (y) =>
    ruleOptions(
      y
        .positional('inputs', { describe: 'SBOM files, directories (searched recursively) or - for standard input', type: 'string', array: true, demandOption: true })
        .option('format', { alias: 'f', describe: 'report format', choices: REPORT_FORMATS, default: 'table' })
        .option('output', { alias: 'o', describe: 'write the report to this file instead of standard output', type: 'string' })
        .option('output-format', { describe: 'write several reports in one run: FORMAT or FORMAT=FILE (repeatable; replaces --format/--output)', type: 'string', array: true })
        .option('fail-on', { describe: 'lowest severity that fails the run (exit 1); none never fails [default: info, or the policy file]', choices: ['none', ...SEVERITIES] })
        .option('min-confidence', { describe: `hide findings below this confidence [default: ${DEFAULTS.minConfidence}, or the policy file]`, choices: [...CONFIDENCES] })
        .option('fail-on-unidentified', { describe: 'fail when a document has more than N components (or N% of them) that carry no identifier a rule can test', type: 'string' })
        .option('config', { describe: 'policy file (default: .ictscan.yaml in the working directory)', type: 'string' })
        .option('baseline', { describe: 'a previous JSON report: fail only on findings that are not in it', type: 'string' })
        .option('sarif-category', { describe: 'SARIF automationDetails id, to tell several uploads for one commit apart (GitHub code scanning category)', type: 'string' })
        .option('input-format', { describe: 'read inputs as this format instead of detecting it', choices: INPUT_FORMATS })
        .option('max-size', { describe: 'largest input in bytes (also the limit for decompressed data)', type: 'number', default: DEFAULTS.maxSize })
        .option('color', { describe: 'colour the table (default: when standard output is a terminal and NO_COLOR is unset)', type: 'boolean' })
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

    const scanned = await scan(
      {
        inputs,
        minConfidence,
        maxSize,
        stdin: io.stdin,
        now,
        ...(args['input-format'] !== undefined && { inputFormat: args['input-format'] as SbomFormat }),
      },
      prepared,
    );
    const suppressed = applySuppressions(scanned, loaded, now);
    const compared = previous && baselineFile !== undefined ? applyBaseline(suppressed, baselineFile, previous) : suppressed;
    const gate = decideGate(compared, { failOn, ...(failOnUnidentified !== undefined && { failOnUnidentified }) });
    const report = { ...compared, gate };

    for (const t of targets) {
      const reporter = REPORTERS.get(t.format);
      if (!reporter) throw new UsageError(`unknown format ${t.format}`);
      const color = (args['color'] as boolean | undefined) ?? (t.file === undefined && io.stdout.isTTY === true && !io.env['NO_COLOR']);
      const text = reporter.render(report, { color, failOn, width: 120, rules: prepared.byId, cwd: io.cwd, ...(args['sarif-category'] !== undefined && { category: String(args['sarif-category']) }) });
      if (t.file !== undefined) await writeFile(path.resolve(io.cwd, t.file), text);
      else io.stdout.write(text);
    }
    if (!args['quiet']) {
      const toStdoutTable = targets.some((t) => t.file === undefined && t.format === 'table');
      if (!toStdoutTable) for (const d of report.documents) if (d.error !== null) io.stderr.write(`ictscan: error: ${d.error}\n`);
      for (const e of report.policy.expired) io.stderr.write(`ictscan: warning: suppression at ${loaded?.file ?? 'policy'}:${e.line} (${e.selector}) expired on ${e.expires ?? '?'}; it no longer applies\n`);
      for (const e of report.policy.stale) io.stderr.write(`ictscan: warning: suppression at ${loaded?.file ?? 'policy'}:${e.line} (${e.selector}) matched nothing; remove it if it is no longer needed\n`);
      if (report.summary.documents === 0) io.stderr.write('ictscan: no SBOM found in the inputs\n');
    }
    if (report.summary.documents === 0) return EXIT.error;
    return gate.status === 'error' ? EXIT.error : gate.status === 'fail' ? EXIT.findings : EXIT.ok;
  },
};
