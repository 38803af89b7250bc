// The portfolio HTML for host inventories: hosts per client as inline SVG charts, the migration history per client.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/result.js';
import { htmlReporter } from '../../src/report/html.js';
import { hostsPortfolio } from './html-hosts-portfolio.js';

const ctx = { color: false, failOn: 'info' as const, width: 120 };

describe('html report of host inventories with a history', () => {
  let report: ScanReport;
  let html = '';
  beforeAll(async () => {
    report = await hostsPortfolio();
    html = htmlReporter.render(report, ctx);
  });

  it('has the per-client host counts: running Kaspersky, done, not checkable', () => {
    expect(html).toContain('<tr data-client-name="Acme" data-kaspersky="1" data-done="2" data-unchecked="0">');
    expect(html).toContain('<tr data-client-name="Globex" data-kaspersky="0" data-done="2" data-unchecked="0">');
    expect(html).toContain('Hosts: 1 of 3 running Kaspersky, 2 done, 0 partly checked, 0 not checkable');
  });

  it('draws the hosts chart, the overall trend and one trend per client as inline SVG, with nothing fetched', () => {
    expect(html).toMatch(/<figure id="chart-hosts">[\s\S]*?<svg class="chart"/);
    expect(html).toMatch(/<figure id="chart-trend">[\s\S]*?<polyline class="ln-kaspersky" points="[\d., ]+"/);
    for (let gi = 0; gi < 3; gi++) expect(html).toContain(`<figure id="chart-trend-${gi}">`);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('shows per client what was removed and what is new since the previous run, and the hosts done', () => {
    expect(html).toContain('<div class="history" id="history-0" data-removed="2" data-added="1" data-hosts-done="2">');
    expect(html).toContain('removed: <span class="mono">Kaspersky Endpoint Security for Windows 12.1</span>');
    expect(html).toContain('new: <span class="mono">Kaspersky Password Manager 9.0</span>');
    expect(html).toContain('<div class="history" id="history-1" data-removed="1" data-added="0" data-hosts-done="1">');
    expect(html).toContain('Migration since run 1');
  });

  it('escapes a hostile client name everywhere, charts included', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Initech &lt;img src=x onerror=alert(1)&gt;');
  });
});
