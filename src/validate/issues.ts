// From ajv's error objects to schema issues: a pointer, a message that names what was expected, the value, the line.
import type { ErrorObject } from 'ajv';
import { pointerToken, pointerTokens, type Position } from './positions.js';
import type { SchemaIssue } from './types.js';

/** Values longer than this are cut, with an ellipsis. */
export const MAX_VALUE = 80;
const MAX_ALLOWED = 12;

/** JSON text of a value, cut to MAX_VALUE characters. */
export function showValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** The value a JSON pointer designates in a parsed document, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const t of pointerTokens(pointer)) {
    if (Array.isArray(v)) v = v[Number(t)];
    else if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, t)) v = (v as Record<string, unknown>)[t];
    else return undefined;
  }
  return v;
}

function list(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_ALLOWED).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return `${shown.join(', ')}${values.length > MAX_ALLOWED ? `, … (${values.length} in all)` : ''}`;
}

/**
 * Our own schemas attach a human message to a subschema with the annotation keyword `x-error`
 * (ignored by JSON Schema validators); it replaces ajv's generic wording when that subschema fails.
 */
function annotated(e: ErrorObject): string | undefined {
  const parent: unknown = e.parentSchema;
  if (typeof parent === 'object' && parent !== null && typeof (parent as Record<string, unknown>)['x-error'] === 'string') {
    return (parent as Record<string, string>)['x-error'];
  }
  return undefined;
}

function describe(e: ErrorObject): { pointer: string; message: string } {
  const own = annotated(e);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(p['additionalProperty']);
      return { pointer: `${e.instancePath}/${pointerToken(prop)}`, message: 'is not a property the schema allows here' };
    }
    case 'required':
      return { pointer: e.instancePath, message: `must have required property "${String(p['missingProperty'])}"` };
    case 'enum':
      return { pointer: e.instancePath, message: own ?? `must be one of: ${list(Array.isArray(p['allowedValues']) ? (p['allowedValues'] as unknown[]) : [])}` };
    case 'const':
      return { pointer: e.instancePath, message: own ?? `must be ${JSON.stringify(p['allowedValue'])}` };
    case 'pattern':
      return { pointer: e.instancePath, message: own ?? `must match the pattern ${String(p['pattern'])}` };
    case 'format':
      return { pointer: e.instancePath, message: own ?? `must be a valid ${String(p['format'])}` };
    case 'type':
      return { pointer: e.instancePath, message: `must be ${String(p['type']).replace(/,/g, ' or ')}` };
    default:
      return { pointer: e.instancePath, message: own ?? e.message ?? `fails the schema keyword "${e.keyword}"` };
  }
}

/**
 * Issues from ajv errors. The errors that only restate others are left out: the `if` that led to a
 * failing `then`, and the per-item failures under a `contains`.
 */
export function issuesFromAjv(errors: readonly ErrorObject[], doc: unknown, positions?: (pointers: ReadonlySet<string>) => Map<string, Position>): SchemaIssue[] {
  const kept = errors.filter((e) => e.keyword !== 'if' && !/\/contains\//.test(e.schemaPath));
  const described = kept.map((e) => ({ e, ...describe(e) }));
  const seen = new Set<string>();
  const unique = described.filter((d) => {
    const key = `${d.pointer}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const lines = positions ? positions(new Set(unique.map((d) => d.pointer))) : new Map<string, Position>();
  return unique.map((d) => {
    const at = lines.get(d.pointer);
    const value = d.e.keyword === 'required' ? undefined : showValue(valueAt(doc, d.pointer));
    return { pointer: d.pointer, ...(at && { line: at.line, column: at.column }), message: d.message, ...(value !== undefined && { value }) };
  });
}
