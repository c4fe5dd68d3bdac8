import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * INSERTs rows the caller has built in full, and nothing else. `EntityManager.insert` reads each row back after
 * writing it (on SQLite, which has no RETURNING in TypeORM's driver, one more SELECT per INSERT) to fill in
 * columns the database defaults; the callers here set every column themselves, so that read is pure cost on
 * the write paths (issue 23's profile: a transition was 22 statements).
 */
export async function insertRows<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<void> {
  await tx.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
}
