// The migration history: one SQLite database file (sql.js, SQLite compiled to WebAssembly), one row set per run.
// sql.js holds the database in memory and exports it whole, so every save writes a temporary file next to the
// history, flushes it to disk and renames it over the old one: a run killed at any point leaves either the old
// history or the new one, never a torn file.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { HistoryPoint, HostState } from '../model/result.js';
import { lazyRequire } from '../lazy-require.js';

const loadSqlJs = lazyRequire<(config?: object) => Promise<SqlJsStatic>>('sql.js');

const FORMAT = 'ictscan-history';
const VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, scanned_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hosts (run INTEGER NOT NULL REFERENCES runs(id), client TEXT NOT NULL, host TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (run, client, host));
CREATE TABLE IF NOT EXISTS products (run INTEGER NOT NULL, client TEXT NOT NULL, host TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (run, client, host, name));
`;

export class HistoryError extends Error {
  override readonly name = 'HistoryError';
}

export interface HostRecord {
  readonly client: string;
  readonly host: string;
  readonly status: HostState;
  readonly products: readonly { readonly name: string; readonly label: string }[];
}

export interface RunInfo {
  readonly run: number;
  readonly scannedAt: string;
}

/** Test hooks: what happens between writing the temporary file and renaming it (a crash is simulated by throwing). */
export interface SaveHooks {
  readonly beforeRename?: (tempFile: string) => void | Promise<void>;
}

const STATES: readonly string[] = ['kaspersky', 'done', 'partly-checked', 'not-checkable'];

export class HistoryStore {
  private constructor(
    readonly file: string,
    private readonly db: Database,
  ) {}

  /** Opens the history at `file`, or starts an empty one when the file does not exist. A file that is not an ictscan history is an error and is left alone. */
  static async open(file: string): Promise<HistoryStore> {
    let bytes: Buffer | undefined;
    try {
      bytes = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new HistoryError(`--history ${file}: cannot be read (${(e as Error).message})`);
    }
    const SQL = await loadSqlJs()();
    let db: Database;
    try {
      db = bytes && bytes.length > 0 ? new SQL.Database(bytes) : new SQL.Database();
      if (bytes && bytes.length > 0) {
        const format = db.exec("SELECT value FROM meta WHERE key = 'format'")[0]?.values[0]?.[0];
        if (format !== FORMAT) throw new Error('no ictscan history in it');
        const version = db.exec("SELECT value FROM meta WHERE key = 'version'")[0]?.values[0]?.[0];
        if (version !== VERSION) throw new Error(`history version ${String(version)}, this ictscan reads version ${VERSION}`);
        // A file cut short or overwritten in the middle opens, then fails here.
        const check = db.exec('PRAGMA integrity_check')[0]?.values[0]?.[0];
        if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
      } else {
        db.exec(SCHEMA);
        db.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', ['format', FORMAT, 'version', VERSION]);
      }
    } catch (e) {
      throw new HistoryError(`--history ${file}: not a readable ictscan history (${(e as Error).message}); it was left unchanged`);
    }
    return new HistoryStore(file, db);
  }

  /** The latest run recorded, or null for a new history. */
  latestRun(): RunInfo | null {
    const row = this.db.exec('SELECT id, scanned_at FROM runs ORDER BY id DESC LIMIT 1')[0]?.values[0];
    return row ? { run: Number(row[0]), scannedAt: String(row[1]) } : null;
  }

  /** The hosts of one run with their products. */
  hostsOf(run: number): HostRecord[] {
    const products = new Map<string, { name: string; label: string }[]>();
    const stmt = this.db.prepare('SELECT client, host, name, label FROM products WHERE run = ? ORDER BY client, host, name');
    stmt.bind([run]);
    while (stmt.step()) {
      const [client, host, name, label] = stmt.get().map(String) as [string, string, string, string];
      const key = JSON.stringify([client, host]);
      const list = products.get(key) ?? [];
      list.push({ name, label });
      products.set(key, list);
    }
    stmt.free();
    const hosts: HostRecord[] = [];
    const rows = this.db.prepare('SELECT client, host, status FROM hosts WHERE run = ? ORDER BY client, host');
    rows.bind([run]);
    while (rows.step()) {
      const [client, host, status] = rows.get().map(String) as [string, string, string];
      if (!STATES.includes(status)) throw new HistoryError(`--history ${this.file}: run ${run} has a host with the unknown status ${status}`);
      hosts.push({ client, host, status: status as HostState, products: products.get(JSON.stringify([client, host])) ?? [] });
    }
    rows.free();
    return hosts;
  }

  /** Records a run (in one transaction) and returns its number. Nothing reaches the file before save(). */
  record(scannedAt: string, hosts: readonly HostRecord[]): number {
    this.db.exec('BEGIN');
    try {
      this.db.run('INSERT INTO runs (scanned_at) VALUES (?)', [scannedAt]);
      const run = Number(this.db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
      const hostStmt = this.db.prepare('INSERT INTO hosts (run, client, host, status) VALUES (?, ?, ?, ?)');
      const productStmt = this.db.prepare('INSERT OR IGNORE INTO products (run, client, host, name, label) VALUES (?, ?, ?, ?, ?)');
      for (const h of hosts) {
        hostStmt.run([run, h.client, h.host, h.status]);
        for (const p of h.products) productStmt.run([run, h.client, h.host, p.name, p.label]);
      }
      hostStmt.free();
      productStmt.free();
      this.db.exec('COMMIT');
      return run;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Counts per run and client, oldest run first. */
  trend(): { client: string; point: HistoryPoint }[] {
    const rows = this.db.exec(`
      SELECT r.id, r.scanned_at, h.client, count(*),
        sum(h.status = 'kaspersky'), sum(h.status = 'done'), sum(h.status = 'partly-checked'), sum(h.status = 'not-checkable'),
        (SELECT count(*) FROM products p WHERE p.run = r.id AND p.client = h.client)
      FROM runs r JOIN hosts h ON h.run = r.id
      GROUP BY r.id, h.client ORDER BY r.id, h.client`)[0]?.values ?? [];
    return rows.map((v) => ({
      client: String(v[2]),
      point: { run: Number(v[0]), scannedAt: String(v[1]), hosts: Number(v[3]), kaspersky: Number(v[4]), done: Number(v[5]), partlyChecked: Number(v[6]), notCheckable: Number(v[7]), products: Number(v[8]) },
    }));
  }

  /** Every run, oldest first (a run with no hosts too). */
  runs(): RunInfo[] {
    return (this.db.exec('SELECT id, scanned_at FROM runs ORDER BY id')[0]?.values ?? []).map((v) => ({ run: Number(v[0]), scannedAt: String(v[1]) }));
  }

  /** Writes the whole database: temporary file, flushed, renamed over the history, directory flushed. */
  async save(hooks: SaveHooks = {}): Promise<void> {
    await writeAtomic(this.file, this.db.export(), hooks);
  }

  close(): void {
    this.db.close();
  }
}

export async function writeAtomic(file: string, bytes: Uint8Array, hooks: SaveHooks = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new HistoryError(`--history ${file}: the run could not be recorded (${(e as Error).message}); the previous history is unchanged`);
  }
  // The rename is durable only once the directory entry is on disk; not every platform can open a directory.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* Windows: directories cannot be opened for flushing; NTFS journals the rename. */
  }
}
