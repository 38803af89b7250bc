// Windows inventories as PowerShell writes them with ConvertTo-Json: the Uninstall registry keys
// (Get-ItemProperty ...\Uninstall\*), Get-Package, and Get-CimInstance Win32_Product. Invoke-Command adds PSComputerName.
import type { InventoryReader } from '../reader.js';
import { baseName, isObject, jsonRows, str } from '../reader.js';
import type { InventoryHost, InventoryItem, Platform } from '../types.js';

type Row = Record<string, unknown>;

function hostOf(row: Row): string | undefined {
  return str(row['PSComputerName']) ?? str(row['ComputerName']) ?? str(row['__SERVER']) ?? str(row['CSName']);
}

/** Rows to hosts, in the order hosts first appear. */
export function groupByHost(rows: readonly { host: string | undefined; item: InventoryItem; client?: string | undefined }[], platform: Platform): InventoryHost[] {
  const hosts = new Map<string, InventoryHost & { items: InventoryItem[] }>();
  for (const r of rows) {
    const key = r.host ?? '';
    let h = hosts.get(key);
    if (!h) {
      h = { name: r.host, client: r.client, platform, items: [] };
      hosts.set(key, h);
    }
    h.items.push(r.item);
  }
  return [...hosts.values()];
}

function uninstallItem(r: Row): InventoryItem {
  const key = str(r['PSChildName']) ?? str(r['RegistryDirName']) ?? str(r['KeyName']);
  const uninstall = str(r['UninstallString']) ?? str(r['QuietUninstallString']);
  return {
    kind: 'program',
    name: str(r['DisplayName']) ?? '',
    version: str(r['DisplayVersion']),
    publisher: str(r['Publisher']),
    path: str(r['InstallLocation']),
    identifiers: key ? [key] : [],
    texts: [uninstall ? `uninstall: ${uninstall}` : '', str(r['DisplayIcon']) ?? ''].filter((t) => t !== ''),
  };
}

export const uninstallJson: InventoryReader = {
  format: 'windows-uninstall-json',
  description: 'Windows Uninstall registry keys as JSON (Get-ItemProperty | ConvertTo-Json)',
  detect(input) {
    if (input.head !== '[' && input.head !== '{') return undefined;
    const rows = jsonRows(input.json());
    return rows?.some((r) => 'DisplayName' in r) && rows.every((r) => !('bomFormat' in r) && !('spdxVersion' in r)) ? { specVersion: 'registry' } : undefined;
  },
  read(input) {
    const rows = jsonRows(input.json()) ?? [];
    const named = rows.filter((r) => str(r['DisplayName']) !== undefined);
    const warnings = named.length < rows.length ? [`${rows.length - named.length} registry key(s) without a DisplayName (updates, components) were not counted as programs`] : [];
    return { hosts: groupByHost(named.map((r) => ({ host: hostOf(r), item: uninstallItem(r) })), 'windows'), errors: [], warnings, specVersion: 'registry' };
  },
};

/** Get-Package names its publisher in the SWID tag's softwareCreator entity. */
function swidCreator(r: Row): string | undefined {
  const entities = Array.isArray(r['Entities']) ? r['Entities'] : [];
  for (const e of entities) {
    if (!isObject(e)) continue;
    const roles = String(e['Role'] ?? e['Roles'] ?? '');
    if (/softwareCreator|publisher|licensor/i.test(roles)) return str(e['Name']);
  }
  const tag = str(r['SwidTagText']);
  const m = tag ? /<Entity[^>]*\bname="([^"]+)"[^>]*\brole="[^"]*(?:softwareCreator|publisher)/.exec(tag) ?? /<Entity[^>]*\brole="[^"]*(?:softwareCreator|publisher)[^"]*"[^>]*\bname="([^"]+)"/.exec(tag) : null;
  if (m?.[1]) return m[1];
  const meta = r['Metadata'];
  if (isObject(meta)) return str(meta['Publisher']);
  return str(r['Publisher']);
}

function packageItem(r: Row): InventoryItem {
  if ('IdentifyingNumber' in r) {
    // Win32_Product
    return {
      kind: 'program',
      name: str(r['Name']) ?? str(r['Caption']) ?? '',
      version: str(r['Version']),
      publisher: str(r['Vendor']),
      path: str(r['InstallLocation']),
      identifiers: [str(r['IdentifyingNumber']) ?? '', str(r['PackageName']) ?? ''].filter((t) => t !== ''),
      texts: [str(r['Description']) ?? '', str(r['InstallSource']) ?? ''].filter((t) => t !== ''),
    };
  }
  const path = str(r['FullPath']) ?? str(r['Source']);
  return {
    kind: 'program',
    name: str(r['Name']) ?? '',
    version: str(r['Version']),
    publisher: swidCreator(r),
    path,
    identifiers: [str(r['TagId']) ?? '', str(r['CanonicalId']) ?? '', ...(path && /\.(exe|msi)$/i.test(path) ? [baseName(path)] : [])].filter((t) => t !== ''),
    texts: [str(r['Summary']) ?? '', `provider: ${str(r['ProviderName']) ?? 'unknown'}`],
  };
}

export const powershellPackage: InventoryReader = {
  format: 'powershell-package',
  description: 'Get-Package or Get-CimInstance Win32_Product output as JSON',
  detect(input) {
    if (input.head !== '[' && input.head !== '{') return undefined;
    const rows = jsonRows(input.json());
    if (!rows) return undefined;
    if (rows.some((r) => 'ProviderName' in r && 'Name' in r && ('CanonicalId' in r || 'FastPackageReference' in r || 'SwidTagText' in r || 'Status' in r))) return { specVersion: 'Get-Package' };
    if (rows.some((r) => 'IdentifyingNumber' in r && 'Name' in r && ('Vendor' in r || 'Version' in r))) return { specVersion: 'Win32_Product' };
    return undefined;
  },
  read(input, detection) {
    const rows = jsonRows(input.json()) ?? [];
    const named = rows.filter((r) => str(r['Name']) !== undefined || str(r['Caption']) !== undefined);
    const warnings = named.length < rows.length ? [`${rows.length - named.length} entr(ies) without a Name were not counted`] : [];
    return { hosts: groupByHost(named.map((r) => ({ host: hostOf(r), item: packageItem(r) })), 'windows'), errors: [], warnings, specVersion: detection.specVersion };
  },
};
