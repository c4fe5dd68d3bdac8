/**
 * The SQL of a figure (docs/statistics.md §3): one GROUP BY over the figure's source for the return, and
 * the same source and filter with the cell's value for its drill-down list, so the list a cell links to
 * is exactly the rows it counted. Pure: statements and parameters, run by statistics.queries.ts.
 */
import type { FigureDefinition } from './statistics.figures';

export type Dialect = 'postgres' | 'sqlite';

export interface Bindings {
  authority: string;
  start: string;
  end: string;
  key?: string;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Replaces `:name` parameters by the driver's positional ones, in order of appearance. */
export function bind(sql: string, bindings: Bindings, dialect: Dialect): Statement {
  const params: unknown[] = [];
  const text = sql.replace(/:(authority|start|end|key)\b/g, (_, name: keyof Bindings) => {
    const value = bindings[name];
    if (value === undefined) throw new Error(`No value bound for :${name}`);
    params.push(value);
    return dialect === 'postgres' ? `$${params.length}` : '?';
  });
  return { sql: text, params };
}

const where = (figure: FigureDefinition, ...more: string[]): string => [...figure.source.where, ...more].join(' AND ');

/** The figure's cells: each value of its key with the number of rows that have it. */
export function aggregateSql(figure: FigureDefinition): string {
  // GROUP BY the first output column: PostgreSQL refuses a constant key written out in GROUP BY.
  return `SELECT ${figure.key} AS cell_key, COUNT(*) AS cell_count FROM ${figure.source.from} WHERE ${where(figure)} GROUP BY 1`;
}

/** How many rows one cell lists (its count, recomputed for the page's total). */
export function cellCountSql(figure: FigureDefinition): string {
  return `SELECT COUNT(*) AS cell_count FROM ${figure.source.from} WHERE ${where(figure, `${figure.key} = :key`)}`;
}

/** One page of the rows behind a cell, in the order they happened. */
export function cellRecordsSql(figure: FigureDefinition, limit: number, offset: number): string {
  const r = figure.source.record;
  return (
    `SELECT ${r.id} AS record_id, ${r.reference} AS record_reference, ${r.at} AS record_at, ${r.item} AS record_item, ${r.identifier} AS record_identifier ` +
    `FROM ${figure.source.from} WHERE ${where(figure, `${figure.key} = :key`)} ` +
    `ORDER BY record_at, record_id, record_item LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`
  );
}
