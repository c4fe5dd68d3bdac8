import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { prepareEnvironment } from '../app.setup';
import { loadConfig } from '../config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * `npm run migration:run | migration:revert | migration:show` against the configured database (the same
 * options builder as the service; migrations also run at start).
 */
async function main(command: string | undefined): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  prepareEnvironment(config);
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
