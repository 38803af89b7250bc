// --rules / --rules-only, shared by every command that loads rules.
import path from 'node:path';
import type { Argv } from 'yargs';
import { prepareRules, type PreparedRules } from '../scan.js';
import { strings, type Args } from './command.js';
import type { CliIo } from './io.js';

export function ruleOptions(y: Argv): Argv {
  return y
    .option('rules', { describe: 'add a rule pack directory to the curated rules (repeatable)', type: 'string', array: true })
    .option('rules-only', { describe: 'use only this rule pack directory (repeatable), not the curated rules', type: 'string', array: true });
}

/** The packs chosen on the command line (absolute paths, so that worker threads load the same), loaded and compiled. */
export function rulesFromArgs(args: Args, io: CliIo): PreparedRules & { choice: { rulePacks?: string[]; rulesOnly?: string[] } } {
  const rulesOnly = strings(args['rules-only'])?.map((d) => path.resolve(io.cwd, d));
  const rulePacks = strings(args['rules'])?.map((d) => path.resolve(io.cwd, d));
  const choice = { ...(rulePacks && { rulePacks }), ...(rulesOnly && { rulesOnly }) };
  const prepared = prepareRules(choice);
  if (!args['quiet']) for (const w of prepared.set.warnings) io.stderr.write(`ictscan: warning: ${w}\n`);
  return { ...prepared, choice };
}
