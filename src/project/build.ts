// Building a project file's document: components with purls and lines, the project as root, and the graph.
import { PackageURL } from 'packageurl-js';
import type { Component, Hash, Property } from '../model/component.js';
import type { ProjectFormat, ProjectInfo, SbomDocument } from '../model/document.js';

export interface PackageSpec {
  /** purl type: npm, pypi, golang, maven, nuget, cargo, composer, gem, docker, deb, rpm, apk, generic. */
  readonly type: string;
  readonly name: string;
  readonly namespace?: string;
  readonly version?: string;
  readonly qualifiers?: Readonly<Record<string, string>>;
  readonly line?: number;
  /** required (runtime), optional, excluded (dev/test only), when the file says. */
  readonly scope?: 'required' | 'optional' | 'excluded';
  readonly hashes?: readonly Hash[];
  readonly properties?: readonly Property[];
  readonly downloadUrl?: string;
  readonly description?: string;
}

/** Types whose purls packageurl-js leaves as given when every part is plain lower-case ASCII (checked in test/project). */
const PLAIN_TYPES: ReadonlySet<string> = new Set(['npm', 'nuget', 'maven', 'cargo', 'composer', 'gem', 'golang', 'pypi', 'docker', 'generic']);
const PLAIN_PART = /^[a-z0-9][a-z0-9._-]*$/;
const PLAIN_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+_-]*$/;

/**
 * The purl packageurl-js would write, without its per-part objects, for the common case: no qualifiers, every part
 * plain (nothing to encode or normalize). Undefined when the case is not that one. A lockfile makes thousands.
 */
export function plainPurl(spec: Pick<PackageSpec, 'type' | 'name' | 'namespace' | 'version' | 'qualifiers'>): string | undefined {
  if (!PLAIN_TYPES.has(spec.type) || (spec.qualifiers && Object.keys(spec.qualifiers).length > 0)) return undefined;
  // A Maven purl needs a namespace: the library refuses one without, and so does purlOf.
  if (spec.type === 'maven' && !spec.namespace) return undefined;
  // PyPI's normalization turns `_` into `-`: such a name goes the library's way.
  if (!PLAIN_PART.test(spec.name) || (spec.type === 'pypi' && spec.name.includes('_'))) return undefined;
  let ns = '';
  if (spec.namespace) {
    const scoped = spec.type === 'npm' && spec.namespace.startsWith('@');
    const parts = (scoped ? spec.namespace.slice(1) : spec.namespace).split('/');
    if (!parts.every((p) => PLAIN_PART.test(p))) return undefined;
    ns = `${scoped ? '%40' : ''}${parts.join('/')}/`;
  }
  if (spec.version && !PLAIN_VERSION.test(spec.version)) return undefined;
  return `pkg:${spec.type}/${ns}${spec.name}${spec.version ? `@${spec.version}` : ''}`;
}

/** A purl from its parts, or undefined when the parts do not make one (an empty name). */
export function purlOf(spec: Pick<PackageSpec, 'type' | 'name' | 'namespace' | 'version' | 'qualifiers'>): string | undefined {
  if (!spec.name) return undefined;
  const plain = plainPurl(spec);
  if (plain !== undefined) return plain;
  try {
    return new PackageURL(spec.type, spec.namespace || undefined, spec.name, spec.version || undefined, spec.qualifiers && Object.keys(spec.qualifiers).length > 0 ? { ...spec.qualifiers } : undefined, undefined).toString();
  } catch {
    return undefined;
  }
}

const NONE: readonly never[] = [];

// Built by assignment, not by spreading optional parts: a lockfile makes thousands of these.
function component(ref: string, spec: PackageSpec, kind: 'component' | 'service' = 'component', endpoints: readonly string[] = NONE): Component {
  const c: { -readonly [K in keyof Component]: Component[K] } = {
    ref,
    kind,
    name: spec.name,
    cpes: NONE,
    parties: NONE,
    licenses: NONE,
    hashes: spec.hashes ?? NONE,
    externalRefs: spec.downloadUrl ? [{ type: 'distribution', url: spec.downloadUrl }] : NONE,
    properties: spec.properties ?? NONE,
    endpoints,
    related: NONE,
  };
  if (spec.namespace) c.group = spec.namespace;
  if (spec.version) c.version = spec.version;
  if (kind === 'component') {
    c.type = spec.type === 'docker' || spec.type === 'oci' ? 'container' : 'library';
    const purl = purlOf(spec);
    if (purl !== undefined) c.purl = purl;
  }
  if (spec.description !== undefined) c.description = spec.description;
  if (spec.scope) c.scope = spec.scope;
  if (spec.line !== undefined) c.line = spec.line;
  return c;
}

export const ROOT_REF = 'project-root';

/** Collects the components of one project file; `build()` makes the document. */
export class ProjectBuilder {
  private readonly components: Component[] = [];
  private readonly services: Component[] = [];
  private readonly refs = new Set<string>();
  private readonly edges = new Map<string, string[]>();
  private readonly warnings: string[] = [];
  private rootName: string;

  constructor(
    private readonly format: ProjectFormat,
    private readonly specVersion: string,
    source: string,
  ) {
    this.rootName = source.split(/[\\/]/).slice(-2, -1)[0] ?? source;
  }

  /** The project's own name, when the file states it. */
  name(name: string): void {
    if (name) this.rootName = name;
  }

  /** Add a package under a key unique in the file (a second entry with the same key gets a suffix and is kept). */
  add(key: string, spec: PackageSpec): string {
    let ref = key;
    for (let n = 2; this.refs.has(ref); n++) ref = `${key}#${n}`;
    this.refs.add(ref);
    this.components.push(component(ref, spec));
    return ref;
  }

  /** A service reference (a host or URL found in code or configuration). */
  service(key: string, name: string, endpoint: string, line: number, description: string): void {
    let ref = key;
    for (let n = 2; this.refs.has(ref); n++) ref = `${key}#${n}`;
    this.refs.add(ref);
    this.services.push(component(ref, { type: 'generic', name, line, description }, 'service', [endpoint]));
  }

  has(ref: string): boolean {
    return this.refs.has(ref);
  }

  depend(from: string, to: string): void {
    const list = this.edges.get(from);
    if (list) {
      if (!list.includes(to)) list.push(to);
    } else this.edges.set(from, [to]);
  }

  /** A direct dependency of the project. */
  direct(ref: string): void {
    this.depend(ROOT_REF, ref);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  get count(): number {
    return this.components.length;
  }

  /** `lineOf` finds lines on demand, for files where that costs a search (JSON lockfiles). */
  build(project?: ProjectInfo, lineOf?: (ref: string) => number | undefined): SbomDocument {
    const root = component(ROOT_REF, { type: 'generic', name: this.rootName });
    return {
      format: this.format,
      specVersion: this.specVersion,
      rootRef: ROOT_REF,
      root: { ...root, type: 'application' },
      components: this.components,
      services: this.services,
      edges: this.edges,
      warnings: this.warnings,
      ...(project && { project }),
      ...(lineOf && { lineOf }),
    };
  }
}
