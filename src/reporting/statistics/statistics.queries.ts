import type { EntityManager } from 'typeorm';
import type { FigureDefinition } from './statistics.figures';
import { aggregateSql, bind, cellCountSql, cellRecordsSql, type Bindings, type Dialect } from './statistics.sql';

/** A row of a cell's list, as the database returns it. */
export interface CellRow {
  id: string;
  reference: string | null;
  at: string;
  item: string | null;
  identifier: string | null;
}

const dialectOf = (manager: EntityManager): Dialect => (manager.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');

async function run<T>(manager: EntityManager, sql: string, bindings: Bindings): Promise<T[]> {
  const statement = bind(sql, bindings, dialectOf(manager));
  return manager.query<T[]>(statement.sql, statement.params);
}

/**
 * Runs the figures' SQL (docs/statistics.md §3) in the caller's read: aggregates over indexed columns,
 * never an entity loaded. PostgreSQL answers COUNT(*) as a bigint string; both become numbers here.
 */
export const StatisticsQueries = {
  async counts(manager: EntityManager, figure: FigureDefinition, bindings: Bindings): Promise<Map<string, number>> {
    const rows = await run<{ cell_key: string | null; cell_count: number | string }>(manager, aggregateSql(figure), bindings);
    return new Map(rows.map((row) => [String(row.cell_key), Number(row.cell_count)]));
  },

  async cellCount(manager: EntityManager, figure: FigureDefinition, bindings: Required<Bindings>): Promise<number> {
    const [row] = await run<{ cell_count: number | string }>(manager, cellCountSql(figure), bindings);
    return Number(row?.cell_count ?? 0);
  },

  async cellRows(manager: EntityManager, figure: FigureDefinition, bindings: Required<Bindings>, page: { limit: number; offset: number }): Promise<CellRow[]> {
    const rows = await run<Record<string, string | null>>(manager, cellRecordsSql(figure, page.limit, page.offset), bindings);
    return rows.map((row) => ({
      id: String(row.record_id),
      reference: row.record_reference ?? null,
      at: String(row.record_at),
      item: row.record_item ?? null,
      identifier: row.record_identifier ?? null,
    }));
  },
};
