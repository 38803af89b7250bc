// What an installed-software inventory holds, before it becomes the document model: hosts and their items.

/** The kinds of installed thing an inventory lists; each is matched on the fields it carries. */
export type ItemKind = 'program' | 'package' | 'app' | 'driver' | 'service' | 'certificate' | 'system-extension';

export type Platform = 'windows' | 'linux' | 'macos' | 'unknown';

/** One installed thing, as the source tool named it. */
export interface InventoryItem {
  readonly kind: ItemKind;
  /** Display name (a program), package name, driver or service name, certificate common name. */
  readonly name: string;
  readonly version?: string | undefined;
  /** Publisher, vendor, maintainer or certificate issuer organisation: matched as a party. */
  readonly publisher?: string | undefined;
  readonly publisherEmail?: string | undefined;
  /** Install location, image path or certificate path: matched as text. */
  readonly path?: string | undefined;
  /** Other identifiers a rule may know by name: bundle id, package id, service name, driver file, uninstall key. */
  readonly identifiers?: readonly string[];
  /** Other text a rule may test (a description, a certificate subject). */
  readonly texts?: readonly string[];
  /** purl, for package managers that have a purl type. */
  readonly purl?: string | undefined;
  /** 1-based line of the row in the file, when the format is line-based. */
  readonly line?: number | undefined;
}

/** One host of an inventory. */
export interface InventoryHost {
  /** The host name as written; `undefined` when the file does not say (the file then names the host). */
  readonly name: string | undefined;
  readonly client?: string | undefined;
  readonly platform: Platform;
  readonly items: InventoryItem[];
}

/** A row the reader could not read; the rest of the file goes on. */
export interface RowError {
  readonly line: number;
  readonly host?: string | undefined;
  readonly message: string;
}

export interface InventoryRead {
  readonly hosts: readonly InventoryHost[];
  readonly errors: readonly RowError[];
  readonly warnings: readonly string[];
  /** The tool's version or the format's revision, shown as the document's spec version. */
  readonly specVersion: string;
}

/** --columns: which CSV column holds which field. */
export interface ColumnMapping {
  readonly name: string;
  readonly version?: string;
  readonly publisher?: string;
  readonly host?: string;
  readonly client?: string;
  readonly path?: string;
  readonly platform?: string;
}

export const COLUMN_FIELDS = ['name', 'version', 'publisher', 'host', 'client', 'path', 'platform'] as const;

/** Options that reach the readers from the command line. */
export interface ReadContext {
  readonly columns?: ColumnMapping;
  /** Set for files found by walking a directory: content of an unknown layout is skipped, not an error. */
  readonly skipUnknown?: boolean;
}

/** Parse `name=DisplayName,version=DisplayVersion,...`; an error names what is wrong. */
export function parseColumns(spec: string): ColumnMapping | string {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (eq <= 0 || column === '') return `"${part}" is not FIELD=COLUMN`;
    if (!(COLUMN_FIELDS as readonly string[]).includes(key)) return `unknown field "${key}" (fields: ${COLUMN_FIELDS.join(', ')})`;
    out[key] = column;
  }
  if (out['name'] === undefined) return 'name=COLUMN is required';
  return out as unknown as ColumnMapping;
}
