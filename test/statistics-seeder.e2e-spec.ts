/**
 * The statistics bench's seeder (bench/statistics-seed.ts) at a small size, into a test app's database
 * (SQLite; PostgreSQL when DATABASE_URL is set): what it writes is what the service would have written — every
 * history verifies and replays through the engine to the same state and the same recorded guard inputs, the
 * statistics rows are `statisticsOf` of the record as stored, the service carries on from the URNs it used —
 * and the bench's hand-written baseline (bench/statistics-baseline.ts) counts exactly what the service's
 * statistics return counts, for every figure, for the seeded authority and for the other one.
 */
import { Client } from 'pg';
import { BASELINE_QUERIES, countsOfReturn, differences, postgresBaseline, sqliteBaseline, type Baseline } from '../bench/statistics-baseline';
import { postgresSeedDriver, seedStatistics, SEED_PERIOD, sqliteSeedDriver, type SeedSummary } from '../bench/statistics-seed';
import { openSqlite, type SqliteDatabase } from '../bench/statistics-sqlite';
import { ApplicationHistory } from '../src/applications/application-history';
import { statisticsOf } from '../src/applications/application-statistics';
import { ApplicationStatisticsEntity, ApplicationStatisticsItemEntity, ApplicationStatisticsSubjectEntity } from '../src/applications/application-statistics.entity';
import { ApplicationEventEntity } from '../src/applications/application-event.entity';
import { ApplicationEntity } from '../src/applications/application.entity';
import { CdErrorEntity } from '../src/errors/cd-error.entity';
import { CdErrorHistory } from '../src/errors/cd-error-history';
import { statisticsPeriod } from '../src/reporting/statistics/statistics-period';
import { STATISTICS_FIGURES } from '../src/reporting/statistics/statistics.figures';
import { applicationEngine } from '../src/workflow/application.engine';
import { replayFinding } from '../src/workflow/core/replay';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';
import { completeForm } from './support/applications';

const APPLICATIONS = 300;
const ERRORS = 40;

describe('the statistics bench seeder', () => {
  let t: TestApp;
  let summary: SeedSummary;
  let sqlite: SqliteDatabase | null = null;
  let pg: Client | null = null;
  let baseline: Baseline;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.config.database;
    if (db.kind === 'postgres') {
      pg = new Client({ connectionString: db.url, options: `-c search_path=${db.schema ?? 'public'}` });
      await pg.connect();
      summary = await seedStatistics(postgresSeedDriver(pg), { applications: APPLICATIONS, errors: ERRORS, batchSize: 64 });
      baseline = await postgresBaseline(db.url, db.schema);
    } else {
      sqlite = openSqlite(db.path);
      summary = await seedStatistics(sqliteSeedDriver(sqlite), { applications: APPLICATIONS, errors: ERRORS, batchSize: 64 });
      baseline = sqliteBaseline(db.path);
    }
  });

  afterAll(async () => {
    await baseline?.close();
    sqlite?.close();
    await pg?.end();
    await t?.close();
  });

  it('writes the sizes asked for, over many paths and both authorities', async () => {
    expect(summary.applications).toBe(APPLICATIONS);
    expect(summary.errors).toBe(ERRORS);
    expect(await t.dataSource.manager.count(ApplicationEntity)).toBe(APPLICATIONS);
    expect(await t.dataSource.manager.count(CdErrorEntity)).toBe(ERRORS);
    expect(await t.dataSource.manager.count(ApplicationEventEntity)).toBe(summary.historyRows);
    expect(Object.keys(summary.paths).length).toBeGreaterThanOrEqual(12);
    expect(summary.otherAuthority).toBeGreaterThan(0);
    expect(isPostgres() ? 'postgres' : 'sqlite').toBe(t.config.database.kind);
  });

  it('writes histories whose chains verify, through the service and through the chain itself', async () => {
    const m = t.dataSource.manager;
    const history = new ApplicationHistory();
    const rows = await m.find(ApplicationEntity);
    for (const row of rows) {
      const result = await history.verifyAggregate(m, row);
      expect({ id: row.id, result }).toEqual({ id: row.id, result: { valid: true, rows: row.version, head: row.historyHead } });
    }
    // Through the API too, as each authority's SRO sees its records: one of every status.
    const sro = new Map([[await baseline.authorityOf('sro'), 'sro'], [await baseline.authorityOf('other-sro'), 'other-sro']]);
    const sample = [...new Map(rows.map((r) => [`${r.status}:${r.authorityId}`, r])).values()];
    expect(sample.length).toBeGreaterThan(8);
    for (const row of sample) {
      const res = await t.http().get(`/applications/${row.id}/history/verify`).set('authorization', `Bearer ${await t.token(sro.get(row.authorityId) ?? 'sro')}`);
      expect({ id: row.id, status: res.status, body: res.body as unknown }).toEqual({ id: row.id, status: 200, body: { valid: true, rows: row.version, head: row.historyHead } });
    }
    const errors = new CdErrorHistory();
    for (const row of await m.find(CdErrorEntity)) {
      expect(await errors.verifyAggregate(m, row)).toEqual({ valid: true, rows: row.version, head: row.historyHead });
    }
  });

  it('writes only what the engine decides: each transition replays to the same state and the same recorded guard inputs', async () => {
    const events = await t.dataSource.manager.find(ApplicationEventEntity, { where: { kind: 'transition' } });
    expect(events.length).toBeGreaterThan(APPLICATIONS);
    // Through the production replay that `…/history/verify` runs (src/workflow/core/replay.ts).
    for (const e of events) expect({ seq: e.seq, finding: replayFinding(applicationEngine, e) }).toEqual({ seq: e.seq, finding: null });
  });

  it('writes the statistics rows statisticsOf derives from each record as stored', async () => {
    const m = t.dataSource.manager;
    const stats = new Map((await m.find(ApplicationStatisticsEntity)).map((s) => [s.applicationId, s]));
    const items = await m.find(ApplicationStatisticsItemEntity);
    const subjects = await m.find(ApplicationStatisticsSubjectEntity);
    for (const row of await m.find(ApplicationEntity)) {
      const expected = statisticsOf(row);
      expect(stats.get(row.id)).toEqual(expected.row);
      expect(items.filter((i) => i.applicationId === row.id).sort((a, b) => a.itemRef.localeCompare(b.itemRef))).toEqual(expected.items);
      expect(subjects.filter((j) => j.applicationId === row.id).map((j) => j.role).sort()).toEqual(expected.subjects.map((j) => j.role).sort());
    }
  });

  it('leaves the URN counters where the service carries on from them', async () => {
    const res = await t.http().post('/applications').set('authorization', `Bearer ${await t.token('applicant')}`).send(completeForm());
    expect(res.status).toBe(201);
  });

  it('has a baseline query for every figure of the return, and no other', () => {
    expect(Object.keys(BASELINE_QUERIES).sort()).toEqual([...STATISTICS_FIGURES.keys()].sort());
  });

  it.each([
    ['sro', 'the seeded authority'],
    ['other-sro', 'the other authority'],
  ])("counts, as %s (%s), exactly what the bench's baseline counts, for every figure", async (user) => {
    const period = statisticsPeriod(SEED_PERIOD.from, SEED_PERIOD.to);
    if (!period.ok) throw new Error(period.message);
    const res = await t
      .http()
      .get(`/returns/statistics?from=${SEED_PERIOD.from}&to=${SEED_PERIOD.to}&format=json`)
      .set('authorization', `Bearer ${await t.token(user)}`);
    expect(res.status).toBe(200);
    const service = countsOfReturn(res.body as Parameters<typeof countsOfReturn>[0]);
    const counted = await baseline.run({ authorityId: await baseline.authorityOf(user), startsAt: period.period.startsAt, endsBefore: period.period.endsBefore });
    expect(differences(service, counted)).toEqual([]);
    // Not a vacuous agreement: the data set puts something in most figures.
    const nonEmpty = [...counted.values()].filter((cells) => cells.size > 0).length;
    expect(nonEmpty).toBeGreaterThanOrEqual(user === 'sro' ? 15 : 8);
  });
});
