// `ictscan rules list|show|validate|coverage`: the rule list as users and rule authors need to see it.
import path from 'node:path';
import type { Condition, LoadedRule } from '../../ruleset/types.js';
import { describeCondition } from '../../match/compile.js';
import { coverage, type CoverageRow } from '../../match/coverage.js';
import { FACT_ITEMS } from '../../ruleset/fact-items.js';
import { DEFAULTS } from '../../pipeline.js';
import { loadRuleSet, RuleError } from '../../ruleset/load.js';
import { CURATED_RULES_DIR } from '../../paths.js';
import { UsageError, strings, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { ruleOptions, rulesFromArgs } from '../rule-options.js';

function leafCount(conditions: readonly Condition[]): number {
  return conditions.reduce((n, c) => n + (c.kind === 'all' ? leafCount(c.of) : 1), 0);
}

function conditionLines(c: Condition, path: string, indent: string): string[] {
  if (c.kind === 'all') return [`${indent}${path} all of:${c.confidence ? ` (confidence ${c.confidence})` : ''}`, ...c.of.flatMap((p, i) => conditionLines(p, `of[${i}]`, `${indent}  `))];
  return [`${indent}${path} ${describeCondition(c)}${c.confidence ? ` (confidence ${c.confidence})` : ''}${c.note ? ` — ${c.note}` : ''}`];
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

function show(r: LoadedRule): string {
  const out = [
    `${r.id}: ${r.title}`,
    `  category ${r.category}, severity ${r.severity}, status ${r.status}${r.maxConfidence ? `, confidence at most ${r.maxConfidence}` : ''}`,
    `  checked ${r.checked}; pack ${r.pack}; file ${r.file}`,
    '',
    `  ${r.description}`,
  ];
  if (r.uncertainty) out.push('', `  Uncertain: ${r.uncertainty}`);
  out.push('', '  Conditions (any one flags the component):', ...r.conditions.flatMap((c, i) => conditionLines(c, `conditions[${i}]`, '    ')));
  out.push('', `  Remediation: ${r.remediation.action}: ${r.remediation.summary}`);
  for (const s of r.remediation.steps ?? []) out.push(`    - ${s}`);
  if (r.remediation.alternatives?.length) out.push(`  Alternatives: ${r.remediation.alternatives.join('; ')}`);
  out.push('', '  References:', ...r.references.map((ref) => `    ${ref.url}${ref.title ? ` (${ref.title})` : ''}`));
  return `${out.join('\n')}\n`;
}

function coverageText(rows: readonly CoverageRow[]): string {
  const count = (o: CoverageRow['outcome']): number => rows.filter((r) => r.outcome === o).length;
  const table_ = table([
    ['SECTION', 'ITEM', 'OUTCOME', 'RULE', 'CONDITION', 'CONFIDENCE'],
    ...rows.map((r) => [r.section, r.item.length > 60 ? `${r.item.slice(0, 59)}…` : r.item, r.outcome, r.rule ?? '-', r.conditions?.join(' ') ?? '-', r.confidence ?? '-']),
  ]);
  const out = [table_, ''];
  const facts = rows.filter((r) => r.expect === 'flag');
  const decoys = rows.filter((r) => r.expect === 'clean');
  out.push(`${facts.length} fact items: ${count('covered')} covered at the default confidence, ${count('below-threshold')} only below it, ${count('uncovered')} uncovered, ${count('no-field')} that no SBOM field carries.`);
  out.push(`${decoys.length} decoys and replacement products: ${count('clean')} clean, ${count('flagged-decoy')} flagged.`);
  const open = rows.filter((r) => r.outcome === 'uncovered' || r.outcome === 'below-threshold' || r.outcome === 'no-field' || r.outcome === 'flagged-decoy');
  if (open.length > 0) out.push('', 'Not covered at the default confidence (or a decoy flagged):', ...open.map((r) => `  ${r.outcome}: ${r.section}: ${r.item}${r.rule ? ` (${r.rule} ${r.confidence ?? ''})` : ''}`));
  return `${out.join('\n')}\n`;
}

export const rulesCommand: Command = {
  command: 'rules <action> [targets..]',
  describe: 'list the rules, show one (rules show ID), check rule pack directories (rules validate DIR...), or map the fact sheet to the rules (rules coverage)',
  builder: (y) =>
    ruleOptions(
      y
        .positional('action', { choices: ['list', 'show', 'validate', 'coverage'], describe: 'list | show ID | validate DIR... | coverage' })
        .positional('targets', { type: 'string', array: true, describe: 'the rule id for show, the directories for validate' })
        .option('format', { alias: 'f', choices: ['table', 'json'], default: 'table', describe: 'output format' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing on standard error' }),
    ),
  async handler(args, io) {
    const action = String(args['action']);
    const targets = strings(args['targets']) ?? [];
    const json = args['format'] === 'json';
    if (action === 'validate') {
      if (targets.length === 0) throw new UsageError('rules validate needs one or more rule pack directories');
      let failed = false;
      const curatedIds = new Set(loadRuleSet([{ dir: CURATED_RULES_DIR, name: 'curated', requireManifest: true }]).rules.map((r) => r.id));
      const results: { dir: string; ok: boolean; rules?: number; files?: number; error?: string; warnings: string[] }[] = [];
      for (const t of targets) {
        const dir = path.resolve(io.cwd, t);
        try {
          const set = loadRuleSet([{ dir, name: t }]);
          const clashes = dir === path.resolve(CURATED_RULES_DIR) ? [] : set.rules.filter((r) => curatedIds.has(r.id));
          const warnings = [...set.warnings, ...clashes.map((r) => `rule id ${r.id} is also a curated rule id: --rules would refuse the pack; use --rules-only or rename it`)];
          results.push({ dir: t, ok: true, rules: set.rules.length, files: set.packs[0]?.files.length ?? 0, warnings });
        } catch (e) {
          if (!(e instanceof RuleError)) throw e;
          failed = true;
          results.push({ dir: t, ok: false, error: `${e.file}${e.ruleId ? ` (rule ${e.ruleId})` : ''}: ${e.message}`, warnings: [] });
        }
      }
      if (json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else
        for (const r of results) {
          io.stdout.write(r.ok ? `ok: ${r.dir}: ${r.rules} rules in ${r.files} files\n` : `error: ${r.error}\n`);
          for (const w of r.warnings) io.stdout.write(`  warning: ${w}\n`);
        }
      return failed ? EXIT.error : EXIT.ok;
    }
    const { set } = rulesFromArgs(args, io);
    if (action === 'coverage') {
      // Exit 1 when a decoy of the fact sheet is flagged: a rule pack that does so would cost precision.
      const rows = coverage(set.rules, FACT_ITEMS, DEFAULTS.minConfidence);
      io.stdout.write(json ? `${JSON.stringify({ minConfidence: DEFAULTS.minConfidence, items: rows }, null, 2)}\n` : coverageText(rows));
      return rows.some((r) => r.outcome === 'flagged-decoy') ? EXIT.findings : EXIT.ok;
    }
    if (action === 'show') {
      const id = targets[0];
      if (!id) throw new UsageError('rules show needs a rule id (see ictscan rules list)');
      const rule = set.rules.find((r) => r.id.toLowerCase() === id.toLowerCase());
      if (!rule) throw new UsageError(`no rule with id ${id} (see ictscan rules list)`);
      io.stdout.write(json ? `${JSON.stringify(rule, null, 2)}\n` : show(rule));
      return EXIT.ok;
    }
    if (json) {
      const list = set.rules.map((r) => ({ id: r.id, title: r.title, category: r.category, severity: r.severity, status: r.status, conditions: leafCount(r.conditions), checked: r.checked, pack: r.pack }));
      io.stdout.write(`${JSON.stringify({ packs: set.packs.map((p) => ({ name: p.name, version: p.version })), rules: list }, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = [['ID', 'TITLE', 'CATEGORY', 'SEVERITY', 'STATUS', 'CONDITIONS', 'CHECKED'], ...set.rules.map((r) => [r.id, r.title.length > 60 ? `${r.title.slice(0, 59)}…` : r.title, r.category, r.severity, r.status, String(leafCount(r.conditions)), r.checked])];
    io.stdout.write(`${table(rows)}\n\n${set.rules.length} rules from ${set.packs.map((p) => `${p.name} ${p.version}`).join(', ')}\n`);
    return EXIT.ok;
  },
};
