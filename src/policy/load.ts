// Reading .ictscan.yaml: YAML parsed safely, checked against schemas/policy.schema.json, errors named by line.
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { FileAccessError, readRegularFile } from '../files.js';
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

/** What a YAML error code means, in words: the parser's own message can quote the file. */
const YAML_ERRORS: Readonly<Record<string, string>> = {
  BAD_INDENT: 'bad indentation',
  DUPLICATE_KEY: 'a key appears twice',
  MISSING_CHAR: 'a closing bracket or quote is missing',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line',
  UNEXPECTED_TOKEN: 'unexpected text',
  TAB_AS_INDENT: 'a tab used for indentation',
};

/** A value quoted back in a message only when it looks like a date someone meant to write (never arbitrary file text). */
function quoted(value: string): string {
  return /^[0-9A-Za-z:.+\-/ ]{1,40}$/.test(value) ? ` "${value}"` : '';
}

/**
 * An expiry date that exists: YYYY-MM-DD (through that day) or an RFC 3339 date-time. `2027-02-30` and
 * `31/12/2027` are not: JavaScript's Date would roll the first into March and reads the second as it likes.
 */
export function isValidExpiry(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (m[4] === undefined) return true;
  if (m[7] === undefined) return false;
  const within = (v: string | undefined, max: number) => v === undefined || Number(v) <= max;
  return within(m[4], 23) && within(m[5], 59) && within(m[6], 59) && within(m[8], 23) && within(m[9], 59);
}

function lineOf(counter: LineCounter, node: Node | null | undefined): number | undefined {
  return node?.range ? counter.linePos(node.range[0]).line : undefined;
}

/** Each suppression expires on a real date, or says it is permanent; never both, never neither. */
function checkExpiries(policy: Policy, doc: ReturnType<typeof parseDocument>, counter: LineCounter, file: string): void {
  (policy.suppressions ?? []).forEach((s, i) => {
    const at = `/suppressions/${i}`;
    if (s.expires === undefined && s.permanent !== true) {
      throw new PolicyError(`${at} has no expiry date: add "expires: YYYY-MM-DD", or "permanent: true" if it is meant never to expire (it is then listed as permanent in every report)`, file, lineOf(counter, nodeAt(doc.contents, at)));
    }
    if (s.expires !== undefined && s.permanent === true) {
      throw new PolicyError(`${at} has both an expiry date and "permanent: true"; keep one`, file, lineOf(counter, nodeAt(doc.contents, `${at}/permanent`)));
    }
    if (s.expires !== undefined && !isValidExpiry(s.expires)) {
      throw new PolicyError(`${at}/expires${quoted(s.expires)} is not a date that exists; write it as YYYY-MM-DD (e.g. 2027-06-30)`, file, lineOf(counter, nodeAt(doc.contents, `${at}/expires`)));
    }
  });
}

/** The text of a policy file, refused (without quoting it) when it is not a regular file or, with `within`, leads out of that folder. */
function readPolicyText(file: string, within?: { dir: string; label: string }): string {
  try {
    return readRegularFile(file, within).toString('utf8');
  } catch (e) {
    if (e instanceof FileAccessError) throw new PolicyError(e.message, file);
    throw e;
  }
}

export function loadPolicy(file: string, within?: { dir: string; label: string }): LoadedPolicy {
  const text = readPolicyText(file, within);
  const counter = new LineCounter();
  // No custom tags, bounded aliases: a policy file is configuration, not a program.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, strict: true, uniqueKeys: true, customTags: [] });
  const err = doc.errors[0];
  if (err) {
    const pos = counter.linePos(err.pos[0]);
    throw new PolicyError(`is not valid YAML at column ${pos.col}: ${YAML_ERRORS[err.code] ?? err.code.toLowerCase().replace(/_/g, ' ')}`, file, pos.line);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    throw new PolicyError('is not valid YAML: an alias names no anchor, or aliases expand too far', file);
  }
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'policy.schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  }
  if (!validator(value)) {
    const errors = validator.errors ?? [];
    // anyOf failures come with one error per branch; the anyOf itself says it best.
    const first = errors.find((e) => e.keyword === 'anyOf') ?? errors[0];
    const pointer = first?.instancePath ?? '';
    let node = nodeAt(doc.contents, pointer);
    let message = `${pointer || '/'} ${first?.message ?? 'is invalid'}`;
    if (first?.keyword === 'additionalProperties') {
      // The unknown key is not quoted (the file may not be a policy at all); its line is given, and the keys allowed there.
      const key = String((first.params as { additionalProperty?: string }).additionalProperty);
      const pair = isMap(node) ? node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key) : undefined;
      if (pair?.key) node = pair.key as Node;
      const allowed = Object.keys((first.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      message = `${pointer || '/'} has a key the policy schema does not know${allowed.length > 0 ? ` (allowed here: ${allowed.join(', ')})` : ''}`;
    }
    if (first?.keyword === 'anyOf') message += ' (a suppression needs rule, purl, component or cpe)';
    throw new PolicyError(message, file, lineOf(counter, node));
  }
  const policy = value as Policy;
  checkExpiries(policy, doc, counter, file);
  const suppressionsNode = nodeAt(doc.contents, '/suppressions');
  const lines = (policy.suppressions ?? []).map((_, i) => {
    const n = isSeq(suppressionsNode) ? (suppressionsNode.get(i, true) as Node | undefined) : undefined;
    return lineOf(counter, n) ?? 0;
  });
  return { file, policy, lines };
}

/** Whether anything (a file, a link, even a link to nothing) is at a path. */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The policy given with --config (read wherever it is: the pipeline named it), or .ictscan.yaml in the working
 * directory (which must not be a link leading out of it), or none. A link to nothing is an error, not "no policy":
 * a policy that adds rule packs must not vanish unseen.
 */
export function findPolicy(cwd: string, explicit: string | undefined): LoadedPolicy | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!present(file)) throw new PolicyError('no such file', file);
    return loadPolicy(file);
  }
  for (const name of POLICY_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (present(file)) return loadPolicy(file, { dir: realpathSync(cwd), label: 'the working directory' });
  }
  return undefined;
}
