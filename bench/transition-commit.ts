/**
 * The `transition-commit` cases of `npm run bench` (issue 23): how many valid transitions a second the service
 * commits when called in its own process (no HTTP), as a ratio to a hand-written transaction of the same shape on
 * the raw driver, in the same run, on the same database file or server.
 *
 * - the service: `ApplicationEventsService.apply` (SUBMIT_TO_SPOC on a draft of its own, If-Match 1), one after
 *   another, as the controller calls it: need-to-know, the guards, the engine, the history row with its hash and
 *   row digest, the conditional UPDATE, the outbox row and the answer's reads, in one transaction.
 * - the raw driver: the very statements one such call ran (recorded from TypeORM's query log in `prepare`), replayed
 *   with the driver alone (better-sqlite3 with the service's pragmas, or `pg`), each statement prepared once, on
 *   another draft (its id, and a fresh outbox id, put in place of the recorded ones), between the same BEGIN and
 *   one fsync'd COMMIT. What it shows is what the service's own code (TypeORM, the engine, hashing, mapping) costs
 *   on top of the database's work.
 *
 * Each repetition times both sides over `perSide` transitions, alternating which goes first. The service's side
 * also gives XState's share (`xstateShare`: the time in XState's `transition` ÷ the time of a commit), the whole
 * engine's (`engineShare`: apply and the answer's eventsFor, our guards and record included), and the persisted
 * state's size (what the row keeps of the machine: its state and version).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { prepareEnvironment, setupApp } from '../src/app.setup';
import { ApplicationEventsService } from '../src/applications/application-events.service';
import { ApplicationsService } from '../src/applications/applications.service';
import { ApplicationEntity } from '../src/applications/application.entity';
import { PrincipalRepository } from '../src/auth/principal.repository';
import type { Principal } from '../src/auth/principal';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/http/logging';
import { parseIfMatch } from '../src/http/if-match';
import * as xstate from 'xstate';
import { applicationEngine } from '../src/workflow/application.engine';
import { completeForm } from '../test/support/applications';
import type { RatioBench, RatioRun } from './returns-throughput';
import { freshSchema } from './service-process';
import { recordStatements, type Statement } from './statement-log';
import { openSqlite, type SqliteDatabase, type SqliteStatement } from './statistics-sqlite';

/** A draft's statements: the recorded ones with the recorded draft's id, and the outbox row's, replaced. */
function statementsFor(recorded: readonly Statement[], recordedId: string, draftId: string, outboxId: string): Statement[] {
  const swap = (value: unknown): unknown => (typeof value === 'string' ? value.split(recordedId).join(draftId).split(outboxId).join(randomUUID()) : value);
  return recorded.map(({ sql, parameters }) => ({ sql, parameters: parameters.map(swap) }));
}

/** The raw driver: one transaction of the recorded statements at a time, each statement prepared once. */
interface RawDriver {
  run(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteDriver(path: string): RawDriver {
  const db: SqliteDatabase = openSqlite(path);
  const prepared = new Map<string, SqliteStatement>();
  return {
    run(statements) {
      for (const { sql, parameters } of statements) {
        let statement = prepared.get(sql);
        if (statement === undefined) {
          statement = db.prepare(sql);
          prepared.set(sql, statement);
        }
        if (statement.reader) statement.all(parameters);
        else statement.run(parameters);
      }
      return Promise.resolve();
    },
    close: () => Promise.resolve(db.close()),
  };
}

async function postgresDriver(url: string, schema: string): Promise<RawDriver> {
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const names = new Map<string, string>();
  return {
    async run(statements) {
      for (const { sql, parameters } of statements) {
        // A named statement is parsed and planned once per connection, as a prepared statement.
        let name = names.get(sql);
        if (name === undefined) {
          name = `s${names.size}`;
          names.set(sql, name);
        }
        await client.query({ name: parameters.length > 0 ? name : undefined, text: sql, values: parameters });
      }
    },
    close: () => client.end(),
  };
}

/** A function's calls timed: `fn` wrapped so that each call adds its duration to `spent`. */
function timed<F extends (...args: never[]) => unknown>(fn: F, spent: { ns: bigint }): F {
  return ((...args: Parameters<F>) => {
    const start = process.hrtime.bigint();
    try {
      return fn(...args);
    } finally {
      spent.ns += process.hrtime.bigint() - start;
    }
  }) as F;
}

/**
 * The time spent while `work` runs in the application engine (its `apply` and `eventsFor`, wrapped for the while),
 * and within that in XState's pure `transition`, which the engine calls as the module's export (so the wrapper put on
 * the export is the one called; only a self-transition also asks a snapshot's `can`, and the event timed here is not
 * one). XState's time holds the machine's guard, our code, which it calls: it is an upper bound of XState's own.
 */
async function timingEngine<T>(work: () => Promise<T>): Promise<{ result: T; engineMs: number; xstateMs: number }> {
  const engine = applicationEngine as { apply: (...args: unknown[]) => unknown; eventsFor: (...args: unknown[]) => unknown };
  const machine = xstate as unknown as { transition: (...args: unknown[]) => unknown };
  const { apply, eventsFor } = engine;
  const { transition } = machine;
  const inEngine = { ns: 0n };
  const inXstate = { ns: 0n };
  engine.apply = timed(apply, inEngine);
  engine.eventsFor = timed(eventsFor, inEngine);
  machine.transition = timed(transition, inXstate);
  try {
    const result = await work();
    return { result, engineMs: Number(inEngine.ns) / 1e6, xstateMs: Number(inXstate.ns) / 1e6 };
  } finally {
    engine.apply = apply;
    engine.eventsFor = eventsFor;
    machine.transition = transition;
  }
}

/** The case, and what its test reads back: how many applications are in each state, with their versions. */
export interface TransitionCommitBench extends RatioBench {
  states(): Promise<{ status: string; version: number; n: number }[]>;
}

/**
 * The case on the embedded database (a fresh file), or on PostgreSQL (a fresh schema of `postgresUrl`): `perSide`
 * transitions a side in each of `runs` repetitions.
 */
export function transitionCommitBench(runs: number, perSide: number, postgresUrl?: string): TransitionCommitBench {
  let app: INestApplication | undefined;
  let raw: RawDriver | undefined;
  let cleanup: () => Promise<void> = () => Promise.resolve();
  let principal: Principal | undefined;
  let recorded: { statements: Statement[]; applicationId: string; outboxId: string } | undefined;
  const drafts: string[] = [];
  let round = 0;

  const serviceSide = async (ids: readonly string[]): Promise<{ ms: number; engineMs: number; xstateMs: number }> => {
    const events = app?.get(ApplicationEventsService);
    if (events === undefined || principal === undefined) throw new Error('prepare did not run');
    const who = principal;
    const start = performance.now();
    const { engineMs, xstateMs } = await timingEngine(async () => {
      for (const id of ids) await events.apply(who, id, parseIfMatch('1'), { type: 'SUBMIT_TO_SPOC' });
    });
    return { ms: performance.now() - start, engineMs, xstateMs };
  };

  const rawSide = async (ids: readonly string[]): Promise<number> => {
    if (raw === undefined || recorded === undefined) throw new Error('prepare did not run');
    const { statements, applicationId, outboxId } = recorded;
    const start = performance.now();
    for (const id of ids) await raw.run(statementsFor(statements, applicationId, id, outboxId));
    return performance.now() - start;
  };

  return {
    async prepare() {
      let env: Record<string, string>;
      if (postgresUrl) {
        const { schema, drop } = await freshSchema(postgresUrl);
        env = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema };
        cleanup = drop;
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'cd-commit-'));
        env = { SQLITE_PATH: join(dir, 'cd.sqlite'), DATABASE_URL: '' };
        cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
      }
      const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'true', ...env });
      prepareEnvironment(config);
      app = await NestFactory.create(AppModule.forRoot(config, createLogger(config)), { logger: false });
      // No pollers: the timed work is the command alone, and the raw side has none.
      await setupApp(app, { startPollers: false });
      const dataSource = app.get(DataSource);
      const principals = app.get(PrincipalRepository);
      const found = await dataSource.transaction((m) => principals.findActive(m, { username: 'applicant' }));
      if (!found) throw new Error('no demo applicant');
      principal = found.principal;
      const applications = app.get(ApplicationsService);
      // Each draft about a number of its own (bench/cases.ts, the transition case).
      for (let n = 0; n < 2 * runs * perSide + 1; n++) {
        const form = completeForm({ identifiers: [{ ref: 'id1', type: 'msisdn', value: `07700 ${900_000 + n}`, source: 'victim statement' }] });
        drafts.push((await applications.create(found.principal, form)).id);
      }
      const applicationId = drafts.pop() as string;
      const events = app.get(ApplicationEventsService);
      const statements = await recordStatements(dataSource, () => events.apply(found.principal, applicationId, parseIfMatch('1'), { type: 'SUBMIT_TO_SPOC' }));
      // On PostgreSQL the table is named with its schema.
      const outbox = statements.find((s) => /^INSERT INTO (?:"[^"]+"\.)?"outbox"/.test(s.sql));
      if (outbox === undefined || statements.length === 0) throw new Error('the transition wrote no outbox row');
      const columns = (/\(([^)]*)\) VALUES/.exec(outbox.sql)?.[1] ?? '').split(',').map((name) => name.trim().replace(/"/g, ''));
      if (!columns.includes('id')) throw new Error(`the outbox row's id is not among its columns: ${outbox.sql}`);
      recorded = { statements, applicationId, outboxId: String(outbox.parameters[columns.indexOf('id')]) };
      raw = postgresUrl ? await postgresDriver(postgresUrl, env.DATABASE_SCHEMA) : sqliteDriver(env.SQLITE_PATH);
    },
    async measure(): Promise<RatioRun> {
      const serviceIds = drafts.splice(0, perSide);
      const rawIds = drafts.splice(0, perSide);
      if (rawIds.length < perSide) throw new Error('the transition-commit case ran out of drafts');
      const serviceFirst = round++ % 2 === 0;
      const rawBefore = serviceFirst ? undefined : await rawSide(rawIds);
      const service = await serviceSide(serviceIds);
      const rawMs = rawBefore ?? (await rawSide(rawIds));
      const serviceCommitsPerS = (perSide * 1000) / service.ms;
      const rawCommitsPerS = (perSide * 1000) / rawMs;
      return {
        ratio: serviceCommitsPerS / rawCommitsPerS,
        details: {
          serviceCommitsPerS,
          rawCommitsPerS,
          statementsPerCommit: recorded?.statements.length ?? 0,
          engineShare: service.engineMs / service.ms,
          xstateShare: service.xstateMs / service.ms,
          persistedStateBytes: await persistedStateBytes(app, serviceIds[serviceIds.length - 1]),
        },
      };
    },
    async states() {
      const rows = await app?.get(DataSource).query<{ status: string; version: number | string; n: number | string }[]>(
        'SELECT status, version, COUNT(*) AS n FROM application GROUP BY status, version ORDER BY status, version',
      );
      if (rows === undefined) throw new Error('prepare did not run');
      return rows.map((row) => ({ status: row.status, version: Number(row.version), n: Number(row.n) }));
    },
    async finish() {
      await raw?.close();
      await app?.close();
      await cleanup();
    },
  };
}

/**
 * What the row of application `id` keeps of its machine, in bytes of JSON: its state and the machine's version, as
 * read back from the database (the service persists no XState snapshot: a snapshot is made from the state,
 * `snapshotFor`, when an event comes).
 */
async function persistedStateBytes(app: INestApplication | undefined, id: string): Promise<number> {
  const row = await app?.get(DataSource).getRepository(ApplicationEntity).findOneByOrFail({ id });
  if (row === undefined) throw new Error('prepare did not run');
  return Buffer.byteLength(JSON.stringify({ status: row.status, machineVersion: row.machineVersion }));
}
