import type { EntityManager } from 'typeorm';
import { preparedRows } from './prepared-query';

const sqliteText = new Map<string, string>();

/**
 * A hand-written SELECT, for the reads every application answer makes (issue 23): TypeORM's `find` builds its SQL
 * again on every call (the query builder's property-name rewriting alone was a tenth of a read's time), while
 * these statements never change. Written with PostgreSQL's `$1, $2, …`, each used once and in order, so that on
 * SQLite they become `?` unchanged in meaning; the rows come back with the columns' own names and types as
 * stored (instants are ISO strings on both databases: src/database/instant.transformer.ts).
 */
export function selectRows<Row>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<Row[]> {
  if (manager.connection.driver.options.type === 'postgres') return preparedRows<Row>(manager, sql, parameters);
  let text = sqliteText.get(sql);
  if (text === undefined) {
    text = sql.replace(/\$\d+/g, '?');
    sqliteText.set(sql, text);
  }
  return manager.query<Row[]>(text, [...parameters]);
}

