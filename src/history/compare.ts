// This run against the previous one: per client and host, the Kaspersky products removed and added, the hosts done.
// Only a host read in full this time can vouch that a product is gone; anything else is "unconfirmed".
import type { ClientHistory, HistoryPoint, HistoryReport, HostChange, HostState, ScanReport } from '../model/result.js';
import { compareText } from '../model/order.js';
import { compareClients } from '../report/portfolio.js';
import { hostEntries } from '../report/hosts.js';
import type { HostRecord, HistoryStore } from './store.js';

/** Several documents of one host (two exports of the same machine): the worst state wins, products add up. */
const RANK: Readonly<Record<HostState, number>> = { kaspersky: 3, 'not-checkable': 2, 'partly-checked': 1, done: 0 };

/** The hosts of a report as the history records them. */
export function hostRecords(report: ScanReport): HostRecord[] {
  const byKey = new Map<string, { client: string; host: string; status: HostState; products: Map<string, string> }>();
  for (const { row, products } of hostEntries(report).rows) {
    const key = JSON.stringify([row.client, row.host]);
    const seen = byKey.get(key) ?? { client: row.client, host: row.host, status: row.status, products: new Map<string, string>() };
    if (RANK[row.status] > RANK[seen.status]) seen.status = row.status;
    for (const p of products) if (!seen.products.has(p.name)) seen.products.set(p.name, p.label);
    byKey.set(key, seen);
  }
  return [...byKey.values()].map((h) => ({ client: h.client, host: h.host, status: h.status, products: [...h.products].map(([name, label]) => ({ name, label })) }));
}

function changeOf(host: string, before: HostRecord | undefined, now: HostRecord | undefined): HostChange | null {
  const was = new Map((before?.products ?? []).map((p) => [p.name, p.label]));
  const is = new Map((now?.products ?? []).map((p) => [p.name, p.label]));
  const gone = [...was].filter(([name]) => !is.has(name)).map(([, label]) => label);
  const added = [...is].filter(([name]) => !was.has(name)).map(([, label]) => label);
  // A host that was not read in full may still carry what was not found: its missing products are not removals.
  const readInFull = now !== undefined && (now.status === 'kaspersky' || now.status === 'done');
  const current = now?.status ?? 'not-scanned';
  const previous = before?.status ?? null;
  if (gone.length === 0 && added.length === 0 && previous === current) return null;
  return { host, previous, current, removed: readInFull ? gone : [], unconfirmed: readInFull ? [] : gone, added };
}

/** Compares this run's hosts with the previous run's and assembles the history section of the report. */
export function historySection(store: HistoryStore, run: number, previous: { run: number; scannedAt: string } | null, current: readonly HostRecord[], before: readonly HostRecord[]): HistoryReport {
  const clients = new Set<string>([...current.map((h) => h.client), ...before.map((h) => h.client)]);
  const trendRows = store.trend();
  const runs = store.runs();
  const out: ClientHistory[] = [];
  for (const client of [...clients].sort(compareClients)) {
    const was = new Map(before.filter((h) => h.client === client).map((h) => [h.host, h]));
    const is = new Map(current.filter((h) => h.client === client).map((h) => [h.host, h]));
    const changes: HostChange[] = [];
    for (const host of [...new Set([...was.keys(), ...is.keys()])].sort(compareText)) {
      const c = changeOf(host, was.get(host), is.get(host));
      if (c) changes.push(c);
    }
    out.push({
      client,
      removed: changes.reduce((n, c) => n + c.removed.length, 0),
      added: changes.reduce((n, c) => n + c.added.length, 0),
      hostsDone: changes.filter((c) => c.previous === 'kaspersky' && c.current === 'done').map((c) => c.host),
      changes,
      trend: trendRows.filter((t) => t.client === client).map((t) => t.point),
    });
  }
  const total = new Map<number, HistoryPoint>(runs.map((r) => [r.run, { run: r.run, scannedAt: r.scannedAt, hosts: 0, kaspersky: 0, done: 0, partlyChecked: 0, notCheckable: 0, products: 0 }]));
  for (const { point } of trendRows) {
    const t = total.get(point.run);
    if (!t) continue;
    total.set(point.run, {
      ...t,
      hosts: t.hosts + point.hosts,
      kaspersky: t.kaspersky + point.kaspersky,
      done: t.done + point.done,
      partlyChecked: t.partlyChecked + point.partlyChecked,
      notCheckable: t.notCheckable + point.notCheckable,
      products: t.products + point.products,
    });
  }
  return { file: store.file, run, previous, clients: out, trend: [...total.values()] };
}

/** Records the report's run in the store and returns the history section; the caller saves the store. */
export function recordRun(store: HistoryStore, report: ScanReport): HistoryReport {
  const previous = store.latestRun();
  const before = previous ? store.hostsOf(previous.run) : [];
  const current = hostRecords(report);
  const run = store.record(report.scannedAt, current);
  return historySection(store, run, previous, current, before);
}
