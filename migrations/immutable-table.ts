import type { QueryRunner } from 'typeorm';
import { protectionDriver, type ProtectionDriver, type ProtectionSql, protectionStatements, runStatements } from './protection-sql';

/**
 * A table whose rows, once written, never change or disappear, whoever connects to the database: every
 * UPDATE and DELETE is refused by a trigger (an issued product, its PDF and its dissemination log:
 * docs/products.md §1). Unlike a history table (history-table.ts) nothing may even be blanked.
 *
 * Pure: the exact SQL, which the migration runs and the check at start (migrations/protections.ts) compares
 * with what the database holds.
 */
export function immutableTriggers(driver: ProtectionDriver, table: string): ProtectionSql {
  if (driver === 'postgres') {
    const fn = `${table}_immutable`;
    return {
      functions: [
        {
          name: fn,
          sql: `CREATE FUNCTION ${table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${table} cannot be changed (% refused)', TG_OP USING ERRCODE = 'P0001'; END $$`,
        },
      ],
      triggers: [
        {
          table,
          name: `${table}_immutable`,
          functionName: fn,
          sql: `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_immutable()`,
        },
        // TRUNCATE fires no row trigger: it has its own (SQLite has no TRUNCATE).
        {
          table,
          name: `${table}_no_truncate`,
          functionName: fn,
          sql: `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_immutable()`,
        },
      ],
    };
  }
  return {
    functions: [],
    triggers: [
      {
        table,
        name: `${table}_no_update`,
        sql: `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} cannot be changed (UPDATE refused)'); END`,
      },
      {
        table,
        name: `${table}_no_delete`,
        sql: `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} cannot be changed (DELETE refused)'); END`,
      },
    ],
  };
}

/** The statements that make an immutable table's triggers ({@link immutableTriggers}), in order. */
export function immutableTriggerStatements(driver: ProtectionDriver, table: string): string[] {
  return protectionStatements(immutableTriggers(driver, table));
}

/** Makes `table` immutable ({@link immutableTriggers}). */
export async function createImmutableTriggers(q: QueryRunner, table: string): Promise<void> {
  await runStatements(q, immutableTriggerStatements(protectionDriver(q), table));
}

/** Drops what {@link createImmutableTriggers} made; SQLite drops a table's triggers with it. */
export async function dropImmutableTriggers(q: QueryRunner, table: string): Promise<void> {
  if (protectionDriver(q) === 'postgres') {
    await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
    await q.query(`DROP TRIGGER IF EXISTS ${table}_immutable ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS ${table}_immutable()`);
  }
}
