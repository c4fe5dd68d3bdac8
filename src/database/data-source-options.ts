import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config';
import { MIGRATIONS } from '../../migrations';

/**
 * The one builder of DataSourceOptions (issue 3, item 3): embedded SQLite by default, PostgreSQL when
 * DATABASE_URL is set. Schema changes come only from the ordered migrations, never `synchronize`.
 *
 * It names no entity: the application's data source gets them from the modules that own them
 * (`TypeOrmModule.forFeature` + `autoLoadEntities`, see database.module.ts), the migration CLI needs none
 * (the migrations are SQL through the query runner), and a standalone data source that reads rows (the
 * schema-agreement test) passes its own list.
 */
export function buildDataSourceOptions(
  database: AppConfig['database'],
  entities: NonNullable<DataSourceOptions['entities']> = [],
): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as exceptions: the problem filter logs the unexpected ones with their trace id.
    logging: false,
  };
  if (database.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      schema: database.schema,
      poolSize: database.poolSize,
      // Unqualified names resolve to the configured schema (one schema per test worker).
      extra: database.schema ? { options: `-c search_path=${database.schema}` } : undefined,
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    timeout: database.busyTimeoutMs,
    enableWAL: true,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // Durability over speed: a granted authorisation must survive a power cut.
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${database.busyTimeoutMs}`);
    },
  };
}

/** Before the database is opened: the embedded database's folder must exist ("created on first run"). */
export function ensureDatabaseFolder(database: AppConfig['database']): void {
  if (database.kind === 'sqlite' && database.path !== ':memory:') {
    mkdirSync(dirname(database.path), { recursive: true });
  }
}
