// CSV reporter: RFC 4180 that parses back to one row per finding and per unreadable input, and no cell a spreadsheet would run.
import { describe, expect, it } from 'vitest';
import { csvCell, csvReporter } from '../../src/report/csv.js';
import { assembleReport, prepareRules, scanBytes } from '../../src/scan.js';
import type { ScanReport } from '../../src/model/result.js';

const rules = prepareRules();
const NOW = new Date('2026-11-21T00:00:00Z');
const ctx = { color: false, failOn: 'info' as const, width: 120 };
const KASPERSKY = { name: 'AO Kaspersky Lab' };

function reportOf(docs: Record<string, string>): ScanReport {
  const results = Object.entries(docs).map(([source, text]) => scanBytes(source, Buffer.from(text), rules, { walked: false, minConfidence: 'medium', maxSize: 1e9, now: NOW }));
  return assembleReport(results, rules, { minConfidence: 'medium', now: NOW });
}

function cdx(components: { name: string; version?: string }[]): string {
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: components.map((c) => ({ type: 'library', supplier: KASPERSKY, ...c })) });
}

/** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; every record ends in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = text[i + 1];
        if (next !== ',' && next !== '\r') throw new Error(`text after a closing quote at ${i}`);
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n') {
      throw new Error(`LF outside quotes at ${i}`);
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last record does not end in CRLF');
  return rows;
}

/** Rows as objects keyed by the header, BOM removed. */
function records(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  if (!header) throw new Error('no header row');
  for (const r of rows) expect(r).toHaveLength(header.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// SBOM parsers trim names, so a leading tab or CR cannot come from here; csvCell's own tests cover those.
const HOSTILE_NAMES = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(1)'];

describe('csv reporter', () => {
  const report = reportOf({
    'clients/acme/formulas.cdx.json': cdx(HOSTILE_NAMES.map((name) => ({ name, version: name }))),
    'clients/acme/quotes.cdx.json': cdx([{ name: 'say "hi", then\nleave', version: '1,0' }]),
    'clients/globex/broken.cdx.json': '{"bomFormat": "CycloneDX", ',
    'lonely.cdx.json': cdx([{ name: 'kes' }]),
  });
  const csv = csvReporter.render(report, ctx);
  const rows = records(csv);

  it('writes the header, then one row per finding and one ERROR row per unreadable input', () => {
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe('client,document,component,version,purl,rule,title,category,severity,confidence,status,suppressed,action,due,direct,introducedBy,evidence');
    const errors = report.documents.filter((d) => d.error !== null);
    expect(errors).toHaveLength(1);
    expect(report.findings.length).toBeGreaterThanOrEqual(HOSTILE_NAMES.length + 2);
    expect(rows).toHaveLength(report.findings.length + errors.length);
    const errorRows = rows.filter((r) => r.rule === 'ERROR');
    expect(errorRows).toEqual([expect.objectContaining({ client: 'globex', document: 'clients/globex/broken.cdx.json', title: errors[0]?.error, component: '' })]);
  });

  it('ends every record with CRLF and has no bare line feed outside quoted fields', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(() => parseCsv(csv.slice(1))).not.toThrow();
  });

  it('names the client by folder, and "(no client)" for a file outside any folder', () => {
    expect(new Set(rows.map((r) => r.client))).toEqual(new Set(['acme', 'globex', '(no client)']));
    // Clients in name order, unassigned last.
    expect(rows.at(-1)?.client).toBe('(no client)');
  });

  it('neutralizes every cell a spreadsheet would read as a formula', () => {
    const acme = rows.filter((r) => r.document === 'clients/acme/formulas.cdx.json');
    expect(acme.map((r) => r.component).sort()).toEqual(["'+1", "'-1", "'=cmd|' /C calc'!A0", "'@SUM(1)"].sort());
    for (const r of acme) expect(r.version).toBe(r.component);
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-\t\r]|^@.*[(|!="'\s,;]/);
  });

  it('quotes commas, quotes and line breaks and keeps them intact', () => {
    const quoted = rows.find((r) => r.document === 'clients/acme/quotes.cdx.json');
    expect(quoted?.component).toBe('say "hi", then\nleave');
    expect(quoted?.version).toBe('1,0');
    expect(csv).toContain('"say ""hi"", then\nleave","1,0"');
  });

  it('fills the finding columns', () => {
    const r = rows.find((x) => x.component === 'kes');
    // The product code "kes" with a Kaspersky supplier is Kaspersky Endpoint Security (issue 13): its first evidence is the name.
    expect(r).toMatchObject({ client: '(no client)', suppressed: 'false', direct: '', evidence: 'name=kes', rule: 'KL-PRD-001' });
    expect(r?.severity).toMatch(/^(critical|high|medium|low|info)$/);
  });

  it('writes the same bytes for the same report', () => {
    expect(csvReporter.render(report, ctx)).toBe(csv);
  });
});

describe('csvCell', () => {
  it('quotes only when RFC 4180 requires it', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('')).toBe('');
  });

  it('prefixes formula starters, including after quoting is needed', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('drops terminal escapes and bidi overrides', () => {
    expect(csvCell('evil\u001b[2Jname\u202e')).toBe('evilname�');
  });
});
