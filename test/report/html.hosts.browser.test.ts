// The host portfolio with a history in a real, offline Chromium: per-client verdicts and coverage figures as drawn,
// no errors or requests, and a screenshot kept in test-output/ for people to check.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/result.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { htmlReporter } from '../../src/report/html.js';
import { hostsPortfolio } from './html-hosts-portfolio.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUTPUT = path.join(PACKAGE_ROOT, 'test-output');

function hasPlaywright(): boolean {
  try {
    createRequire(import.meta.url).resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}

const missing = [!existsSync(CHROMIUM) && `${CHROMIUM} not found (apt-get install -y chromium)`, !hasPlaywright() && 'playwright-core not installed (npm install)'].filter((m): m is string => Boolean(m));
// CI installs the browser, so there a missing one fails instead of passing silently.
const skip = missing.length > 0 && !process.env.CI;
const title = `host portfolio html in Chromium${skip ? ` (skipped: ${missing.join('; ')})` : ''}`;

describe.skipIf(skip)(title, () => {
  let report: ScanReport;
  let dir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI must provide the browser test's tools: ${missing.join('; ')}`);
    report = await hostsPortfolio();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ictscan-html-hosts-'));
    const file = path.join(dir, 'hosts.html');
    writeFileSync(file, htmlReporter.render(report, { color: false, failOn: 'info', width: 120 }));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows each client verdict and its coverage figures as the report counts them', async () => {
    const cells = async (client: string) => page.locator('#hosts-table tbody tr', { has: page.locator('th', { hasText: client }) }).locator('td').allTextContents();
    // hosts, running Kaspersky, done, partly checked, not checkable, migrated
    expect(await cells('Acme')).toEqual(['3', '1', '2', '0', '0', '0']);
    expect(await cells('Globex')).toEqual(['2', '0', '2', '0', '0', '0']);
    expect(await cells('Initech')).toEqual(['1', '0', '1', '0', '0', '0']);
    const lines = await page.locator('p.hosts-line').allTextContents();
    expect(lines[0]).toBe('Hosts: 1 of 3 running Kaspersky, 2 done, 0 partly checked, 0 not checkable.');
    expect(lines).toHaveLength(3);
    // The per-client verdict of the plans section: Acme still exposed, Globex clean.
    expect(await page.locator('#client-0 .history p').first().textContent()).toBe('2 products removed, 1 new; 2 hosts done (WS1, WS3).');
    expect(await page.locator('#client-1').textContent()).toContain('No Kaspersky software found for this client.');
  });

  it('draws the host bars with visible segments and a trend line per client', async () => {
    expect(await page.locator('#chart-hosts g.bar').count()).toBe(3);
    const kaspersky = page.locator('#chart-hosts rect.st-kaspersky');
    expect(await kaspersky.count()).toBe(1);
    const box = await kaspersky.boundingBox();
    expect(box?.width).toBeGreaterThan(0);
    for (let gi = 0; gi < 3; gi++) {
      const line = await page.locator(`#chart-trend-${gi} polyline.ln-done`).boundingBox();
      expect(line?.width).toBeGreaterThan(100);
    }
  });

  it('looks right: a full-page screenshot for people to check, with no errors and no requests', async () => {
    await page.locator('#client-0 .history details > summary').click();
    mkdirSync(OUTPUT, { recursive: true });
    const shot = path.join(OUTPUT, 'html-hosts-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
