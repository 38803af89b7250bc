// Markdown for pull requests and MSP summaries: each finding names its document (and client), is numbered across the
// report, and when the row cap bites the most severe findings are the ones kept.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-md-'));
function write(name: string, components: object[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
  return file;
}
const ui = (i: number) => ({ type: 'library', group: '@kaspersky', name: `ui-kit-${i}`, version: '1.0.0', purl: `pkg:npm/%40kaspersky/ui-kit-${i}@1.0.0` });
const MANY_UI = write('frontend.cdx.json', Array.from({ length: 55 }, (_, i) => ui(i)));
const AGENT = write('gateway.cdx.json', [{ type: 'application', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0' }]);

function rows(md: string): string[] {
  return md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
}

describe('Markdown findings', () => {
  it('names the document of each finding and numbers them across the report', async () => {
    const small = write('small.cdx.json', [ui(1), ui(2)]);
    const r = await cli(['scan', small, AGENT, '-f', 'markdown']);
    const body = rows(r.stdout);
    expect(body).toHaveLength(3);
    expect(body.map((l) => l.split('|')[1]?.trim())).toEqual(['1', '2', '3']);
    expect(body[0]).toMatch(/kesl.*gateway\.cdx\.json/);
    expect(body[1]).toMatch(/ui-kit-1.*small\.cdx\.json/);
    expect(r.stdout).toMatch(/\| Document \|/);
  });

  it('names the client of each finding when documents are grouped', async () => {
    const r = await cli(['scan', AGENT, '-f', 'markdown', '--group-by', 'dir']);
    expect(r.stdout).toMatch(/\| Document \(client\) \|/);
    expect(rows(r.stdout)[0]).toMatch(/gateway\.cdx\.json` \(`[^`]+`\)/);
  });

  it('when capped, keeps the most severe findings first', async () => {
    const r = await cli(['scan', MANY_UI, AGENT, '-f', 'markdown']);
    const body = rows(r.stdout);
    expect(body).toHaveLength(50);
    expect(body[0]).toMatch(/\| 1 \| critical \| `kesl@12\.0\.0`/);
    expect(r.stdout).toMatch(/…and 6 less severe findings in the JSON report/);
  });

  it('says why a match that does not count is listed (set aside)', async () => {
    const hexa = write('hexa.cdx.json', [{ type: 'library', group: '@kaspersky', name: 'hexa-ui', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2', author: 'AO Kaspersky Lab' }]);
    const r = await cli(['scan', hexa, '-f', 'markdown']);
    expect(rows(r.stdout)[0]).toMatch(/KL\\-ENT\\-001 \\\(legal\\-entity, banned; set aside: /);
  });
});

describe('HTML', () => {
  it('says why a set-aside match is listed', async () => {
    const hexa = write('hexa-html.cdx.json', [{ type: 'library', group: '@kaspersky', name: 'hexa-ui', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2', author: 'AO Kaspersky Lab' }]);
    const r = await cli(['scan', hexa, '-f', 'html']);
    expect(r.stdout).toMatch(/Also matched KL-ENT-001 \(.*?legal-entity, banned, critical\); set aside: KL-OSS-001 identifies/);
  });
});
