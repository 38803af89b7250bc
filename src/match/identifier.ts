// Package identifiers as their ecosystems read them: purl type aliases, and the leading segments that name an owner.

/** A purl's identity after parsing: type, namespace and name as written (not folded). */
export interface PurlIdentity {
  readonly type: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * purl types generators write for the same ecosystem. `oci` names an image by digest and carries the repository
 * in its `repository_url` qualifier; it is read as the `docker` repository that qualifier names.
 */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  oci: 'docker',
  container: 'docker',
  go: 'golang',
  pip: 'pypi',
  python: 'pypi',
  githubactions: 'github',
};

/** The canonical purl type for a type or one of its aliases (lower case). */
export function canonicalType(type: string): string {
  const t = type.toLowerCase();
  return TYPE_ALIASES[t] ?? t;
}

/** Every type a rule written for `type` should also see: the type and its aliases. */
export function aliasesOf(type: string): string[] {
  const t = canonicalType(type);
  return [t, ...Object.keys(TYPE_ALIASES).filter((a) => TYPE_ALIASES[a] === t)];
}

/** A first path segment that is a registry host (`docker.io`, `registry:5000`, `localhost`), not an owner. */
function isRegistryHost(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost';
}

/** A container repository path without scheme and registry host: `https://docker.io/kaspersky/x` -> `kaspersky/x`. */
function repositoryPath(path: string): string[] {
  const parts = path.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/').filter((p) => p !== '');
  if (parts.length > 1 && isRegistryHost(parts[0] ?? '')) parts.shift();
  return parts;
}

/**
 * The identities of a parsed purl as rules index them: itself under its canonical type, and for a container image
 * the repository it names (an `oci` purl's `repository_url`, a `docker` namespace that starts with a registry host).
 */
export function purlIdentities(type: string, namespace: string, name: string, qualifiers: Readonly<Record<string, string>> | undefined): PurlIdentity[] {
  const canonical = canonicalType(type);
  const out: PurlIdentity[] = [{ type: canonical, namespace, name }];
  if (canonical !== 'docker') return out;
  const repo = qualifiers?.['repository_url'];
  const path = repo !== undefined && repo !== '' ? repositoryPath(repo) : repositoryPath(namespace === '' ? name : `${namespace}/${name}`);
  if (path.length === 0) return out;
  // A repository_url names the repository with the image name at its end (the spec's form), or only the place
  // it lives in; when its last segment is not the name, both readings are tried.
  const readings = path[path.length - 1]?.toLowerCase() === name.toLowerCase() ? [path] : [path, [...path, name]];
  for (const r of readings) {
    const ns = r.slice(0, -1).join('/');
    const n = r[r.length - 1] ?? name;
    if (!out.some((o) => o.namespace.toLowerCase() === ns.toLowerCase() && o.name.toLowerCase() === n.toLowerCase())) out.push({ type: 'docker', namespace: ns, name: n });
  }
  return out;
}

/** The segments of an identifier string in a type's syntax, lower case. */
export function segmentsOf(type: string, text: string): string[] {
  const t = text.toLowerCase();
  switch (canonicalType(type)) {
    case 'maven':
      return t.split(/[./:]/).filter((s) => s !== '');
    case 'nuget':
      return t.split('.').filter((s) => s !== '');
    case 'pypi':
      // PEP 503: runs of `-`, `_` and `.` are one separator.
      return t.split(/[-_.]+/).filter((s) => s !== '');
    case 'docker':
      return repositoryPath(t);
    default:
      return t.split('/').filter((s) => s !== '');
  }
}

/** The leading-segment path of a purl identity: namespace segments, then the name's, in the type's syntax. */
export function identitySegments(id: PurlIdentity): string[] {
  const ns = id.namespace === '' ? [] : segmentsOf(id.type, id.namespace);
  if (id.type === 'docker') return repositoryPath(`${id.namespace}/${id.name}`.toLowerCase());
  return [...ns, ...segmentsOf(id.type, id.name)];
}

/** Whether `segments` begins with every segment of `leading`. */
export function startsWithSegments(segments: readonly string[], leading: readonly string[]): boolean {
  if (leading.length === 0 || leading.length > segments.length) return false;
  for (let i = 0; i < leading.length; i++) if (segments[i] !== leading[i]) return false;
  return true;
}
