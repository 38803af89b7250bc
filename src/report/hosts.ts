// The MSP portfolio of hosts: one row per host (document) with what still runs Kaspersky, for ticketing (CSV, JSON).
import type { DocumentReport, ScanReport } from '../model/result.js';
import { csvCell } from './csv.js';
import { clientOf, compareClients, groupByClient } from './portfolio.js';
import type { Reporter } from './reporter.js';

/** kaspersky: a finding that is not suppressed; not-checkable: unreadable; partly-checked: read, but not all of it could be tested. */
export type HostStatus = 'kaspersky' | 'done' | 'partly-checked' | 'not-checkable';

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

export function hostRows(report: ScanReport): { rows: HostRow[]; clients: ClientTally[] } {
  const rows: HostRow[] = [];
  const clients: ClientTally[] = [];
  for (const g of groupByClient(report)) {
    const tally = { client: g.name, hosts: 0, kaspersky: 0, done: 0, partlyChecked: 0, notCheckable: 0, migrated: 0 };
    for (const d of g.documents) {
      const own = g.findings.filter((f) => f.source === d.source && !f.suppression);
      const status = statusOf(d, own.length);
      rows.push({
        client: clientOf(d),
        host: d.host?.name ?? d.source,
        source: d.source,
        platform: d.host?.platform ?? 'unknown',
        status,
        products: [...new Set(own.map((f) => (f.component.version ? `${f.component.name} ${f.component.version}` : f.component.name)))],
        findings: own.length,
        migratedTo: d.host?.migratedTo ?? [],
        notes: d.host?.notes ?? [],
      });
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
