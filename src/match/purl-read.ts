// Reading a purl for the rules: packageurl-js's reading, and the raw segments where it fails or an escape hides a separator.
import type * as PackageUrlModule from 'packageurl-js';
import { lazyRequire } from '../lazy-require.js';
import { decodeLenient } from './purl-screen.js';
import { skeleton } from './skeleton.js';

/** Parsed only for purls that pass the screen, which almost none do. */
const packageUrl = lazyRequire<typeof PackageUrlModule>('packageurl-js');

/** One reading of a purl, its parts as rule keys are: type lower case, namespace and name as skeletons. */
export interface PurlReading {
  readonly type: string;
  readonly namespace: string;
  readonly name: string;
  readonly version: string | undefined;
}

/** The readings of a purl to test (none when it cannot be read at all), and what the component's report should say about it. */
export interface PurlRead {
  readonly readings: readonly PurlReading[];
  readonly warning?: string;
}

/** The parts as packageurl-js canonicalizes them for their type (npm and PyPI case, PyPI `_`), else as written. */
function canonical(type: string, namespace: string, name: string, version: string | undefined): PurlReading {
  let ns = namespace;
  let n = name;
  try {
    const p = new (packageUrl().PackageURL)(type, namespace === '' ? undefined : namespace, name, version, undefined, undefined);
    ns = p.namespace ?? '';
    n = p.name;
  } catch {
    // a part packageurl-js refuses is compared as written
  }
  return { type: type.toLowerCase(), namespace: skeleton(ns), name: skeleton(n), version };
}

/** namespace/name cut again at the last '/': what `%40scope%2Fname` spells. */
function resplit(type: string, whole: string, version: string | undefined): PurlReading {
  const cut = whole.lastIndexOf('/');
  return canonical(type, cut < 0 ? '' : whole.slice(0, cut), whole.slice(cut + 1), version);
}

/**
 * The segments of a purl as written, each escape that decodes decoded: type, namespace, name and version,
 * the way packageurl-js cuts them (qualifiers and subpath dropped, empty segments collapsed). Undefined without
 * a `pkg:` scheme, a type and a name.
 */
function rawReading(purl: string): PurlReading | undefined {
  let s = purl.replace(/[\t\n\r]/g, '');
  let start = 0;
  while (start < s.length && s.charCodeAt(start) <= 0x20) start++;
  if (s.slice(start, start + 4).toLowerCase() !== 'pkg:') return undefined;
  s = s.slice(start + 4);
  for (const stop of ['#', '?']) {
    const at = s.indexOf(stop);
    if (at >= 0) s = s.slice(0, at);
  }
  const segments = s.split('/').filter((x) => x !== '');
  const type = segments.shift();
  if (type === undefined || segments.length === 0) return undefined;
  let path = segments.join('/');
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > 0 && path[at - 1] !== '/') {
    version = decodeLenient(path.slice(at + 1)) || undefined;
    path = path.slice(0, at);
  }
  const whole = path.split('/').map(decodeLenient).join('/').trim();
  if (whole === '' || whole.endsWith('/')) return undefined;
  return resplit(decodeLenient(type), whole, version);
}

function shown(purl: string): string {
  return JSON.stringify(purl.length > 200 ? `${purl.slice(0, 197)}...` : purl);
}

/**
 * A purl read for the rules. A purl packageurl-js reads is tested as it reads it, and, when an encoded '/' sits in
 * its name, also cut at that '/'; one it refuses (a bad escape) is tested on its raw segments; both with a warning.
 * One with no type or name cannot be read at all: no reading, and a warning.
 */
export function readPurl(purl: string): PurlRead {
  let error: string;
  try {
    const p = packageUrl().PackageURL.fromString(purl);
    const version = p.version ?? undefined;
    const first = canonical(p.type, p.namespace ?? '', p.name, version);
    if (!p.name.includes('/')) return { readings: [first] };
    const again = resplit(p.type, p.namespace ? `${p.namespace}/${p.name}` : p.name, version);
    return { readings: [first, again], warning: `purl ${shown(purl)} has an encoded "/" in its name; also tested as namespace "${again.namespace}", name "${again.name}"` };
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const raw = rawReading(purl);
  if (raw === undefined) return { readings: [], warning: `purl ${shown(purl)} cannot be read (${error}); nothing in it was tested` };
  return { readings: [raw], warning: `purl ${shown(purl)} is not a valid purl (${error}); its raw segments were tested` };
}
