// The version a CPE names, in its vendor's syntax: the version field and, when set, the update field.

import { safeDecode, splitCpe } from './normalize.js';

const UNSET = new Set(['', '*', '-', 'ANY', 'NA']);

/**
 * `cpe:2.3:o:juniper:junos:12.1x44:d10:*:…` -> `12.1x44-d10`; `cpe:/o:zyxel:zynos:4.03` -> `4.03`; undefined when
 * the CPE gives no version (then a rule reads the component's version).
 */
export function cpeVersion(cpe: string): string | undefined {
  const t = cpe.trim();
  let version: string | undefined;
  let update: string | undefined;
  if (/^cpe:2\.3:/i.test(t)) {
    const f = splitCpe(t);
    version = f[5];
    update = f[6];
  } else if (/^cpe:\//i.test(t)) {
    const f = t.slice(5).split(':').map(safeDecode);
    version = f[3];
    update = f[4];
  }
  if (version === undefined || UNSET.has(version)) return undefined;
  return update === undefined || UNSET.has(update) ? version : `${version}-${update}`;
}
