// Loading rule packs: every file schema-checked, ids unique, patterns and ranges compiled before use.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type * as AjvModule from 'ajv';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { describeJsonError, FileAccessError, readRegularFile } from '../files.js';
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

/** A rule pack's folder, resolved once: the files of a pack are read only from inside it. */
interface PackDir {
  readonly dir: string;
  readonly label: string;
}

function packDir(dir: string): PackDir {
  try {
    return { dir: realpathSync(dir), label: 'the rule pack' };
  } catch {
    throw new RuleError('rule pack directory cannot be read', dir);
  }
}

/** A file of a pack as bytes: a regular file inside the pack, or a RuleError that does not quote it. */
function readPackFile(file: string, within: PackDir): Buffer {
  try {
    return readRegularFile(file, within);
  } catch (e) {
    if (e instanceof FileAccessError) throw new RuleError(e.message, file);
    throw e;
  }
}

/** Parse and check one rule file (read from inside its own folder). */
export function loadRuleFile(file: string, pack: string): LoadedRule[] {
  return parseRuleFile(file, readPackFile(file, packDir(path.dirname(file))), pack);
}

function parseRuleFile(file: string, bytes: Buffer, pack: string): LoadedRule[] {
  const text = bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RuleError(describeJsonError(e, text), file);
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

/**
 * Read and check a pack's manifest (pack.json) against the files present: a changed, missing or unlisted file is
 * an error. `contents` are the bytes that will be parsed, so what is checked is what is used.
 */
function checkManifest(dir: string, within: PackDir, contents: ReadonlyMap<string, Buffer>): Manifest | undefined {
  const file = path.join(dir, 'pack.json');
  // No manifest at all (not even a link to nothing) is allowed for custom packs; anything else named pack.json must be read.
  try {
    lstatSync(file);
  } catch {
    return undefined;
  }
  const text = readPackFile(file, within).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RuleError(`pack manifest ${describeJsonError(e, text)}`, file);
  }
  if (!manifestValidator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'pack.schema.json'), 'utf8')) as object;
    manifestValidator = newAjv().compile(schema);
  }
  if (!manifestValidator(doc)) throw new RuleError(`pack manifest ${describeErrors(doc, manifestValidator.errors ?? []).message}`, file);
  const manifest = doc as Manifest;
  const present = new Set([...contents.keys()].map((f) => path.basename(f)));
  for (const [f, bytes] of contents) {
    const name = path.basename(f);
    const expected = manifest.files[name];
    if (expected === undefined) throw new RuleError(`is not listed in the pack manifest ${file}; a rule file must be added to the manifest (node scripts/rules-manifest.mjs) before it is used`, f);
    const actual = createHash('sha256').update(bytes).digest('hex');
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
    const within = packDir(dir);
    const files = ruleFiles(dir);
    const contents = new Map(files.map((f) => [f, readPackFile(f, within)]));
    const manifest = checkManifest(dir, within, contents);
    if (!manifest) {
      if (requireManifest) throw new RuleError('has no pack manifest (pack.json); the curated rules must be checked before use', dir);
      warnings.push(`rule pack ${dir} has no manifest (pack.json): its files are used unchecked`);
    }
    const packName = manifest?.name ?? name;
    for (const file of files) {
      const loaded = parseRuleFile(file, contents.get(file) as Buffer, packName);
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
