// macOS `system_profiler SPApplicationsDataType -json` (possibly with other data types beside it).
import type { InventoryReader } from '../reader.js';
import { isObject, str } from '../reader.js';
import type { InventoryItem } from '../types.js';

/** "Developer ID Application: AO Kaspersky Lab (2Y8XE5CQ94)" -> the organisation and the team id. */
function signer(chain: unknown): { org?: string; team?: string; all: string[] } {
  const all = Array.isArray(chain) ? chain.filter((c): c is string => typeof c === 'string') : [];
  const leaf = all[0];
  const m = leaf ? /^[^:]+:\s*(.+?)(?:\s*\(([A-Z0-9]{10})\))?$/.exec(leaf) : null;
  return { ...(m?.[1] && !/^Apple /.test(leaf ?? '') ? { org: m[1] } : {}), ...(m?.[2] ? { team: m[2] } : {}), all };
}

export const systemProfiler: InventoryReader = {
  format: 'system-profiler',
  description: 'macOS system_profiler SPApplicationsDataType -json',
  detect(input) {
    if (input.head !== '{') return undefined;
    const v = input.json();
    return isObject(v) && Array.isArray(v['SPApplicationsDataType']) ? { specVersion: 'system_profiler' } : undefined;
  },
  read(input) {
    const v = input.json() as Record<string, unknown>;
    const items: InventoryItem[] = [];
    for (const a of v['SPApplicationsDataType'] as unknown[]) {
      if (!isObject(a)) continue;
      const name = str(a['_name']);
      if (!name) continue;
      const s = signer(a['signed_by']);
      items.push({
        kind: 'app',
        name,
        version: str(a['version']),
        publisher: s.org,
        path: str(a['path']),
        identifiers: [str(a['bundle_identifier']) ?? '', str(a['CFBundleIdentifier']) ?? '', s.team ?? ''].filter((t) => t !== ''),
        texts: [...s.all.map((c) => `signed by ${c}`), str(a['info']) ?? '', str(a['obtained_from']) ? `obtained from ${str(a['obtained_from']) ?? ''}` : ''].filter((t) => t !== ''),
      });
    }
    const software = Array.isArray(v['SPSoftwareDataType']) && isObject(v['SPSoftwareDataType'][0]) ? v['SPSoftwareDataType'][0] : undefined;
    const host = software ? (str(software['local_host_name']) ?? str(software['computer_name'])) : undefined;
    return { hosts: [{ name: host, platform: 'macos', items }], errors: [], warnings: [], specVersion: 'system_profiler' };
  },
};
