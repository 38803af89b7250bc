// The CLI: parse arguments, run a command, return the exit code. Never calls process.exit.
import yargs from 'yargs';
import { VERSION } from '../paths.js';
import { RuleError } from '../ruleset/load.js';
import { PolicyError } from '../policy/load.js';
import { ClientManifestError } from '../batch/clients.js';
import { UsageError, type Command } from './command.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { mergeCommand } from './commands/merge.js';
import { rulesCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { validateCommand } from './commands/validate.js';
import { explainUnknown } from './suggest.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** The one list of commands. */
const COMMANDS: readonly Command[] = [scanCommand, mergeCommand, diffCommand, explainCommand, rulesCommand, validateCommand];

/** yargs drops a bare `-`; it stands for standard input, so it is carried through under another name. */
const STDIN_TOKEN = ':stdin:';

function buildParser(args: readonly string[]) {
  let y = yargs([...args])
    .scriptName('ictscan')
    .usage('$0 <command> [options]\n\nFind Kaspersky software in SBOMs and plan its removal.');
  for (const c of COMMANDS) y = y.command(c.command, c.describe, c.builder);
  return y
    .demandCommand(1, `name a command: ${COMMANDS.map((c) => c.command.split(' ')[0]).join(', ')}`)
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage error, bad rule pack or unreadable input.\nDocs: README.md')
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
}

function restoreStdin(v: unknown): unknown {
  if (v === STDIN_TOKEN) return '-';
  return Array.isArray(v) ? v.map(restoreStdin) : v;
}

/** `scan -` typed at a terminal would otherwise sit silent: say that it waits, and how to end the input. */
function sayingWaiting(io: CliIo): CliIo['stdin'] {
  return (maxSize) => {
    io.stderr.write('ictscan: reading an SBOM from standard input (stdin), which is a terminal: paste it and press Ctrl-D (Ctrl-Z, Enter on Windows), or Ctrl-C to stop.\n');
    return io.stdin(maxSize);
  };
}

/** Run the CLI with arguments (without node and script) and return the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed: Record<string, unknown>;
  let helpText = '';
  try {
    const args = argv.map((a) => (a === '-' ? STDIN_TOKEN : a));
    const parser = buildParser(args);
    parsed = await new Promise<Record<string, unknown>>((resolve, reject) => {
      parser.parse([...args], {}, (err, result, output) => {
        if (err) reject(err);
        else {
          helpText = output;
          resolve(result as Record<string, unknown>);
        }
      });
    });
  } catch (e) {
    const message = (e as Error).message;
    const plain = /^Unknown arguments?:/.test(message) ? explainUnknown(argv, COMMANDS) : undefined;
    io.stderr.write(`${(plain ?? message).split('\n').map((l) => `ictscan: ${l}`).join('\n')}\nRun "ictscan --help" for usage.\n`);
    return EXIT.error;
  }
  if (helpText) {
    io.stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  for (const k of Object.keys(parsed)) parsed[k] = restoreStdin(parsed[k]);
  if (io.stdinIsTTY) io = { ...io, stdin: sayingWaiting(io) };
  const name = String((parsed['_'] as unknown[] | undefined)?.[0] ?? '');
  const command = COMMANDS.find((c) => c.command.split(' ')[0] === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.handler(parsed, io);
  } catch (e) {
    if (e instanceof RuleError) {
      io.stderr.write(`ictscan: rule pack error: ${e.file}${e.ruleId ? ` (rule ${e.ruleId})` : ''}: ${e.message}\n`);
      return EXIT.error;
    }
    if (e instanceof PolicyError) {
      io.stderr.write(`ictscan: policy file error: ${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}\n`);
      return EXIT.error;
    }
    if (e instanceof ClientManifestError) {
      io.stderr.write(`ictscan: clients manifest error: ${e.file}: ${e.message}\n`);
      return EXIT.error;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`ictscan: ${e.message}\n`);
      return EXIT.error;
    }
    throw e;
  }
}
