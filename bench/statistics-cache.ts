/**
 * The statistics bench's data set, seeded once and kept between bench runs (bench/README.md, "The cache").
 *
 * - SQLite: `.bench-cache/statistics-<key>.sqlite` in the repository (gitignored). It is made as
 *   `….partial.sqlite` and renamed only once seeded, so an interrupted seed is never taken for a cache.
 * - PostgreSQL: the database `cd_bench_statistics_<key>` beside the one DATABASE_URL names (created through
 *   that connection). It counts as seeded only when its `bench_seed` table holds the marker row, written last;
 *   a database without it is dropped and seeded again.
 *
 * The key names the seeder's version, the number of migrations and a fingerprint of their code and of
 * `statisticsOf`, both machine versions and the sizes, so a change to any of them seeds afresh; superseded
 * caches of the same size are removed before a new one is seeded (one takes tens of gigabytes), caches of other
 * sizes (tried with the variables below) are left alone.
 *
 * Seeding: the BUILT service is started once on the empty database (its migrations and its demo seed of
 * authorities and users, with real password hashes), stopped, and then bench/statistics-seed.ts writes the
 * data set through the driver, with worker threads generating the batches; then ANALYZE (PostgreSQL: VACUUM
 * ANALYZE), as a database that has been running a while would have its statistics.
 *
 * `node dist/bench/statistics-cache.js [sqlite|postgres|all]` seeds (or finds) the caches without running
 * the bench; STATISTICS_BENCH_APPLICATIONS and STATISTICS_BENCH_ERRORS change the sizes, for trying it out.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../migrations';
import { statisticsOf } from '../src/applications/application-statistics';
import { APPLICATION_MACHINE_VERSION } from '../src/workflow/application.machine';
import { CD_ERROR_MACHINE_VERSION } from '../src/workflow/cd-error.machine';
import { postgresSeedDriver, seedStatistics, sqliteSeedDriver, STATISTICS_SEED_VERSION, type SeedSummary } from './statistics-seed';
import { repositoryRoot, startService } from './service-process';
import { openSqlite } from './statistics-sqlite';

/** The sizes issue 17 asks for. */
export const BENCH_DATA_SET = { applications: 1_000_000, errors: 50_000 } as const;

export interface DataSetSize {
  applications: number;
  errors: number;
}

/** The sizes of this run: the bench's, unless STATISTICS_BENCH_APPLICATIONS / STATISTICS_BENCH_ERRORS say otherwise. */
export function dataSetSize(): DataSetSize {
  const read = (name: string, fallback: number): number => {
    const value = process.env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number`);
    return n;
  };
  return { applications: read('STATISTICS_BENCH_APPLICATIONS', BENCH_DATA_SET.applications), errors: read('STATISTICS_BENCH_ERRORS', BENCH_DATA_SET.errors) };
}

/**
 * The fingerprint of what the data set's shape comes from besides the seeder: the migrations (their compiled
 * `up`) and `statisticsOf` (the statistics rows the figures read), so editing either seeds afresh too.
 */
function schemaFingerprint(): string {
  const text = [...MIGRATIONS.map((m) => `${m.name}:${String(m.prototype.up)}`), String(statisticsOf)].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The end of every cache key of one size. */
const sizeSuffix = (size: DataSetSize): string => `_${size.applications}_${size.errors}`;

/** What names a cache: the seeder, the schema (how many migrations, and their fingerprint), the machines and the sizes. */
export function cacheKey(size: DataSetSize): string {
  return `v${STATISTICS_SEED_VERSION}_m${MIGRATIONS.length}_${schemaFingerprint()}_a${APPLICATION_MACHINE_VERSION}_e${CD_ERROR_MACHINE_VERSION}${sizeSuffix(size)}`;
}

/** Where the SQLite caches live (gitignored). */
export const cacheDirectory = (): string => join(repositoryRoot(), '.bench-cache');

export interface CachedDatabase {
  /** The SQLite file, or the PostgreSQL database's URL. */
  location: string;
  /** What the seeder wrote, with how long it took (from the marker). */
  summary: SeedSummary & { seededAt: string; totalSeconds: number };
  /** Whether this call seeded it (a cold cache). */
  seeded: boolean;
}

const MARKER_TABLE = 'CREATE TABLE bench_seed (name varchar(100) PRIMARY KEY, summary text NOT NULL)';
const seedWorkers = (): number => Math.max(1, Math.min(4, availableParallelism()));

function removeSqlite(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

function sqliteMarker(path: string): CachedDatabase['summary'] | null {
  try {
    const db = openSqlite(path, { readonly: true });
    try {
      const row = db.prepare("SELECT summary FROM bench_seed WHERE name = 'statistics'").all()[0] as { summary: string } | undefined;
      return row ? (JSON.parse(row.summary) as CachedDatabase['summary']) : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The SQLite cache of `size`, seeded first if it is not there (or not complete). */
export async function ensureSqliteCache(size: DataSetSize, log: (line: string) => void): Promise<CachedDatabase> {
  const dir = cacheDirectory();
  mkdirSync(dir, { recursive: true });
  const name = `statistics-${cacheKey(size)}.sqlite`;
  const path = join(dir, name);
  const found = existsSync(path) ? sqliteMarker(path) : null;
  if (found) return { location: path, summary: found, seeded: false };
  removeSqlite(path);
  // Superseded caches of the same size go first (each takes tens of gigabytes); other sizes stay.
  const sameSize = sizeSuffix(size);
  for (const other of readdirSync(dir)) {
    if (other.startsWith('statistics-') && other.includes(`${sameSize}.`)) rmSync(join(dir, other), { force: true });
  }
  const partial = path.replace(/\.sqlite$/, '.partial.sqlite');
  const started = performance.now();
  log(`seeding ${path} (cold cache): the service's migrations and demo seed first`);
  await (await startService({ kind: 'sqlite', path: partial })).stop();
  const db = openSqlite(partial);
  try {
    // Made to be thrown away if interrupted (it is renamed only when complete): no journal, no syncs, a big page cache.
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    const summary = await seedStatistics(sqliteSeedDriver(db), { ...size, workers: seedWorkers(), log });
    log('ANALYZE');
    db.exec('ANALYZE');
    const marker = { ...summary, seededAt: new Date().toISOString(), totalSeconds: Math.round((performance.now() - started) / 100) / 10 };
    db.exec(MARKER_TABLE);
    db.prepare("INSERT INTO bench_seed (name, summary) VALUES ('statistics', ?)").run([JSON.stringify(marker)]);
    db.pragma('journal_mode = WAL');
    db.close();
    renameSync(partial, path);
    log(`seeded ${path} in ${marker.totalSeconds} s`);
    return { location: path, summary: marker, seeded: true };
  } catch (error) {
    try {
      db.close();
    } catch {
      // already closed
    }
    throw error;
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `adminUrl` with another database. */
function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The PostgreSQL cache of `size`, beside the database `adminUrl` names; seeded first if it is not there (or not complete). */
export async function ensurePostgresCache(size: DataSetSize, adminUrl: string, log: (line: string) => void): Promise<CachedDatabase> {
  const name = `cd_bench_statistics_${cacheKey(size)}`;
  const url = databaseUrl(adminUrl, name);
  const exists = await withClient(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (exists) {
    const found = await withClient(url, async (c) => {
      try {
        const rows = (await c.query("SELECT summary FROM bench_seed WHERE name = 'statistics'")).rows as { summary: string }[];
        return rows[0] ? (JSON.parse(rows[0].summary) as CachedDatabase['summary']) : null;
      } catch {
        return null;
      }
    });
    if (found) return { location: url, summary: found, seeded: false };
  }
  const started = performance.now();
  log(`seeding the PostgreSQL database ${name} (cold cache): the service's migrations and demo seed first`);
  await withClient(adminUrl, async (c) => {
    // Superseded caches of the same size go first (each takes gigabytes); other sizes stay.
    const stale = (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'cd\\_bench\\_statistics\\_%'")).rows as { datname: string }[];
    for (const other of stale.filter((d) => d.datname.endsWith(sizeSuffix(size)))) await c.query(`DROP DATABASE IF EXISTS ${other.datname} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  await (await startService({ kind: 'postgres', url })).stop();
  const summary = await withClient(url, async (c) => {
    // Made to be thrown away if interrupted (the marker is written last): no waiting for each commit's flush.
    await c.query('SET synchronous_commit = off');
    return seedStatistics(postgresSeedDriver(c), { ...size, workers: seedWorkers(), log });
  });
  log('VACUUM ANALYZE');
  const marker = await withClient(url, async (c) => {
    await c.query('VACUUM ANALYZE');
    const m = { ...summary, seededAt: new Date().toISOString(), totalSeconds: Math.round((performance.now() - started) / 100) / 10 };
    await c.query(MARKER_TABLE);
    await c.query("INSERT INTO bench_seed (name, summary) VALUES ('statistics', $1)", [JSON.stringify(m)]);
    return m;
  });
  log(`seeded ${name} in ${marker.totalSeconds} s`);
  return { location: url, summary: marker, seeded: true };
}

async function main(which: string): Promise<void> {
  const size = dataSetSize();
  const log = (line: string) => console.error(`statistics-cache: ${line}`);
  if (which === 'sqlite' || which === 'all') console.log(JSON.stringify({ database: 'sqlite', ...(await ensureSqliteCache(size, log)) }));
  if (which === 'postgres' || which === 'all') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL names the PostgreSQL server the cache is made beside');
    console.log(JSON.stringify({ database: 'postgres', ...(await ensurePostgresCache(size, url, log)) }));
  }
}

if (require.main === module) {
  main(process.argv[2] ?? 'all').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
