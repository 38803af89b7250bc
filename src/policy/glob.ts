// Path patterns in suppression scopes: picomatch's glob syntax and meaning, run by RE2 in time linear in the path.
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

/**
 * The lookaheads picomatch writes only to keep `*` and `**` off empty, `.` and `..` segments. RE2 has no lookaround,
 * so these are dropped (a scanned path has no such segment); any other lookaround would carry meaning, and such a
 * pattern matches nothing rather than something wider than written.
 */
const DOT_GUARDS = new Set(['(?=.)', '(?!\\.)', '(?!\\.{1,2}(?:\\/|$))', '(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{0,1}(?:\\/|$))']);

/** picomatch's regular expression without its dot guards, or undefined when it holds a lookaround of another kind. */
function withoutDotGuards(source: string): string | undefined {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch === '(' && source[i + 1] === '?' && (source[i + 2] === '=' || source[i + 2] === '!' || source[i + 2] === '<')) {
      let depth = 0;
      let j = i;
      for (; j < source.length; j++) {
        const c = source[j];
        if (c === '\\') j++;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      const group = source.slice(i, j + 1);
      if (!DOT_GUARDS.has(group)) return undefined;
      i = j;
      continue;
    }
    out += ch;
  }
  return out;
}

const NEVER = (_path: string): boolean => false;
const cache = new Map<string, (path: string) => boolean>();

/** A matcher for one pattern (forward slashes), compiled once. Negations and extglobs are not glob syntax here. */
export function scopeMatcher(glob: string): (path: string) => boolean {
  const hit = cache.get(glob);
  if (hit) return hit;
  let matcher: (path: string) => boolean = NEVER;
  try {
    const source = withoutDotGuards(picomatch.makeRe(glob, { dot: true, noextglob: true, nonegate: true }).source);
    if (source !== undefined) {
      const re = RE2JS.compile(source);
      matcher = (path) => re.matches(path);
    }
  } catch {
    // A pattern picomatch or RE2 cannot compile scopes nothing: the suppression stays unapplied, never widened.
  }
  cache.set(glob, matcher);
  return matcher;
}

/** Whether a document path matches a pattern, compared with forward slashes, as written or by its tail. */
export function pathMatches(pattern: string, source: string): boolean {
  const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const s = source.replace(/\\/g, '/').replace(/^\.\//, '');
  return scopeMatcher(p)(s) || (!p.startsWith('/') && scopeMatcher(`**/${p}`)(s));
}
