#!/usr/bin/env node
// Rewrites rules/pack.json: the pack version and the sha256 of every rule file, checked when the pack loads.
// Run after editing a rule file: node scripts/rules-manifest.mjs [DIR] [--version X]
import console from 'node:console';
import process from 'node:process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const vi = args.indexOf('--version');
const version = vi >= 0 ? args[vi + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--version') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules');
const manifestPath = path.join(dir, 'pack.json');
const old = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
const files = {};
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'pack.json').sort()) {
  files[f] = createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex');
}
const manifest = {
  $schema: '../schemas/pack.schema.json',
  name: old.name ?? path.basename(path.resolve(dir)),
  version: version ?? old.version ?? '0.0.0',
  description: old.description ?? '',
  files,
};
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${manifestPath}: ${Object.keys(files).length} files, version ${manifest.version}`);
