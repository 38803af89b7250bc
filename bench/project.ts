// The project-tree benchmark (issue 16): a generated tree of source files with 20 lockfiles, scanned whole-process by
// the CLI against `git ls-files -z | xargs -0 cat > /dev/null` on the same tree in the same run; and each kind of
// lockfile read against a plain parse of it by the same parser library.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSyml } from '@yarnpkg/parsers';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../src/paths.js';
import { readerFor } from '../src/project/registry.js';
import { prepareRules, scanBytes } from '../src/scan.js';
import { best } from './timing.js';
import { LOCKFILES, writeProjectTree } from './project-tree.js';

function hasGit(): boolean {
  return spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Wall time of a command, in milliseconds. */
function timed(cmd: string, args: readonly string[], cwd: string): { ms: number; stdout: string; status: number | null } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  return { ms: performance.now() - t, stdout: r.stdout, status: r.status };
}

/** Read every file of the tree in a fresh Node process (the reference when git is absent). */
const NODE_READER = `
const fs = require('node:fs'), path = require('node:path');
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { if (e.name === '.git') continue; const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (e.isFile()) fs.readFileSync(p); } };
walk(process.argv[1]);`;

function treeBench(files: number, lockfiles: number, runs: number): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-bench-project-'));
  try {
    const made = writeProjectTree(dir, files, lockfiles);
    const git = hasGit();
    if (git) {
      // An index without objects (update-index --info-only): git ls-files lists the tree as a checkout would.
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const list = execFileSync('find', ['.', '-type', 'f', '-not', '-path', './.git/*', '-print0'], { cwd: dir, maxBuffer: 1 << 30 });
      execFileSync('git', ['update-index', '--add', '--info-only', '-z', '--stdin'], { cwd: dir, input: list, maxBuffer: 1 << 30 });
    }
    const reference: [string, string[], string] = git
      ? ['sh', ['-c', 'git ls-files -z | xargs -0 cat > /dev/null'], 'git ls-files -z | xargs -0 cat > /dev/null']
      : [process.execPath, ['-e', NODE_READER, dir], 'a Node process reading every file (git is absent)'];
    const bin = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');
    console.log(`Project tree: ${files.toLocaleString('en')} files, ${made.lockfiles} lockfiles, ${made.planted} planted references; whole process against ${reference[2]} (best of ${runs}, interleaved)`);
    // One untimed read each, so that both start from a warm page cache.
    timed(reference[0], reference[1], dir);
    let refMs = Infinity;
    let scanMs = Infinity;
    let findings = -1;
    let components = -1;
    for (let i = 0; i < runs; i++) {
      refMs = Math.min(refMs, timed(reference[0], reference[1], dir).ms);
      const r = timed(process.execPath, [bin, 'scan', dir, '--format', 'json', '--quiet'], dir);
      scanMs = Math.min(scanMs, r.ms);
      try {
        const report = JSON.parse(r.stdout) as { summary: { findings: number; components: number } };
        findings = report.summary.findings;
        components = report.summary.components;
      } catch {
        findings = -1;
      }
    }
    const ratio = scanMs / refMs;
    const expected = made.planted + 1;
    console.log(`  reference:      ${refMs.toFixed(0)} ms`);
    console.log(`  ictscan scan:   ${scanMs.toFixed(0)} ms (${components} components, ${findings} findings; ${expected} expected${findings === expected ? '' : ' MISMATCH'})`);
    console.log(`  ratio:          ${ratio.toFixed(2)}x the reference (target: under 2x) ${ratio < 2 ? 'OK' : 'OVER TARGET'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The plain parse of a lockfile's syntax, by the library the reader uses (line formats: a split into lines). */
function plainParse(kind: (typeof LOCKFILES)[number]['parse'], text: string): () => unknown {
  switch (kind) {
    case 'json':
      return () => JSON.parse(text);
    case 'yaml':
      return () => parseYaml(text, { maxAliasCount: 100, uniqueKeys: false });
    case 'toml':
      return () => parseToml(text);
    case 'yarn':
      return () => parseSyml(text);
    default:
      return () => text.split(/\r\n|\r|\n/);
  }
}

function lockfileBench(packages: number, runs: number): void {
  const rules = prepareRules();
  const now = new Date();
  console.log(`Lockfiles of ${packages.toLocaleString('en')} packages: read (and full scan: read, match, plan) against a plain parse by the same library (best of ${runs})`);
  for (const kind of LOCKFILES) {
    const text = kind.make(packages, true);
    const bytes = Buffer.from(text);
    const source = path.join('bench', kind.file);
    const reader = readerFor(source);
    if (!reader) throw new Error(`no reader claims ${kind.file}`);
    const parse = plainParse(kind.parse, text);
    parse();
    reader.read(source, text);
    const parseMs = best(runs, parse);
    let count = 0;
    const readMs = best(runs, () => {
      count = reader.read(source, text).components.length;
    });
    const scanMs = best(runs, () => scanBytes(source, bytes, rules, { walked: true, minConfidence: 'medium', maxSize: 1e10, now }));
    const ratio = readMs / parseMs;
    const label = kind.parse === 'lines' ? 'split into lines' : `${kind.parse === 'yarn' ? '@yarnpkg/parsers' : kind.parse === 'toml' ? 'smol-toml' : kind.parse === 'yaml' ? 'yaml' : 'JSON'}.parse`;
    // Line formats have no parser to compare with: their ratio is against splitting the text, and is not a target.
    const verdict = kind.parse === 'lines' ? '(no parse to compare)' : ratio <= 3 ? 'OK' : 'OVER TARGET';
    console.log(`  ${kind.file.padEnd(19)} ${(bytes.length / 1e6).toFixed(2)} MB, ${count} components: ${label} ${parseMs.toFixed(1)} ms, read ${readMs.toFixed(1)} ms (${ratio.toFixed(2)}x, target at most 3x) ${verdict}; full scan ${scanMs.toFixed(1)} ms`);
  }
}

export function projectBench(): void {
  const files = Number(process.env['BENCH_PROJECT_FILES'] ?? 100_000);
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  lockfileBench(Number(process.env['BENCH_LOCK_PACKAGES'] ?? 5000), runs);
  treeBench(files, 20, runs);
}

// `node dist/bench/project.js` runs this family alone (also `npm run bench -- project`).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  projectBench();
}
