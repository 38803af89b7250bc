// References to Kaspersky in source code and configuration: service hosts and URLs, SDK imports, and third-party
// configuration that turns a Kaspersky engine on. Each becomes a component or service with its line, for the rules.
import type { SbomDocument } from '../model/document.js';
import { ProjectBuilder, type PackageSpec } from './build.js';
import { LineIndex } from './lines.js';

/**
 * A cheap screen over the whole text: files without any of these words are not searched line by line. Every pattern
 * below needs one of them; the project screen (screen.ts) runs this over the raw bytes, so it stays ASCII.
 */
export const REFERENCE_SCREEN = /kaspersky|klakoapi|opentip|triangle_check|kas\.pr\b/i;

/** Hosts of Kaspersky's domains (kaspersky.com, kaspersky-labs.com, kasperskycontent.com, country sites, kas.pr). */
const HOST = /(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*(?:kaspersky(?:-?labs?|content|api|update)?\.(?:com?\.[a-z]{2}|[a-z]{2,6})|kas\.pr))(?![\w-]|\.[a-z0-9])/gi;
/** The scheme and path around a host, when it is written as a URL. */
const URL_BEFORE = /(?:https?|ftp|wss?):\/\/(?:[^\s/@"'`<>]*@)?$/i;

interface Found {
  readonly key: string;
  readonly line: number;
  readonly spec?: PackageSpec;
  readonly service?: { name: string; endpoint: string; description: string };
}

/** SDK and library imports of Kaspersky code, by language; each gives the package it names. */
const IMPORTS: readonly { re: RegExp; spec: (m: RegExpExecArray) => PackageSpec; what: string }[] = [
  // JavaScript / TypeScript: import ... from '@kaspersky/x', require('@kaspersky/x'), import('@kaspersky/x')
  {
    re: /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)["'](@kaspersky\/[a-z0-9._-]+)/gim,
    spec: (m) => ({ type: 'npm', namespace: '@kaspersky', name: (m[1] as string).slice('@kaspersky/'.length) }),
    what: 'npm package imported',
  },
  // Go: import "github.com/KasperskyLab/klogga/..."
  {
    re: /["`](github\.com\/kasperskylab\/[a-z0-9._-]+)/gi,
    spec: (m) => ({ type: 'golang', namespace: 'github.com/KasperskyLab', name: (m[1] as string).split('/')[2] as string }),
    what: 'Go module imported',
  },
  // Python: import KlAkOAPI / from opentip import ... / import triangle_check
  {
    re: /^\s*(?:from|import)\s+(KlAkOAPI|opentip|triangle_check)\b/gm,
    spec: (m) => ({ type: 'pypi', name: m[1] === 'triangle_check' ? 'triangle-check' : (m[1] as string).toLowerCase(), description: `Python module ${m[1] as string} imported (Kaspersky)` }),
    what: 'Python module imported',
  },
  // Java / Kotlin / C#: import com.kaspersky...; using Kaspersky...;
  {
    re: /^\s*(?:import|using)\s+((?:com\.kaspersky|Kaspersky)(?:\.[A-Za-z0-9_]+)+)/gm,
    spec: (m) => ({ type: 'generic', name: m[1] as string, description: `Kaspersky code imported: ${m[1] as string}` }),
    what: 'namespace imported',
  },
];

/** Configuration of other products that sends files to a Kaspersky engine. */
const ENGINE_CONFIG: readonly { re: RegExp; name: (m: RegExpExecArray) => string; description: string; path?: RegExp }[] = [
  // Junos UTM: `set security utm feature-profile anti-virus type kaspersky-lab-engine`, or `type kaspersky-lab-engine;` in braces.
  { re: /\bkaspersky-lab-engine\b/g, name: () => 'kaspersky-lab-engine', description: 'Junos UTM anti-virus engine kaspersky-lab-engine (Kaspersky Lab scan engine) configured' },
  // rspamd antivirus module: type = "kaspersky" (Kaspersky antivirus) or "kaspersky_se" (Kaspersky Scan Engine).
  {
    re: /\btype\s*[=:]\s*["']?(kaspersky(?:_se)?)\b/gi,
    name: () => 'rspamd',
    description: 'rspamd antivirus module configured with a Kaspersky backend',
    path: /rspamd|antivirus\.conf$/i,
  },
  // Assemblyline: the Kaspersky service (an ICAP client of Kaspersky Scan Engine).
  { re: /\bassemblyline-service-kaspersky\b/gi, name: () => 'assemblyline-service-kaspersky', description: 'Assemblyline Kaspersky service configured' },
  // IRMA probes.
  { re: /\b(KasperskyFileServer|KasperskyWin)\b/g, name: (m) => m[1] as string, description: 'IRMA Kaspersky probe configured' },
];

/** Search one text file; a document with one entry per reference, or undefined when there is none. */
export function scanReferences(source: string, text: string): SbomDocument | undefined {
  const b = new ProjectBuilder('code-references', '1', source);
  return addReferences(source, text, b) ? b.build() : undefined;
}

/** Add the references of a text to a document being built (a manifest's own entries and its references together). */
export function addReferences(source: string, text: string, b: ProjectBuilder): boolean {
  if (!REFERENCE_SCREEN.test(text)) return false;
  const lines = new LineIndex(text);
  const found: Found[] = [];
  for (const m of text.matchAll(HOST)) {
    const host = (m[1] as string).toLowerCase();
    const at = m.index;
    const before = text.slice(Math.max(0, at - 300), at);
    const scheme = URL_BEFORE.exec(before);
    const rest = scheme ? /^[^\s"'`<>)\]}]*/.exec(text.slice(at + host.length, at + host.length + 2048))?.[0] ?? '' : '';
    const endpoint = scheme ? `${scheme[0]}${host}${rest}` : host;
    const line = lines.lineAt(at);
    found.push({ key: `${host}:${line}`, line, service: { name: host, endpoint, description: `${scheme ? 'URL' : 'host'} ${endpoint} referenced in ${source}` } });
  }
  for (const { re, spec, what } of IMPORTS) {
    for (const m of text.matchAll(re)) {
      const line = lines.lineAt(m.index + m[0].length - 1);
      const s = spec(m);
      found.push({ key: `${s.namespace ? `${s.namespace}/` : ''}${s.name}:${line}`, line, spec: { ...s, line, description: s.description ?? `${what} in ${source}` } });
    }
  }
  for (const { re, name, description, path } of ENGINE_CONFIG) {
    if (path && !path.test(source)) continue;
    for (const m of text.matchAll(re)) {
      const line = lines.lineAt(m.index);
      const n = name(m);
      found.push({ key: `${n}:${line}`, line, spec: { type: 'generic', name: n, line, description: `${description}: ${m[0]}` } });
    }
  }
  if (found.length === 0) return false;
  found.sort((x, y) => x.line - y.line);
  for (const f of found) {
    if (f.service) b.service(f.key, f.service.name, f.service.endpoint, f.line, f.service.description);
    else if (f.spec) b.add(f.key, f.spec);
  }
  return true;
}
