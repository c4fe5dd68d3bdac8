import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { faultPoint } from '../common/fault-points';

/**
 * `UPDATE … SET …, version = version + 1 WHERE id = :id AND version = :v`. TypeORM's @VersionColumn never
 * checks (docs/architecture.md §10, TypeORM), so the condition is ours: `affected !== 1` means someone got there first.
 */
export async function updateVersioned<E extends ObjectLiteral & { id: string; version: number }>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  row: E,
  changes: Partial<E>,
  stale: (readVersion: number) => Error,
): Promise<E> {
  const result = await tx
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: row.version + 1 })
    .where('id = :id AND version = :version', { id: row.id, version: row.version })
    .execute();
  if (result.affected !== 1) throw stale(row.version);
  faultPoint('after-update');
  return { ...row, ...changes, version: row.version + 1 };
}
