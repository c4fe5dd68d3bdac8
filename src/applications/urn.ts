import type { EntityManager } from 'typeorm';
import { londonDate } from '../workflow/london-time';
import { UrnCounterEntity } from './urn-counter.entity';
import { placeholder } from '../database/sql-placeholders';

/**
 * Allocates the next URN of an authority for the Europe/London year of `now`, e.g. `TVP/CD/2026/000123`,
 * inside the create transaction. The UPDATE takes the counter row's lock, so concurrent creates on
 * PostgreSQL queue on it and never share a number. A create that rolls back takes its number back with
 * it; numbers are unique, and gaps are possible only if a later migration or manual repair removes an
 * application (gaps are allowed: a URN identifies, it does not count).
 */
export async function allocateUrn(tx: EntityManager, authority: { id: string; urnPrefix: string }, now: Date): Promise<string> {
  const year = Number(londonDate(now).slice(0, 4));
  await tx
    .createQueryBuilder()
    .insert()
    .into(UrnCounterEntity)
    .values({ authorityId: authority.id, year, lastValue: 0 })
    .orIgnore()
    .execute();
  // RETURNING (PostgreSQL; SQLite since 3.35) reads the new value in the statement that takes it, not one more SELECT.
  if (!tx.queryRunner) throw new Error('allocateUrn runs inside a transaction');
  const taken = await tx.queryRunner.query(
    `UPDATE urn_counter SET last_value = last_value + 1 WHERE authority_id = ${placeholder(tx, 1)} AND year = ${placeholder(tx, 2)} RETURNING last_value`,
    [authority.id, year],
    true,
  );
  const [counter] = (taken as { records: { last_value: number | string }[] }).records;
  return `${authority.urnPrefix}/CD/${year}/${String(counter.last_value).padStart(6, '0')}`;
}
