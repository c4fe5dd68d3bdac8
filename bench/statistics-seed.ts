/**
 * The statistics return's data set (bench/README.md, "The statistics data set"): `applications` applications
 * and `errors` CD error register entries, written straight into a database that already has the schema
 * (the migrations) and the demo authorities and users (the demo seed). What is written, and how each history
 * comes from the production engine and hash chain, is bench/statistics-generate.ts; this file reads the demo
 * users, has batches generated (by worker threads, or in this thread) and writes them in order.
 *
 * Rows are written in batches, each batch one transaction: on SQLite through better-sqlite3 with prepared
 * multi-row INSERTs, on PostgreSQL through `pg` with one INSERT … SELECT FROM unnest(…) per table. Memory
 * stays bounded by the batches in flight.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Client } from 'pg';
import type { ActorFacts } from '../src/workflow/application.guards';
import {
  generateBatch,
  SCHEDULER_FACTS,
  SEED_TABLES,
  type AuthorityInfo,
  type GeneratedBatch,
  type Row,
  type SeedPlan,
  type SeedTable,
  type SeedTask,
  type SeedWorld,
  type UrnSlot,
} from './statistics-generate';
import type { SqliteDatabase, SqliteStatement } from './statistics-sqlite';

export { PATH_WEIGHTS, SEED_PERIOD, STATISTICS_SEED_VERSION } from './statistics-generate';

// ---------------------------------------------------------------------------------------------
// Where the seeder writes
// ---------------------------------------------------------------------------------------------

type ColumnType = 'text' | 'int' | 'bool';

/** The columns the seeder writes, per table, with their types (for PostgreSQL's unnest arrays and SQLite's booleans). */
const TABLES = {
  application: {
    id: 'text', urn: 'text', authority_id: 'text', applicant_id: 'text', spoc_id: 'text', granted_by_id: 'text', route: 'text',
    status: 'text', machine_version: 'text', version: 'int', form: 'text', spoc_section: 'text', decision: 'text', oral_grant: 'bool',
    written_record_due_at: 'text', valid_from: 'text', expires_at: 'text', renewal_of: 'text', submitted_for_authorisation_at: 'text',
    last_submitted_for_authorisation_at: 'text', submitted_to_ocda_at: 'text', judicial_approval_requested_at: 'text',
    ripa_reference: 'text', ripa: 'text', history_head: 'text', created_at: 'text', updated_at: 'text',
  },
  application_event: {
    application_id: 'text', position: 'int', kind: 'text', from_state: 'text', to_state: 'text', event_type: 'text', actor_id: 'text',
    decider_id: 'text', actor_roles: 'text', at: 'text', machine_version: 'text', guard_inputs: 'text', payload: 'text',
    payload_digest: 'text', payload_blanked_by: 'text', prev_hash: 'text', hash: 'text', reason_code: 'text',
  },
  application_team_member: { application_id: 'text', user_id: 'text' },
  application_statistics: {
    application_id: 'text', authority_id: 'text', urn: 'text', route: 'text', statutory_purpose: 'text', sensitive_profession: 'text',
    journalistic_source: 'bool', dso_exception: 'text', threat_to_life_finding: 'bool', ripa_kind: 'text', ripa_purpose: 'text',
    ripa_granted_at: 'text',
  },
  application_statistics_item: {
    application_id: 'text', item_ref: 'text', category: 'text', subtype: 'text', communications_type: 'text', identifier: 'text',
  },
  application_statistics_subject: { application_id: 'text', role: 'text' },
  cd_error: {
    id: 'text', authority_id: 'text', status: 'text', kind: 'text', cause_code: 'text', responsible_party: 'text', is_ip_related: 'bool',
    report: 'text', discovered_at: 'text', established_at: 'text', report_due_at: 'text', agreed_due_at: 'text', reported_at: 'text',
    ipc: 'text', source_type: 'text', source_event_id: 'text', machine_version: 'text', version: 'int', history_head: 'text',
    created_at: 'text', updated_at: 'text',
  },
  cd_error_event: {
    error_id: 'text', position: 'int', kind: 'text', from_state: 'text', to_state: 'text', event_type: 'text', actor_id: 'text',
    decider_id: 'text', actor_roles: 'text', at: 'text', machine_version: 'text', guard_inputs: 'text', payload: 'text',
    payload_digest: 'text', payload_blanked_by: 'text', prev_hash: 'text', hash: 'text',
  },
} as const satisfies Record<SeedTable, Record<string, ColumnType>>;

/** One batch: rows per table, written in one transaction, in the order of {@link SEED_TABLES}. */
export type SeedBatch = Map<SeedTable, Row[]>;

/** A database the seeder writes to: reads of the demo seed, and batches written in one transaction each. */
export interface SeedDriver {
  readonly dialect: 'sqlite' | 'postgres';
  query<T extends Row>(sql: string, params?: unknown[]): Promise<T[]>;
  writeBatch(batch: SeedBatch): Promise<void>;
}

const columnsOf = (table: SeedTable): string[] => Object.keys(TABLES[table]);

/** better-sqlite3, in the caller's connection: prepared multi-row INSERTs (cached per table and row count), one transaction per batch. */
export function sqliteSeedDriver(db: SqliteDatabase): SeedDriver {
  const statements = new Map<string, SqliteStatement>();
  const statement = (table: SeedTable, rows: number): SqliteStatement => {
    const key = `${table}:${rows}`;
    let s = statements.get(key);
    if (!s) {
      const columns = columnsOf(table);
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      s = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      statements.set(key, s);
    }
    return s;
  };
  const write = db.transaction((batch: SeedBatch) => {
    for (const [table, rows] of batch) {
      const columns = columnsOf(table);
      const types = TABLES[table] as Record<string, ColumnType>;
      // Well under SQLite's 32,766 parameters per statement.
      const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        const params: unknown[] = [];
        for (const row of chunk) {
          for (const c of columns) {
            const v = row[c] ?? null;
            params.push(types[c] === 'bool' && v !== null ? (v ? 1 : 0) : v);
          }
        }
        statement(table, chunk.length).run(params);
      }
    }
  });
  return {
    dialect: 'sqlite',
    query: <T extends Row>(sql: string, params: unknown[] = []) => {
      const s = db.prepare(sql);
      if (s.reader) return Promise.resolve(s.all(params) as T[]);
      s.run(params);
      return Promise.resolve([]);
    },
    writeBatch: (batch) => {
      write(batch);
      return Promise.resolve();
    },
  };
}

const PG_ARRAY_TYPE: Record<ColumnType, string> = { text: 'text[]', int: 'int4[]', bool: 'bool[]' };

/** `pg`, on a connected client (its search_path names the schema): one INSERT … SELECT FROM unnest(…) per table, one transaction per batch. */
export function postgresSeedDriver(client: Client): SeedDriver {
  return {
    dialect: 'postgres',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    },
    async writeBatch(batch) {
      await client.query('BEGIN');
      try {
        for (const [table, rows] of batch) {
          if (rows.length === 0) continue;
          const types = TABLES[table] as Record<string, ColumnType>;
          const columns = columnsOf(table);
          const arrays = columns.map((c) => rows.map((row) => row[c] ?? null));
          const unnest = columns.map((c, i) => `$${i + 1}::${PG_ARRAY_TYPE[types[c]]}`).join(', ');
          await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
}

/** The demo users and their authorities, as the guards see them. */
async function loadWorld(driver: SeedDriver): Promise<SeedWorld> {
  const users = await driver.query<{ id: string; username: string; display_name: string; roles: string; authority_id: string; rank: string | null; spoc_pin: string | null; type: string; urn_prefix: string }>(
    'SELECT u.id, u.username, u.display_name, u.roles, u.authority_id, u.rank, u.spoc_pin, a.type, a.urn_prefix FROM user_account u JOIN authority a ON a.id = u.authority_id',
  );
  const byName = new Map(users.map((u) => [u.username, u]));
  const facts = (username: string): ActorFacts => {
    const u = byName.get(username);
    if (!u) throw new Error(`the demo user ${username} is missing: seed the demo users first`);
    return {
      id: u.id,
      roles: JSON.parse(u.roles) as ActorFacts['roles'],
      authorityId: u.authority_id,
      authorityType: u.type as ActorFacts['authorityType'],
      rank: u.rank,
      spocPin: u.spoc_pin,
      displayName: u.display_name,
    };
  };
  const authority = (username: string): AuthorityInfo => {
    const u = byName.get(username);
    if (!u) throw new Error(`the demo user ${username} is missing`);
    return { id: u.authority_id, type: u.type as AuthorityInfo['type'], urnPrefix: u.urn_prefix };
  };
  return {
    home: { authority: authority('sro'), applicant: facts('applicant'), spoc: facts('spoc'), dso: facts('dso'), sro: facts('sro'), admin: facts('admin') },
    other: {
      authority: authority('other-sro'),
      applicant: facts('other-applicant'),
      spoc: facts('other-spoc'),
      dso: facts('other-dso'),
      sro: facts('other-sro'),
      admin: null,
    },
    ocda: facts('ocda'),
    jc: facts('jc'),
    scheduler: SCHEDULER_FACTS,
  };
}

// ---------------------------------------------------------------------------------------------
// The seeder
// ---------------------------------------------------------------------------------------------

export interface SeedOptions {
  applications: number;
  errors: number;
  /** The PRNG's seed (default 20261126). */
  seed?: number;
  /** Applications (or errors) per batch: one transaction each (default 2,000). */
  batchSize?: number;
  /**
   * Worker threads generating batches while this thread writes them (default 0: all in this thread). Needs
   * the compiled bench (dist/bench/statistics-seed-worker.js).
   */
  workers?: number;
  log?: (line: string) => void;
}

export interface SeedSummary {
  applications: number;
  historyRows: number;
  statisticsItems: number;
  statisticsSubjects: number;
  teamMembers: number;
  errors: number;
  errorHistoryRows: number;
  /** Applications per path, as drawn. */
  paths: Record<string, number>;
  /** Applications in the second authority (never counted in the SRO's return). */
  otherAuthority: number;
  seconds: number;
}

/** Generates batches on worker threads, each task on the next worker in turn; `close` ends them. */
function workerPool(count: number, world: SeedWorld, plan: SeedPlan): { generate(task: SeedTask, n: number): Promise<GeneratedBatch>; close(): Promise<void> } {
  const script = join(__dirname, 'statistics-seed-worker.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: the seeder's workers run from the compiled bench (tsc -p tsconfig.bench.json)`);
  const waiting = new Map<number, { resolve(batch: GeneratedBatch): void; reject(error: Error): void }>();
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(script, { workerData: { world, plan } });
    worker.on('message', (message: { id: number; batch?: GeneratedBatch; error?: string }) => {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.batch) w?.resolve(message.batch);
      else w?.reject(new Error(message.error ?? 'the seeder worker failed'));
    });
    worker.on('error', (error) => {
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    });
    return worker;
  });
  return {
    generate(task, n) {
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        workers[n % workers.length].postMessage({ id: n, task });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Writes the data set into `driver`'s database, which must hold the schema and the demo users and none of
 * the seeder's rows. Batches are written in order, each in one transaction; URNs continue each authority's
 * counter, which is left at the last number allocated.
 */
export async function seedStatistics(driver: SeedDriver, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const plan: SeedPlan = { applications: options.applications, errors: options.errors, seed: options.seed ?? 20261126 };
  const batchSize = options.batchSize ?? 2000;
  const world = await loadWorld(driver);

  const counters = new Map<string, number>();
  for (const c of await driver.query<{ authority_id: string; year: number; last_value: number }>('SELECT authority_id, year, last_value FROM urn_counter')) {
    counters.set(`${c.authority_id}:${c.year}`, Number(c.last_value));
  }
  const urn = (slot: UrnSlot): string => {
    const key = `${slot.authorityId}:${slot.year}`;
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    return `${slot.prefix}/CD/${slot.year}/${String(next).padStart(6, '0')}`;
  };

  const tasks: SeedTask[] = [];
  for (let start = 0; start < plan.applications; start += batchSize) tasks.push({ kind: 'applications', start, count: Math.min(batchSize, plan.applications - start) });
  for (let start = 0; start < plan.errors; start += batchSize) tasks.push({ kind: 'errors', start, count: Math.min(batchSize, plan.errors - start) });

  const summary: SeedSummary = {
    applications: 0, historyRows: 0, statisticsItems: 0, statisticsSubjects: 0, teamMembers: 0, errors: 0, errorHistoryRows: 0, paths: {}, otherAuthority: 0, seconds: 0,
  };
  let lastLog = performance.now();
  const write = async (batch: GeneratedBatch) => {
    batch.urns.forEach((slot, k) => {
      const value = urn(slot);
      batch.tables.application[k].urn = value;
      batch.tables.application_statistics[k].urn = value;
    });
    await driver.writeBatch(new Map(SEED_TABLES.map((t) => [t, batch.tables[t]])));
    summary.applications += batch.tables.application.length;
    summary.historyRows += batch.tables.application_event.length;
    summary.statisticsItems += batch.tables.application_statistics_item.length;
    summary.statisticsSubjects += batch.tables.application_statistics_subject.length;
    summary.teamMembers += batch.tables.application_team_member.length;
    summary.errors += batch.tables.cd_error.length;
    summary.errorHistoryRows += batch.tables.cd_error_event.length;
    summary.otherAuthority += batch.otherAuthority;
    for (const [path, n] of Object.entries(batch.paths)) summary.paths[path] = (summary.paths[path] ?? 0) + n;
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`${summary.applications} of ${plan.applications} applications, ${summary.errors} of ${plan.errors} errors (${Math.round((performance.now() - started) / 1000)} s)`);
    }
  };

  const workers = options.workers ?? 0;
  if (workers <= 0) {
    for (const task of tasks) await write(await generateBatch(world, plan, task));
  } else {
    const pool = workerPool(workers, world, plan);
    try {
      // At most two batches per worker wait to be written: memory stays bounded, and the writer never starves.
      const inFlight: Promise<GeneratedBatch>[] = [];
      for (let n = 0; n < tasks.length; n++) {
        inFlight.push(pool.generate(tasks[n], n));
        if (inFlight.length >= 2 * workers) await write(await (inFlight.shift() as Promise<GeneratedBatch>));
      }
      while (inFlight.length > 0) await write(await (inFlight.shift() as Promise<GeneratedBatch>));
    } finally {
      await pool.close();
    }
  }

  // Each authority's URN counter stands at the last number allocated, so the service carries on from it.
  for (const [key, value] of counters) {
    const [authorityId, year] = key.split(':');
    await driver.query(
      driver.dialect === 'postgres'
        ? 'INSERT INTO urn_counter (authority_id, year, last_value) VALUES (?, ?, ?) ON CONFLICT (authority_id, year) DO UPDATE SET last_value = GREATEST(urn_counter.last_value, excluded.last_value)'
        : 'INSERT INTO urn_counter (authority_id, year, last_value) VALUES (?, ?, ?) ON CONFLICT (authority_id, year) DO UPDATE SET last_value = MAX(urn_counter.last_value, excluded.last_value)',
      [authorityId, Number(year), value],
    );
  }
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  return summary;
}
