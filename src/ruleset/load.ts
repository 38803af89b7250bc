// Loading rule packs: every file schema-checked, ids unique, patterns and ranges compiled before use.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as AjvModule from 'ajv';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { lazyRequire } from '../lazy-require.js';
import { SCHEMAS_DIR } from '../paths.js';
import { patternRegex } from '../match/compile.js';
import { isValidRange } from '../match/version.js';
import type { Condition, LoadedRule, PackInfo, Rule, RuleFile, RuleSet } from './types.js';

/** A rule file or pack that cannot be used; names the file and, where it can, the rule. */
export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(
    message: string,
    readonly file: string,
    readonly ruleId?: string,
  ) {
    super(message);
  }
}

let validator: ValidateFunction | undefined;

/** A pool worker is handed rules its parent already checked: it never validates, so it never loads Ajv. */
const ajv = lazyRequire<typeof AjvModule>('ajv');

function newAjv(): AjvClass {
  return new (ajv().Ajv)({ allErrors: true, strict: false });
}

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'rules.schema.json'), 'utf8')) as object;
    validator = newAjv().compile(schema);
  }
  return validator;
}

function describeErrors(doc: unknown, errors: readonly ErrorObject[]): { message: string; ruleId?: string } {
  const first = errors.find((e) => e.keyword !== 'if') ?? errors[0];
  if (!first) return { message: 'does not match the rule schema' };
  const m = /^\/rules\/(\d+)/.exec(first.instancePath);
  let ruleId: string | undefined;
  if (m?.[1] !== undefined && typeof doc === 'object' && doc !== null) {
    const rule = (doc as { rules?: { id?: unknown }[] }).rules?.[Number(m[1])];
    if (typeof rule?.id === 'string') ruleId = rule.id;
  }
  const extra = first.keyword === 'additionalProperties' ? ` ("${String((first.params as { additionalProperty?: string }).additionalProperty)}")` : '';
  const allowed = first.keyword === 'enum' ? ` (one of ${((first.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})` : '';
  return { message: `${first.instancePath || '/'} ${first.message ?? 'is invalid'}${extra}${allowed}`, ...(ruleId !== undefined && { ruleId }) };
}

/** RE2 instructions in one pattern: RE2's own repeat limit (1000) gives about that; more makes every name slow to test. */
export const MAX_PATTERN_PROGRAM = 1000;
/** RE2 instructions over every pattern of a rule set (the curated rules use about 3,000). */
export const MAX_TOTAL_PROGRAM = 100_000;

function shown(pattern: string): string {
  return pattern.length > 200 ? `${pattern.slice(0, 199)}…` : pattern;
}

/** The length of a quantifier at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`) and whether it repeats without bound or more than once. */
function quantifierAt(p: string, i: number): { length: number; unbounded: boolean; repeats: boolean } | undefined {
  const ch = p[i];
  if (ch === '*' || ch === '+') return { length: 1, unbounded: true, repeats: true };
  if (ch === '?') return { length: 1, unbounded: false, repeats: false };
  if (ch !== '{') return undefined;
  let j = i + 1;
  while (j < p.length && p.charCodeAt(j) >= 48 && p.charCodeAt(j) <= 57) j++;
  if (j === i + 1) return undefined;
  if (p[j] === '}') return { length: j + 1 - i, unbounded: false, repeats: Number(p.slice(i + 1, j)) > 1 };
  if (p[j] !== ',') return undefined;
  const k = ++j;
  while (j < p.length && p.charCodeAt(j) >= 48 && p.charCodeAt(j) <= 57) j++;
  if (p[j] !== '}') return undefined;
  return { length: j + 1 - i, unbounded: j === k, repeats: j === k || Number(p.slice(k, j)) > 1 };
}

/**
 * What in a pattern can take more than linear time in a backtracking engine, or undefined. Backreferences and
 * lookaround do not exist in RE2; a repeated group holding an unbounded quantifier ((a+)+, (a*b)*, ((x+)y){2,})
 * runs in linear time on RE2 but is exponential anywhere else that reads the rule files, and is always a
 * mistake. One pass over the pattern, so that checking a hostile pattern cannot itself hang.
 */
export function superLinearConstruct(p: string): string | undefined {
  const groups: boolean[] = [];
  let inClass = false;
  let closed: boolean | undefined;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      const next = p[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && p[i + 2] === '<'))) return 'a backreference';
      i++;
      closed = undefined;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      closed = undefined;
      continue;
    }
    if (ch === '(') {
      if (p[i + 1] === '?' && (p[i + 2] === '=' || p[i + 2] === '!' || (p[i + 2] === '<' && (p[i + 3] === '=' || p[i + 3] === '!')))) return 'a lookahead or lookbehind';
      groups.push(false);
      closed = undefined;
      continue;
    }
    if (ch === ')') {
      closed = groups.pop() ?? false;
      // The enclosing group holds whatever this one holds.
      if (closed && groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    const q = quantifierAt(p, i);
    if (!q) {
      closed = undefined;
      continue;
    }
    if (closed && q.repeats) return 'a repeated group that holds an unbounded quantifier';
    if (q.unbounded && groups.length > 0) groups[groups.length - 1] = true;
    // A lazy or possessive-looking suffix (`+?`) is part of the same quantifier.
    i += q.length - 1 + (p[i + q.length] === '?' ? 1 : 0);
    closed = undefined;
  }
  return undefined;
}

/** Check one pattern: JavaScript syntax, nothing super-linear, accepted by RE2 and not too large. */
function checkPattern(pattern: string, file: string, ruleId: string): void {
  try {
    // The pattern's meaning is JavaScript's (with the u flag, which refuses ambiguous escapes); RE2 runs it.
    new RegExp(pattern, 'iu');
  } catch (e) {
    throw new RuleError(`pattern /${shown(pattern)}/ does not compile: ${(e as Error).message}`, file, ruleId);
  }
  const unsafe = superLinearConstruct(pattern);
  if (unsafe) throw new RuleError(`pattern /${shown(pattern)}/ may take more than linear time (${unsafe}); rewrite it`, file, ruleId);
  let size: number;
  try {
    size = patternRegex(pattern).programSize();
  } catch (e) {
    throw new RuleError(`pattern /${shown(pattern)}/ cannot run on RE2, the linear-time engine rule patterns use: ${(e as Error).message}`, file, ruleId);
  }
  if (size > MAX_PATTERN_PROGRAM) throw new RuleError(`pattern /${shown(pattern)}/ is too large (${size} RE2 instructions, at most ${MAX_PATTERN_PROGRAM}); split it or simplify it`, file, ruleId);
}

function checkCondition(c: Condition, file: string, ruleId: string, inAll = false): void {
  switch (c.kind) {
    case 'name':
    case 'text':
    case 'license':
      if (c.pattern !== undefined) checkPattern(c.pattern, file, ruleId);
      if (c.kind === 'name' && c.versions !== undefined && !isValidRange(c.versions)) throw new RuleError(`version range "${c.versions}" cannot be read`, file, ruleId);
      return;
    case 'purl':
    case 'cpe':
      if (c.versions !== undefined && !isValidRange(c.versions)) throw new RuleError(`version range "${c.versions}" cannot be read`, file, ruleId);
      return;
    case 'rule':
      // Alone it would only repeat the rule it names; it is the second signal of an `all` condition.
      if (!inAll) throw new RuleError(`a "rule" condition (${c.ids.join(', ')}) must be a part of an "all" condition`, file, ruleId);
      if (c.ids.includes(ruleId)) throw new RuleError('a "rule" condition cannot name its own rule', file, ruleId);
      return;
    case 'all':
      for (const p of c.of) checkCondition(p, file, ruleId, true);
      return;
    default:
      return;
  }
}

/** The RE2 instructions of a checked condition's patterns. */
function programOf(c: Condition): number {
  if (c.kind === 'all') return c.of.reduce((n, p) => n + programOf(p), 0);
  return (c.kind === 'name' || c.kind === 'text' || c.kind === 'license') && c.pattern !== undefined ? patternRegex(c.pattern).programSize() : 0;
}

/** Parse and check one rule file. */
export function loadRuleFile(file: string, pack: string): LoadedRule[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RuleError(`cannot be read as JSON: ${(e as Error).message}`, file);
  }
  const validate = schemaValidator();
  if (!validate(doc)) {
    const { message, ruleId } = describeErrors(doc, validate.errors ?? []);
    throw new RuleError(message, file, ruleId);
  }
  const rules = (doc as RuleFile).rules;
  for (const r of rules) {
    for (const c of r.conditions) checkCondition(c, file, r.id);
    if (Number.isNaN(Date.parse(r.checked))) throw new RuleError(`checked date "${r.checked}" is not a date`, file, r.id);
  }
  return rules.map((r: Rule) => ({ ...r, file, pack }));
}

function ruleFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new RuleError('rule pack directory cannot be read', dir);
  }
  return entries.filter((f) => f.endsWith('.json') && f !== 'pack.json').sort().map((f) => path.join(dir, f));
}

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly files: Readonly<Record<string, string>>;
}

let manifestValidator: ValidateFunction | undefined;

/** Read and check a pack's manifest (pack.json) against the files present: a changed, missing or unlisted file is an error. */
function checkManifest(dir: string, files: readonly string[]): Manifest | undefined {
  const file = path.join(dir, 'pack.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RuleError(`pack manifest cannot be read as JSON: ${(e as Error).message}`, file);
  }
  if (!manifestValidator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'pack.schema.json'), 'utf8')) as object;
    manifestValidator = newAjv().compile(schema);
  }
  if (!manifestValidator(doc)) throw new RuleError(`pack manifest ${describeErrors(doc, manifestValidator.errors ?? []).message}`, file);
  const manifest = doc as Manifest;
  const present = new Set(files.map((f) => path.basename(f)));
  for (const f of files) {
    const name = path.basename(f);
    const expected = manifest.files[name];
    if (expected === undefined) throw new RuleError(`is not listed in the pack manifest ${file}; a rule file must be added to the manifest (node scripts/rules-manifest.mjs) before it is used`, f);
    const actual = createHash('sha256').update(readFileSync(f)).digest('hex');
    if (actual !== expected) {
      throw new RuleError(`has changed since the pack manifest was written (sha256 ${actual}, manifest says ${expected}); restore the file, or re-sign the pack with node scripts/rules-manifest.mjs after review`, f);
    }
  }
  for (const name of Object.keys(manifest.files)) {
    if (!present.has(name)) throw new RuleError(`the pack manifest lists ${name}, which is missing`, file);
  }
  return manifest;
}

export interface PackSource {
  readonly dir: string;
  /** Display name when the pack has no manifest. */
  readonly name: string;
  /** The curated pack must carry a manifest; custom packs may go without (with a warning). */
  readonly requireManifest?: boolean;
}

function refsOf(c: Condition): string[] {
  if (c.kind === 'rule') return [...c.ids];
  return c.kind === 'all' ? c.of.flatMap(refsOf) : [];
}

/** A `rule` condition names rules of the set, which have no `rule` condition themselves (matches are resolved in one step). */
export function checkRuleRefs(rules: readonly LoadedRule[]): void {
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const r of rules) {
    for (const id of r.conditions.flatMap(refsOf)) {
      const target = byId.get(id);
      if (!target) throw new RuleError(`a "rule" condition names ${id}, which is not a loaded rule`, r.file, r.id);
      if (target.conditions.some((c) => refsOf(c).length > 0)) throw new RuleError(`a "rule" condition names ${id}, which itself has a "rule" condition; name the rules it refers to instead`, r.file, r.id);
    }
  }
}

/** Load rule packs (directories of rule files) into one set; duplicate ids across packs are an error. */
export function loadRuleSet(dirs: readonly PackSource[]): RuleSet {
  const rules: LoadedRule[] = [];
  const seen = new Map<string, string>();
  const packs: PackInfo[] = [];
  const warnings: string[] = [];
  let program = 0;
  for (const { dir, name, requireManifest } of dirs) {
    const files = ruleFiles(dir);
    const manifest = checkManifest(dir, files);
    if (!manifest) {
      if (requireManifest) throw new RuleError('has no pack manifest (pack.json); the curated rules must be checked before use', dir);
      warnings.push(`rule pack ${dir} has no manifest (pack.json): its files are used unchecked`);
    }
    const packName = manifest?.name ?? name;
    for (const file of files) {
      const loaded = loadRuleFile(file, packName);
      // Every name and description is tested against all patterns at once: their total size is the cost per test.
      program += loaded.reduce((n, r) => n + r.conditions.reduce((m, c) => m + programOf(c), 0), 0);
      if (program > MAX_TOTAL_PROGRAM) throw new RuleError(`the rule patterns loaded so far add up to ${program} RE2 instructions, more than the ${MAX_TOTAL_PROGRAM} allowed; use exact names where you can`, file);
      for (const r of loaded) {
        const prev = seen.get(r.id);
        if (prev) throw new RuleError(`rule id ${r.id} is already defined in ${prev}`, file, r.id);
        seen.set(r.id, file);
        rules.push(r);
      }
    }
    packs.push({ name: packName, version: manifest?.version ?? 'unversioned', dir, files });
  }
  checkRuleRefs(rules);
  return { rules, packs, warnings };
}
