// Reading .ictscan.yaml: YAML parsed safely, checked against schemas/policy.schema.json, errors named by line.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { SCHEMAS_DIR } from '../paths.js';
import type { LoadedPolicy, Policy } from './types.js';

export const POLICY_FILE_NAMES = ['.ictscan.yaml', '.ictscan.yml'] as const;

/** A policy file that cannot be used; says which file and which line. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

let validator: ValidateFunction | undefined;

/** The node at a JSON pointer of the YAML document, to name its line. */
function nodeAt(root: Node | null, pointer: string): Node | null {
  let node: Node | null = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) node = (node.get(key, true) as Node | undefined) ?? null;
    else if (isSeq(node)) node = (node.get(Number(key), true) as Node | undefined) ?? null;
    else return node;
  }
  return node;
}

export function loadPolicy(file: string): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PolicyError('cannot be read', file);
  }
  const counter = new LineCounter();
  // No custom tags, bounded aliases: a policy file is configuration, not a program.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, strict: true, uniqueKeys: true, customTags: [] });
  const err = doc.errors[0];
  if (err) throw new PolicyError(`is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, file, counter.linePos(err.pos[0]).line);
  const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'policy.schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (!validator(value)) {
    const errors = validator.errors ?? [];
    // anyOf failures come with one error per branch; the anyOf itself says it best.
    const first = errors.find((e) => e.keyword === 'anyOf') ?? errors[0];
    const pointer = first?.instancePath ?? '';
    const node = nodeAt(doc.contents, pointer);
    const line = node?.range ? counter.linePos(node.range[0]).line : undefined;
    const extra = first?.keyword === 'additionalProperties' ? ` ("${String((first.params as { additionalProperty?: string }).additionalProperty)}")` : '';
    const anyOf = first?.keyword === 'anyOf' ? ' (a suppression needs rule, purl, component or cpe)' : '';
    throw new PolicyError(`${pointer || '/'} ${first?.message ?? 'is invalid'}${extra}${anyOf}`, file, line);
  }
  const policy = value as Policy;
  const suppressionsNode = nodeAt(doc.contents, '/suppressions');
  const lines = (policy.suppressions ?? []).map((_, i) => {
    const n = isSeq(suppressionsNode) ? (suppressionsNode.get(i, true) as Node | undefined) : undefined;
    return n?.range ? counter.linePos(n.range[0]).line : 0;
  });
  return { file, policy, lines };
}

/** The policy given with --config, or .ictscan.yaml in the working directory, or none. */
export function findPolicy(cwd: string, explicit: string | undefined): LoadedPolicy | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new PolicyError('no such file', file);
    return loadPolicy(file);
  }
  for (const name of POLICY_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return loadPolicy(file);
  }
  return undefined;
}
