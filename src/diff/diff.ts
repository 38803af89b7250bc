// Comparing the Kaspersky components of two scans: what a release added, removed, or changed in version.
import type { Finding, ScanReport } from '../model/result.js';
import { componentIdentity } from '../plan/plan.js';

export interface DiffEntry {
  readonly identity: string;
  readonly name: string;
  readonly purl?: string;
  readonly rule: Finding['rule'];
  readonly severity: Finding['severity'];
  readonly oldVersions: readonly string[];
  readonly newVersions: readonly string[];
}

export interface SbomDiff {
  readonly old: string;
  readonly new: string;
  readonly added: readonly DiffEntry[];
  readonly removed: readonly DiffEntry[];
  readonly changed: readonly DiffEntry[];
  readonly unchanged: readonly DiffEntry[];
}

function group(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = componentIdentity(f.component);
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  }
  return map;
}

function versions(list: readonly Finding[] | undefined): string[] {
  return [...new Set((list ?? []).map((f) => f.component.version ?? '(no version)'))].sort();
}

function entry(identity: string, before: readonly Finding[] | undefined, after: readonly Finding[] | undefined): DiffEntry {
  const f = (after ?? before)?.[0] as Finding;
  return {
    identity,
    name: f.component.name,
    ...(f.component.purl !== undefined && { purl: f.component.purl.replace(/[?#].*$/, '').replace(/@[^/@]*$/, '') }),
    rule: f.rule,
    severity: f.severity,
    oldVersions: versions(before),
    newVersions: versions(after),
  };
}

/** The difference in flagged components between an old and a new scan, keyed by component identity (purl without version, or name). */
export function diffReports(oldReport: ScanReport, newReport: ScanReport, oldName: string, newName: string): SbomDiff {
  const before = group(oldReport.findings);
  const after = group(newReport.findings);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const added: DiffEntry[] = [];
  const removed: DiffEntry[] = [];
  const changed: DiffEntry[] = [];
  const unchanged: DiffEntry[] = [];
  for (const k of keys) {
    const e = entry(k, before.get(k), after.get(k));
    if (!before.has(k)) added.push(e);
    else if (!after.has(k)) removed.push(e);
    else if (e.oldVersions.join('\u0000') !== e.newVersions.join('\u0000')) changed.push(e);
    else unchanged.push(e);
  }
  return { old: oldName, new: newName, added, removed, changed, unchanged };
}
