// Version constraints in rules: purl `vers:` ranges and semver ranges.
import type SemverModule from 'semver';
import { lazyRequire } from '../lazy-require.js';

/** Needed only when a version-bounded rule is hit or loaded, never for the clean components of a scan. */
const semverLibrary = lazyRequire<typeof SemverModule>('semver');

type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * The tokens of a version in a vendor's own syntax: runs of digits (as numbers) and runs of letters (lower case),
 * punctuation dropped. Junos `12.1X44-D10` is 12,1,x,44,d,10; ZyNOS `4.03(XL.0)` is 4,3,xl,0; `9.6R4` is 9,6,r,4.
 */
function versionTokens(v: string): (number | string)[] {
  const out: (number | string)[] = [];
  for (const m of v.toLowerCase().matchAll(/[0-9]+|[a-z]+/g)) out.push(/^[0-9]/.test(m[0]) ? Number(m[0]) : m[0]);
  return out;
}

/**
 * Compare two versions: semver when both are semver-like, else token by token in the vendor syntax above
 * (numbers numerically, a number after a word, a longer version after its prefix: 9.6R4 after 9.6).
 */
export function compareVersions(a: string, b: string): number {
  const semver = semverLibrary();
  const sa = semver.valid(a, { loose: true });
  const sb = semver.valid(b, { loose: true });
  if (sa && sb) return semver.compare(sa, sb);
  const pa = versionTokens(a);
  const pb = versionTokens(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function parseVers(range: string): { op: Comparator; v: string }[] | '*' {
  const body = range.slice(range.indexOf('/') + 1);
  if (body.trim() === '*') return '*';
  return body.split('|').map((c) => {
    const t = c.trim();
    const m = /^(!=|<=|>=|<|>|=)?\s*(.+)$/.exec(t);
    return { op: (m?.[1] as Comparator | undefined) ?? '=', v: (m?.[2] ?? t).trim() };
  });
}

function holds(op: Comparator, cmp: number): boolean {
  switch (op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    default: {
      const never: never = op;
      return never;
    }
  }
}

/** Whether a version satisfies a purl `vers:` range (per the VERS spec's ordered constraints) or a semver range. */
export function satisfies(version: string, range: string): boolean {
  if (range.startsWith('vers:')) {
    const constraints = parseVers(range);
    if (constraints === '*') return true;
    const sorted = [...constraints].sort((a, b) => compareVersions(a.v, b.v));
    for (const c of sorted) if (c.op === '=' && compareVersions(version, c.v) === 0) return true;
    for (const c of sorted) if (c.op === '!=' && compareVersions(version, c.v) === 0) return false;
    const bounds = sorted.filter((c) => c.op !== '=' && c.op !== '!=');
    if (bounds.length === 0) return sorted.some((c) => c.op === '!=') && !sorted.some((c) => c.op === '=');
    // Consecutive lower/upper bounds form intervals; an unpaired bound is open-ended.
    for (let i = 0; i < bounds.length; i++) {
      const lo = bounds[i];
      if (!lo) continue;
      const isLower = lo.op === '>' || lo.op === '>=';
      if (isLower) {
        const hi = bounds[i + 1];
        if (hi && (hi.op === '<' || hi.op === '<=')) {
          if (holds(lo.op, compareVersions(version, lo.v)) && holds(hi.op, compareVersions(version, hi.v))) return true;
          i++;
        } else if (holds(lo.op, compareVersions(version, lo.v))) return true;
      } else if (holds(lo.op, compareVersions(version, lo.v))) return true;
    }
    return false;
  }
  const semver = semverLibrary();
  const v = semver.valid(version, { loose: true }) ?? semver.coerce(version)?.version;
  if (!v) return false;
  try {
    return semver.satisfies(v, range, { loose: true, includePrerelease: true });
  } catch {
    return false;
  }
}

/** Whether a range string can be read at all (checked when rules load). */
export function isValidRange(range: string): boolean {
  if (range.startsWith('vers:')) return /^vers:[a-z0-9.+-]+\/.+/.test(range);
  return semverLibrary().validRange(range, { loose: true }) !== null;
}
