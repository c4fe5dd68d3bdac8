/**
 * The conditional UPDATE every write of a record ends with (src/database/versioned-update.ts; docs/architecture.md
 * §4 step 4): `… WHERE id = :id AND version = :read`. A writer whose read version another write has since moved
 * must be refused with the record's stale error and change nothing — whatever else (the history's unique position)
 * would also stop it. On SQLite and, with DATABASE_URL, on PostgreSQL.
 */
import { stale } from '../src/applications/application-history';
import { ApplicationEntity } from '../src/applications/application.entity';
import { updateVersioned } from '../src/database/versioned-update';
import { createApplication } from './support/applications';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

describe(`the conditional UPDATE of a record (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a write against a version another write has moved is refused as stale, and the row is as the other write left it', async () => {
    const { id } = await createApplication(t);
    const read = await t.dataSource.manager.findOneByOrFail(ApplicationEntity, { id });
    await t.uow.run((tx) => updateVersioned(tx, ApplicationEntity, read, { route: 'ipc60A' }, stale));

    await expect(t.uow.run((tx) => updateVersioned(tx, ApplicationEntity, read, { route: 'dso61A' }, stale))).rejects.toMatchObject({ code: 'APPLICATION_STALE' });
    expect(await t.dataSource.manager.findOneByOrFail(ApplicationEntity, { id })).toMatchObject({ route: 'ipc60A', version: read.version + 1 });
  });

  it('a write against the current version goes through and moves the version by one', async () => {
    const { id } = await createApplication(t);
    const read = await t.dataSource.manager.findOneByOrFail(ApplicationEntity, { id });
    const written = await t.uow.run((tx) => updateVersioned(tx, ApplicationEntity, read, { route: 'dso61A' }, stale));
    expect(written).toMatchObject({ route: 'dso61A', version: read.version + 1 });
    expect(await t.dataSource.manager.findOneByOrFail(ApplicationEntity, { id })).toMatchObject({ route: 'dso61A', version: read.version + 1 });
  });
});
