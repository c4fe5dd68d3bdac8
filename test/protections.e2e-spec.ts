/**
 * The database's protections checked at start and on /health (docs/operations.md "Protections checked at
 * start"; docs/architecture.md §11): the triggers of migrations/protections.ts must be present, enabled and as
 * their migration made them, or the service refuses to start, naming each trigger and its table.
 *
 * A second app on the same database plays the restart: on SQLite the same file, on PostgreSQL the same schema.
 * Its migrations have all run already, so it only checks.
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NOT_PROTECTIONS, protectionManifest } from '../migrations/protections';
import { AppModule } from '../src/app.module';
import { prepareEnvironment, setupApp } from '../src/app.setup';
import { checkProtections, driverOf, liveTriggers } from '../src/database/protections-check';
import { createApplication } from './support/applications';
import { expectProblem } from './support/guards-no-change';
import { PROTECTIONS_RECHECK_MS } from '../src/http/health.controller';
import { recordRetentionDecision } from './support/retention-decisions';
import { createTestApp, isPostgres, type TestApp, testConfig } from './support/test-app';

const driver = () => (isPostgres() ? 'postgres' : 'sqlite');

/** Raw SQL as a DBA would run it, outside the service. */
const raw = (t: TestApp, sql: string): Promise<unknown> => t.dataSource.query(sql);

/**
 * Starts a second app on `t`'s database as the service starts (setupApp: migrations, then the check) and
 * returns the error it refused with, or null when it started. Either way it is closed again.
 */
async function restart(t: TestApp): Promise<Error | null> {
  const db = t.config.database;
  const config = testConfig(db.kind === 'postgres' ? { DATABASE_URL: db.url, ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}) } : { SQLITE_PATH: db.path });
  prepareEnvironment(config);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  try {
    await setupApp(app, { startPollers: false });
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await app.close();
  }
}

async function withApp(use: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await createTestApp();
  try {
    await use(t);
  } finally {
    await t.close();
  }
}

describe('the database protections, checked at start and on /health', () => {
  it('a fresh database passes: /health says ok with the number checked, and a restart starts', async () => {
    await withApp(async (t) => {
      const res = await t.http().get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up', protections: 'ok', protectionsChecked: protectionManifest(driver()).length });
      expect(await restart(t)).toBeNull();
    });
  });

  it('the manifest is complete: after every migration the database has exactly its triggers (and the known non-protections), each as it says', async () => {
    await withApp(async (t) => {
      const live = await liveTriggers(t.dataSource, driverOf(t.dataSource));
      const key = (x: { table: string; name: string }) => `${x.table}.${x.name}`;
      const expected = [...protectionManifest(driver()), ...NOT_PROTECTIONS[driver()]].map(key).sort();
      expect(live.map(key).sort()).toEqual(expected);
      expect(await checkProtections(t.dataSource, driver())).toEqual({ checked: protectionManifest(driver()).length, faults: [] });
    });
  });

  it('a dropped append-only trigger: /health answers 503, and the service refuses to start, naming the trigger and its table', async () => {
    await withApp(async (t) => {
      await raw(t, isPostgres() ? 'DROP TRIGGER application_event_no_update ON application_event' : 'DROP TRIGGER application_event_no_delete');
      // /health trusts a clean reading for a minute (src/http/health.controller.ts), then reads the catalogue again.
      t.clock.advance(PROTECTIONS_RECHECK_MS);
      expectProblem(await t.http().get('/health'), 503, 'SERVICE_UNAVAILABLE');
      const refused = await restart(t);
      const name = isPostgres() ? 'application_event_no_update' : 'application_event_no_delete';
      expect(refused?.message).toContain(`trigger ${name} on table application_event is missing`);
      expect(refused?.message).toContain('restore it as migration 1764090000000-row-digests made it, or restore the database from a backup');
      expect(refused?.message).toContain('The service will not run with history unprotected.');
      expect(refused?.message.match(/^ {2}- /gm)).toHaveLength(1);
    });
  });

  it('an altered trigger: the service refuses to start, naming it', async () => {
    await withApp(async (t) => {
      if (isPostgres()) {
        // Same trigger, same function name: only the function's body says "let everything through".
        await raw(t, 'CREATE OR REPLACE FUNCTION cd_error_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$');
        // And a trigger made again that no longer fires on UPDATE.
        await raw(t, 'DROP TRIGGER disclosure_request_event_no_update ON disclosure_request_event');
        await raw(
          t,
          'CREATE TRIGGER disclosure_request_event_no_update BEFORE DELETE ON disclosure_request_event FOR EACH ROW EXECUTE FUNCTION disclosure_request_event_append_only()',
        );
      } else {
        const [row] = await t.dataSource.query<{ sql: string }[]>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'cd_error_event_no_update'");
        expect(row.sql).toContain(' AND NEW.hash IS OLD.hash');
        await raw(t, 'DROP TRIGGER cd_error_event_no_update');
        // A different WHEN: the hash is no longer frozen.
        await raw(t, row.sql.replace(' AND NEW.hash IS OLD.hash', ''));
      }
      const refused = await restart(t);
      expect(refused?.message).toContain('trigger cd_error_event_no_update on table cd_error_event has been altered');
      expect(refused?.message).toContain(
        isPostgres() ? 'the body of its function cd_error_event_append_only() differs' : 'its definition differs',
      );
      expect(refused?.message).toContain('restore it as migration 1764090000000-row-digests made it');
      if (isPostgres()) {
        expect(refused?.message).toContain('trigger disclosure_request_event_no_update on table disclosure_request_event has been altered (its definition differs)');
      }
    });
  });

  it('a trigger made again with other whitespace but the same logic still passes', async () => {
    await withApp(async (t) => {
      if (isPostgres()) {
        const [row] = await t.dataSource.query<{ body: string }[]>("SELECT prosrc AS body FROM pg_proc WHERE proname = 'product_immutable' AND pronamespace = current_schema()::regnamespace");
        await raw(t, `CREATE OR REPLACE FUNCTION product_immutable() RETURNS trigger LANGUAGE plpgsql AS $$\n\n${row.body.replace(/ +/g, '   ')}\n$$`);
      } else {
        const [row] = await t.dataSource.query<{ sql: string }[]>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'product_no_update'");
        await raw(t, 'DROP TRIGGER product_no_update');
        await raw(t, row.sql.replace(/ /g, '\n   '));
      }
      expect(await restart(t)).toBeNull();
    });
  });

  it('a retention decision never changes or disappears (issue 21, item 3): UPDATE and DELETE refused by the database', async () => {
    await withApp(async (t) => {
      const app = await createApplication(t);
      const id = await recordRetentionDecision(t, 'application', app.id);
      await expect(raw(t, `UPDATE retention_decision SET decision = 'retain' WHERE id = '${id}'`)).rejects.toThrow(/retention_decision cannot be changed/);
      await expect(raw(t, `DELETE FROM retention_decision WHERE id = '${id}'`)).rejects.toThrow(/retention_decision cannot be changed/);
      if (isPostgres()) await expect(raw(t, 'TRUNCATE retention_decision')).rejects.toThrow(/retention_decision cannot be changed/);
      expect(await raw(t, `SELECT decision FROM retention_decision WHERE id = '${id}'`)).toEqual([{ decision: 'delete' }]);
    });
  });

  // Only PostgreSQL can switch a trigger off and leave it defined; SQLite can only drop it (the case above).
  // Only PostgreSQL has TRUNCATE, which fires no row trigger.
  if (isPostgres()) {
    it('refuses TRUNCATE of every history table', async () => {
      await withApp(async (t) => {
        for (const table of ['application_event', 'cd_error_event', 'disclosure_request_event']) {
          await expect(raw(t, `TRUNCATE ${table}`)).rejects.toThrow(`${table} is append-only (TRUNCATE refused)`);
        }
      });
    });

    it('a disabled trigger: the service refuses to start, naming it and how to enable it', async () => {
      await withApp(async (t) => {
        await raw(t, 'ALTER TABLE product DISABLE TRIGGER product_no_truncate');
        await raw(t, 'ALTER TABLE disclosure_request_event DISABLE TRIGGER disclosure_request_event_no_update');
        t.clock.advance(PROTECTIONS_RECHECK_MS);
        expectProblem(await t.http().get('/health'), 503, 'SERVICE_UNAVAILABLE');
        const refused = await restart(t);
        expect(refused?.message).toContain('trigger product_no_truncate on table product is disabled: restore it with ALTER TABLE product ENABLE TRIGGER product_no_truncate');
        expect(refused?.message).toContain('trigger disclosure_request_event_no_update on table disclosure_request_event is disabled');
        // A trigger that fires only on a replica is not in force either.
        await raw(t, 'ALTER TABLE product ENABLE TRIGGER product_no_truncate');
        await raw(t, 'ALTER TABLE disclosure_request_event ENABLE REPLICA TRIGGER disclosure_request_event_no_update');
        const again = await restart(t);
        expect(again?.message).not.toContain('product_no_truncate');
        expect(again?.message).toContain('trigger disclosure_request_event_no_update on table disclosure_request_event is disabled');
        await raw(t, 'ALTER TABLE disclosure_request_event ENABLE TRIGGER disclosure_request_event_no_update');
        expect(await restart(t)).toBeNull();
        await t.http().get('/health').expect(200);
      });
    });
  }
});
