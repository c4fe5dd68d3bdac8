import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { buildDataSourceOptions, ensureDatabaseFolder } from './data-source-options';

/**
 * `npm run migration:run | migration:revert | migration:show` against the configured database (the same
 * options builder as the service; migrations also run at start). It loads neither the Nest application
 * nor any entity: the migrations are plain SQL run through the query runner, so the data source needs
 * only the options and the migrations list (docs/architecture.md §3).
 */
async function main(command: string | undefined): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  ensureDatabaseFolder(config.database);
  const dataSource = new DataSource(buildDataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.error(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Nothing to apply.');
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.error('Reverted the last migration.');
        return 0;
      case 'show': {
        const pending = await dataSource.showMigrations();
        console.error(pending ? 'There are pending migrations.' : 'All migrations are applied.');
        return pending ? 1 : 0;
      }
      default:
        console.error('usage: migration-cli run|revert|show');
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
