/**
 * The append-only triggers of a history table (migrations/history-table.ts, docs/architecture.md §11), for
 * specs that play a DBA with raw access: switch them off around a tampering, on SQLite and on
 * PostgreSQL, and put them back exactly as the migration made them.
 */
import { isPostgres, type TestApp } from './test-app';

/** The trigger names the migration gives a history table, per driver. */
export function appendOnlyTriggerNames(table: string): string[] {
  return isPostgres() ? [`${table}_no_update`] : [`${table}_no_update`, `${table}_no_delete`];
}

/**
 * The append-only triggers present and in force on `table`, by name (sorted): on PostgreSQL the enabled
 * ones, on SQLite the ones that exist (SQLite cannot disable a trigger, only drop it).
 */
export async function appendOnlyTriggersInForce(t: TestApp, table: string): Promise<string[]> {
  const wanted = new Set(appendOnlyTriggerNames(table));
  const rows: { name: string }[] = isPostgres()
    ? await t.dataSource.query(
        "SELECT tgname AS name FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgenabled <> 'D'",
        [table],
      )
    : await t.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]);
  return rows
    .map((r) => r.name)
    .filter((name) => wanted.has(name))
    .sort();
}

/**
 * Runs `tamper` with the append-only triggers of `table` out of the way, then restores them, even when
 * `tamper` throws. PostgreSQL: `ALTER TABLE … DISABLE TRIGGER` / `ENABLE TRIGGER`. SQLite: the triggers'
 * own `CREATE TRIGGER` text is read from `sqlite_master`, they are dropped, and that text is run again.
 * A trigger the migration should have made but that is missing fails loudly rather than being skipped.
 */
export async function withAppendOnlyTriggersOff<T>(t: TestApp, table: string, tamper: () => Promise<T>): Promise<T> {
  const names = appendOnlyTriggerNames(table);
  const present = await appendOnlyTriggersInForce(t, table);
  if (present.join() !== [...names].sort().join()) {
    throw new Error(`expected the append-only triggers ${names.join(', ')} on ${table}, found ${present.join(', ') || 'none'}`);
  }
  if (isPostgres()) {
    for (const name of names) await t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER ${name}`);
    try {
      return await tamper();
    } finally {
      for (const name of names) await t.dataSource.query(`ALTER TABLE ${table} ENABLE TRIGGER ${name}`);
    }
  }
  const saved: { name: string; sql: string }[] = [];
  for (const name of names) {
    const [row] = await t.dataSource.query<{ sql: string }[]>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]);
    saved.push({ name, sql: row.sql });
  }
  for (const { name } of saved) await t.dataSource.query(`DROP TRIGGER ${name}`);
  try {
    return await tamper();
  } finally {
    for (const { sql } of saved) await t.dataSource.query(sql);
  }
}
