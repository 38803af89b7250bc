// `ictscan explain SBOM --component X`: every rule condition tried on one component, and why it matched or not.
import type { Component } from '../../model/component.js';
import { explainComponent, type RuleTrace } from '../../match/explain.js';
import { loadDocument } from '../../sbom/load.js';
import { readBytes } from '../../sbom/read.js';
import { InputError } from '../../sbom/errors.js';
import { DEFAULTS } from '../../scan.js';
import { plain } from '../../report/sanitize.js';
import { UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { ruleOptions, rulesFromArgs } from '../rule-options.js';

function label(c: Component): string {
  return `${c.group ? `${c.group}/` : ''}${c.name}${c.version ? `@${c.version}` : ''}`;
}

function render(c: Component, traces: readonly RuleTrace[], onlyMatched: boolean): string {
  const out = [`${plain(label(c))} (ref ${plain(c.ref)}${c.purl ? `, purl ${plain(c.purl)}` : ''})`, ''];
  const matched = traces.filter((t) => t.matched);
  out.push(matched.length === 0 ? 'No rule matches.' : `Matches ${matched.map((t) => `${t.ruleId} (${t.confidence})`).join(', ')}.`, '');
  for (const t of traces) {
    if (onlyMatched && !t.matched && !t.conditions.some((c) => c.matched)) continue;
    out.push(`${t.matched ? '✓' : '✗'} ${t.ruleId} ${t.title}${t.matched ? ` — matched, confidence ${t.confidence}` : ''}`);
    for (const c of t.conditions) {
      const depth = (c.path.match(/\.of\[/g) ?? []).length;
      const pad = '    '.repeat(depth + 1);
      if (c.matched) {
        const ev = c.evidence.map((e) => `${e.field} "${plain(e.value)}" matched ${e.matched}`).join('; ');
        out.push(`${pad}✓ ${c.path} ${c.kind}${ev ? `: ${ev}` : ''}`);
      } else out.push(`${pad}✗ ${c.path} ${c.kind}: ${plain(c.reason ?? '')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const explainCommand: Command = {
  command: 'explain <sbom>',
  describe: 'show every rule condition tried on one component of an SBOM, and why it matched or did not',
  builder: (y) =>
    ruleOptions(
      y
        .positional('sbom', { type: 'string', describe: 'the SBOM file (- for standard input)', demandOption: true })
        .option('component', { alias: 'c', type: 'string', demandOption: true, describe: 'the component: its ref, purl, name, or name@version' })
        .option('only-matched', { type: 'boolean', default: false, describe: 'leave out rules none of whose conditions matched' })
        .option('format', { alias: 'f', choices: ['table', 'json'], default: 'table', describe: 'output format' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing on standard error' }),
    ),
  async handler(args, io) {
    const source = String(args['sbom']);
    const wanted = String(args['component']);
    const prepared = rulesFromArgs(args, io);
    let bytes: Buffer;
    try {
      bytes = await readBytes(source, DEFAULTS.maxSize, io.stdin);
    } catch (e) {
      if (e instanceof InputError) {
        io.stderr.write(`ictscan: error: ${source}: ${e.message}\n`);
        return EXIT.error;
      }
      throw e;
    }
    const outcome = loadDocument(source, bytes, { maxSize: DEFAULTS.maxSize, skipNonSbom: false });
    if (outcome.kind !== 'document') {
      io.stderr.write(`ictscan: error: ${source}: ${outcome.kind === 'error' ? outcome.error.message : outcome.reason}\n`);
      return EXIT.error;
    }
    const doc = outcome.document;
    const all = [...doc.components, ...doc.services, ...(doc.root ? [doc.root] : [])];
    const lower = wanted.toLowerCase();
    const found = all.filter((c) => c.ref === wanted || c.purl === wanted || c.name.toLowerCase() === lower || label(c).toLowerCase() === lower || `${c.name}@${c.version ?? ''}`.toLowerCase() === lower);
    if (found.length === 0) throw new UsageError(`no component "${wanted}" in ${source}; give its ref, purl, name or name@version`);
    const traces = found.map((c) => ({ component: c, rules: explainComponent(prepared.set.rules, c) }));
    if (args['format'] === 'json') {
      io.stdout.write(`${JSON.stringify(traces.map((t) => ({ component: { ref: t.component.ref, name: t.component.name, version: t.component.version ?? null, purl: t.component.purl ?? null }, rules: t.rules })), null, 2)}\n`);
    } else io.stdout.write(traces.map((t) => render(t.component, t.rules, args['only-matched'] === true)).join('\n'));
    return EXIT.ok;
  },
};
