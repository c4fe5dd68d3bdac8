import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/**
 * The one builder of DataSourceOptions (issue 3, item 3): embedded SQLite by default, PostgreSQL when
 * DATABASE_URL is set. Schema changes come only from the ordered migrations, never `synchronize`.
 */
export function buildDataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = {
    entities: ENTITIES,
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
