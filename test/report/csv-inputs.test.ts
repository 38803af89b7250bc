// CSV for an MSP: values as written (an npm scope is a name, not a formula) and a row for every input, clean,
// partly checked or unreadable.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/report/csv.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-csv-'));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
const cdx = (components: object[]) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components });

describe('CSV', () => {
  it('keeps an npm scope as written, and still neutralizes what a spreadsheet evaluates', async () => {
    const ui = write('ui.cdx.json', cdx([{ type: 'library', group: '@kaspersky', name: 'hexa-ui', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2' }]));
    const r = await cli(['scan', ui, '-f', 'csv']);
    expect(r.stdout).toMatch(/,@kaspersky\/hexa-ui,6\.198\.2,/);
    expect(r.stdout).not.toMatch(/'@kaspersky/);
    expect(csvCell('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(csvCell('@x|cmd')).toBe("'@x|cmd");
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@angular/core')).toBe('@angular/core');
  });

  it('has one row per clean, partly checked and unreadable document', async () => {
    const clean = write('clean.cdx.json', cdx([{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }]));
    const names = write('names.cdx.json', cdx([{ type: 'library', name: 'mystery' }]));
    const broken = write('broken.cdx.json', '{"bomFormat": "CycloneDX", ');
    const r = await cli(['scan', clean, names, broken, '-f', 'csv']);
    const lines = r.stdout.split('\r\n');
    const rowOf = (file: string) => lines.filter((l) => l.includes(path.basename(file)));
    expect(rowOf(clean)).toEqual([expect.stringMatching(/,CLEAN,no Kaspersky components found in 1 component,/)]);
    expect(rowOf(names).some((l) => /,PARTLY-CHECKED,"?not fully checked/.test(l))).toBe(true);
    expect(rowOf(broken).some((l) => /,ERROR,/.test(l))).toBe(true);
  });
});
