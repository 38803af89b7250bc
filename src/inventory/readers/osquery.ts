// osquery results: `osqueryi --json "select * from TABLE"` (an array of rows) and osqueryd result logs (one JSON
// object per line, event, snapshot or batched form, one host per hostIdentifier). The table is told by its columns.
import type { InventoryReader } from '../reader.js';
import { baseName, isObject, splitLines, str, subjectOrganisation } from '../reader.js';
import type { InventoryHost, InventoryItem, Platform, RowError } from '../types.js';

type Row = Record<string, unknown>;

interface Table {
  readonly table: string;
  readonly platform: Platform;
  /** Whether the row's columns are this table's. */
  readonly is: (r: Row) => boolean;
  readonly item: (r: Row) => InventoryItem;
}

const has = (r: Row, ...keys: string[]) => keys.every((k) => k in r);
const s = (r: Row, k: string) => str(r[k]);
const list = (...v: (string | undefined)[]) => v.filter((x): x is string => x !== undefined && x !== '');

/** Most specific first. Columns as the osquery table specs (specs/*.table) define them. */
const TABLES: readonly Table[] = [
  {
    table: 'system_extensions', platform: 'macos',
    is: (r) => has(r, 'identifier', 'team') && ('state' in r || 'bundle_path' in r),
    item: (r) => ({ kind: 'system-extension', name: s(r, 'identifier') ?? '', version: s(r, 'version'), path: s(r, 'bundle_path') ?? s(r, 'path'), identifiers: list(s(r, 'team'), s(r, 'UUID')), texts: list(s(r, 'category'), s(r, 'state') && `state: ${s(r, 'state') ?? ''}`) }),
  },
  {
    table: 'apps', platform: 'macos',
    is: (r) => 'bundle_identifier' in r,
    item: (r) => ({ kind: 'app', name: s(r, 'display_name') ?? s(r, 'bundle_name') ?? s(r, 'name') ?? '', version: s(r, 'bundle_short_version') ?? s(r, 'bundle_version'), path: s(r, 'path'), identifiers: list(s(r, 'bundle_identifier'), s(r, 'bundle_executable'), s(r, 'name')), texts: list(s(r, 'copyright'), s(r, 'info_string')) }),
  },
  {
    table: 'certificates', platform: 'unknown',
    is: (r) => 'common_name' in r && ('issuer' in r || 'subject' in r),
    item: (r) => ({ kind: 'certificate', name: s(r, 'common_name') ?? s(r, 'subject') ?? '', publisher: subjectOrganisation(s(r, 'subject')), path: s(r, 'path'), identifiers: list(s(r, 'sha1'), s(r, 'store')), texts: list(s(r, 'subject') && `subject: ${s(r, 'subject') ?? ''}`, s(r, 'issuer') && `issuer: ${s(r, 'issuer') ?? ''}`, s(r, 'ca') === '1' ? 'certificate authority' : undefined) }),
  },
  {
    table: 'drivers', platform: 'windows',
    is: (r) => 'image' in r && ('inf' in r || 'provider' in r || 'device_id' in r),
    item: (r) => {
      const image = s(r, 'image');
      return { kind: 'driver', name: (image ? baseName(image) : undefined) ?? s(r, 'service') ?? s(r, 'device_name') ?? '', version: s(r, 'version'), publisher: s(r, 'provider') ?? s(r, 'manufacturer'), path: image, identifiers: list(s(r, 'service'), s(r, 'device_name'), s(r, 'inf')), texts: list(s(r, 'description'), s(r, 'service_key')) };
    },
  },
  {
    table: 'services', platform: 'windows',
    is: (r) => has(r, 'name', 'display_name') && ('service_type' in r || 'start_type' in r),
    item: (r) => ({ kind: 'service', name: s(r, 'name') ?? '', path: s(r, 'path'), identifiers: list(s(r, 'display_name'), s(r, 'module_path') && baseName(s(r, 'module_path') ?? ''), s(r, 'path') && baseName((s(r, 'path') ?? '').split(/\s+-/)[0] ?? '')), texts: list(s(r, 'description'), s(r, 'module_path')) }),
  },
  {
    table: 'rpm_packages', platform: 'linux',
    is: (r) => has(r, 'name', 'version', 'release') && ('vendor' in r || 'arch' in r || 'epoch' in r),
    item: (r) => {
      const version = list(s(r, 'version'), s(r, 'release')).join('-');
      return { kind: 'package', name: s(r, 'name') ?? '', version, publisher: s(r, 'vendor'), purl: `pkg:rpm/${encodeURIComponent(s(r, 'name') ?? '')}@${encodeURIComponent(version)}${s(r, 'arch') ? `?arch=${s(r, 'arch') ?? ''}` : ''}`, texts: list(s(r, 'package_group'), s(r, 'source')) };
    },
  },
  {
    table: 'deb_packages', platform: 'linux',
    is: (r) => has(r, 'name', 'version') && ('maintainer' in r || 'admindir' in r || ('arch' in r && 'revision' in r)),
    item: (r) => {
      const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(s(r, 'maintainer') ?? '');
      return { kind: 'package', name: s(r, 'name') ?? '', version: s(r, 'version'), publisher: m ? m[1] : s(r, 'maintainer'), publisherEmail: m?.[2], purl: `pkg:deb/${encodeURIComponent(s(r, 'name') ?? '')}@${encodeURIComponent(s(r, 'version') ?? '')}${s(r, 'arch') ? `?arch=${s(r, 'arch') ?? ''}` : ''}`, identifiers: list(s(r, 'source')), texts: list(s(r, 'status') && s(r, 'status') !== 'install ok installed' ? `dpkg status: ${s(r, 'status') ?? ''}` : undefined) };
    },
  },
  {
    table: 'chocolatey_packages', platform: 'windows',
    is: (r) => has(r, 'name', 'version', 'path') && ('summary' in r || 'author' in r),
    item: (r) => ({ kind: 'package', name: s(r, 'name') ?? '', version: s(r, 'version'), publisher: s(r, 'author'), path: s(r, 'path'), texts: list(s(r, 'summary'), s(r, 'license')) }),
  },
  {
    table: 'homebrew_packages', platform: 'macos',
    is: (r) => has(r, 'name', 'path') && ('prefix' in r || /Cellar|Caskroom/.test(String(r['path']))),
    item: (r) => ({ kind: 'package', name: s(r, 'name') ?? '', version: s(r, 'version') ?? s(r, 'package_version'), path: s(r, 'path'), texts: list(s(r, 'type') && `homebrew ${s(r, 'type') ?? ''}`) }),
  },
  {
    table: 'programs', platform: 'windows',
    is: (r) => 'name' in r && ('publisher' in r || 'install_location' in r || 'identifying_number' in r || 'uninstall_string' in r),
    item: (r) => ({ kind: 'program', name: s(r, 'name') ?? '', version: s(r, 'version'), publisher: s(r, 'publisher'), path: s(r, 'install_location'), identifiers: list(s(r, 'identifying_number')), texts: list(s(r, 'uninstall_string') && `uninstall: ${s(r, 'uninstall_string') ?? ''}`, s(r, 'install_source')) }),
  },
];

function tableOf(r: Row): Table | undefined {
  return TABLES.find((t) => t.is(r));
}

function looksLikeLog(line: string): boolean {
  return line.includes('"hostIdentifier"') && (line.includes('"columns"') || line.includes('"snapshot"') || line.includes('"diffResults"'));
}

class Hosts {
  private readonly byName = new Map<string, { host: InventoryHost & { items: InventoryItem[] }; live: Map<string, InventoryItem> }>();
  readonly errors: RowError[] = [];
  readonly tables = new Set<string>();

  private entry(name: string | undefined) {
    const key = name ?? '';
    let e = this.byName.get(key);
    if (!e) {
      e = { host: { name, platform: 'unknown', items: [] }, live: new Map() };
      this.byName.set(key, e);
    }
    return e;
  }

  /** `removed` takes a row out of the host (event and batched logs keep state by differences). */
  row(host: string | undefined, r: unknown, line: number, action: 'added' | 'removed' | 'snapshot'): void {
    if (!isObject(r)) {
      this.errors.push({ line, host, message: 'a result row is not a JSON object' });
      return;
    }
    const t = tableOf(r);
    if (!t) {
      this.errors.push({ line, host, message: `columns ${Object.keys(r).slice(0, 6).join(', ')} are not those of a table ictscan reads (programs, deb_packages, rpm_packages, apps, homebrew_packages, chocolatey_packages, drivers, services, certificates, system_extensions)` });
      return;
    }
    const item = { ...t.item(r), ...(line > 0 && { line }) };
    if (item.name === '') {
      this.errors.push({ line, host, message: `a ${t.table} row without a name` });
      return;
    }
    this.tables.add(t.table);
    const e = this.entry(host);
    if (e.host.platform === 'unknown' && t.platform !== 'unknown') (e.host as { platform: Platform }).platform = t.platform;
    const key = `${t.table}\u0000${JSON.stringify(r)}`;
    if (action === 'removed') e.live.delete(key);
    else e.live.set(key, item);
  }

  hosts(): InventoryHost[] {
    return [...this.byName.values()].map((e) => ({ ...e.host, items: [...e.live.values()] }));
  }
}

export const osquery: InventoryReader = {
  format: 'osquery',
  description: 'osquery results (osqueryi --json, osqueryd result logs)',
  detect(input) {
    if (input.head === '{') {
      const nl = input.firstNewline;
      const first = nl === -1 ? input.text : input.text.slice(0, nl);
      return looksLikeLog(first) ? { specVersion: 'osqueryd results log' } : undefined;
    }
    if (input.head !== '[') return undefined;
    const v = input.json();
    if (!Array.isArray(v) || v.length === 0) return undefined;
    // osqueryi --json writes every value as a string.
    const first = v[0];
    return isObject(first) && Object.values(first).every((x) => typeof x === 'string') && tableOf(first) && !('DisplayName' in first) ? { specVersion: 'osqueryi --json' } : undefined;
  },
  read(input, detection) {
    const hosts = new Hosts();
    if (detection.specVersion === 'osqueryi --json') {
      (input.json() as unknown[]).forEach((r) => hosts.row(undefined, r, 0, 'snapshot'));
    } else {
      const lines = splitLines(input.text);
      for (let i = 0; i < lines.length; i++) {
        const l = (lines[i] ?? '').trim();
        if (l === '') continue;
        let v: unknown;
        try {
          v = JSON.parse(l);
        } catch (e) {
          hosts.errors.push({ line: i + 1, message: `not a JSON object: ${(e as Error).message}` });
          continue;
        }
        if (!isObject(v)) {
          hosts.errors.push({ line: i + 1, message: 'not a JSON object' });
          continue;
        }
        const host = str(v['hostIdentifier']) ?? (isObject(v['decorations']) ? str(v['decorations']['hostname']) : undefined);
        if (Array.isArray(v['snapshot'])) for (const r of v['snapshot']) hosts.row(host, r, i + 1, 'snapshot');
        else if (isObject(v['columns'])) hosts.row(host, v['columns'], i + 1, v['action'] === 'removed' ? 'removed' : 'added');
        else if (isObject(v['diffResults'])) {
          const d = v['diffResults'];
          for (const r of Array.isArray(d['removed']) ? d['removed'] : []) hosts.row(host, r, i + 1, 'removed');
          for (const r of Array.isArray(d['added']) ? d['added'] : []) hosts.row(host, r, i + 1, 'added');
        } else hosts.errors.push({ line: i + 1, host, message: 'an osquery result line without columns, snapshot or diffResults' });
      }
    }
    const errors = hosts.errors.map((e) => (e.line === 0 ? { ...e, line: 1 } : e));
    return { hosts: hosts.hosts(), errors, warnings: [], specVersion: `${detection.specVersion}: ${[...hosts.tables].sort().join(', ') || 'no table'}` };
  },
};
