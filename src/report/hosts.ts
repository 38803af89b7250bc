// The MSP portfolio of hosts: one row per host (document) with what still runs Kaspersky, for ticketing (CSV, JSON).
import type { ClientHistory, DocumentReport, HistoryPoint, HistoryReport, HostChange, HostState, ScanReport } from '../model/result.js';
import { csvCell } from './csv.js';
import { escapeMarkdown, markdownCode } from './sanitize.js';
import { clientOf, compareClients, groupByClient } from './portfolio.js';
import type { Reporter } from './reporter.js';

/** kaspersky: a finding that is not suppressed; not-checkable: unreadable; partly-checked: read, but not all of it could be tested. */
export type HostStatus = HostState;

export interface HostRow {
  readonly client: string;
  readonly host: string;
  readonly source: string;
  readonly platform: string;
  readonly status: HostStatus;
  readonly products: readonly string[];
  readonly findings: number;
  readonly migratedTo: readonly string[];
  readonly notes: readonly string[];
}

export interface ClientTally {
  readonly client: string;
  readonly hosts: number;
  readonly kaspersky: number;
  readonly done: number;
  readonly partlyChecked: number;
  readonly notCheckable: number;
  readonly migrated: number;
}

function statusOf(d: DocumentReport, findings: number): HostStatus {
  if (d.error !== null) return 'not-checkable';
  if (findings > 0) return 'kaspersky';
  // Nothing found is "done" only when everything was tested: untestable programs are not vouched for.
  return d.untestableComponents > 0 || d.unchecked.length > 0 ? 'partly-checked' : 'done';
}

/** A Kaspersky product on a host: its name says which product it is across versions; the label adds the version. */
export interface HostProduct {
  readonly name: string;
  readonly label: string;
}

export function hostRows(report: ScanReport): { rows: HostRow[]; clients: ClientTally[] } {
  const { rows, clients } = hostEntries(report);
  return { rows: rows.map((r) => r.row), clients };
}

/** The rows with the products of each host by name, for the migration history. */
export function hostEntries(report: ScanReport): { rows: { row: HostRow; products: HostProduct[] }[]; clients: ClientTally[] } {
  const rows: { row: HostRow; products: HostProduct[] }[] = [];
  const clients: ClientTally[] = [];
  for (const g of groupByClient(report)) {
    const tally = { client: g.name, hosts: 0, kaspersky: 0, done: 0, partlyChecked: 0, notCheckable: 0, migrated: 0 };
    for (const d of g.documents) {
      const own = g.findings.filter((f) => f.source === d.source && !f.suppression);
      const status = statusOf(d, own.length);
      const products = new Map<string, HostProduct>();
      for (const f of own) if (!products.has(f.component.name)) products.set(f.component.name, { name: f.component.name, label: f.component.version ? `${f.component.name} ${f.component.version}` : f.component.name });
      const row: HostRow = {
        client: clientOf(d),
        host: d.host?.name ?? d.source,
        source: d.source,
        platform: d.host?.platform ?? 'unknown',
        status,
        products: [...new Set(own.map((f) => (f.component.version ? `${f.component.name} ${f.component.version}` : f.component.name)))],
        findings: own.length,
        migratedTo: d.host?.migratedTo ?? [],
        notes: d.host?.notes ?? [],
      };
      rows.push({ row, products: [...products.values()] });
      tally.hosts++;
      if (status === 'kaspersky') tally.kaspersky++;
      else if (status === 'done') tally.done++;
      else if (status === 'partly-checked') tally.partlyChecked++;
      else tally.notCheckable++;
      if ((d.host?.migratedTo.length ?? 0) > 0) tally.migrated++;
    }
    clients.push(tally);
  }
  clients.sort((a, b) => compareClients(a.client, b.client));
  return { rows, clients };
}

const HEADER = ['client', 'host', 'platform', 'status', 'products', 'findings', 'migratedTo', 'notes', 'source'] as const;

export const hostsCsvReporter: Reporter = {
  name: 'hosts-csv',
  description: 'one row per host: client, host, status (kaspersky, done, partly-checked, not-checkable) and the Kaspersky products still installed',
  render(report) {
    const { rows } = hostRows(report);
    const lines = [HEADER.join(',')];
    for (const r of rows) {
      lines.push([r.client, r.host, r.platform, r.status, r.products.join('; '), String(r.findings), r.migratedTo.join('; '), r.notes.join(' | '), r.source].map(csvCell).join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
  },
};

export const hostsJsonReporter: Reporter = {
  name: 'hosts-json',
  description: 'hosts and per-client tallies as JSON, for ticketing',
  render(report) {
    const { rows, clients } = hostRows(report);
    return `${JSON.stringify({ scannedAt: report.scannedAt, clients, hosts: rows }, null, 2)}\n`;
  },
};

// ---------------------------------------------------------------------------------------------
// The migration history (--history) in the text reports: the table and Markdown call these.

/** Changes listed per client in the text reports; the JSON report has them all. */
const MAX_CHANGES = 20;

const STATE_LABEL: Readonly<Record<HostChange['current'], string>> = { kaspersky: 'running Kaspersky', done: 'done', 'partly-checked': 'partly checked', 'not-checkable': 'not checkable', 'not-scanned': 'not scanned this run' };

function changeText(c: HostChange, value: (s: string) => string): string {
  const parts: string[] = [];
  if (c.previous === null) parts.push(`new to the history, ${STATE_LABEL[c.current]}`);
  else if (c.previous !== c.current) parts.push(`${STATE_LABEL[c.previous]} -> ${STATE_LABEL[c.current]}`);
  if (c.removed.length > 0) parts.push(`removed: ${c.removed.map(value).join(', ')}`);
  if (c.unconfirmed.length > 0) parts.push(`not found, but the host was not fully checked: ${c.unconfirmed.map(value).join(', ')}`);
  if (c.added.length > 0) parts.push(`new: ${c.added.map(value).join(', ')}`);
  return parts.join('; ');
}

function trendText(points: readonly HistoryPoint[]): string {
  return points.map((p) => `run ${p.run}: ${p.kaspersky}/${p.done}/${p.partlyChecked + p.notCheckable}`).join(', ');
}

function clientHeadline(c: ClientHistory, value: (s: string) => string): string {
  const done = c.hostsDone.length > 0 ? `; hosts done: ${c.hostsDone.map(value).join(', ')}` : '';
  return `${c.removed} product${c.removed === 1 ? '' : 's'} removed, ${c.added} new${done}`;
}

function historyHeader(h: HistoryReport): string {
  return h.previous ? `run ${h.run}, compared with run ${h.previous.run} of ${h.previous.scannedAt}` : `run ${h.run}, the first in this history: everything found is new`;
}

/** Lines for the terminal table; values from inputs go through `value` (the table's control-character filter). */
export function historyTextLines(report: ScanReport, value: (s: string) => string): string[] {
  const h = report.history;
  if (!h) return [];
  const out = [`Migration history (${value(h.file)}, ${historyHeader(h)}):`];
  for (const c of h.clients) {
    out.push(`  ${value(c.client)}: ${clientHeadline(c, value)}`);
    for (const ch of c.changes.slice(0, MAX_CHANGES)) out.push(`    ${value(ch.host)}: ${changeText(ch, value)}`);
    if (c.changes.length > MAX_CHANGES) out.push(`    (${c.changes.length - MAX_CHANGES} more hosts changed, in the JSON report)`);
    out.push(`    trend (hosts running Kaspersky/done/not fully checked): ${trendText(c.trend)}`);
  }
  out.push(`  all clients (hosts running Kaspersky/done/not fully checked): ${trendText(h.trend)}`, '');
  return out;
}

/** Markdown lines: every value from an input is a code span. */
export function historyMarkdownLines(report: ScanReport): string[] {
  const h = report.history;
  if (!h) return [];
  const code = (s: string) => markdownCode(s);
  const out = [`**Migration history** (${code(h.file)}, ${escapeMarkdown(historyHeader(h))})`, ''];
  out.push('| Client | Removed | New | Hosts done | Trend: running Kaspersky / done / not fully checked |', '|---|---|---|---|---|');
  for (const c of h.clients) out.push(`| ${markdownCode(c.client, { cell: true })} | ${c.removed} | ${c.added} | ${c.hostsDone.length} | ${escapeMarkdown(trendText(c.trend))} |`);
  out.push('');
  const changes = h.clients.flatMap((c) => c.changes.map((ch) => ({ c, ch })));
  // The fixed words hold no Markdown syntax; each value is a code span.
  for (const { c, ch } of changes.slice(0, MAX_CHANGES)) out.push(`- ${code(c.client)} ${code(ch.host)}: ${changeText(ch, code)}`);
  if (changes.length > MAX_CHANGES) out.push(`- …and ${changes.length - MAX_CHANGES} more hosts changed, in the JSON report.`);
  if (changes.length > 0) out.push('');
  return out;
}
