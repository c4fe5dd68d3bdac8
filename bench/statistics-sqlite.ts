/**
 * The smallest surface of better-sqlite3 the statistics bench uses (the package ships no types), and how it
 * opens a database: as the service's data source opens its connection — the options of
 * `buildDataSourceOptions` (its busy timeout and its `prepareDatabase` pragmas), then what TypeORM's driver
 * adds (foreign keys, WAL) — so that a query here runs as it would there, whatever pragmas the service sets.
 */
import { loadConfig } from '../src/config';
import { buildDataSourceOptions } from '../src/database/data-source-options';

export interface SqliteStatement {
  readonly reader: boolean;
  run(parameters?: unknown[]): unknown;
  all(parameters?: unknown[]): unknown[];
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(source: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

type SqliteDatabaseConstructor = new (path: string, options: { timeout?: number; readonly?: boolean; fileMustExist?: boolean }) => SqliteDatabase;

/** Opens `path` as the service does; `readonly` for the baseline, which only reads (the file is already in WAL mode). */
export function openSqlite(path: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  const service = buildDataSourceOptions(loadConfig({ SQLITE_PATH: path }).database);
  if (service.type !== 'better-sqlite3') throw new Error('the service would not open SQLite');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 ships no types; SqliteDatabase names what is used.
  const Sqlite = require('better-sqlite3') as SqliteDatabaseConstructor;
  const db = new Sqlite(path, { timeout: service.timeout ?? 5000, fileMustExist: true, readonly: options.readonly === true });
  // The service's pragmas (data-source-options.ts); synchronous, like journal_mode, is a no-op for a reader.
  void service.prepareDatabase?.(db);
  db.pragma('foreign_keys = ON');
  if (!options.readonly && service.enableWAL) db.pragma('journal_mode = WAL');
  return db;
}
