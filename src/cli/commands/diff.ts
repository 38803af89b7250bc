// `ictscan diff OLD NEW`: the Kaspersky components two SBOMs differ in; exit 1 when the new one adds any.
import type { Confidence } from '../../model/severity.js';
import { CONFIDENCES } from '../../model/severity.js';
import { diffReports, type DiffEntry, type SbomDiff } from '../../diff/diff.js';
import { escapeMarkdown, plain } from '../../report/sanitize.js';
import { DEFAULTS, scan } from '../../scan.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { ruleOptions, rulesFromArgs } from '../rule-options.js';

function line(e: DiffEntry, kind: string): string {
  const v = kind === 'added' ? e.newVersions.join(', ') : kind === 'removed' ? e.oldVersions.join(', ') : `${e.oldVersions.join(', ')} -> ${e.newVersions.join(', ')}`;
  return `${kind.padEnd(8)} ${plain(e.name)} ${plain(v)}  [${e.rule.id}, ${e.rule.category}, ${e.severity}]`;
}

function renderText(d: SbomDiff): string {
  const out = [`Kaspersky components, ${plain(d.old)} -> ${plain(d.new)}:`];
  for (const e of d.added) out.push(line(e, 'added'));
  for (const e of d.removed) out.push(line(e, 'removed'));
  for (const e of d.changed) out.push(line(e, 'changed'));
  out.push(`${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed in version, ${d.unchanged.length} unchanged.`);
  return `${out.join('\n')}\n`;
}

function renderMarkdown(d: SbomDiff): string {
  const out = [`### ictscan diff: ${d.added.length > 0 ? '❌ Kaspersky components added' : '✅ no Kaspersky component added'}`, '', '| Change | Component | Versions | Rule |', '|---|---|---|---|'];
  const row = (kind: string, e: DiffEntry, v: string) => out.push(`| ${kind} | ${escapeMarkdown(e.name)} | ${escapeMarkdown(v)} | ${escapeMarkdown(e.rule.id)} |`);
  for (const e of d.added) row('added', e, e.newVersions.join(', '));
  for (const e of d.removed) row('removed', e, e.oldVersions.join(', '));
  for (const e of d.changed) row('changed', e, `${e.oldVersions.join(', ')} → ${e.newVersions.join(', ')}`);
  out.push('', `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged.length} unchanged.`);
  return `${out.join('\n')}\n`;
}

export const diffCommand: Command = {
  command: 'diff <old> <new>',
  describe: 'compare the Kaspersky components of two SBOMs (e.g. two releases); exit 1 when the new one adds any',
  builder: (y) =>
    ruleOptions(
      y
        .positional('old', { type: 'string', describe: 'the earlier SBOM', demandOption: true })
        .positional('new', { type: 'string', describe: 'the later SBOM', demandOption: true })
        .option('format', { alias: 'f', choices: ['table', 'json', 'markdown'], default: 'table', describe: 'output format' })
        .option('min-confidence', { choices: [...CONFIDENCES], default: DEFAULTS.minConfidence, describe: 'ignore findings below this confidence' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing on standard error' }),
    ),
  async handler(args, io) {
    const prepared = rulesFromArgs(args, io);
    const minConfidence = args['min-confidence'] as Confidence;
    const oldName = String(args['old']);
    const newName = String(args['new']);
    const common = { minConfidence, stdin: io.stdin, ...(io.now && { now: io.now }) };
    const [before, after] = [await scan({ ...common, inputs: [oldName] }, prepared), await scan({ ...common, inputs: [newName] }, prepared)];
    const errors = [...before.documents, ...after.documents].filter((d) => d.error !== null);
    if (errors.length > 0 || before.summary.documents === 0 || after.summary.documents === 0) {
      for (const d of errors) io.stderr.write(`ictscan: error: ${d.error}\n`);
      if (errors.length === 0) io.stderr.write('ictscan: diff needs one SBOM on each side\n');
      return EXIT.error;
    }
    const d = diffReports(before, after, oldName, newName);
    const format = String(args['format']);
    io.stdout.write(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : format === 'markdown' ? renderMarkdown(d) : renderText(d));
    return d.added.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
