import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { faultPoint } from '../common/fault-points';
import { compiledWrite, storedValues } from './compiled-write';
import { prepared } from './prepared-query';
import { placeholder } from './sql-placeholders';

/**
 * `UPDATE … SET …, version = version + 1 WHERE id = :id AND version = :v`. TypeORM's @VersionColumn never
 * checks (docs/architecture.md §10, TypeORM), so the condition is ours: `affected !== 1` means someone got there
 * first. The statement is built once per table and set of changed columns (src/database/compiled-write.ts); a change
 * left undefined is not written, as TypeORM's own UPDATE skips it.
 */
export async function updateVersioned<E extends ObjectLiteral & { id: string; version: number }>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  row: E,
  changes: Partial<E>,
  stale: (readVersion: number) => Error,
): Promise<E> {
  if (!tx.queryRunner?.isTransactionActive) throw new Error('updateVersioned runs inside a transaction');
  const values: Record<string, unknown> = { ...changes, version: row.version + 1 };
  const keys = Object.keys(values).filter((key) => values[key] !== undefined && key !== 'id').sort();
  const { sql, columns } = compiledWrite(tx, entity, `update\u0000${keys.join(',')}`, [...keys, 'id', 'version'], (table, names) => {
    const set = names.slice(0, keys.length).map((name, i) => `${name} = ${placeholder(tx, i + 1)}`);
    const [id, version] = names.slice(keys.length);
    return `UPDATE ${table} SET ${set.join(', ')} WHERE ${id} = ${placeholder(tx, keys.length + 1)} AND ${version} = ${placeholder(tx, keys.length + 2)}`;
  });
  const parameters = [...storedValues(tx, columns.slice(0, keys.length), values), ...storedValues(tx, columns.slice(keys.length), row)];
  if ((await prepared(tx, sql, parameters)).affected !== 1) throw stale(row.version);
  faultPoint('after-update');
  return { ...row, ...changes, version: row.version + 1 };
}
