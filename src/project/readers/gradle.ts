// Gradle version catalogs (gradle/libs.versions.toml) and the literal dependency declarations of build.gradle and
// build.gradle.kts, as Android projects write them. No build is run: what a script computes is not read.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { splitLines } from '../lines.js';
import type { ProjectReader } from '../reader.js';
import { isObject, parseToml, type Json } from './toml.js';

/** A catalog entry resolved to Maven coordinates. */
interface Coordinates {
  readonly group: string;
  readonly name: string;
  readonly version?: string;
}

/** `group:name[:version[:classifier]][@ext]` as Gradle writes a dependency notation. */
export function notation(text: string): Coordinates | undefined {
  const m = /^([\w.-]+):([\w.-]+)(?::([^:@\s]+))?(?::[^:@\s]+)?(?:@\w+)?$/.exec(text.trim());
  if (!m) return undefined;
  return { group: m[1] as string, name: m[2] as string, ...(m[3] && { version: m[3] }) };
}

/** A catalog version: a string, `{ ref = "x" }` (from `version.ref`), or rich `{ strictly / require / prefer }`. */
function versionOf(v: unknown, versions: Json): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (!isObject(v)) return undefined;
  if (typeof v['ref'] === 'string') return versionOf(versions[v['ref']], versions);
  for (const k of ['strictly', 'require', 'prefer']) if (typeof v[k] === 'string') return v[k] as string;
  return undefined;
}

/** Gradle's accessor for an alias: `-`, `_` and `.` all become `.`, case kept (libs.androidx.core.ktx). */
export const accessor = (alias: string) => alias.replace(/[-_]/g, '.');

export interface Catalog {
  readonly libraries: ReadonlyMap<string, Coordinates & { alias: string }>;
  readonly plugins: ReadonlyMap<string, Coordinates & { alias: string }>;
  readonly bundles: ReadonlyMap<string, readonly string[]>;
}

export function parseCatalog(text: string): Catalog {
  const doc = parseToml(text, 'Gradle version catalog');
  const versions = isObject(doc['versions']) ? doc['versions'] : {};
  const libraries = new Map<string, Coordinates & { alias: string }>();
  const plugins = new Map<string, Coordinates & { alias: string }>();
  const bundles = new Map<string, string[]>();
  for (const [alias, v] of Object.entries(isObject(doc['libraries']) ? doc['libraries'] : {})) {
    let c: Coordinates | undefined;
    if (typeof v === 'string') c = notation(v);
    else if (isObject(v)) {
      const module = typeof v['module'] === 'string' ? notation(v['module']) : undefined;
      const group = module?.group ?? (typeof v['group'] === 'string' ? v['group'] : undefined);
      const name = module?.name ?? (typeof v['name'] === 'string' ? v['name'] : undefined);
      const version = versionOf(v['version'], versions);
      if (group && name) c = { group, name, ...(version && { version }) };
    }
    if (c) libraries.set(accessor(alias), { ...c, alias });
  }
  for (const [alias, v] of Object.entries(isObject(doc['plugins']) ? doc['plugins'] : {})) {
    // A plugin is resolved through its marker artifact: id:id.gradle.plugin.
    const [id, inline] = typeof v === 'string' ? (v.split(':') as [string, string?]) : isObject(v) && typeof v['id'] === 'string' ? [v['id'], versionOf(v['version'], versions)] : [undefined, undefined];
    if (id) plugins.set(accessor(alias), { group: id, name: `${id}.gradle.plugin`, ...(inline && { version: inline }), alias });
  }
  for (const [alias, v] of Object.entries(isObject(doc['bundles']) ? doc['bundles'] : {})) {
    if (Array.isArray(v)) bundles.set(accessor(alias), v.filter((x): x is string => typeof x === 'string').map(accessor));
  }
  return { libraries, plugins, bundles };
}

const maven = (c: Coordinates, line: number | undefined, description: string): PackageSpec => ({
  type: 'maven',
  namespace: c.group,
  name: c.name,
  ...(c.version && { version: c.version }),
  ...(line !== undefined && { line }),
  description,
});

/** The line of each alias key under a [table] of the catalog. */
function aliasLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let table = '';
  splitLines(text).forEach((l, i) => {
    const t = /^\s*\[\s*([\w.-]+)\s*\]/.exec(l);
    if (t) table = t[1] as string;
    else {
      const k = /^\s*"?([\w.-]+)"?\s*=/.exec(l);
      if (k && !out.has(`${table}:${k[1] as string}`)) out.set(`${table}:${k[1] as string}`, i + 1);
    }
  });
  return out;
}

function readCatalog(source: string, text: string): SbomDocument {
  const catalog = parseCatalog(text);
  const lines = aliasLines(text);
  const b = new ProjectBuilder('gradle-catalog', '1', source);
  for (const c of catalog.libraries.values()) b.direct(b.add(`lib:${c.alias}`, maven(c, lines.get(`libraries:${c.alias}`), `library ${c.alias} of the version catalog`)));
  for (const c of catalog.plugins.values()) b.direct(b.add(`plugin:${c.alias}`, { ...maven(c, lines.get(`plugins:${c.alias}`), `plugin ${c.alias} of the version catalog`), scope: 'excluded' }));
  return b.build({ manifest: source, command: 'remove the entry of NAME and its uses in the build scripts' });
}

/** Configurations that put a dependency on a classpath (and Android's variants of them: debugImplementation, ...). */
const CONFIGURATION = String.raw`(?:[a-z][A-Za-z0-9]*(?:Implementation|Api|CompileOnly|RuntimeOnly|AnnotationProcessor)|implementation|api|compileOnly|runtimeOnly|compile|runtime|testCompile|kapt|ksp|annotationProcessor|classpath|coreLibraryDesugaring|lintChecks|detektPlugins|wearApp|[a-z][A-Za-z0-9]*(?:Kapt|Ksp))`;
/** `implementation("g:n:v")`, `implementation 'g:n:v'`, `implementation(platform("g:n:v"))`, `api(kotlin("stdlib"))` aside. */
const STRING_DECL = new RegExp(String.raw`\b(${CONFIGURATION})\s*(?:\(\s*)?(?:(?:platform|enforcedPlatform|testFixtures)\s*\(\s*)?["']([^"'$]+)["']`, 'g');
/** `implementation group: 'g', name: 'n', version: 'v'` (Groovy) and `implementation(group = "g", name = "n", version = "v")` (Kotlin). */
const MAP_DECL = new RegExp(String.raw`\b(${CONFIGURATION})\s*\(?\s*((?:(?:group|name|version|classifier|ext)\s*[:=]\s*["'][^"']*["']\s*,?\s*)+)`, 'g');
/** `implementation(libs.androidx.core.ktx)`, `implementation libs.bundles.compose`, `alias(libs.plugins.android.application)`. */
const CATALOG_DECL = new RegExp(String.raw`\b(${CONFIGURATION}|alias|id)\s*\(?\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?([A-Za-z_]\w*)\.((?:bundles|plugins)\.)?([\w.]+?)(?:\.get\(\))?(?=\s*(?:[),]|$))`, 'g');

/** The version catalogs a build script can use: gradle/*.versions.toml of its folder or a folder above it. */
function catalogsFor(source: string): Map<string, { file: string; catalog: Catalog }> {
  const out = new Map<string, { file: string; catalog: Catalog }>();
  for (let dir = path.dirname(path.resolve(source)), depth = 0; depth < 6; dir = path.dirname(dir), depth++) {
    const file = path.join(dir, 'gradle', 'libs.versions.toml');
    if (existsSync(file)) {
      try {
        out.set('libs', { file, catalog: parseCatalog(readFileSync(file, 'utf8')) });
      } catch {
        // A broken catalog is reported when it is read on its own; here its entries stay unresolved.
      }
      break;
    }
    if (existsSync(path.join(dir, 'settings.gradle')) || existsSync(path.join(dir, 'settings.gradle.kts')) || path.dirname(dir) === dir) break;
  }
  return out;
}

/** Test configurations (testImplementation, androidTestImplementation, kaptTest, ...) put nothing in the product. */
const testOnly = (config: string) => /^(test|androidTest|testFixtures)|Test(Implementation|Api|CompileOnly|RuntimeOnly|AnnotationProcessor)?$/.test(config);
const scoped = (spec: PackageSpec, config: string): PackageSpec => (testOnly(config) ? { ...spec, scope: 'excluded' } : spec);

function readBuildScript(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('gradle-build', source.endsWith('.kts') ? 'kotlin' : 'groovy', source);
  const catalogs = catalogsFor(source);
  const lines = splitLines(text);
  const unresolved: string[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    // Line comments out (a `//` inside a string such as a URL is kept: the notation has none).
    const l = raw.replace(/(^|\s)\/\/.*$/, '$1');
    for (const m of l.matchAll(STRING_DECL)) {
      const c = notation(m[2] as string);
      if (c) b.direct(b.add(`${c.group}:${c.name}:${line}`, scoped(maven(c, line, `${m[1] as string} dependency`), m[1] as string)));
    }
    for (const m of l.matchAll(MAP_DECL)) {
      const attrs = Object.fromEntries([...(m[2] as string).matchAll(/(group|name|version)\s*[:=]\s*["']([^"']*)["']/g)].map((a) => [a[1], a[2]]));
      if (attrs['name']) b.direct(b.add(`${attrs['group'] ?? ''}:${attrs['name']}:${line}`, scoped(maven({ group: attrs['group'] ?? '', name: attrs['name'], ...(attrs['version'] && { version: attrs['version'] }) }, line, `${m[1] as string} dependency`), m[1] as string)));
    }
    for (const m of l.matchAll(CATALOG_DECL)) {
      const [, config, catalogName, kind, rest] = m as unknown as [string, string, string, string | undefined, string];
      if (catalogName === 'project' || catalogName === 'rootProject') continue;
      const found = catalogs.get(catalogName);
      const key = `${catalogName}.${kind ?? ''}${rest}`;
      if (!found) {
        // Only names that look like a catalog accessor are reported as unresolved (libs.x, not android.x).
        if (/^libs$|Libs$|^[a-z]+libs$/i.test(catalogName)) unresolved.push(`line ${line}: ${key}`);
        continue;
      }
      const list = kind === 'bundles.' ? found.catalog.bundles.get(rest)?.map((a) => found.catalog.libraries.get(a)) : [(kind === 'plugins.' ? found.catalog.plugins : found.catalog.libraries).get(rest)];
      if (!list || list.some((c) => c === undefined)) {
        unresolved.push(`line ${line}: ${key}`);
        continue;
      }
      for (const c of list as (Coordinates & { alias: string })[]) {
        const spec = maven(c, line, `${config} ${key} (${c.alias} in ${path.relative(path.dirname(path.resolve(source)), found.file)})`);
        b.direct(b.add(`${c.group}:${c.name}:${line}`, kind === 'plugins.' ? { ...spec, scope: 'excluded' } : scoped(spec, config)));
      }
    }
  });
  const doc = b.build({ manifest: source, command: 'remove the NAME dependency line, then re-sync' });
  // A catalog entry that could not be resolved is a dependency nobody tested: it is said, not dropped.
  return unresolved.length > 0 ? { ...doc, unchecked: unresolved.map((u) => `${u}: a version catalog entry that could not be resolved (no gradle/libs.versions.toml with it)`) } : doc;
}

export const gradleCatalog: ProjectReader = {
  format: 'gradle-catalog',
  description: 'Gradle version catalogs (*.versions.toml: libraries, plugins)',
  claims: (n) => n.endsWith('.versions.toml'),
  read: readCatalog,
};

export const gradleBuild: ProjectReader = {
  format: 'gradle-build',
  description: 'build.gradle / build.gradle.kts literal dependency declarations (strings, maps, version catalog accessors)',
  claims: (n) => /\.gradle(\.kts)?$/.test(n) && !/^settings\.gradle/.test(n),
  read: readBuildScript,
};
