// An MSP portfolio of host inventories over two runs with a history: shared by the HTML tests (plain and in Chromium).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HistoryStore, recordRun } from '../../src/history/index.js';
import type { ScanReport } from '../../src/model/result.js';
import { scan } from '../../src/scan.js';

export const COLUMNS = { name: 'DisplayName', version: 'DisplayVersion', publisher: 'Publisher', host: 'ComputerName', client: 'Client' };
const HEADER = 'Client,ComputerName,DisplayName,DisplayVersion,Publisher';
const HOSTILE = 'Initech <img src=x onerror=alert(1)>';

const RUN1 = [
  HEADER,
  'Acme,WS1,Kaspersky Endpoint Security for Windows,12.1,AO Kaspersky Lab',
  'Acme,WS2,Kaspersky Security Center Network Agent,14,AO Kaspersky Lab',
  'Acme,WS3,Kaspersky Free,21,AO Kaspersky Lab',
  'Globex,SRV1,Kaspersky Small Office Security,21.3,Kaspersky',
  'Globex,SRV2,7-Zip,23,Igor Pavlov',
  `"${HOSTILE}",LAP1,Google Chrome,120,Google LLC`,
];
// Run 2: WS1 and WS3 cleaned, WS2 still running Kaspersky and a new product there; SRV1 done.
const RUN2 = [
  HEADER,
  'Acme,WS1,Google Chrome,121,Google LLC',
  'Acme,WS2,Kaspersky Security Center Network Agent,14,AO Kaspersky Lab',
  'Acme,WS2,Kaspersky Password Manager,9.0,AO Kaspersky Lab',
  'Acme,WS3,Bitdefender Endpoint Security Tools,7.9,Bitdefender',
  'Globex,SRV1,Microsoft Defender,4.18,Microsoft Corporation',
  'Globex,SRV2,7-Zip,23,Igor Pavlov',
  `"${HOSTILE}",LAP1,Google Chrome,121,Google LLC`,
];

/** The second run's report with its history section, the way `scan --history` assembles it. */
export async function hostsPortfolio(): Promise<ScanReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-html-hosts-'));
  const store = await HistoryStore.open(path.join(dir, 'history.db'));
  let last: ScanReport | undefined;
  for (const [i, rows] of [RUN1, RUN2].entries()) {
    const file = path.join(dir, `rmm-run${i + 1}.csv`);
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const report = await scan({ inputs: [file], columns: COLUMNS, now: new Date(`2026-11-${20 + i}T00:00:00Z`) });
    last = { ...report, history: { ...recordRun(store, report), file: 'history.db' } };
  }
  store.close();
  if (!last) throw new Error('no run');
  return last;
}
