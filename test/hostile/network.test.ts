// No network: the built CLI scans, plans and writes every report with every way of reaching the network made to throw (and logged), in the main thread and its workers.
import { CORPUS_MISSING, partlyWithCorpus } from '../helpers/corpus.js';
import { assertValidSarif, withSarifSchema } from '../helpers/sarif.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { corpusFiles } from './helpers.js';

const BIN = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');
const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/no-network.mjs');
const SAMPLES = path.join(PACKAGE_ROOT, 'sbom-samples');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Network calls the preload caught (empty when none). */
  readonly attempts: string[];
  /** Threads the preload ran in. */
  readonly threads: string[];
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/** Run node with the no-network preload; `args` follow the node options. */
function offline(args: string[], env: Record<string, string> = {}): Run {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'ictscan-offline-')), 'network.log');
  const r = spawnSync(process.execPath, ['--import', PRELOAD, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    // No proxy settings either: nothing may hint that a network is there to use.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1', ICTSCAN_NETWORK_LOG: log, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, attempts: lines(log), threads: lines(`${log}.loaded`) };
}

describe('the network is made impossible', () => {
  it('the preload really blocks and records: connect, TLS, HTTP(S), DNS, fetch, UDP, in the main thread and in workers', () => {
    const probe = `
      const tries = {
        'net.connect': () => require('node:net').connect(9, '127.0.0.1'),
        'net.Socket.prototype.connect': () => new (require('node:net').Socket)().connect(9, '127.0.0.1'),
        'tls.connect': () => require('node:tls').connect(443, 'example.invalid'),
        'http.request': () => require('node:http').request('http://example.invalid/'),
        'https.get': () => require('node:https').get('https://example.invalid/'),
        'dns.lookup': () => require('node:dns').lookup('example.invalid', () => {}),
        'dns.promises.resolve4': () => require('node:dns').promises.resolve4('example.invalid'),
        'dgram.createSocket': () => require('node:dgram').createSocket('udp4'),
        'fetch': () => fetch('https://example.invalid/'),
      };
      let thrown = 0;
      for (const [name, fn] of Object.entries(tries)) { try { fn(); } catch { thrown++; } }
      const { Worker } = require('node:worker_threads');
      const w = new Worker(process.env.WORKER);
      w.on('exit', () => console.log(thrown));
    `;
    // A worker from a file, as piscina starts them (Node 20 does not run --import preloads in eval workers).
    const worker = path.join(mkdtempSync(path.join(tmpdir(), 'ictscan-offline-worker-')), 'worker.mjs');
    writeFileSync(worker, "import net from 'node:net';\ntry { net.connect(9, '127.0.0.1'); } catch {}\n");
    const r = offline(['-e', probe], { WORKER: worker });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('9');
    expect(r.attempts).toHaveLength(10);
    expect(r.attempts.some((a) => a.startsWith('worker '))).toBe(true);
    for (const name of ['net.connect', 'tls.connect', 'http.request', 'https.get', 'dns.lookup', 'dns.promises.resolve4', 'dgram.createSocket', 'fetch']) {
      expect(r.attempts.some((a) => a.includes(`: ${name} `)), name).toBe(true);
    }
  });

  it('ES module imports of the built-ins are blocked too', () => {
    const r = offline(['--input-type=module', '-e', "import { connect } from 'node:net'; import { lookup } from 'node:dns/promises'; let n = 0; try { connect(9); } catch { n++; } try { await lookup('example.invalid'); } catch { n++; } console.log(n);"]);
    expect(r.stdout.trim()).toBe('2');
    expect(r.attempts).toHaveLength(2);
  });
});

describe('ictscan offline', () => {
  if (!existsSync(BIN)) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT });
  const corpus = corpusFiles(400_000).slice(0, 12).map((f) => f.path);

  it(withSarifSchema(partlyWithCorpus('a full scan of the samples and corpus files, in worker threads, with every report format, opens no connection and resolves no name')), () => {
    expect(corpus).toHaveLength(CORPUS_MISSING ? 0 : 12);
    const out = mkdtempSync(path.join(tmpdir(), 'ictscan-offline-out-'));
    const formats = ['json', 'sarif', 'html', 'junit', 'csv', 'markdown'];
    const r = offline([BIN, 'scan', SAMPLES, ...corpus, '--jobs', '2', '--fail-on', 'high', ...formats.flatMap((f) => ['--output-format', `${f}=${path.join(out, `report.${f}`)}`]), '--output-format', 'table']);
    expect(r.attempts, r.attempts.join('\n')).toEqual([]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Summary: /m);
    expect(r.threads).toContain('main');
    expect(r.threads.some((t) => t.startsWith('worker '))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(formats.map((f) => `report.${f}`).sort());
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: { documents: number; findings: number } };
    expect(report.summary.findings).toBeGreaterThan(0);
    expect(report.summary.documents).toBeGreaterThan(corpus.length);
    assertValidSarif(readFileSync(path.join(out, 'report.sarif'), 'utf8'));
  });

  it('standard input, attestations and the other commands too', () => {
    const jsonl = readdirSync(SAMPLES).find((f) => f.endsWith('.jsonl'));
    const cdx = path.join(SAMPLES, 'acme-secure-gateway.cdx.json');
    const runs = [
      offline([BIN, 'rules', 'list']),
      offline([BIN, 'rules', 'validate', path.join(PACKAGE_ROOT, 'rules')]),
      offline([BIN, 'explain', cdx, '--component', 'kesl']),
      offline([BIN, 'diff', cdx, cdx]),
      ...(jsonl ? [offline([BIN, 'scan', path.join(SAMPLES, jsonl), '--format', 'sarif'])] : []),
    ];
    for (const r of runs) {
      expect(r.attempts, r.attempts.join('\n')).toEqual([]);
      expect(r.status, r.stderr).not.toBe(2);
    }
    const stdin = spawnSync(process.execPath, ['--import', PRELOAD, BIN, 'scan', '-', '--format', 'json'], { input: readFileSync(cdx), encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ICTSCAN_NETWORK_LOG: path.join(mkdtempSync(path.join(tmpdir(), 'ictscan-offline-')), 'network.log') } });
    expect(stdin.status, stdin.stderr).toBe(1);
  });

  // A second, independent proof where the kernel allows it: a process in a network namespace with no interfaces at all.
  const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  it.skipIf(!unshare)('in a network namespace without interfaces (unshare -n), the same scan gives the same report', () => {
    const args = [BIN, 'scan', SAMPLES, '--format', 'json', '--jobs', '1'];
    const isolated = spawnSync('unshare', ['-n', process.execPath, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const normal = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(isolated.status, isolated.stderr).toBe(1);
    const strip = (s: string) => JSON.stringify({ ...(JSON.parse(s) as Record<string, unknown>), scannedAt: null });
    expect(strip(isolated.stdout)).toBe(strip(normal.stdout));
  });
});

describe('no network code in the sources', () => {
  const SRC = path.join(PACKAGE_ROOT, 'src');
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

  it('no module imports a network built-in or calls fetch', () => {
    for (const f of files(SRC)) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from ['"](?:node:)?(?:net|tls|http|https|http2|dgram|dns(?:\/promises)?|undici)['"]/);
      expect(text, f).not.toMatch(/\bfetch\(|new WebSocket\(|XMLHttpRequest/);
    }
  });
});
