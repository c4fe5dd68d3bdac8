import type { EntityManager } from 'typeorm';
import { prepared } from './prepared-query';
import { placeholder } from './sql-placeholders';

/**
 * Holds the row `id` of `table` until the transaction ends, so that commands about the same record run one
 * after the other: `SELECT … FOR UPDATE` on PostgreSQL. On SQLite every write transaction already holds the
 * database's one write lock from its start (BEGIN IMMEDIATE: unit-of-work.ts), so there is nothing to add.
 */
export async function lockRow(tx: EntityManager, table: string, id: string): Promise<void> {
  if (tx.connection.driver.options.type !== 'postgres') return;
  await prepared(tx, `SELECT 1 FROM ${table} WHERE id = ${placeholder(tx, 1)} FOR UPDATE`, [id]);
}
