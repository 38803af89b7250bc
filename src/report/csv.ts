// Findings as RFC 4180 CSV, one row per finding, safe to open in a spreadsheet.
import type { DocumentReport, Finding, ScanReport, SkippedInput } from '../model/result.js';
import type { Reporter } from './reporter.js';
import { clientOf, groupByClient } from './portfolio.js';
import { plain } from './sanitize.js';
import { partialCheckNote, rulesOnlyNote } from './text.js';

const HEADER = [
  'client',
  'document',
  'component',
  'version',
  'purl',
  'rule',
  'title',
  'category',
  'severity',
  'confidence',
  'status',
  'suppressed',
  'action',
  'due',
  'direct',
  'introducedBy',
  'evidence',
] as const;

type Row = Readonly<Record<(typeof HEADER)[number], string>>;

/** A cell that Excel, LibreOffice or Google Sheets evaluate (OWASP "CSV Injection"): `=`, a sign, a control. */
const FORMULA_START = /^[=+\-\t\r]/;
/**
 * `@` starts a formula only with something a spreadsheet evaluates after it (a call, a DDE or external reference, a
 * comparison, a string): an npm scope such as `@kaspersky/hexa-ui` is a name and is kept as written.
 */
const AT_FORMULA = /^@.*[(|!="'\s,;]/s;

/**
 * One cell: SBOM text keeps its line breaks (quoted, so the row stays one record) but loses terminal escapes,
 * bidi overrides and other invisible controls; a cell that a spreadsheet would evaluate gets a leading `'`.
 */
export function csvCell(value: string): string {
  // The capture group keeps the line breaks themselves in the split, untouched; plain() would turn them into marks.
  let s = value
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : plain(part)))
    .join('');
  if (FORMULA_START.test(s) || AT_FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function direct(f: Finding): string {
  // Empty when the SBOM has no dependency graph: "false" would claim a fact the document does not state.
  return f.direct === null ? '' : String(f.direct);
}

function findingRow(client: string, f: Finding): Row {
  const ev = f.evidence[0];
  return {
    client,
    document: f.source,
    component: f.component.name,
    version: f.component.version ?? '',
    purl: f.component.purl ?? '',
    rule: f.rule.id,
    title: f.rule.title,
    category: f.rule.category,
    severity: f.severity,
    confidence: f.confidence,
    status: f.rule.status,
    suppressed: String(f.suppression !== undefined),
    action: f.remediation.action,
    due: f.remediation.deadline.due,
    direct: direct(f),
    introducedBy: f.introducedByComponents.map((c) => c.name).join('; '),
    evidence: ev ? `${ev.field}=${ev.value}` : '',
  };
}

/**
 * Unreadable inputs are rows too, with rule ERROR and the message as title: a spreadsheet user sees only rows,
 * and an SBOM that was never checked must not pass for a clean one.
 */
function errorRow(client: string, d: DocumentReport): Row {
  return { ...emptyRow(), client, document: d.source, rule: 'ERROR', title: d.error ?? '' };
}

function emptyRow(): Record<(typeof HEADER)[number], string> {
  return Object.fromEntries(HEADER.map((h) => [h, ''])) as Record<(typeof HEADER)[number], string>;
}

/**
 * A component with nothing to test but its name is a row too (rule UNTESTABLE), and so is each part of a document
 * the reader could not check (rule UNCHECKED): a sheet that lists only findings would make them look clean.
 */
function coverageRows(client: string, d: DocumentReport): Row[] {
  const untestable = d.untestable.map((c) => ({ ...emptyRow(), client, document: d.source, component: c.name, version: c.version ?? '', purl: c.purl ?? '', rule: 'UNTESTABLE', title: 'nothing but a name to test: not checked' }));
  const unchecked = d.unchecked.map((u) => ({ ...emptyRow(), client, document: d.source, rule: 'UNCHECKED', title: u }));
  return [...untestable, ...unchecked];
}

/**
 * A read document without findings is a row too, so that an MSP's sheet lists every input: CLEAN when everything in
 * it was checked, PARTLY-CHECKED (with what was not) otherwise.
 */
function documentRow(client: string, d: DocumentReport): Row[] {
  if (d.findings > 0) return [];
  const partial = partialCheckNote(d);
  return [{ ...emptyRow(), client, document: d.source, rule: partial ? 'PARTLY-CHECKED' : 'CLEAN', title: partial ?? `no Kaspersky components found in ${d.components} component${d.components === 1 ? '' : 's'}` }];
}

/** Entries skipped while walking a directory are rows too (rule SKIPPED), so that a spreadsheet shows what was not read. */
function skippedRow(k: SkippedInput): Row {
  const row = Object.fromEntries(HEADER.map((h) => [h, ''])) as Record<(typeof HEADER)[number], string>;
  return { ...row, document: k.source, rule: 'SKIPPED', title: k.reason };
}

export const csvReporter: Reporter = {
  name: 'csv',
  description: 'one row per finding (and per clean, partly checked, unreadable or skipped input, untestable component or unchecked part) as CSV, for spreadsheets',
  render(report: ScanReport): string {
    const rows: Row[] = [];
    const rulesOnly = rulesOnlyNote(report);
    if (rulesOnly) rows.push({ ...emptyRow(), rule: 'RULES-ONLY', title: rulesOnly });
    // Nothing read: one row says so, or the sheet would be as empty as a clean one.
    if (report.documents.length === 0) rows.push({ ...emptyRow(), rule: 'ERROR', title: 'no SBOM found in the inputs' });
    // Grouped by client like the HTML report; findings keep report order (document, then plan priority) within a client.
    for (const g of groupByClient(report)) {
      for (const f of g.findings) rows.push(findingRow(g.name, f));
      for (const d of g.documents) {
        if (d.error !== null) rows.push(errorRow(clientOf(d), d));
        else rows.push(...documentRow(clientOf(d), d), ...coverageRows(clientOf(d), d));
      }
    }
    for (const k of report.skipped) rows.push(skippedRow(k));
    const lines = [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => csvCell(r[h])).join(','))];
    // The BOM makes Excel read UTF-8 instead of the ANSI code page; CRLF is what RFC 4180 prescribes.
    return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
  },
};
