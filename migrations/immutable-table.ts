import type { QueryRunner } from 'typeorm';

/**
 * A table whose rows, once written, never change or disappear, whoever connects to the database: every
 * UPDATE and DELETE is refused by a trigger (an issued product, its PDF and its dissemination log:
 * docs/products.md §1). Unlike a history table (history-table.ts) nothing may even be blanked.
 */
export async function createImmutableTriggers(q: QueryRunner, table: string): Promise<void> {
  if (q.connection.driver.options.type === 'postgres') {
    await q.query(`CREATE FUNCTION ${table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${table} cannot be changed (% refused)', TG_OP USING ERRCODE = 'P0001'; END $$`);
    await q.query(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_immutable()`);
    // TRUNCATE fires no row trigger: it has its own (SQLite has no TRUNCATE).
    await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_immutable()`);
    return;
  }
  await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} cannot be changed (UPDATE refused)'); END`);
  await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} cannot be changed (DELETE refused)'); END`);
}

/** Drops what {@link createImmutableTriggers} made; SQLite drops a table's triggers with it. */
export async function dropImmutableTriggers(q: QueryRunner, table: string): Promise<void> {
  if (q.connection.driver.options.type === 'postgres') {
    await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
    await q.query(`DROP TRIGGER IF EXISTS ${table}_immutable ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS ${table}_immutable()`);
  }
}
