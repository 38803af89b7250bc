// The real endpoint inventories of ../shared/corpus-inputs, each read with the count its SOURCES.md gives.
// Two of them hold a real user's and host's name: assertions compare numbers and formats only, never host names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/result.js';
import { scan } from '../../src/scan.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus-inputs');
const SOURCES = path.join(DIR, 'SOURCES.md');

/** SOURCES.md kind -> the format ictscan reads it as. */
const FORMATS: Readonly<Record<string, string>> = {
  'dpkg-status': 'dpkg-status',
  'dpkg-l': 'dpkg-list',
  'rpm-qa': 'rpm-list',
  'rpm-qai': 'rpm-list',
  'winget-export': 'winget-export',
  'uninstall-csv': 'inventory-csv',
  'uninstall-json': 'windows-uninstall-json',
  'system-profiler': 'system-profiler',
  'apk-installed': 'apk-installed',
};

function inventoryEntries(): { file: string; kind: string; expect: number }[] {
  if (!existsSync(SOURCES)) return [];
  const text = readFileSync(SOURCES, 'utf8');
  const section = text.slice(text.indexOf('### Endpoint inventory outputs'), text.indexOf('## Notes'));
  const out = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = cells[1]?.replace(/`/g, '');
    const kind = cells[2];
    const expect = Number(cells[3]);
    if (!file || !kind || !Number.isInteger(expect) || !existsSync(path.join(DIR, file))) continue;
    out.push({ file, kind, expect });
  }
  return out;
}

const entries = inventoryEntries();
const now = new Date('2026-11-21T00:00:00Z');

describe.skipIf(!existsSync(SOURCES))('real endpoint inventories (skipped: ../shared/corpus-inputs is absent)', () => {
  it('finds every inventory file SOURCES.md lists', () => {
    expect(entries.length).toBe(14);
  });

  for (const e of entries) {
    it(`${e.file.slice(0, 60)}: reads ${e.expect} entries as ${FORMATS[e.kind] ?? '?'}`, async () => {
      const report: ScanReport = await scan({ inputs: [path.join(DIR, e.file)], now });
      const read = report.documents.filter((d) => d.error === null);
      expect(read.length).toBe(1);
      const doc = read[0];
      expect(doc?.format).toBe(FORMATS[e.kind]);
      expect(doc?.components).toBe(e.expect);
      expect((doc?.flaggedComponents ?? 0) + (doc?.cleanComponents ?? 0) + (doc?.untestableComponents ?? 0)).toBe(e.expect);
      // None of these hosts runs Kaspersky software.
      expect(report.findings.length).toBe(0);
    });
  }

  it('reports the shell error line of the sosreport rpm list with its line number and still reads the 394 packages', async () => {
    const file = entries.find((e) => e.file.startsWith('jds2001'))?.file;
    expect(file).toBeDefined();
    const report = await scan({ inputs: [path.join(DIR, file ?? '')], now });
    const errors = report.documents.filter((d) => d.error !== null);
    expect(errors.length).toBe(1);
    expect(errors[0]?.error).toMatch(/1 row\(s\) could not be read .*line 1: not a NAME-VERSION-RELEASE/);
    expect(report.summary.components).toBe(394);
  });

  it('reads the hand-broken winget export by its identifiers and says so', async () => {
    const report = await scan({ inputs: [path.join(DIR, 'amirrezaask__dotfiles__winget-export.json')], now });
    expect(report.documents[0]?.warnings.some((w) => w.includes('not valid JSON'))).toBe(true);
  });

  it('takes the host name from system_profiler without the test naming it', async () => {
    const report = await scan({ inputs: [path.join(DIR, 'yaronp__go-gql-mac-info__model.json')], now });
    const host = report.documents[0]?.host;
    expect(host?.named).toBe(true);
    expect(host?.platform).toBe('macos');
  });

  it('counts the dpkg -l rows in state rc and the deinstalled dpkg package as read, with their state as text', async () => {
    const report = await scan({ inputs: [path.join(DIR, 'kellyjonbrazil__jc__tests__fixtures__ubuntu-18.04__dpkg-l.out')], now });
    expect(report.documents[0]?.components).toBe(671);
    expect(report.documents[0]?.host?.platform).toBe('linux');
  });
});
