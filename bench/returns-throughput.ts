/**
 * The two returns cases of `npm run bench` (bench/cases.ts): what reading and storing a CSP's call-records
 * return costs, each as a ratio to the least the same work can cost, measured in the same process, on the
 * same file, in the same run, so that a shared, noisy machine moves both sides alike.
 *
 * - check throughput: rows/s of the service's reading (`ingestCsv`: csv-parse, then every row normalised and
 *   checked, then turned into insert parameters) ÷ rows/s of csv-parse alone with the same options, both
 *   streaming the same file from disk. What it shows is what the checks cost on top of parsing.
 * - store throughput: rows/s of the service's writer (`AcquiredRecordWriter.insert` in a unit of work, as
 *   the upload stores rows) ÷ rows/s of the driver used directly with the same INSERT text, the same
 *   `INSERT_BATCH_ROWS` rows per statement, prepared once, in one BEGIN/COMMIT, into an identical fresh
 *   table. What it shows is
 *   what TypeORM's query path costs on top of the database's own work.
 *
 * Both import the service's code from its build (bench/ compiles beside src/ into dist/), so they time
 * what `npm start` runs.
 */
import 'reflect-metadata';
import { copyFileSync, createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { UnitOfWork } from '../src/database/unit-of-work';
import { DEMO_CSPS } from '../src/disclosures/csp/csp-seed';
import { AcquiredRecordEntity } from '../src/disclosures/returns/acquired-record.entity';
import { AcquiredRecordWriter, insertStatement } from '../src/disclosures/returns/acquired-record-writer';
import { ingestCsv, RETURN_CSV_OPTIONS, type RowSink } from '../src/disclosures/returns/return-ingestion';
import type { ReturnContext } from '../src/disclosures/returns/parsing/row-checker';
import { CALL_RECORD_PERIOD, TARGET_MSISDN, writeCallRecordFile } from './call-record-file';

/** One repetition: the ratio, and the rates it is the quotient of. */
export interface RatioRun {
  ratio: number;
  details: Record<string, number>;
}

/** A ratio case's life: set up once, measured several times (one pair of timings each), torn down. */
export interface RatioBench {
  prepare(): Promise<void>;
  measure(): Promise<RatioRun>;
  finish(): Promise<void>;
}

/** The context the service checks an Example Mobile call-records return against (its directory entry, the item). */
export function exampleMobileContext(): ReturnContext {
  const csp = DEMO_CSPS.find((c) => c.code === 'examplemobile');
  if (!csp) throw new Error('the demo directory has no Example Mobile');
  return {
    item: { identifierType: 'msisdn', normalisedValue: TARGET_MSISDN, subtype: 'callDataRecords', periodStart: CALL_RECORD_PERIOD.start, periodEnd: CALL_RECORD_PERIOD.end },
    zone: csp.fileTimeZone,
    precisionSeconds: csp.timePrecisionSeconds,
  };
}

const IDS = { returnId: '00000000-0000-4000-8000-000000000001', requestId: '00000000-0000-4000-8000-000000000002' };

/**
 * A full garbage collection on demand (the flag set at run time, so `npm run bench` needs no node option).
 * Both sides of a case make garbage, the checking side far more: collected before each timing, neither
 * side starts with a heap the other left behind, and the GC debt of one is not paid inside the other.
 */
setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;

/** Runs `work` and returns its rows per second (`work` returns how many rows it handled). */
async function rowsPerSecond(work: () => Promise<number>): Promise<{ rows: number; rowsPerSec: number; rowsPerCpuSec: number }> {
  collectGarbage();
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const rows = await work();
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { rows, rowsPerSec: rows / seconds, rowsPerCpuSec: rows / ((used.user + used.system) / 1e6) };
}

/** Data rows of `path` as csv-parse alone reads them: the least any reading of the file costs. */
async function parseOnly(path: string): Promise<number> {
  let records = 0;
  // Consumed as ingestCsv consumes it (an async iterator), so the two differ only in what is done per row.
  for await (const record of createReadStream(path).pipe(parse(RETURN_CSV_OPTIONS)) as AsyncIterable<string[]>) records += record.length === 0 ? 0 : 1;
  return records - 1;
}

/** Data rows of `path` as the service reads them, the batches of parameters thrown away. */
async function parseAndCheck(path: string, sink: RowSink = () => Promise.resolve()): Promise<number> {
  const result = await ingestCsv(createReadStream(path), 'callDataRecord', exampleMobileContext(), IDS, sink);
  return result.rowCount;
}

/**
 * Alternates which side goes first from one repetition to the next, so that neither always runs on the
 * heap or the CPU clock the other left behind.
 */
function alternating<A, B>(first: () => Promise<A>, second: () => Promise<B>): () => Promise<[A, B]> {
  let turn = 0;
  return async () => {
    const swap = turn++ % 2 === 1;
    if (!swap) {
      const a = await first();
      return [a, await second()];
    }
    const b = await second();
    return [await first(), b];
  };
}

/** `returns-check-throughput`: parse + normalise + check ÷ parse alone, on a generated call-records file of `rows` rows. */
export function checkThroughputBench(rows: number): RatioBench {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-returns-'));
  const path = join(dir, 'calls.csv');
  const pair = alternating(
    () => rowsPerSecond(() => parseOnly(path)),
    () => rowsPerSecond(() => parseAndCheck(path)),
  );
  return {
    async prepare() {
      await writeCallRecordFile(path, { rows });
      // Untimed passes: the file into the page cache, both code paths optimised by the JIT (the first two
      // passes of the checking side are measurably slower than the rest).
      for (let i = 0; i < 2; i++) {
        await parseOnly(path);
        await parseAndCheck(path);
      }
    },
    async measure() {
      const [bare, checked] = await pair();
      if (bare.rows !== rows || checked.rows !== rows) throw new Error(`read ${bare.rows} and ${checked.rows} rows of ${rows}`);
      return {
        ratio: checked.rowsPerSec / bare.rowsPerSec,
        // The same quotient from this process's CPU time: on a machine busy with other work the wall-clock
        // ratio moves with the load, this one far less, so the two together tell load from code.
        details: { rows, checkedRowsPerSec: checked.rowsPerSec, parseOnlyRowsPerSec: bare.rowsPerSec, cpuRatio: checked.rowsPerCpuSec / bare.rowsPerCpuSec },
      };
    },
    finish() {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** The rows of a generated file as the service stores them: its batches of insert parameters, built once. */
async function insertBatches(dir: string, rows: number): Promise<unknown[][][]> {
  const path = join(dir, 'calls.csv');
  await writeCallRecordFile(path, { rows });
  const batches: unknown[][][] = [];
  const read = await parseAndCheck(path, (batch) => {
    if (batch.length > 0) batches.push(batch);
    return Promise.resolve();
  });
  rmSync(path);
  if (read !== rows) throw new Error(`read ${read} rows of ${rows}`);
  return batches;
}

/** The smallest surface of better-sqlite3 used here (the package ships no types). */
interface SqliteStatement {
  run(parameters: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(source: string): unknown;
  close(): void;
}
type SqliteDatabaseConstructor = new (path: string, options: { timeout: number }) => SqliteDatabase;

/** One side of the store case: a fresh table before each run, then the timed storing of every batch. */
interface StoreSide {
  fresh(): Promise<void>;
  store(batches: unknown[][][]): Promise<number>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** The service's way: the writer in a unit of work (the upload's transaction) on a data source built as the application builds it. */
async function serviceStore(ds: DataSource, batches: unknown[][][]): Promise<number> {
  const writer = new AcquiredRecordWriter();
  await new UnitOfWork(ds).run(async (tx) => {
    for (const batch of batches) await writer.insert(tx, batch);
  });
  return batches.reduce((n, b) => n + b.length, 0);
}

/** The SQL the service sends for a batch of `rows` rows, from the writer's own builder. */
function statementTexts(manager: DataSource['manager'], batches: unknown[][][]): Map<number, string> {
  return new Map([...new Set(batches.map((b) => b.length))].map((n) => [n, insertStatement(manager, n)]));
}

/** Both sides on one kind of database, and the migrated schema they start from. */
interface StoreSides {
  /** Migrates the schema the sides start from; returns a manager of that kind of database (for the INSERT text). */
  template(): Promise<DataSource['manager']>;
  service: StoreSide;
  raw(texts: Map<number, string>): StoreSide;
  drop(): Promise<void>;
}

/**
 * The store case on SQLite: before each run, each side gets its own copy of a migrated, empty database
 * file (the previous run's copy deleted), opened as the application opens it.
 */
function sqliteSides(dir: string): StoreSides {
  const file = (name: string) => join(dir, `${name}.sqlite`);
  const optionsFor = (path: string) => buildDataSourceOptions(loadConfig({ SQLITE_PATH: path }).database, [AcquiredRecordEntity]);
  const remove = (name: string) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file(name) + suffix, { force: true });
  };
  const freshCopy = (name: string) => {
    remove(name);
    copyFileSync(file('template'), file(name));
  };
  let ds: DataSource | null = null;
  return {
    async template() {
      const template = new DataSource(optionsFor(file('template')));
      await template.initialize();
      await template.runMigrations();
      const manager = template.manager;
      await template.destroy();
      // Closing the last connection checkpoints the WAL into the file, so the file alone is the schema.
      if (existsSync(`${file('template')}-wal`)) throw new Error('the template database kept its WAL');
      return manager;
    },
    service: {
      async fresh() {
        await ds?.destroy();
        freshCopy('service');
        ds = new DataSource(optionsFor(file('service')));
        await ds.initialize();
      },
      store: (batches) => serviceStore(ds as DataSource, batches),
      count: async () => (ds === null ? 0 : ds.getRepository(AcquiredRecordEntity).count()),
      async close() {
        await ds?.destroy();
        ds = null;
      },
    },
    raw(texts) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 ships no types; SqliteDatabase names what is used.
      const Sqlite = require('better-sqlite3') as SqliteDatabaseConstructor;
      let db: SqliteDatabase | null = null;
      return {
        async fresh() {
          db?.close();
          freshCopy('raw');
          const options = optionsFor(file('raw'));
          if (options.type !== 'better-sqlite3') throw new Error('not SQLite');
          // The connection the application's data source opens: its timeout and pragmas, then the two TypeORM adds.
          const opened = new Sqlite(file('raw'), { timeout: options.timeout ?? 5000 });
          await options.prepareDatabase?.(opened);
          opened.pragma('foreign_keys = ON');
          opened.pragma('journal_mode = WAL');
          db = opened;
        },
        store(batches) {
          if (db === null) throw new Error('no database');
          const conn = db;
          // Prepared once, as the service's driver caches its statement by text.
          const statements = new Map([...texts].map(([n, sql]) => [n, conn.prepare(sql)]));
          let rows = 0;
          conn.exec('BEGIN IMMEDIATE');
          for (const batch of batches) {
            (statements.get(batch.length) as SqliteStatement).run(batch.flat());
            rows += batch.length;
          }
          conn.exec('COMMIT');
          return Promise.resolve(rows);
        },
        count() {
          const counter = db?.prepare('SELECT COUNT(*) AS n FROM acquired_record') as unknown as { get(): { n: number } } | undefined;
          return Promise.resolve(counter?.get().n ?? 0);
        },
        close() {
          db?.close();
          db = null;
          return Promise.resolve();
        },
      };
    },
    drop: () => Promise.resolve(),
  };
}

/** The store case on PostgreSQL: one migrated schema per side, its table emptied (TRUNCATE: new storage) before each run. */
function postgresSides(url: string): StoreSides {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const schemas = { service: `bench_svc_${suffix}`, raw: `bench_raw_${suffix}` };
  const optionsFor = (schema: string) => buildDataSourceOptions(loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema }).database, [AcquiredRecordEntity]);
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  let ds: DataSource | null = null;
  return {
    async template() {
      let manager: DataSource['manager'] | null = null;
      for (const schema of [schemas.service, schemas.raw]) {
        await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
        const migrator = new DataSource(optionsFor(schema));
        await migrator.initialize();
        await migrator.runMigrations();
        manager = migrator.manager;
        await migrator.destroy();
      }
      return manager as DataSource['manager'];
    },
    service: {
      async fresh() {
        if (ds === null) {
          ds = new DataSource(optionsFor(schemas.service));
          await ds.initialize();
        }
        await ds.query('TRUNCATE acquired_record');
      },
      store: (batches) => serviceStore(ds as DataSource, batches),
      count: async () => (ds === null ? 0 : ds.getRepository(AcquiredRecordEntity).count()),
      async close() {
        await ds?.destroy();
        ds = null;
      },
    },
    raw(texts) {
      let client: Client | null = null;
      return {
        async fresh() {
          if (client === null) {
            client = new Client({ connectionString: url, options: `-c search_path=${schemas.raw}` });
            await client.connect();
          }
          await client.query('TRUNCATE acquired_record');
        },
        async store(batches) {
          if (client === null) throw new Error('no connection');
          let rows = 0;
          await client.query('BEGIN');
          // A named statement is parsed and planned once per connection, then only bound and executed.
          for (const batch of batches) {
            await client.query({ name: `acquired-record-${batch.length}`, text: texts.get(batch.length) as string, values: batch.flat() });
            rows += batch.length;
          }
          await client.query('COMMIT');
          return rows;
        },
        async count() {
          if (client === null) return 0;
          return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM acquired_record')).rows[0].n);
        },
        async close() {
          await client?.end();
          client = null;
        },
      };
    },
    async drop() {
      await admin(async (c) => {
        for (const schema of Object.values(schemas)) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      });
    },
  };
}

/**
 * `returns-store-throughput`: the service's writer ÷ the driver directly, on SQLite (the embedded default,
 * what the rest of the bench runs on) or, given `postgresUrl`, on PostgreSQL. The same pre-built batches
 * on both sides, so only storing is timed.
 */
export function storeThroughputBench(rows: number, postgresUrl?: string): RatioBench {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-store-'));
  const sides = postgresUrl ? postgresSides(postgresUrl) : sqliteSides(dir);
  let batches: unknown[][][] = [];
  let raw: StoreSide | null = null;
  const timed = async (side: StoreSide) => {
    await side.fresh();
    const rate = await rowsPerSecond(() => side.store(batches));
    const stored = await side.count();
    if (stored !== rows) throw new Error(`stored ${stored} rows of ${rows}`);
    return rate;
  };
  let pair: (() => Promise<[{ rowsPerSec: number }, { rowsPerSec: number }]>) | null = null;
  return {
    async prepare() {
      batches = await insertBatches(dir, rows);
      const manager = await sides.template();
      const rawSide = sides.raw(statementTexts(manager, batches));
      raw = rawSide;
      pair = alternating(
        () => timed(rawSide),
        () => timed(sides.service),
      );
      // One untimed pair: both paths compiled by the JIT, both drivers' first statements prepared.
      await pair();
    },
    async measure() {
      if (pair === null) throw new Error('prepare did not run');
      const [direct, service] = await pair();
      return { ratio: service.rowsPerSec / direct.rowsPerSec, details: { rows, serviceRowsPerSec: service.rowsPerSec, driverRowsPerSec: direct.rowsPerSec } };
    },
    async finish() {
      await raw?.close();
      await sides.service.close();
      await sides.drop();
      rmSync(dir, { recursive: true, force: true });
      batches = [];
    },
  };
}
