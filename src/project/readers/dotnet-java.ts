// XML manifests (Maven pom.xml, MSBuild PackageReference, NuGet packages.config) and NuGet packages.lock.json.
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { jsonEntryOffset, jsonErrorLine, LineIndex } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';
import { InputError } from '../../sbom/errors.js';
import { kid, kids, kidText, parseXml, type XmlElement } from '../../sbom/xml.js';
import { isObject } from './toml.js';

function xml(text: string, what: string): XmlElement {
  try {
    return parseXml(text);
  } catch (e) {
    if (e instanceof InputError) throw malformedAt(e.position?.line, `not valid XML (${what}): ${e.message}`);
    throw e;
  }
}

const MAVEN = 'http://maven.apache.org/POM/4.0.0';

function readPom(source: string, text: string): SbomDocument {
  const root = xml(text, 'pom.xml');
  const ns = root.ns;
  if (root.local !== 'project') throw malformedAt(1, `a POM's root element is <project>, not <${root.local}>`);
  const lines = new LineIndex(text);
  const props = new Map<string, string>();
  for (const p of kid(root, ns, 'properties')?.children ?? []) props.set(p.local, p.text);
  const parent = kid(root, ns, 'parent');
  const own = kidText(root, ns, 'version') ?? kidText(parent, ns, 'version');
  if (own) props.set('project.version', own).set('pom.version', own);
  const group = kidText(root, ns, 'groupId') ?? kidText(parent, ns, 'groupId');
  if (group) props.set('project.groupId', group);
  const expand = (v: string | undefined) => v?.replace(/\$\{([^}]+)\}/g, (m, k: string) => props.get(k) ?? m);
  const b = new ProjectBuilder('maven-pom', ns === MAVEN ? '4.0.0' : ns || 'none', source);
  const artifact = kidText(root, ns, 'artifactId');
  if (artifact) b.name(group ? `${group}:${artifact}` : artifact);
  for (const d of kids(kid(root, ns, 'dependencies') ?? root, ns, 'dependency')) {
    if (!kid(root, ns, 'dependencies')) break;
    const g = expand(kidText(d, ns, 'groupId')) ?? '';
    const a = expand(kidText(d, ns, 'artifactId'));
    if (!a) throw malformedAt(d.offset !== undefined ? lines.lineAt(d.offset) : undefined, 'a <dependency> without an <artifactId>');
    const v = expand(kidText(d, ns, 'version'));
    const scope = kidText(d, ns, 'scope');
    const resolved = v !== undefined && !v.includes('${') ? v : undefined;
    const ref = b.add(`${g}:${a}`, {
      type: 'maven',
      ...(g && { namespace: g }),
      name: a,
      ...(resolved && { version: resolved }),
      ...(d.offset !== undefined && { line: lines.lineAt(d.offset) }),
      ...((scope === 'test' || scope === 'provided') && { scope: 'excluded' as const }),
      ...(v !== undefined && !resolved && { properties: [{ name: 'maven:unresolved-version', value: v }] }),
    });
    b.direct(ref);
  }
  return b.build({ manifest: source, command: 'remove the <dependency> for NAME, then mvn dependency:tree to check' });
}

function readCsproj(source: string, text: string): SbomDocument {
  const root = xml(text, path.basename(source));
  const lines = new LineIndex(text);
  const b = new ProjectBuilder('nuget-project', 'msbuild', source);
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      if (c.local === 'PackageReference' && c.attrs['Include']) {
        const version = c.attrs['Version'] ?? kidText(c, c.ns, 'Version');
        b.direct(b.add(c.attrs['Include'], { type: 'nuget', name: c.attrs['Include'], ...(version && !/[[(*$]/.test(version) && { version }), ...(c.offset !== undefined && { line: lines.lineAt(c.offset) }) }));
      }
      walk(c);
    }
  };
  walk(root);
  return b.build({ manifest: source, command: 'dotnet remove package NAME' });
}

function readPackagesConfig(source: string, text: string): SbomDocument {
  const root = xml(text, 'packages.config');
  const lines = new LineIndex(text);
  const b = new ProjectBuilder('nuget-packages-config', '1', source);
  for (const p of root.children.filter((c) => c.local === 'package')) {
    const id = p.attrs['id'];
    if (!id) throw malformedAt(p.offset !== undefined ? lines.lineAt(p.offset) : undefined, 'a <package> without an id');
    b.direct(b.add(`${id}@${p.attrs['version'] ?? ''}`, { type: 'nuget', name: id, ...(p.attrs['version'] && { version: p.attrs['version'] }), ...(p.offset !== undefined && { line: lines.lineAt(p.offset) }), ...(p.attrs['developmentDependency'] === 'true' && { scope: 'excluded' as const }) }));
  }
  return b.build({ manifest: source, command: 'Uninstall-Package NAME (or remove its <package> line)' });
}

function readNugetLock(source: string, text: string): SbomDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformedAt(jsonErrorLine(text, e as Error), `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc) || !isObject(doc['dependencies'])) throw malformedAt(1, 'a packages.lock.json has a "dependencies" object');
  const b = new ProjectBuilder('nuget-lock', String(doc['version'] ?? 'unknown'), source);
  const refs = new Map<string, string>();
  const nameOf = new Map<string, string>();
  const graph: [string, Record<string, unknown>][] = [];
  for (const target of Object.values(doc['dependencies'])) {
    if (!isObject(target)) continue;
    for (const [name, e] of Object.entries(target)) {
      if (!isObject(e) || e['type'] === 'Project') continue;
      const version = typeof e['resolved'] === 'string' ? e['resolved'] : undefined;
      const key = `${name.toLowerCase()}@${version ?? ''}`;
      let ref = refs.get(key);
      if (ref === undefined) {
        const spec: { -readonly [K in keyof PackageSpec]: PackageSpec[K] } = { type: 'nuget', name };
        if (version) spec.version = version;
        if (typeof e['contentHash'] === 'string') spec.hashes = [{ alg: 'SHA-512', content: e['contentHash'] }];
        ref = b.add(key, spec);
        nameOf.set(ref, name);
        refs.set(key, ref);
        refs.set(name.toLowerCase(), refs.get(name.toLowerCase()) ?? ref);
      }
      if (e['type'] === 'Direct') b.direct(ref);
      if (isObject(e['dependencies'])) graph.push([ref, e['dependencies']]);
    }
  }
  for (const [from, deps] of graph) for (const n of Object.keys(deps)) {
    const to = refs.get(n.toLowerCase());
    if (to) b.depend(from, to);
  }
  // Lines are found for flagged packages only: the first `"Name": {` (a dependency is `"Name": "1.0.0"`).
  let lines: LineIndex | undefined;
  const lineOf = (ref: string) => {
    const name = nameOf.get(ref);
    const at = name === undefined ? -1 : jsonEntryOffset(text, name);
    return at === -1 ? undefined : (lines ??= new LineIndex(text)).lineAt(at);
  };
  return b.build({ manifest: path.join(path.dirname(source), '*.csproj'), command: 'dotnet remove package NAME' }, lineOf);
}

export const mavenPom: ProjectReader = { format: 'maven-pom', description: 'Maven pom.xml (direct dependencies, properties of the same file)', claims: (n) => n === 'pom.xml' || n.endsWith('.pom'), read: readPom };
export const nugetProject: ProjectReader = { format: 'nuget-project', description: 'MSBuild projects (*.csproj, *.fsproj, *.vbproj, Directory.Packages.props) PackageReference', claims: (n) => /\.(cs|fs|vb)proj$|^Directory\.(Packages|Build)\.props$/i.test(n), read: readCsproj };
export const packagesConfig: ProjectReader = { format: 'nuget-packages-config', description: 'NuGet packages.config', claims: (n) => n === 'packages.config', read: readPackagesConfig };
export const nugetLock: ProjectReader = { format: 'nuget-lock', description: 'NuGet packages.lock.json', claims: (n) => n === 'packages.lock.json', read: readNugetLock };
