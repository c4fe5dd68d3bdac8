import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column shapes shared by migrations, matching the entities' decorators (the schema test checks). */
export const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
export const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
export const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '24', isNullable: nullable });
export const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
export const integer = (name: string, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
/**
 * A boolean with a default. The default is raw SQL and TypeORM compares it textually with the entity's:
 * SQLite stores booleans as 0/1 (the entity's `default: true` reads as `1`, so `DEFAULT (true)` shows as
 * schema drift), while PostgreSQL refuses `DEFAULT 1` on a boolean column. Hence the query runner.
 */
export const bool = (q: QueryRunner, name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: q.connection.driver.options.type === 'postgres' ? defaultValue : Number(defaultValue),
});
