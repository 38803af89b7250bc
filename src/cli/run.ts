// The CLI: parse arguments, run a command, write reports, return the exit code. Never calls process.exit.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import yargs from 'yargs';
import type { Confidence } from '../model/severity.js';
import type { SbomFormat } from '../model/document.js';
import { REPORTERS } from '../report/registry.js';
import { RuleError } from '../ruleset/load.js';
import { prepareRules, scan } from '../scan.js';
import { VERSION } from '../paths.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { exitCodeFor, type FailOn } from './gate.js';
import type { CliIo } from './io.js';
import { scanOptions } from './options.js';

class UsageError extends Error {}

/** yargs drops a bare `-`; it stands for standard input, so it is carried through under another name. */
const STDIN_TOKEN = ':stdin:';

function buildParser(argv: readonly string[]) {
  return yargs([...argv])
    .scriptName('ictscan')
    .usage('$0 <command> [options]\n\nFind Kaspersky software in SBOMs and plan its removal.')
    .command('scan <inputs..>', 'scan SBOMs and report Kaspersky components with a remediation plan', (y) => scanOptions(y))
    .demandCommand(1, 'name a command: scan')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage error or unreadable input.\nDocs: README.md')
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
}

/** Run the CLI with arguments (without node and script) and return the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed: Record<string, unknown>;
  let helpText = '';
  try {
    const args = argv.map((a) => (a === '-' ? STDIN_TOKEN : a));
    const parser = buildParser(args);
    parsed = await new Promise<Record<string, unknown>>((resolve, reject) => {
      parser.parse(args, {}, (err, args, output) => {
        if (err) reject(err);
        else {
          helpText = output;
          resolve(args as Record<string, unknown>);
        }
      });
    });
  } catch (e) {
    io.stderr.write(`ictscan: ${(e as Error).message}\nRun "ictscan --help" for usage.\n`);
    return EXIT.error;
  }
  if (helpText) {
    io.stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  const command = String((parsed['_'] as unknown[] | undefined)?.[0] ?? '');
  try {
    switch (command) {
      case 'scan':
        return await runScan(parsed, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof RuleError) {
      io.stderr.write(`ictscan: rule pack error in ${e.file}${e.ruleId ? ` (rule ${e.ruleId})` : ''}: ${e.message}\n`);
      return EXIT.error;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`ictscan: ${e.message}\n`);
      return EXIT.error;
    }
    throw e;
  }
}

async function runScan(args: Record<string, unknown>, io: CliIo): Promise<ExitCode> {
  const inputs = (args['inputs'] as string[]).map((i) => (String(i) === STDIN_TOKEN ? '-' : String(i)));
  const format = String(args['format']);
  const reporter = REPORTERS.get(format);
  if (!reporter) throw new UsageError(`unknown format ${format}`);
  const rulesOnly = (args['rules-only'] as string[] | undefined)?.map((d) => path.resolve(io.cwd, d));
  const rulePacks = (args['rules'] as string[] | undefined)?.map((d) => path.resolve(io.cwd, d));
  const prepared = prepareRules({ ...(rulePacks && { rulePacks }), ...(rulesOnly && { rulesOnly }) });
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
}
