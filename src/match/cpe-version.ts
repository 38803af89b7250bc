// The version a CPE names, in its vendor's syntax: the version field and, when set, the update field.

const UNSET = new Set(['', '*', '-', 'ANY', 'NA']);

function fields23(cpe: string): string[] {
  // Fields are split on colons that are not escaped with a backslash.
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cpe.length; i++) {
    const ch = cpe[i] as string;
    if (ch === '\\' && i + 1 < cpe.length) {
      cur += cpe[i + 1];
      i++;
    } else if (ch === ':') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function decode22(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * `cpe:2.3:o:juniper:junos:12.1x44:d10:*:…` -> `12.1x44-d10`; `cpe:/o:zyxel:zynos:4.03` -> `4.03`; undefined when
 * the CPE gives no version (then a rule reads the component's version).
 */
export function cpeVersion(cpe: string): string | undefined {
  const t = cpe.trim();
  let version: string | undefined;
  let update: string | undefined;
  if (/^cpe:2\.3:/i.test(t)) {
    const f = fields23(t);
    version = f[5];
    update = f[6];
  } else if (/^cpe:\//i.test(t)) {
    const f = t.slice(5).split(':').map(decode22);
    version = f[3];
    update = f[4];
  }
  if (version === undefined || UNSET.has(version)) return undefined;
  return update === undefined || UNSET.has(update) ? version : `${version}-${update}`;
}
