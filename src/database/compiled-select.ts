import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { preparedRows } from './prepared-query';

/** Marks a parameter's place while a query is compiled: no value a caller passes starts with a NUL. */
const SLOT = '\u0000slot:';

type Slot = { name: string } | { value: unknown };
interface Compiled {
  sql: string;
  slots: Slot[];
}

/** Per data source: table names carry its schema on PostgreSQL, so one source's SQL is not another's. */
const compiledBySource = new WeakMap<DataSource, Map<string, Compiled>>();

/**
 * A query builder's SQL, built once per shape and data source and then run with new values (issue 23). TypeORM
 * builds a query's SQL again on every call, and for the reads every application answer makes (need-to-know, the
 * overlap count) that was most of a read's time. `build` is called once per `shape` (whatever, besides the
 * values, decides the SQL: the caller's roles for need-to-know) with a placeholder for each named value; the
 * driver's parameters are then read back by position, so the same `build` gives the same SQL with the values of
 * each call in the places TypeORM put them, its own escaping and list expansion included. `around` may wrap the
 * builder's SQL (a count over it), leaving its parameters in order.
 */
export async function compiledRows<Row, Name extends string>(
  manager: EntityManager,
  shape: string,
  build: (slots: Record<Name, string>) => SelectQueryBuilder<ObjectLiteral>,
  values: Record<Name, unknown>,
  around: (sql: string) => string = (sql) => sql,
): Promise<Row[]> {
  let cache = compiledBySource.get(manager.connection);
  if (cache === undefined) {
    cache = new Map();
    compiledBySource.set(manager.connection, cache);
  }
  let compiled = cache.get(shape);
  if (compiled === undefined) {
    const slots = Object.fromEntries(Object.keys(values).map((name) => [name, `${SLOT}${name}`])) as Record<Name, string>;
    const [sql, parameters] = build(slots).getQueryAndParameters();
    compiled = {
      sql: around(sql),
      slots: parameters.map((p: unknown): Slot => (typeof p === 'string' && p.startsWith(SLOT) ? { name: p.slice(SLOT.length) } : { value: p })),
    };
    cache.set(shape, compiled);
  }
  const parameters = compiled.slots.map((slot) => ('name' in slot ? values[slot.name as Name] : slot.value));
  return preparedRows<Row>(manager, compiled.sql, parameters);
}

/**
 * Selects every column of `entity` (aliased `alias`) under its property name, for {@link hydrate}: so a compiled
 * query's rows can be made entities without TypeORM's per-call alias mapping.
 */
export function selectEveryColumn<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, entity: EntityTarget<T>, alias: string): SelectQueryBuilder<T> {
  const columns = qb.connection.getMetadata(entity).columns;
  qb.select([]);
  for (const column of columns) qb.addSelect(`${alias}.${column.databaseName}`, column.propertyName);
  return qb;
}

/** A row selected by {@link selectEveryColumn} as an entity: each column's value as the driver and its transformer read it. */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = manager.connection.getMetadata(entity);
  const made = metadata.create() as Record<string, unknown>;
  for (const column of metadata.columns) made[column.propertyName] = manager.connection.driver.prepareHydratedValue(row[column.propertyName], column);
  return made as T;
}
