// Identifiers that generators tuck into properties (syft:cpe23, *:purl) instead of the proper fields.
import type { Property, RelatedIdentity } from '../model/component.js';

/** Property names (lower case, or suffixes after the last ':') that carry a purl or a CPE. */
const PURL_KEYS = new Set(['purl', 'packageurl', 'package-url', 'package_url']);
const CPE_KEYS = new Set(['cpe', 'cpe23', 'cpe22', 'cpe23type', 'cpe22type']);

function key(name: string): string {
  const i = name.lastIndexOf(':');
  return (i >= 0 ? name.slice(i + 1) : name).toLowerCase();
}

export function identityFromProperties(props: readonly Property[]): RelatedIdentity[] {
  const out: RelatedIdentity[] = [];
  props.forEach((p, i) => {
    const k = key(p.name);
    const via = `properties[${i}] ${p.name}`;
    if (PURL_KEYS.has(k) && p.value.startsWith('pkg:')) out.push({ via, purl: p.value, cpes: [], parties: [], externalRefs: [] });
    else if (CPE_KEYS.has(k) && p.value.startsWith('cpe:')) out.push({ via, cpes: [p.value], parties: [], externalRefs: [] });
  });
  return out;
}
