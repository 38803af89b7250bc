// A synthetic project tree for the project benchmark: source files in folders of ~50, 20 lockfiles of the main
// ecosystems, a few files that name Kaspersky hosts or import Kaspersky code, and a .gitignore'd build folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const rnd = (i: number, n: number) => ((i * 2654435761) >>> 0) % n;

/** Source text of a few KB that looks like code: imports, functions, comments, strings with URLs. */
function sourceFile(i: number, ext: string): string {
  const lines: string[] = [];
  const count = 30 + rnd(i, 90);
  if (ext === 'py') lines.push(`import os`, `from pkg_${rnd(i, 300)} import thing_${i}`);
  else if (ext === 'go') lines.push(`package p${rnd(i, 50)}`, `import "github.com/org${rnd(i, 60)}/mod-${rnd(i, 999)}"`);
  else if (ext === 'java') lines.push(`package org.example.p${rnd(i, 50)};`, `import org.example.lib${rnd(i, 80)}.Thing${i};`);
  else if (ext === 'md') lines.push(`# Notes ${i}`, '', 'See https://example.org/docs for details.');
  else lines.push(`import { thing${i} } from 'pkg-${rnd(i, 300)}';`, `const url = 'https://api.example${rnd(i, 40)}.com/v1/items';`);
  for (let l = 0; l < count; l++) {
    const k = rnd(i + l, 1000);
    lines.push(l % 7 === 0 ? `// compute the value ${k} from its parts, keeping the order stable across runs` : `  const value${l} = compute(${k}, "item-${k}", options.limit * ${l}); // ${k % 3 ? 'ok' : 'check'}`);
  }
  return `${lines.join('\n')}\n`;
}

function packageLock(n: number, kaspersky: boolean): string {
  const packages: Record<string, object> = { '': { name: 'app', version: '1.0.0', dependencies: { 'pkg-0': '^1.0.0' } } };
  for (let i = 0; i < n; i++) {
    packages[`node_modules/pkg-${i}`] = { version: `1.${i % 13}.${i % 7}`, resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.${i % 13}.${i % 7}.tgz`, integrity: `sha512-${Buffer.from(`pkg-${i}`).toString('base64')}==`, ...(i + 1 < n && { dependencies: { [`pkg-${i + 1}`]: '^1.0.0' } }) };
  }
  if (kaspersky) packages['node_modules/@kaspersky/hexa-ui'] = { version: '6.198.2', resolved: 'https://registry.npmjs.org/@kaspersky/hexa-ui/-/hexa-ui-6.198.2.tgz' };
  return JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2);
}

function pnpmLock(n: number): string {
  const out = ["lockfileVersion: '9.0'", '', 'importers:', '  .:', '    dependencies:', '      pkg-0:', "        specifier: ^1.0.0", '        version: 1.0.0', '', 'packages:'];
  for (let i = 0; i < n; i++) out.push(`  pkg-${i}@1.${i % 13}.0:`, `    resolution: {integrity: sha512-${Buffer.from(`p${i}`).toString('base64')}==}`, '');
  out.push('snapshots:');
  for (let i = 0; i < n; i++) out.push(`  pkg-${i}@1.${i % 13}.0:`, ...(i + 1 < n ? ['    dependencies:', `      pkg-${i + 1}: 1.${(i + 1) % 13}.0`] : []), '');
  return out.join('\n');
}

function yarnLock(n: number): string {
  const out = ['# yarn lockfile v1', ''];
  for (let i = 0; i < n; i++) {
    out.push(`pkg-${i}@^1.0.0:`, `  version "1.${i % 13}.0"`, `  resolved "https://registry.yarnpkg.com/pkg-${i}/-/pkg-${i}-1.${i % 13}.0.tgz#abc${i}"`, `  integrity sha512-${Buffer.from(`y${i}`).toString('base64')}==`);
    if (i + 1 < n) out.push('  dependencies:', `    pkg-${i + 1} "^1.0.0"`);
    out.push('');
  }
  return out.join('\n');
}

function tomlPackages(n: number, kind: 'poetry' | 'cargo'): string {
  const out: string[] = kind === 'cargo' ? ['version = 3', ''] : [];
  for (let i = 0; i < n; i++) {
    out.push('[[package]]', `name = "lib-${i}"`, `version = "0.${i % 13}.${i % 5}"`);
    if (kind === 'poetry') out.push(`description = "Library ${i}"`, 'optional = false', 'python-versions = ">=3.8"', 'files = [', `    {file = "lib_${i}-0.1.tar.gz", hash = "sha256:${(i * 7919).toString(16).padStart(64, '0')}"},`, ']');
    else out.push('source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${(i * 7919).toString(16).padStart(64, '0')}"`);
    if (i + 1 < n) out.push(kind === 'cargo' ? `dependencies = [\n "lib-${i + 1}",\n]` : `\n[package.dependencies]\nlib-${i + 1} = ">=0.1"`);
    out.push('');
  }
  if (kind === 'poetry') out.push('[metadata]', 'lock-version = "2.0"', 'python-versions = "^3.8"', 'content-hash = "abc"');
  return out.join('\n');
}

function goSum(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`github.com/org${i % 60}/mod-${i} v1.${i % 13}.0 h1:${Buffer.from(`g${i}`).toString('base64')}=`, `github.com/org${i % 60}/mod-${i} v1.${i % 13}.0/go.mod h1:${Buffer.from(`m${i}`).toString('base64')}=`);
  return `${out.join('\n')}\n`;
}

function composerLock(n: number): string {
  const packages = Array.from({ length: n }, (_, i) => ({ name: `vendor${i % 40}/lib-${i}`, version: `v1.${i % 13}.0`, source: { type: 'git', url: `https://github.com/vendor${i % 40}/lib-${i}.git`, reference: 'abc' }, require: i + 1 < n ? { [`vendor${(i + 1) % 40}/lib-${i + 1}`]: '^1.0' } : {} }));
  return JSON.stringify({ 'content-hash': 'x', packages, 'packages-dev': [] }, null, 4);
}

function nugetLock(n: number): string {
  const deps: Record<string, object> = {};
  for (let i = 0; i < n; i++) deps[`Example.Lib${i}`] = { type: i < 10 ? 'Direct' : 'Transitive', resolved: `1.${i % 13}.0`, contentHash: 'abc', ...(i + 1 < n && { dependencies: { [`Example.Lib${i + 1}`]: '1.0.0' } }) };
  return JSON.stringify({ version: 1, dependencies: { 'net8.0': deps } }, null, 2);
}

function requirements(n: number): string {
  return `${Array.from({ length: n }, (_, i) => `py-lib-${i}==1.${i % 13}.0 \\\n    --hash=sha256:${(i * 7919).toString(16).padStart(64, '0')}`).join('\n')}\n`;
}

/** The lockfile kinds, in the order they are spread over the tree. */
export const LOCKFILES: readonly { file: string; make: (n: number, kaspersky: boolean) => string; parse: 'json' | 'yaml' | 'toml' | 'yarn' | 'lines' }[] = [
  { file: 'package-lock.json', make: packageLock, parse: 'json' },
  { file: 'pnpm-lock.yaml', make: pnpmLock, parse: 'yaml' },
  { file: 'yarn.lock', make: yarnLock, parse: 'yarn' },
  { file: 'poetry.lock', make: (n) => tomlPackages(n, 'poetry'), parse: 'toml' },
  { file: 'Cargo.lock', make: (n) => tomlPackages(n, 'cargo'), parse: 'toml' },
  { file: 'composer.lock', make: composerLock, parse: 'json' },
  { file: 'packages.lock.json', make: nugetLock, parse: 'json' },
  { file: 'go.sum', make: goSum, parse: 'lines' },
  { file: 'requirements.txt', make: requirements, parse: 'lines' },
];

const EXTS = ['ts', 'js', 'py', 'go', 'java', 'md', 'tsx', 'ts', 'js', 'py'];

/** Kaspersky references planted in source files: each is one finding a scan must report. */
const PLANTED = [
  "const OPENTIP = 'https://opentip.kaspersky.com/api/v1/search/hash';",
  "import { Button } from '@kaspersky/hexa-ui';",
  'TAXII_URL = "https://tip.kaspersky.com/api/taxii2"',
];

/**
 * Write the tree under `dir`: `files` files in all, `lockfiles` of them lockfiles of `packages` entries each, and
 * PLANTED.length files with a Kaspersky reference. Returns what a correct scan must find.
 */
export function writeProjectTree(dir: string, files: number, lockfiles = 20, packages = 1000): { planted: number; lockfiles: number } {
  const perDir = 50;
  let written = 0;
  const plantAt = new Set(PLANTED.map((_, k) => Math.floor(((k + 1) * files) / (PLANTED.length + 1))));
  let planted = 0;
  writeFileSync(path.join(dir, '.gitignore'), 'build/\n*.log\n');
  for (let l = 0; l < lockfiles; l++) {
    const kind = LOCKFILES[l % LOCKFILES.length] as (typeof LOCKFILES)[number];
    const sub = path.join(dir, `services/svc-${l}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, kind.file), kind.make(packages, l === 0));
    written++;
  }
  for (let d = 0; written < files; d++) {
    const sub = path.join(dir, `src/mod-${Math.floor(d / 40)}/part-${d % 40}`);
    mkdirSync(sub, { recursive: true });
    for (let f = 0; f < perDir && written < files; f++, written++) {
      const ext = EXTS[(d + f) % EXTS.length] as string;
      let text = sourceFile(written, ext);
      if (plantAt.has(written)) text += `${PLANTED[planted++] as string}\n`;
      writeFileSync(path.join(sub, `file-${f}.${ext}`), text);
    }
  }
  return { planted, lockfiles };
}
