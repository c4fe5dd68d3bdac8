import { createHash } from 'node:crypto';
import { type EntityManager, QueryFailedError, type QueryResult } from 'typeorm';

/** What node-postgres's client offers for a named statement. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** A statement's rows, and how many rows it changed (an INSERT's, UPDATE's or DELETE's). */
export interface Prepared<Row> {
  rows: Row[];
  affected: number;
}

const names = new Map<string, string>();
const MAX_PREPARED = 500;

/**
 * Runs a statement whose text never changes as a named prepared statement on PostgreSQL (issue 23): parsed once per
 * connection, and planned once when PostgreSQL finds its generic plan as good, instead of on every call. Planning
 * was most of the server's time for the reads every application answer makes (need-to-know, the history, the overlap
 * count: about 1 ms of planning against 0.3 ms of execution). Only for SQL whose text is fixed by the code — a value
 * is always a parameter — so the statements a connection prepares are a small set (and never more than
 * {@link MAX_PREPARED} texts: past it, TypeORM's own query). Outside a transaction's
 * query runner, and on SQLite (whose driver caches its own statements), it is TypeORM's own query. The statement is
 * logged as TypeORM logs its own, and a failure is TypeORM's QueryFailedError.
 */
export async function prepared<Row>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<Prepared<Row>> {
  const runner = manager.queryRunner;
  const values = [...parameters];
  if (runner === undefined || runner.isReleased) return { rows: await manager.query<Row[]>(sql, values), affected: 0 };
  const viaTypeOrm = async (): Promise<Prepared<Row>> => {
    const result = (await runner.query(sql, values, true)) as QueryResult<Row>;
    return { rows: result.records ?? [], affected: result.affected ?? 0 };
  };
  if (manager.connection.driver.options.type !== 'postgres') return viaTypeOrm();
  let name = names.get(sql);
  if (name === undefined) {
    // A bound on what each connection keeps prepared, should some caller's text vary after all (a list's length).
    if (names.size >= MAX_PREPARED) return viaTypeOrm();
    name = `q${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    names.set(sql, name);
  }
  const client = (await runner.connect()) as PgClient;
  manager.connection.logger.logQuery(sql, values, runner);
  try {
    const result = await client.query({ name, text: sql, values });
    return { rows: result.rows as Row[], affected: result.rowCount ?? 0 };
  } catch (error) {
    manager.connection.logger.logQueryError(error as Error, sql, values, runner);
    throw new QueryFailedError(sql, values, error as Error);
  }
}

/** The rows of {@link prepared}; on SQLite, the manager's own query. */
export async function preparedRows<Row>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<Row[]> {
  if (manager.connection.driver.options.type !== 'postgres') return manager.query<Row[]>(sql, [...parameters]);
  return (await prepared<Row>(manager, sql, parameters)).rows;
}
