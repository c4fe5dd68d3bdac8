/**
 * Reads the database of a service running as a child process (bench/service-process.ts) from the test, as a DBA
 * would: the SQLite file opened read-only, or the PostgreSQL schema through its own connection. Parameters are
 * written `$1, $2, …`; on SQLite they become `?` (each used once, in order).
 */
import { Client } from 'pg';
import type { ServiceDatabase } from '../../bench/service-process';
import { openSqlite } from '../../bench/statistics-sqlite';

export async function queryServiceDb<T = Record<string, unknown>>(database: ServiceDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  if (database.kind === 'sqlite') {
    const db = openSqlite(database.path, { readonly: true });
    try {
      return db.prepare(sql.replace(/\$\d+/g, '?')).all(params) as T[];
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: database.url, options: database.schema ? `-c search_path=${database.schema}` : undefined });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
