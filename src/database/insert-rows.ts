import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { compiledWrite, storedValues, type CompiledWrite } from './compiled-write';
import { prepared } from './prepared-query';
import { placeholder } from './sql-placeholders';

/**
 * INSERTs rows the caller has built in full, and nothing else (issue 23's profile: a transition was 22 statements,
 * and TypeORM built each INSERT's SQL again on every call).
 *
 * - No read-back: `EntityManager.insert` reads each row back after writing it (on SQLite one more SELECT per
 *   INSERT) to fill in columns the database defaults; the callers here set every column they mean to.
 * - The SQL is built once per table, set of columns and number of rows, and each value is put in the form the
 *   column stores through the driver and the column's transformer, as TypeORM's own INSERT does. A column the
 *   rows leave undefined is left out, so the database's default (or a generated key) fills it.
 *
 * Every row must set the same columns: rows that differ are refused, not silently given NULLs.
 */
export async function insertRows<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<void> {
  const list = (Array.isArray(rows) ? rows : [rows]) as Record<string, unknown>[];
  if (list.length === 0) return;
  const setIn = (row: Record<string, unknown>) => Object.keys(row).filter((key) => row[key] !== undefined).sort();
  const keys = setIn(list[0]);
  const shape = keys.join(',');
  for (const row of list) {
    const own = setIn(row).join(',');
    if (own !== shape) throw new Error(`insertRows: every row must set the same columns (${shape}), one sets ${own}`);
  }
  const { sql, columns } = compiledInsert(tx, entity, keys, list.length);
  const values = list.flatMap((row) => storedValues(tx, columns, row));
  // One row: the commands' own INSERTs, prepared once per connection. Bulk inserts vary in their number of rows, so
  // each size would be a statement of its own: they are sent as they are.
  if (list.length === 1) await prepared(tx, sql, values);
  else await tx.query(sql, values);
}

function compiledInsert<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, keys: readonly string[], count: number): CompiledWrite {
  return compiledWrite(tx, entity, `insert\u0000${keys.join(',')}\u0000${count}`, keys, (table, names) => {
    let n = 0;
    const values = Array.from({ length: count }, () => `(${names.map(() => placeholder(tx, ++n)).join(', ')})`).join(', ');
    return `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values}`;
  });
}
