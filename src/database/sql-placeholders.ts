import type { EntityManager } from 'typeorm';

/** `$n` on PostgreSQL, `?` on SQLite: for the few raw statements (tables without an entity, bulk inserts). */
export function placeholder(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === 'postgres' ? `$${n}` : '?';
}

/** `count` placeholders from `from`, comma-separated. */
export function placeholders(manager: EntityManager, count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => placeholder(manager, from + i)).join(', ');
}
