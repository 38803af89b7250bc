// Path patterns in suppression scopes: `*` within a path segment, `**` across segments, `?` one character.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? '';
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const out = new RegExp(`^${re}$`);
  cache.set(glob, out);
  return out;
}

/** Whether a document path matches a pattern, compared with forward slashes, as written or by its tail. */
export function pathMatches(pattern: string, source: string): boolean {
  const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const s = source.replace(/\\/g, '/').replace(/^\.\//, '');
  const re = globToRegExp(p);
  return re.test(s) || (!p.startsWith('/') && globToRegExp(`**/${p}`).test(s));
}
