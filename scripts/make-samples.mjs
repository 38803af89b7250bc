#!/usr/bin/env node
// Writes the sample application (scripts/sample-app.mjs) and the evaluation suite (scripts/eval-suite.mjs, with its labels)
// in every SBOM format ictscan reads, through scripts/sbom-writers.mjs: test/sample-app/ and test/eval-suite/ for the
// tests, and two of the formats to sbom-samples/, which the README's first command scans (a screenful, not every format).
// Run: node scripts/make-samples.mjs          (rewrites the committed, deterministic output)
//      node scripts/make-samples.mjs --check  (writes nothing; exit 1 naming every file that differs from the writers)
import { Buffer } from 'node:buffer';
import console from 'node:console';
import process from 'node:process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP, COMPONENTS, DIRECT, DOCUMENT, SERVICES } from './sample-app.mjs';
import { EVAL_MODEL, evalLabels } from './eval-suite.mjs';
import { attestationPublicKeyPem, writeAll } from './sbom-writers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const SAMPLES = path.join(ROOT, 'sbom-samples');
const APP_FORMATS = path.join(ROOT, 'test', 'sample-app');
const EVAL = path.join(ROOT, 'test', 'eval-suite');
/** The formats sbom-samples/ shows: one CycloneDX and one SPDX document. */
const SHOWN = new Set(['acme-secure-gateway.cdx.json', 'acme-secure-gateway.spdx.json']);

/** Every generated file: [directory, name, data], and per directory the pattern of the names it generates. */
function outputs() {
  const sample = { app: APP, components: COMPONENTS, direct: DIRECT, services: SERVICES, ...DOCUMENT };
  const labels = evalLabels();
  const app = writeAll(sample, APP.name);
  return {
    files: [
      ...app.map((f) => [APP_FORMATS, f.file, f.data]),
      ...app.filter((f) => SHOWN.has(f.file)).map((f) => [SAMPLES, f.file, f.data]),
      ...writeAll(EVAL_MODEL, 'eval-suite').map((f) => [EVAL, f.file, f.data]),
      [EVAL, 'labels.json', `${JSON.stringify(labels, null, 2)}\n`],
      // The public half of the fixed sample attestation key, for `--verify-key` (the private half is derived in the writers).
      [HERE, 'attestation-key.pub.pem', attestationPublicKeyPem()],
    ],
    generated: new Map([
      [SAMPLES, /^acme-secure-gateway\./],
      [APP_FORMATS, /^acme-secure-gateway\./],
      [EVAL, /^(eval-suite\.|labels\.json$)/],
    ]),
    labels,
  };
}

function stale({ files, generated }) {
  const out = [];
  for (const [dir, name, data] of files) {
    const p = path.join(dir, name);
    if (!existsSync(p) || !readFileSync(p).equals(Buffer.from(data))) out.push(path.relative(process.cwd(), p));
  }
  for (const [dir, pattern] of generated) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (pattern.test(f) && !files.some(([d, n]) => d === dir && n === f)) out.push(`${path.relative(process.cwd(), path.join(dir, f))} (no longer generated)`);
  }
  return out;
}

function main() {
  const all = outputs();
  if (process.argv.includes('--check')) {
    const diff = stale(all);
    if (diff.length > 0) {
      console.error(`the samples are out of date; run node scripts/make-samples.mjs:\n  ${diff.join('\n  ')}`);
      process.exitCode = 1;
    }
    return;
  }
  for (const [dir, pattern] of all.generated) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (pattern.test(f) && !all.files.some(([d, n]) => d === dir && n === f)) rmSync(path.join(dir, f));
  }
  for (const [dir, name, data] of all.files) writeFileSync(path.join(dir, name), data);
  const formats = all.files.filter(([d]) => d === APP_FORMATS).length;
  console.log(`test/sample-app/, sbom-samples/, test/eval-suite/: ${formats} formats of ${APP.name} and of the evaluation suite (${all.labels.components.length} labelled components, ${all.labels.services.length} services)`);
}

main();
