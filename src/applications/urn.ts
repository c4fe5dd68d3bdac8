import type { EntityManager } from 'typeorm';
import { londonDate } from '../workflow/london-time';
import { prepared } from '../database/prepared-query';
import { placeholder } from '../database/sql-placeholders';

/**
 * Allocates the next URN of an authority for the Europe/London year of `now`, e.g. `TVP/CD/2026/000123`,
 * inside the create transaction. The upsert takes the counter row's lock, so concurrent creates on
 * PostgreSQL queue on it and never share a number. A create that rolls back takes its number back with
 * it; numbers are unique, and gaps are possible only if a later migration or manual repair removes an
 * application (gaps are allowed: a URN identifies, it does not count).
 */
export async function allocateUrn(tx: EntityManager, authority: { id: string; urnPrefix: string }, now: Date): Promise<string> {
  const year = Number(londonDate(now).slice(0, 4));
  // One statement takes the number: the year's first create inserts the counter at 1, every other adds one to it.
  // RETURNING (PostgreSQL; SQLite since 3.35) reads the value taken in the statement that takes it, not one more SELECT.
  if (!tx.queryRunner) throw new Error('allocateUrn runs inside a transaction');
  const { rows } = await prepared<{ last_value: number | string }>(
    tx,
    `INSERT INTO urn_counter (authority_id, year, last_value) VALUES (${placeholder(tx, 1)}, ${placeholder(tx, 2)}, 1)
       ON CONFLICT (authority_id, year) DO UPDATE SET last_value = urn_counter.last_value + 1 RETURNING last_value`,
    [authority.id, year],
  );
  const [counter] = rows;
  return `${authority.urnPrefix}/CD/${year}/${String(counter.last_value).padStart(6, '0')}`;
}
