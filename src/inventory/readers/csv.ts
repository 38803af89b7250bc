// CSV inventories: the Uninstall registry keys as PowerShell's Export-Csv writes them (UTF-16 or UTF-8 with a BOM,
// an optional #TYPE line), Win32_Product exports, and any RMM export with a --columns mapping. Parsed by csv-parse.
import { parse } from 'csv-parse/sync';
import { InputError } from '../../sbom/errors.js';
import type { InventoryReader } from '../reader.js';
import type { ColumnMapping, InventoryItem, Platform, RowError } from '../types.js';
import { groupByHost } from './windows-json.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** Layouts known without --columns: the first whose name column the header has. */
const KNOWN: readonly { readonly layout: string; readonly platform: Platform; readonly columns: ColumnMapping; readonly requires?: string }[] = [
  { layout: 'registry Uninstall', platform: 'windows', columns: { name: 'DisplayName', version: 'DisplayVersion', publisher: 'Publisher', path: 'InstallLocation', host: 'PSComputerName' } },
  { layout: 'Win32_Product', platform: 'windows', columns: { name: 'Name', version: 'Version', publisher: 'Vendor', path: 'InstallLocation', host: 'PSComputerName' }, requires: 'IdentifyingNumber' },
];

const HOST_COLUMNS = ['PSComputerName', 'ComputerName', 'Computer', 'Hostname', 'HostName', 'Host', 'Device', 'DeviceName', 'Endpoint', 'Agent'];

interface Header {
  readonly start: number;
  readonly delimiter: string;
  readonly columns: readonly string[];
}

function header(text: string): Header | undefined {
  let start = 0;
  const head = text.slice(0, 8192);
  // Windows PowerShell 5.1 writes the .NET type first unless told -NoTypeInformation.
  if (head.startsWith('#TYPE')) start = head.search(/\r\n|\r|\n/) + 1 || head.length;
  while (/[\r\n]/.test(head[start] ?? '')) start++;
  const rest = head.slice(start);
  const end = rest.search(/\r\n|\r|\n/);
  const line = end === -1 ? rest : rest.slice(0, end);
  if (line.startsWith('{') || line.startsWith('[') || line.startsWith('<')) return undefined;
  const best = DELIMITERS.map((d) => ({ d, n: line.split(d).length })).sort((a, b) => b.n - a.n)[0];
  if (!best || best.n < 2) return undefined;
  try {
    const cols = parse(line, { delimiter: best.d, bom: true, relax_quotes: true }) as string[][];
    const columns = (cols[0] ?? []).map((c) => c.trim());
    if (columns.length < 2 || columns.some((c) => c === '' || c.length > 200)) return undefined;
    return { start, delimiter: best.d, columns };
  } catch {
    return undefined;
  }
}

function findColumn(columns: readonly string[], wanted: string | undefined): string | undefined {
  if (wanted === undefined) return undefined;
  return columns.find((c) => c === wanted) ?? columns.find((c) => c.toLowerCase() === wanted.toLowerCase());
}

/** The mapping for a header: --columns when given, else a known layout; undefined when neither fits. */
function mappingFor(h: Header, given: ColumnMapping | undefined): { layout: string; platform: Platform; columns: ColumnMapping } | undefined {
  if (given) return findColumn(h.columns, given.name) ? { layout: 'custom columns', platform: 'unknown', columns: given } : undefined;
  for (const k of KNOWN) if (findColumn(h.columns, k.columns.name) && (!k.requires || findColumn(h.columns, k.requires))) return k;
  return undefined;
}

const NEEDS = 'a column naming each program; ictscan knows "DisplayName" (registry Uninstall exports) and "Name" with "IdentifyingNumber" (Win32_Product); for any other layout give --columns name=COLUMN[,version=COLUMN][,publisher=COLUMN][,host=COLUMN][,client=COLUMN][,path=COLUMN]';

/** The host cell of a line csv-parse could not read, read leniently, so that the error can name the host. */
function hostOnLine(text: string, line: number, delimiter: string, at: number): string | undefined {
  const raw = text.split(/\r\n|\r|\n/)[line - 1];
  if (raw === undefined) return undefined;
  const cell = raw.split(delimiter)[at];
  return cell?.replace(/^\s*"|"\s*$/g, '').trim();
}

export const inventoryCsv: InventoryReader = {
  format: 'inventory-csv',
  description: 'CSV inventory (registry Uninstall export, Win32_Product, or an RMM export with --columns)',
  detect(input, context) {
    // Found in a directory, without --columns, only a known layout is read, and each names a column "…Name": a
    // first line without those letters is none (most files of a walked tree; csv-parse is not asked).
    if (context.skipUnknown && context.columns === undefined && !/name/i.test(input.text.slice(0, 8192))) return undefined;
    const h = header(input.text);
    if (!h) return undefined;
    const m = mappingFor(h, context.columns);
    if (m) return { specVersion: m.layout };
    // A CSV of unknown layout named on the command line is an error that says what is needed; found in a directory, it is skipped.
    const csvLike = /\.(csv|tsv)$/i.test(input.source) || context.columns !== undefined || /^"[^"]+"(,"[^"]*")+$/.test(input.text.slice(h.start, h.start + 2000).split(/\r\n|\r|\n/)[0] ?? '');
    return csvLike && !context.skipUnknown ? { specVersion: 'unknown layout' } : undefined;
  },
  read(input, detection, context) {
    const h = header(input.text);
    const m = h ? mappingFor(h, context.columns) : undefined;
    if (!h || !m || detection.specVersion === 'unknown layout') {
      const cols = h ? h.columns.slice(0, 12).map((c) => JSON.stringify(c)).join(', ') : 'none';
      const missing = context.columns ? `: it has no column ${JSON.stringify(context.columns.name)} (given as name=)` : '';
      throw new InputError('not-an-sbom', `is a CSV whose layout ictscan does not know${missing}; its columns are ${cols}; it needs ${NEEDS}`);
    }
    const col = (k: keyof ColumnMapping) => findColumn(h.columns, m.columns[k]);
    const hostColumn = col('host') ?? (context.columns?.host === undefined ? HOST_COLUMNS.map((c) => findColumn(h.columns, c)).find((c) => c !== undefined) : undefined);
    if (context.columns) {
      const absent = (Object.entries(context.columns) as [string, string][]).filter(([, c]) => findColumn(h.columns, c) === undefined);
      if (absent.length > 0) throw new InputError('not-an-sbom', `has no column ${absent.map(([k, c]) => `${JSON.stringify(c)} (${k}=)`).join(', ')}; its columns are ${h.columns.slice(0, 12).map((c) => JSON.stringify(c)).join(', ')}`);
    }
    const index = (c: string | undefined) => (c === undefined ? -1 : h.columns.indexOf(c));
    const hostAt = index(hostColumn);
    const errors: RowError[] = [];
    // Lines are counted in the file: the #TYPE line and blank lines before the header are added back.
    const offset = input.text.slice(0, h.start).split(/\r\n|\r|\n/).length - 1;
    const records = parse(input.text.slice(h.start), {
      delimiter: h.delimiter,
      bom: true,
      columns: false,
      info: true,
      from_line: 2,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; message: string; record?: string[] } | undefined) => {
        if (!err) return;
        const line = (err.lines ?? 0) + offset;
        // csv-parse may report one broken line twice (once per bad quote): the first says what is wrong.
        if (errors.at(-1)?.line === line) return;
        const host = hostAt >= 0 ? (err.record?.[hostAt] ?? hostOnLine(input.text, line, h.delimiter, hostAt)) : undefined;
        errors.push({ line, host: host === '' ? undefined : host, message: err.message.replace(/ on line \d+$/, '').replace(/ at line \d+/, '') });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const at = (r: string[], c: string | undefined) => {
      const i = index(c);
      const v = i >= 0 ? r[i]?.trim() : undefined;
      return v === '' ? undefined : v;
    };
    const rows: { host: string | undefined; client: string | undefined; item: InventoryItem }[] = [];
    const platformCol = col('platform');
    // The platform cell of each host's first row, noted in the one pass (a search per host is quadratic at fleet size).
    const platformOf = new Map<string | undefined, string | undefined>();
    let unnamed = 0;
    for (const { record, info } of records) {
      if (platformCol) {
        const host = at(record, hostColumn);
        if (!platformOf.has(host)) platformOf.set(host, at(record, platformCol)?.toLowerCase());
      }
      const name = at(record, col('name'));
      if (!name) {
        unnamed++;
        continue;
      }
      const path = at(record, col('path'));
      rows.push({
        host: at(record, hostColumn),
        client: at(record, col('client')),
        item: { kind: 'program', name, version: at(record, col('version')), publisher: at(record, col('publisher')), path, line: info.lines + offset, texts: [at(record, 'UninstallString') ?? '', at(record, 'IdentifyingNumber') ?? ''].filter((t) => t !== '') },
      });
    }
    const warnings = unnamed > 0 ? [`${unnamed} row(s) with an empty ${JSON.stringify(col('name'))} were not counted`] : [];
    const hosts = groupByHost(rows, m.platform).map((host) => {
      if (!platformCol) return host;
      const p = platformOf.get(host.name);
      const platform: Platform = p?.includes('win') ? 'windows' : p?.includes('mac') || p?.includes('darwin') ? 'macos' : p?.includes('linux') ? 'linux' : host.platform;
      return { ...host, platform };
    });
    return { hosts, errors, warnings, specVersion: m.layout };
  },
};
