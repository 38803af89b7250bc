// HTML reporter: a self-contained page that fetches nothing, escapes every SBOM value and renders the same bytes twice.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlReporter } from '../../src/report/html.js';
import { clientOf, groupByClient, NO_CLIENT } from '../../src/report/portfolio.js';
import { assembleReport, prepareRules, scanBytes } from '../../src/scan.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { ScanReport } from '../../src/model/result.js';

const rules = prepareRules();
const NOW = new Date('2026-11-21T00:00:00Z');
const ctx = { color: false, failOn: 'info' as const, width: 120 };

function reportOf(docs: Record<string, string | Buffer>): ScanReport {
  const results = Object.entries(docs).map(([source, text]) => scanBytes(source, Buffer.from(text), rules, { walked: false, minConfidence: 'medium', maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence: 'medium', now: NOW });
}

const HOSTILE = ['<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>', '](javascript:alert(1))', '" onmouseover="alert(1)'];

const hostile = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: HOSTILE.map((name) => ({ type: 'library', name, version: name, supplier: { name: 'AO Kaspersky Lab' } })),
});
const sample = (f: string) => readFileSync(path.join(PACKAGE_ROOT, 'sbom-samples', f));

const report = reportOf({
  'clients/acme/gateway.cdx.json': sample('acme-secure-gateway.cdx.json'),
  'clients/globex/gateway.spdx.json': sample('acme-secure-gateway.spdx.json'),
  'clients/globex/broken.json': '{"bomFormat": "CycloneDX", ',
  'clients/initech/hostile.cdx.json': hostile,
  'clients/umbrella/clean.cdx.json': JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] }),
  // A name alone cannot be tested: this client's document is read but not fully checked.
  'clients/wayne/names.cdx.json': JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad', version: '1.3.0' }] }),
});
const html = htmlReporter.render(report, ctx);

/** The text between an opening tag (with any attributes) and its closing tag. */
function inner(tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}

describe('html reporter: self-contained', () => {
  it('is one HTML document with no external resource of any kind', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/\s(?:src|href|action|formaction|poster|data|srcset|xlink:href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/<(?:iframe|object|embed|img|image|use|base|form)\b/i);
    // Every link stays on the page.
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z0-9-]+$/);
  });

  it('has exactly one inline script, no src, and no inline event handlers', () => {
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toMatch(/<script>[\s\S]*<\/script>\n<\/body>/);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
  });

  it('pins the inline style and script by hash in a default-src none policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).not.toContain('unsafe');
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    const [style] = inner('style');
    const [script] = inner('script');
    expect(csp).toContain(`style-src ${hash(style ?? '')}`);
    expect(csp).toContain(`script-src ${hash(script ?? '')}`);
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });
});

describe('html reporter: escaping', () => {
  it('shows hostile component names only as escaped text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('" onmouseover=');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('](javascript:alert(1))');
    expect(html).toContain('&quot; onmouseover=&quot;alert(1)');
  });

  it('keeps SBOM text out of the script and escapes a hostile client name', () => {
    const named = { ...report, documents: report.documents.map((d) => ({ ...d, client: '<b>Evil" & Co</b>' })) };
    const out = htmlReporter.render(named, ctx);
    expect(out).not.toContain('<b>Evil');
    expect(out).toContain('&lt;b&gt;Evil&quot; &amp; Co&lt;/b&gt;');
    const [script] = [...out.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(script).not.toMatch(/Evil|acme|globex|kesl/);
  });
});

describe('html reporter: content', () => {
  const groups = groupByClient(report);

  it('groups documents by explicit client, else by folder, else "(no client)"', () => {
    expect(groups.map((g) => g.name)).toEqual(['acme', 'globex', 'initech', 'umbrella', 'wayne']);
    expect(clientOf({ source: 'a/b/c.json', client: 'Contoso' })).toBe('Contoso');
    expect(clientOf({ source: 'a/b/c.json', client: null })).toBe('b');
    expect(clientOf({ source: 'C:\\clients\\fabrikam\\x.json' })).toBe('fabrikam');
    expect(clientOf({ source: 'c.json' })).toBe(NO_CLIENT);
    expect(clientOf({ source: './c.json' })).toBe(NO_CLIENT);
    expect(clientOf({ source: '-' })).toBe(NO_CLIENT);
  });

  it('summarizes the portfolio', () => {
    const tile = (label: string) => new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`).exec(html)?.[1];
    expect(tile('Clients')).toBe('5');
    expect(tile('Clients exposed')).toBe('3');
    expect(tile('Documents')).toBe('6');
    expect(tile('Findings')).toBe(String(report.findings.length));
    expect(tile('Inputs that could not be read')).toBe('1');
    expect(html).toMatch(/<time datetime="2026-11-21T00:00:00.000Z">2026-11-21 00:00 UTC<\/time>/);
    expect(html).toContain(`ictscan ${report.tool.version}`);
  });

  it('draws the exposure chart as inline SVG with one bar per client', () => {
    const svg = /<figure id="chart-clients">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(svg).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(svg.match(/<g class="bar" data-client="\d+">/g)).toHaveLength(groups.length);
    // Clean clients have a bar without segments.
    const umbrella = /<g class="bar" data-client="3">[\s\S]*?<\/g>/.exec(svg)?.[0] ?? '';
    expect(umbrella).not.toContain('<rect');
    expect(html).toMatch(/<figure id="chart-categories">/);
  });

  it('renders every finding as a table row with filters and sortable, scoped headers', () => {
    const body = /<table class="findings" id="findings-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(body.match(/<tr data-i=/g)).toHaveLength(report.findings.length);
    expect(body.match(/<th scope="col"/g)).toHaveLength(12);
    expect(body).toContain('<th scope="col" aria-sort="ascending">Client</th>');
    for (const id of ['f-client', 'f-severity', 'f-category', 'f-text']) expect(html).toContain(`<label for="${id}">`);
    // Only clients with findings are worth filtering for.
    expect(html.match(/<select id="f-client">[\s\S]*?<\/select>/)?.[0].match(/<option/g)).toHaveLength(1 + 3);
    // The controls need the script; without it the page shows every row and no dead controls.
    expect(html).toContain('<div class="filters" id="filters" role="search" hidden>');
  });

  it('has a plan for every finding, per client, with why, where, what, when, alternatives and risks', () => {
    const plans = html.match(/<details class="plan[\s\S]*?<\/details>/g) ?? [];
    expect(plans).toHaveLength(report.findings.length);
    for (const p of plans) for (const h of ['Why', 'Where', 'What to do', 'By when', 'Alternatives', 'Risks']) expect(p).toContain(`<h5>${h}</h5>`);
    expect(html).toMatch(/<section class="client" id="client-3"[\s\S]*?No Kaspersky software found for this client\./);
  });

  it('never calls a client with unreadable or untestable inputs clean: it says what could not be checked', () => {
    const section = (i: number) => new RegExp(`<section class="client" id="client-${i}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    expect(section(1)).toContain('Not everything could be checked for this client: 1 document could not be read.');
    expect(section(4)).not.toContain('No Kaspersky software found for this client.');
    expect(section(4)).toContain('No Kaspersky software found in what could be checked for this client, but 1 document could not be fully checked');
    expect(section(4)).toMatch(/1 of 1 component carries nothing but a name to test/);
    expect(section(4)).toMatch(/<td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
  });

  it('lists unreadable inputs with their errors', () => {
    const section = /<section id="unreadable"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const broken = report.documents.find((d) => d.error !== null);
    expect(section).toContain('clients/globex/broken.json');
    expect(section).toContain(broken?.errorCode ?? 'missing');
  });

  it('renders the same bytes for the same report', () => {
    expect(htmlReporter.render(report, ctx)).toBe(html);
    expect(htmlReporter.render(JSON.parse(JSON.stringify(report)) as ScanReport, ctx)).toBe(html);
  });

  it('renders an empty scan', () => {
    const out = htmlReporter.render(reportOf({}), ctx);
    expect(out).toContain('<p class="verdict warn">Nothing was checked: no SBOM found in the inputs.</p>');
    expect(out).not.toContain('No Kaspersky software found.');
    expect(out).toContain('<p class="empty">No findings.</p>');
  });
});
