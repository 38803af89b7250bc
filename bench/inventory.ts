// Inventory scale (issue 17): one RMM CSV of HOSTS hosts with 300 programs each, scanned by the whole `ictscan scan`
// process, against a plain csv-parse read of the same file in a process of its own, in the same run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '../src/cli/bin.js');
const COLUMNS = 'name=DisplayName,version=DisplayVersion,publisher=Publisher,host=ComputerName,client=Client';
const PUBLISHERS = ['Microsoft Corporation', 'Google LLC', 'Adobe Inc.', 'Mozilla', 'Oracle Corporation', 'Zoom Video Communications, Inc.', 'Igor Pavlov', 'Notepad++ Team'];

/** Writes the CSV in chunks (bounded memory here too); one host in 50 still runs Kaspersky Endpoint Security. */
async function writeCsv(file: string, hosts: number, programs: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('Client,ComputerName,DisplayName,DisplayVersion,Publisher\r\n');
  for (let h = 0; h < hosts; h++) {
    const client = `client-${String(h % 50).padStart(2, '0')}`;
    const host = `WS-${String(h).padStart(5, '0')}`;
    const lines: string[] = [];
    for (let p = 0; p < programs; p++) {
      if (p === 0 && h % 50 === 0) lines.push(`${client},${host},Kaspersky Endpoint Security for Windows,12.1.0.506,AO Kaspersky Lab`);
      else lines.push(`${client},${host},"Program ${p} (x64, build ${h % 7})",${1 + (p % 9)}.${p % 13}.${h % 100},"${PUBLISHERS[p % PUBLISHERS.length] ?? ''}"`);
    }
    await write(`${lines.join('\r\n')}\r\n`);
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** Runs a node child; returns its wall time and peak resident memory (the child reports it last on stderr). */
function child(args: readonly string[]): { ms: number; rssMb: number; code: number | null; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss "+process.resourceUsage().maxRSS+"\\n"))', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  const rss = /maxrss (\d+)/.exec(r.stderr)?.[1];
  return { ms, rssMb: rss ? Number(rss) / 1024 : NaN, code: r.status, stderr: r.stderr };
}

export async function inventoryBench(): Promise<void> {
  const hosts = Number(process.env['BENCH_HOSTS'] ?? 10_000);
  const programs = Number(process.env['BENCH_PROGRAMS'] ?? 300);
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-bench-inventory-'));
  try {
    const file = path.join(dir, 'rmm-export.csv');
    await writeCsv(file, hosts, programs);
    const bytes = statSync(file).size;
    console.log(`Inventory CSV, ${hosts.toLocaleString('en')} hosts x ${programs} programs (${(hosts * programs).toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(0)} MB), best of ${runs} runs, whole processes`);
    const parseScript = `import{readFileSync}from'node:fs';import{parse}from'csv-parse/sync';const r=parse(readFileSync(${JSON.stringify(file)},'utf8'),{from_line:2});process.stdout.write(String(r.length));`;
    let parse = { ms: Infinity, rssMb: NaN };
    let scan = { ms: Infinity, rssMb: NaN };
    for (let i = 0; i < runs; i++) {
      const p = child(['--input-type=module', '-e', parseScript]);
      if (p.code !== 0) throw new Error(`csv-parse child failed: ${p.stderr}`);
      if (p.ms < parse.ms) parse = p;
      const s = child([BIN, 'scan', file, '--columns', COLUMNS, '--max-size', String(bytes * 2), '-f', 'hosts-csv', '-o', path.join(dir, 'hosts.csv'), '-q', '--fail-on', 'none']);
      if (s.code !== 0) throw new Error(`ictscan scan exited ${s.code}: ${s.stderr.slice(0, 2000)}`);
      if (s.ms < scan.ms) scan = s;
    }
    const ratio = scan.ms / parse.ms;
    console.log(`  csv-parse (sync, whole file): ${parse.ms.toFixed(0)} ms, peak rss ${parse.rssMb.toFixed(0)} MB`);
    console.log(`  ictscan scan (hosts-csv):     ${scan.ms.toFixed(0)} ms, peak rss ${scan.rssMb.toFixed(0)} MB`);
    console.log(`  ratio:                        ${ratio.toFixed(2)}x csv-parse (target: at most 2x) ${ratio <= 2 ? 'OK' : 'OVER TARGET'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
