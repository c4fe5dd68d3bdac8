import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** A statement built once, and the columns whose values it takes, in order. */
export interface CompiledWrite {
  sql: string;
  columns: ColumnMetadata[];
}

/** Per data source: table names carry its schema on PostgreSQL, so one source's SQL is not another's. */
const compiledBySource = new WeakMap<DataSource, Map<string, CompiledWrite>>();

/**
 * The statement `write` makes of `entity`'s table and the columns of `keys` (both escaped for the database), built
 * once per data source, table and `shape`.
 */
export function compiledWrite<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  shape: string,
  keys: readonly string[],
  write: (table: string, columns: string[]) => string,
): CompiledWrite {
  const source = tx.connection;
  let cache = compiledBySource.get(source);
  if (cache === undefined) {
    cache = new Map();
    compiledBySource.set(source, cache);
  }
  const metadata = source.getMetadata(entity);
  const cacheKey = `${metadata.tablePath}\u0000${shape}`;
  let compiled = cache.get(cacheKey);
  if (compiled === undefined) {
    const columns = keys.map((key) => {
      const column = metadata.findColumnWithPropertyName(key);
      if (column === undefined) throw new Error(`${metadata.name} has no column ${key}`);
      return column;
    });
    const escape = (name: string) => source.driver.escape(name);
    const table = metadata.tablePath.split('.').map(escape).join('.');
    compiled = { sql: write(table, columns.map((column) => escape(column.databaseName))), columns };
    cache.set(cacheKey, compiled);
  }
  return compiled;
}

/** Each of `columns`' value in `row`, in the form the column stores (the driver's conversion and the column's transformer). */
export function storedValues(tx: EntityManager, columns: readonly ColumnMetadata[], row: Record<string, unknown>): unknown[] {
  const driver = tx.connection.driver;
  return columns.map((column) => driver.preparePersistentValue(row[column.propertyName], column) as unknown);
}
