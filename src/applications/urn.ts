import type { EntityManager } from 'typeorm';
import { londonDate } from '../workflow/london-time';
import { UrnCounterEntity } from './urn-counter.entity';

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
  await tx
    .createQueryBuilder()
    .update(UrnCounterEntity)
    .set({ lastValue: () => 'last_value + 1' })
    .where('authority_id = :id AND year = :year', { id: authority.id, year })
    .execute();
  const counter = await tx.findOneByOrFail(UrnCounterEntity, { authorityId: authority.id, year });
  return `${authority.urnPrefix}/CD/${year}/${String(counter.lastValue).padStart(6, '0')}`;
}
