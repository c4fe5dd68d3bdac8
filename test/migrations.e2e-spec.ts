import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { APPLICATIONS_ENTITIES } from '../src/applications/applications.module';
import { AUTH_ENTITIES } from '../src/auth/auth.module';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { DATABASE_ENTITIES } from '../src/database/database.module';
import { DISCLOSURES_ENTITIES } from '../src/disclosures/disclosures.module';
import { PRODUCTS_ENTITIES } from '../src/products/products.module';
import { ERRORS_ENTITIES } from '../src/errors/errors.module';
import { IDEMPOTENCY_ENTITIES } from '../src/idempotency/idempotency.module';
import { OUTBOX_ENTITIES } from '../src/outbox/outbox.module';
import { SECURITY_AUDIT_ENTITIES } from '../src/audit/security-audit.module';
import { RETENTION_ENTITIES } from '../src/retention/retention.entities';
import { createTestApp, isPostgres, testConfig } from './support/test-app';

/**
 * Every entity, from the lists the owning modules register (docs/architecture.md §3); the last test checks
 * that this is exactly what the application's data source loads, so a new module's list cannot be missed.
 */
const ENTITIES = [
  ...DATABASE_ENTITIES,
  ...AUTH_ENTITIES,
  ...OUTBOX_ENTITIES,
  ...IDEMPOTENCY_ENTITIES,
  ...SECURITY_AUDIT_ENTITIES,
  ...APPLICATIONS_ENTITIES,
  ...ERRORS_ENTITIES,
  ...DISCLOSURES_ENTITIES,
  ...PRODUCTS_ENTITIES,
  ...RETENTION_ENTITIES,
];

const MIGRATIONS_TABLE = 'schema_migration';

/** A standalone data source on a fresh SQLite file or a fresh PostgreSQL schema (not the Nest app). */
async function freshDataSource(): Promise<{ ds: DataSource; tables: () => Promise<string[]>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `m_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const ds = new DataSource(buildDataSourceOptions(testConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema }).database, ENTITIES));
    return {
      ds,
      tables: async () =>
        (
          await admin.query<{ table_name: string }>(
            `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
            [schema],
          )
        ).rows.map((r) => r.table_name),
      drop: async () => {
        if (ds.isInitialized) await ds.destroy();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cd-migrations-'));
  const ds = new DataSource(buildDataSourceOptions(testConfig({ SQLITE_PATH: join(dir, 'cd.sqlite') }).database, ENTITIES));
  return {
    ds,
    tables: async () =>
      (
        await ds.query<{ name: string }[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
      ).map((r) => r.name),
    drop: async () => {
      if (ds.isInitialized) await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe(`migrations on ${isPostgres() ? 'PostgreSQL' : 'SQLite'} (issue 3)`, () => {
  let db: Awaited<ReturnType<typeof freshDataSource>>;

  beforeAll(async () => {
    db = await freshDataSource();
    await db.ds.initialize();
  });
  afterAll(() => db.drop());

  it('every migration has a name, an up and a down, and the list is ordered by timestamp', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const stamps: number[] = [];
    for (const Migration of MIGRATIONS) {
      const m = new Migration();
      expect(typeof m.up).toBe('function');
      expect(typeof m.down).toBe('function');
      const name = m.name ?? Migration.name;
      expect(name).toMatch(/\d{13}$/);
      stamps.push(Number(/(\d{13})$/.exec(name)![1]));
    }
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('runs every migration up, then the schema equals what the entities describe', async () => {
    const applied = await db.ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name ?? M.name));
    expect(await db.ds.showMigrations()).toBe(false);
    await expectSchemaMatchesEntities(db.ds);
    const tables = await db.tables();
    for (const entity of ENTITIES) expect(tables).toContain(db.ds.getMetadata(entity).tableName);
  });

  it('reverts every migration down to an empty schema (only the migrations table remains)', async () => {
    const applied = async () => (await db.ds.query<unknown[]>(`SELECT * FROM ${MIGRATIONS_TABLE}`)).length;
    let reverted = 0;
    while ((await applied()) > 0) {
      if (++reverted > MIGRATIONS.length) throw new Error('undoLastMigration does not make progress');
      await db.ds.undoLastMigration({ transaction: 'each' });
    }
    expect(reverted).toBe(MIGRATIONS.length);
    expect(await db.tables()).toEqual([MIGRATIONS_TABLE]);
    // One more revert is a no-op, not an error.
    await db.ds.undoLastMigration({ transaction: 'each' });
    expect(await db.tables()).toEqual([MIGRATIONS_TABLE]);
  });

  it('runs every migration up again after a full revert, and the schema still agrees with the entities', async () => {
    const applied = await db.ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    await expectSchemaMatchesEntities(db.ds);
    // The schema is usable: a round trip through every entity's table.
    for (const entity of ENTITIES) expect(await db.ds.getRepository(entity).count()).toBe(0);
  });

  it('the agreement check is not vacuous: a column missing from the schema is reported', async () => {
    await db.ds.query(`ALTER TABLE outbox DROP COLUMN last_error`);
    const log = await db.ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query).join('\n')).toMatch(/last_error/);
  });

  it('the entities checked here are exactly those the application registers (each module its own)', async () => {
    const t = await createTestApp();
    try {
      const loaded = t.dataSource.entityMetadatas.map((m) => m.target);
      expect(new Set(loaded)).toEqual(new Set(ENTITIES));
      expect(loaded).toHaveLength(ENTITIES.length);
    } finally {
      await t.close();
    }
  });
});

/**
 * TypeORM's schema builder compares the live schema with the entity metadata and lists the DDL that
 * `synchronize` would run: none means the migrations produce exactly what the entities describe.
 */
async function expectSchemaMatchesEntities(ds: DataSource): Promise<void> {
  const log = await ds.driver.createSchemaBuilder().log();
  const drift = log.upQueries.map((q) => q.query);
  if (drift.length > 0) {
    throw new Error(`entities and migrations disagree; synchronize would run:\n${drift.join(';\n')}`);
  }
  expect(drift).toEqual([]);
}
