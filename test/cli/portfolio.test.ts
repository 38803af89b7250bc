// MSP batch scanning: clients, parallel jobs, broken files, shards and merge, progress.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli, unwrap } from '../helpers/cli.js';
import { run } from '../../src/cli/run.js';

const SAMPLES = path.join(PACKAGE_ROOT, 'sbom-samples');
let portfolio: string;

function cleanSbom(name: string, n: number): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    metadata: { component: { type: 'application', 'bom-ref': 'root', name } },
    components: Array.from({ length: n }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `lib-${i}`, version: '1.0.0', purl: `pkg:npm/lib-${i}@1.0.0` })),
    dependencies: [{ ref: 'root', dependsOn: Array.from({ length: n }, (_, i) => `c${i}`) }],
  });
}

beforeAll(() => {
  portfolio = mkdtempSync(path.join(tmpdir(), 'ictscan-portfolio-'));
  for (const client of ['acme', 'globex', 'initech', 'umbrella']) mkdirSync(path.join(portfolio, client, 'apps'), { recursive: true });
  copyFileSync(path.join(SAMPLES, 'acme-secure-gateway.cdx.json'), path.join(portfolio, 'acme', 'gateway.cdx.json'));
  copyFileSync(path.join(SAMPLES, 'acme-secure-gateway.spdx.json'), path.join(portfolio, 'globex', 'apps', 'gateway.spdx.json'));
  for (let i = 0; i < 6; i++) writeFileSync(path.join(portfolio, ['acme', 'globex', 'initech'][i % 3] ?? 'acme', `clean-${i}.json`), cleanSbom(`app-${i}`, 20 + i));
  writeFileSync(path.join(portfolio, 'initech', 'truncated.cdx.json'), cleanSbom('broken', 5).slice(0, 200));
  writeFileSync(path.join(portfolio, 'umbrella', 'notes.txt'), 'not an SBOM\n');
});

async function json(args: string[]) {
  const r = await cli(args);
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('portfolio scans', () => {
  it('groups documents by client folder, reports every document, and survives broken files', async () => {
    const { code, report } = await json(['scan', portfolio, '--group-by', 'dir', '-f', 'json', '--jobs', '2']);
    expect(code).toBe(2);
    expect(report.summary.documents).toBe(9);
    expect(report.summary.documentsWithErrors).toBe(1);
    expect(report.summary.skipped).toBe(1);
    const clients = Object.fromEntries(report.documents.map((d: { source: string; client: string }) => [path.relative(portfolio, d.source), d.client]));
    expect(clients['acme/gateway.cdx.json']).toBe('acme');
    expect(clients['globex/apps/gateway.spdx.json']).toBe('globex');
    expect(clients['initech/truncated.cdx.json']).toBe('initech');
    const broken = report.documents.find((d: { source: string }) => d.source.endsWith('truncated.cdx.json'));
    expect(broken.error).toMatch(/truncated\.cdx\.json: is not valid JSON/);
    expect(report.summary.flaggedComponents + report.summary.cleanComponents + report.summary.untestableComponents).toBe(report.summary.components);
  });

  it('writes the same report whatever the number of jobs', async () => {
    const one = await cli(['scan', portfolio, '--group-by', 'dir', '-f', 'json', '--jobs', '1']);
    const two = await cli(['scan', portfolio, '--group-by', 'dir', '-f', 'json', '--jobs', '2']);
    expect(two.stdout).toBe(one.stdout);
  });

  it('assigns clients from a manifest', async () => {
    const manifest = path.join(mkdtempSync(path.join(tmpdir(), 'ictscan-clients-')), 'clients.yaml');
    writeFileSync(manifest, `Acme Corp:\n  - ${portfolio}/acme/**\nGlobex:\n  - "${portfolio}/globex/**/*.json"\n`);
    const { report } = await json(['scan', path.join(portfolio, 'acme'), path.join(portfolio, 'globex'), '--clients', manifest, '-f', 'json']);
    expect(new Set(report.documents.map((d: { client: string }) => d.client))).toEqual(new Set(['Acme Corp', 'Globex']));
  });

  it('shards the inputs stably, and merge of the shards equals one run over all inputs, in every format', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-shards-'));
    const whole = await cli(['scan', portfolio, '--group-by', 'dir', '-f', 'json']);
    const parts: string[] = [];
    const sizes: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const out = path.join(dir, `shard-${i}.json`);
      await cli(['scan', portfolio, '--group-by', 'dir', '--shard', `${i}/3`, '-f', 'json', '-o', out]);
      parts.push(out);
      sizes.push(JSON.parse(readFileSync(out, 'utf8')).summary.documents + JSON.parse(readFileSync(out, 'utf8')).summary.skipped);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    const again = await cli(['scan', portfolio, '--group-by', 'dir', '--shard', '2/3', '-f', 'json']);
    expect(JSON.parse(again.stdout).documents).toEqual(JSON.parse(readFileSync(parts[1] ?? '', 'utf8')).documents);
    const merged = await cli(['merge', ...parts, '-f', 'json']);
    expect(merged.code).toBe(whole.code);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    const mergedTable = await cli(['merge', ...parts]);
    expect(mergedTable.stdout).toBe((await cli(['scan', portfolio, '--group-by', 'dir'])).stdout);
    expect((await cli(['scan', portfolio, '--shard', '4/3'])).code).toBe(2);
  });

  it('merge refuses what is not a JSON report', async () => {
    const bad = path.join(portfolio, 'acme', 'gateway.cdx.json');
    const r = await cli(['merge', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an ictscan JSON report/);
  });
});

describe('progress bar', () => {
  function fakeTty() {
    let text = '';
    return {
      stream: { isTTY: true, columns: 120, write: (s: string) => ((text += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => undefined, removeListener: () => undefined },
      text: () => text,
    };
  }
  const io = (stderr: ReturnType<typeof fakeTty>['stream'], env: Record<string, string>) => ({
    stdout: { write: () => true, isTTY: false },
    stderr,
    stdin: async () => Buffer.alloc(0),
    env,
    cwd: process.cwd(),
    now: new Date('2026-11-21T00:00:00Z'),
  });

  it('shows documents done on a terminal, and nothing in CI or with --quiet', async () => {
    const tty = fakeTty();
    await run(['scan', portfolio, '-f', 'json', '--jobs', '1'], io(tty.stream, {}));
    expect(tty.text()).toMatch(/\d+\/10 \| \d+ findings, \d+ errors/);
    const ci = fakeTty();
    await run(['scan', portfolio, '-f', 'json'], io(ci.stream, { CI: 'true' }));
    expect(ci.text()).not.toMatch(/findings, /);
    const quiet = fakeTty();
    await run(['scan', portfolio, '-f', 'json', '--quiet'], io(quiet.stream, {}));
    expect(quiet.text()).toBe('');
  });
});

describe('table of a portfolio', () => {
  it('writes the plan of a component flagged the same way in several documents once, naming the other documents', async () => {
    const out = (await cli(['scan', path.join(SAMPLES, 'acme-secure-gateway.cdx.json'), path.join(PACKAGE_ROOT, 'test', 'sample-app', 'acme-secure-gateway.cdx.xml')])).stdout;
    expect(out.match(/^\d+\. REMOVE kesl@12\.0\.0-6672: /gm)).toHaveLength(1);
    expect(unwrap(out)).toMatch(/Also in: 1 other document with the same plan \(.*acme-secure-gateway\.cdx\.xml\)/);
    expect(out).toMatch(/Remediation plan for .*acme-secure-gateway\.cdx\.xml: the same as for the documents above \(7 findings\)\./);
  });
});
