// --history: two runs over changed inventories say what was removed and what is new per client and host, and a run
// that dies while saving leaves the previous history readable.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { HistoryStore, recordRun } from '../../src/history/index.js';
import type { ScanReport } from '../../src/model/result.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli } from '../helpers/cli.js';

const COLUMNS = 'name=DisplayName,version=DisplayVersion,publisher=Publisher,host=ComputerName,client=Client';
const HEADER = 'Client,ComputerName,DisplayName,DisplayVersion,Publisher';
const RUN1 = [HEADER, 'acme,WS1,Kaspersky Endpoint Security for Windows,12.1,AO Kaspersky Lab', 'acme,WS1,Google Chrome,120,Google LLC', 'acme,WS2,Kaspersky Security Center Network Agent,14,AO Kaspersky Lab', 'beta,SRV1,7-Zip,23,Igor Pavlov'];
const RUN2 = [HEADER, 'acme,WS1,Google Chrome,121,Google LLC', 'acme,WS2,Kaspersky Security Center Network Agent,14,AO Kaspersky Lab', 'acme,WS2,Kaspersky Free,21,AO Kaspersky Lab', 'beta,SRV1,7-Zip,23,Igor Pavlov'];

function workdir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ictscan-history-'));
}

async function scanInto(dir: string, name: string, rows: readonly string[], ...extra: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, `${rows.join('\r\n')}\r\n`);
  return cli(['scan', file, '--columns', COLUMNS, '--history', path.join(dir, 'history.db'), '--format', 'json', '-q', ...extra]);
}

function historyOf(stdout: string): NonNullable<ScanReport['history']> {
  const report = JSON.parse(stdout) as ScanReport;
  if (!report.history) throw new Error('no history section in the report');
  return report.history;
}

describe('--history', () => {
  it('records the first run (everything new), then reports per client and host what was removed, what is new, the hosts done and the trend', async () => {
    const dir = workdir();
    const first = await scanInto(dir, 'run1.csv', RUN1);
    expect(first.code).toBe(1);
    const h1 = historyOf(first.stdout);
    expect(h1.run).toBe(1);
    expect(h1.previous).toBeNull();
    expect(h1.clients.find((c) => c.client === 'acme')?.added).toBe(2);

    const second = await scanInto(dir, 'run2.csv', RUN2);
    expect(second.code).toBe(1);
    const h2 = historyOf(second.stdout);
    expect(h2.run).toBe(2);
    expect(h2.previous?.run).toBe(1);
    const acme = h2.clients.find((c) => c.client === 'acme');
    expect(acme?.hostsDone).toEqual(['WS1']);
    expect(acme?.changes).toEqual([
      { host: 'WS1', previous: 'kaspersky', current: 'done', removed: ['Kaspersky Endpoint Security for Windows 12.1'], unconfirmed: [], added: [] },
      { host: 'WS2', previous: 'kaspersky', current: 'kaspersky', removed: [], unconfirmed: [], added: ['Kaspersky Free 21'] },
    ]);
    expect([acme?.removed, acme?.added]).toEqual([1, 1]);
    expect(h2.clients.find((c) => c.client === 'beta')?.changes).toEqual([]);
    expect(acme?.trend.map((p) => [p.run, p.kaspersky, p.done, p.products])).toEqual([
      [1, 2, 0, 2],
      [2, 1, 1, 2],
    ]);
    expect(h2.trend.map((p) => [p.hosts, p.kaspersky, p.done])).toEqual([
      [3, 2, 1],
      [3, 1, 2],
    ]);

    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8')) as object);
    expect(validate(JSON.parse(second.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the table and the Markdown report show the changes and the trend', async () => {
    const dir = workdir();
    await scanInto(dir, 'run1.csv', RUN1);
    writeFileSync(path.join(dir, 'run2.csv'), `${RUN2.join('\n')}\n`);
    const table = await cli(['scan', path.join(dir, 'run2.csv'), '--columns', COLUMNS, '--history', path.join(dir, 'history.db'), '-q']);
    expect(table.stdout).toMatch(/Migration history \(.*history\.db, run 2, compared with run 1/);
    expect(table.stdout).toContain('WS1: running Kaspersky -> done; removed: Kaspersky Endpoint Security for Windows 12.1');
    expect(table.stdout).toContain('WS2: new: Kaspersky Free 21');
    expect(table.stdout).toContain('trend (hosts running Kaspersky/done/not fully checked): run 1: 2/0/0, run 2: 1/1/0');
    const md = await cli(['scan', path.join(dir, 'run2.csv'), '--columns', COLUMNS, '--history', path.join(dir, 'history.db'), '-q', '-f', 'markdown']);
    expect(md.stdout).toContain('**Migration history**');
    expect(md.stdout).toContain('| `acme` | 0 | 0 | 0 | run 1: 2/0/0, run 2: 1/1/0, run 3: 1/1/0 |');
  });

  it('a product missing from a host that was not fully checked, or not scanned at all, is unconfirmed, never removed', async () => {
    const dir = workdir();
    const store = await HistoryStore.open(path.join(dir, 'h.db'));
    store.record('2026-11-01T00:00:00Z', [
      { client: 'acme', host: 'WS1', status: 'kaspersky', products: [{ name: 'Kaspersky Endpoint Security for Windows', label: 'Kaspersky Endpoint Security for Windows 12.1' }] },
      { client: 'acme', host: 'WS2', status: 'kaspersky', products: [{ name: 'Kaspersky Free', label: 'Kaspersky Free 21' }] },
    ]);
    // WS1 now unreadable, WS2 absent from the inputs.
    const report = { scannedAt: '2026-11-02T00:00:00Z', findings: [], documents: [{ source: 'acme/WS1.json', error: 'broken', untestableComponents: 0, unchecked: [], host: { name: 'WS1', platform: 'windows', migratedTo: [], notes: [] } }] } as unknown as ScanReport;
    const h = recordRun(store, report);
    const acme = h.clients.find((c) => c.client === 'acme');
    expect(acme?.changes).toEqual([
      { host: 'WS1', previous: 'kaspersky', current: 'not-checkable', removed: [], unconfirmed: ['Kaspersky Endpoint Security for Windows 12.1'], added: [] },
      { host: 'WS2', previous: 'kaspersky', current: 'not-scanned', removed: [], unconfirmed: ['Kaspersky Free 21'], added: [] },
    ]);
    expect(acme?.removed).toBe(0);
    expect(acme?.hostsDone).toEqual([]);
    store.close();
  });

  it('a run that dies between writing the temporary file and renaming it leaves the previous history readable and whole', async () => {
    const dir = workdir();
    const file = path.join(dir, 'history.db');
    await scanInto(dir, 'run1.csv', RUN1);
    const before = readFileSync(file);

    const store = await HistoryStore.open(file);
    store.record('2026-11-22T00:00:00Z', [{ client: 'acme', host: 'WS9', status: 'done', products: [] }]);
    let temp = '';
    await expect(
      store.save({
        beforeRename: (t) => {
          temp = t;
          // What a crash leaves: a temporary file cut short next to the history.
          writeFileSync(t, readFileSync(t).subarray(0, 1000));
          writeFileSync(path.join(dir, '.history.db.99999.deadbeef.tmp'), readFileSync(t));
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow(/could not be recorded.*killed.*previous history is unchanged/);
    store.close();
    expect(temp).not.toBe('');
    expect(readFileSync(file).equals(before)).toBe(true);

    // The next run reads the old history (one run), ignores the leftover temporary file and records run 2.
    const next = await scanInto(dir, 'run2.csv', RUN2);
    const h = historyOf(next.stdout);
    expect([h.run, h.previous?.run]).toEqual([2, 1]);
    expect(h.clients.find((c) => c.client === 'acme')?.hostsDone).toEqual(['WS1']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual(['.history.db.99999.deadbeef.tmp']);
  });

  it('a history file cut short or not a history at all is an error (exit 2) naming the file, and is left as it was', async () => {
    const dir = workdir();
    const file = path.join(dir, 'history.db');
    await scanInto(dir, 'run1.csv', RUN1);
    await scanInto(dir, 'run2.csv', RUN2);
    const whole = readFileSync(file);
    for (const bytes of [whole.subarray(0, Math.floor(whole.length / 2)), Buffer.from('{"not": "a database"}\n')]) {
      writeFileSync(file, bytes);
      const r = await scanInto(dir, 'run3.csv', RUN2);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--history .*history\.db: not a readable ictscan history.*left unchanged/);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
    expect(existsSync(path.join(dir, 'run3.csv'))).toBe(true);
  });
});
