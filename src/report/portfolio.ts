// Clients of a portfolio report: shared by the HTML and CSV reporters, so that both group documents the same way.
import { compareText } from '../model/order.js';
import type { DocumentReport, Finding, ScanReport } from '../model/result.js';

/** The client of documents that name none and sit in no folder (standard input, a bare file name). */
export const NO_CLIENT = '(no client)';

/** The client a document belongs to: its explicit client, else the folder it sits in (an MSP keeps a folder per client). */
export function clientOf(doc: { readonly source: string; readonly client?: string | null }): string {
  if (doc.client && doc.client.trim() !== '') return doc.client;
  const parts = doc.source.split(/[\\/]+/).filter((p) => p !== '');
  parts.pop();
  const dir = parts.at(-1);
  // `.` and `..` name no folder a person chose, so they say nothing about whose SBOM it is.
  return dir === undefined || dir === '.' || dir === '..' ? NO_CLIENT : dir;
}

/**
 * Client order: by name, case-insensitively, then by code unit so that equal-looking names stay apart;
 * `(no client)` last. No localeCompare: its order depends on the ICU data of the machine, and reports must not.
 */
export function compareClients(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_CLIENT) return 1;
  if (b === NO_CLIENT) return -1;
  return compareText(a, b);
}

export interface ClientGroup {
  readonly name: string;
  readonly documents: readonly DocumentReport[];
  /** In report order: by document, then by priority within it. */
  readonly findings: readonly Finding[];
}

/** The report's documents and findings grouped by client, in client order; report order inside each client. */
export function groupByClient(report: ScanReport): ClientGroup[] {
  const clientOfSource = new Map<string, string>();
  const groups = new Map<string, { name: string; documents: DocumentReport[]; findings: Finding[] }>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) {
      g = { name, documents: [], findings: [] };
      groups.set(name, g);
    }
    return g;
  };
  for (const d of report.documents) {
    const name = clientOf(d);
    clientOfSource.set(d.source, name);
    group(name).documents.push(d);
  }
  for (const f of report.findings) group(clientOfSource.get(f.source) ?? clientOf({ source: f.source })).findings.push(f);
  return [...groups.values()].sort((a, b) => compareClients(a.name, b.name));
}

