// Loading rule packs: every file schema-checked, ids unique, patterns and ranges compiled before use.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { SCHEMAS_DIR } from '../paths.js';
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

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'rules.schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
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

function checkCondition(c: Condition, file: string, ruleId: string): void {
  switch (c.kind) {
    case 'name':
    case 'text': {
      const pattern = c.kind === 'name' ? c.pattern : c.pattern;
      if (pattern === undefined) return;
      try {
        new RegExp(pattern, 'iu');
      } catch (e) {
        throw new RuleError(`pattern /${pattern}/ does not compile: ${(e as Error).message}`, file, ruleId);
      }
      checkLinear(pattern, file, ruleId);
      return;
    }
    case 'purl':
      if (c.versions !== undefined && !isValidRange(c.versions)) throw new RuleError(`version range "${c.versions}" cannot be read`, file, ruleId);
      return;
    case 'all':
      for (const p of c.of) checkCondition(p, file, ruleId);
      return;
    default:
      return;
  }
}

/** An unbounded quantifier on a group that itself holds one ((a+)+, (a*b)*, (x{2,})+) backtracks exponentially. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
const BACKREFERENCE = /\\[1-9]|\\k</;

function checkLinear(pattern: string, file: string, ruleId: string): void {
  if (NESTED_QUANTIFIER.test(pattern) || BACKREFERENCE.test(pattern)) {
    throw new RuleError(`pattern /${pattern}/ may take more than linear time (nested quantifier or backreference); rewrite it`, file, ruleId);
  }
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
    manifestValidator = new Ajv({ allErrors: true, strict: false }).compile(schema);
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

/** Load rule packs (directories of rule files) into one set; duplicate ids across packs are an error. */
export function loadRuleSet(dirs: readonly PackSource[]): RuleSet {
  const rules: LoadedRule[] = [];
  const seen = new Map<string, string>();
  const packs: PackInfo[] = [];
  const warnings: string[] = [];
  for (const { dir, name, requireManifest } of dirs) {
    const files = ruleFiles(dir);
    const manifest = checkManifest(dir, files);
    if (!manifest) {
      if (requireManifest) throw new RuleError('has no pack manifest (pack.json); the curated rules must be checked before use', dir);
      warnings.push(`rule pack ${dir} has no manifest (pack.json): its files are used unchecked`);
    }
    const packName = manifest?.name ?? name;
    for (const file of files) {
      for (const r of loadRuleFile(file, packName)) {
        const prev = seen.get(r.id);
        if (prev) throw new RuleError(`rule id ${r.id} is already defined in ${prev}`, file, r.id);
        seen.set(r.id, file);
        rules.push(r);
      }
    }
    packs.push({ name: packName, version: manifest?.version ?? 'unversioned', dir, files });
  }
  return { rules, packs, warnings };
}
