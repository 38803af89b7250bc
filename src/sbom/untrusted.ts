// Narrowing helpers for untrusted parsed input: never trust a field's type.

export type Obj = Readonly<Record<string, unknown>>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

/** A lookup-table entry for a key taken from the input: own properties only, so `constructor` or `__proto__` find nothing. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Shared by every absent list: a 100,000-component SBOM asks for each component's nested list. */
const EMPTY: readonly unknown[] = Object.freeze([]);

/** An array, a single value wrapped in one (JSON-LD and XML give either), or empty. */
export function arr(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? EMPTY : [v];
}

/** A trimmed non-empty string; numbers are turned into text (XML and YAML readers may yield them). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function strs(v: unknown): string[] {
  const out: string[] = [];
  for (const x of arr(v)) {
    const s = str(x);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** SPDX's "no information" markers. */
export function isNoAssertion(s: string | undefined): boolean {
  return s === undefined || s === 'NOASSERTION' || s === 'NONE';
}

/** A string that is neither empty nor an SPDX no-information marker. */
export function spdxStr(v: unknown): string | undefined {
  const s = str(v);
  return isNoAssertion(s) ? undefined : s;
}
