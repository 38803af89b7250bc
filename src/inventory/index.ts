// The one list of inventory readers, each wrapped as a parser of the SBOM loader that yields one document per host.
import path from 'node:path';
import type { SbomDocument } from '../model/document.js';
import type { Detection, InputView, MultiDocument, SbomParser } from '../sbom/parser.js';
import { hostDocument } from './build.js';
import type { InventoryReader } from './reader.js';
import { apkInstalled } from './readers/apk.js';
import { inventoryCsv } from './readers/csv.js';
import { dpkgList, dpkgStatus } from './readers/dpkg.js';
import { osquery } from './readers/osquery.js';
import { rpmList } from './readers/rpm.js';
import { systemProfiler } from './readers/system-profiler.js';
import { powershellPackage, uninstallJson } from './readers/windows-json.js';
import { wingetExport } from './readers/winget.js';
import type { ReadContext } from './types.js';
import { InputError } from '../sbom/errors.js';

export type { ColumnMapping, ReadContext } from './types.js';

/** Detection order: JSON shapes (most specific first), then line formats, then CSV (which claims the least). */
export const INVENTORY_READERS: readonly InventoryReader[] = [
  wingetExport,
  systemProfiler,
  osquery,
  powershellPackage,
  uninstallJson,
  dpkgStatus,
  dpkgList,
  apkInstalled,
  rpmList,
  inventoryCsv,
];

/** The host a file stands for when it does not name one: its base name without extension. */
function fileHost(source: string): string {
  if (source === '-') return '(standard input)';
  return path.basename(source).replace(/\.(json|jsonl|csv|tsv|txt|log|out)$/i, '') || source;
}

function readAll(reader: InventoryReader, input: InputView, forced: Detection, context: ReadContext): MultiDocument {
  // A format forced with --input-format is still read only when its reader recognizes the content.
  const detection = input.nested ? undefined : reader.detect(input, context);
  if (!detection) throw new InputError('not-an-sbom', `is not ${reader.description} (given as --input-format ${reader.format}, detected as ${forced.specVersion})`);
  const read = reader.read(input, detection, context);
  const documents: SbomDocument[] = read.hosts.map((h) => hostDocument(h, reader.format, read.specVersion, fileHost(input.source), read.warnings));
  const errors = read.errors.map((e) => `line ${e.line}${e.host !== undefined ? ` (host ${e.host})` : ''}: ${e.message}`);
  return { documents, errors };
}

export function inventoryParser(reader: InventoryReader): SbomParser {
  return {
    format: reader.format,
    description: reader.description,
    // Inventories are never inside attestation wrappers; a wrapped value's text would have to be made from it first.
    detect: (input, context) => (input.nested ? undefined : reader.detect(input, context ?? {})),
    parse(input, detection, context) {
      const all = readAll(reader, input, detection, context ?? {});
      const first = all.documents[0];
      if (!first) throw new InputError('malformed', `is ${reader.description} but lists no host and no software`);
      return first;
    },
    parseAll: (input, detection, context) => readAll(reader, input, detection, context ?? {}),
  };
}

export const INVENTORY_PARSERS: readonly SbomParser[] = INVENTORY_READERS.map(inventoryParser);
