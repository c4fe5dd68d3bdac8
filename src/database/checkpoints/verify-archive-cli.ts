import { existsSync, readFileSync } from 'node:fs';
import { DataSource, type QueryRunner } from 'typeorm';
import { type Replay, type RowProjection, storedRowDiffering } from '../hash-chain';
import { describeVerification, verifyCheckpoints } from './checkpoint-verify';
import { ed25519PublicKey } from './checkpoint-signing';
import { readCheckpoints } from './checkpoint-store';
import { verifyChains } from './chain-verify';
import { CHECKPOINTED_TABLES, type HistoryTableName, type Queryable, readAggregates, readHistoryRows, type StoredHistoryRow } from './history-rows';

/**
 * `npm run verify-archive -- <database> --public-key <file> [--schema <name>]` (issue 21, items 1 and 2;
 * docs/operations.md "An inspector's check of an archive"): an inspector's check of a copy of the whole database,
 * offline, with only the public key (`GET /checkpoints/key`). It opens a SQLite file or a postgres:// URL read-only,
 * with neither the service's configuration nor its signing key, checks every chain on its own, every record's row
 * against what its last history row committed to (the features' projections, given by src/verify-archive.ts), and
 * every signed checkpoint, prints what it found in plain English, and exits 0 when all is valid, 1 when not (2 when
 * it could not check).
 */

/** How one aggregate's records are checked against their history: read as its entity, digested by its projection. */
export interface RowCheck {
  table: HistoryTableName;
  /** The aggregate's entity class, read with its column transformers (dates, JSON) as the service reads it. */
  entity: new () => { id: string; status: string };
  projection: RowProjection<never>;
  /** Its transitions replayed through its production machine (issue 21, item 1). */
  replay: Replay;
}

const USAGE = 'usage: npm run verify-archive -- <sqlite file | postgres:// URL> --public-key <PEM file> [--schema <PostgreSQL schema>]';

interface Args {
  database: string;
  publicKeyFile: string;
  schema: string | undefined;
}

function parseArgs(argv: readonly string[]): Args | string {
  let database: string | undefined;
  let publicKeyFile: string | undefined;
  let schema: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--public-key') publicKeyFile = argv[++i];
    else if (arg === '--schema') schema = argv[++i];
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (database === undefined) database = arg;
    else return `one database only (${database}, then ${arg})`;
  }
  if (database === undefined) return 'the database to check is missing';
  if (publicKeyFile === undefined) return 'the public key is missing: save GET /checkpoints/key’s publicKeyPem to a file and name it with --public-key';
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) return `--schema must be a lower-case SQL identifier, not ${schema}`;
  return { database, publicKeyFile, schema };
}

/** Opens the copy read-only: SQLite in read-only mode; PostgreSQL in a read-only, repeatable-read transaction. */
async function open(args: Args, entities: RowCheck['entity'][]): Promise<{ db: Queryable; runner: QueryRunner; close: () => Promise<void> }> {
  const postgres = /^postgres(ql)?:\/\//.test(args.database);
  if (!postgres && !existsSync(args.database)) throw new Error(`no such file: ${args.database}`);
  const dataSource = new DataSource(
    postgres
      ? { type: 'postgres', url: args.database, entities, extra: args.schema ? { options: `-c search_path=${args.schema}` } : undefined }
      : { type: 'better-sqlite3', database: args.database, readonly: true, entities },
  );
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  if (postgres) await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return {
    db: { query: <T>(sql: string, parameters?: unknown[]) => runner.query(sql, parameters) as Promise<T> },
    runner,
    close: async () => {
      if (postgres) await runner.query('ROLLBACK');
      await runner.release();
      await dataSource.destroy();
    },
  };
}

/** Checks the archive; returns the exit code and prints the findings. */
export async function verifyArchive(argv: readonly string[], print: (line: string) => void, rowChecks: readonly RowCheck[] = []): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    print(`${args}\n${USAGE}`);
    return 2;
  }
  let publicKey;
  try {
    publicKey = ed25519PublicKey(readFileSync(args.publicKeyFile, 'utf8'));
  } catch (error) {
    print(`The public key in ${args.publicKeyFile} cannot be used: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const { db, runner, close } = await open(args, rowChecks.map((c) => c.entity));
  try {
    const history = {} as Record<HistoryTableName, StoredHistoryRow[]>;
    let faults = 0;
    for (const table of CHECKPOINTED_TABLES) {
      history[table.table] = await readHistoryRows(db, table, { payload: true });
      const replay = rowChecks.find((check) => check.table === table.table)?.replay;
      const chainFaults = verifyChains(table, history[table.table], await readAggregates(db, table), replay);
      faults += chainFaults.length;
      for (const f of chainFaults) {
        print(`Chain of ${f.aggregateId} in ${f.table} is broken at position ${f.position}${f.seq === null ? '' : ` (seq ${f.seq})`}: ${f.reason}.`);
      }
      const records = new Set(history[table.table].map((row) => row.aggregateId)).size;
      print(`${table.table}: ${history[table.table].length} row(s) in ${records} chain(s) checked, ${chainFaults.length} broken.`);
    }
    for (const check of rowChecks) {
      const rowFaults = await recordsDiffering(runner, check, history[check.table]);
      faults += rowFaults.length;
      for (const line of rowFaults) print(line);
    }
    // Each row's payload was needed only for its digest; the checkpoints do not read it.
    for (const table of CHECKPOINTED_TABLES) for (const row of history[table.table]) row.payload = null;
    const result = verifyCheckpoints(publicKey, await readCheckpoints(db), history);
    for (const line of describeVerification(result)) print(line);
    const valid = result.valid && faults === 0;
    print(valid ? 'The archive is valid.' : 'The archive is NOT valid.');
    return valid ? 0 : 1;
  } finally {
    await close();
  }
}

/**
 * Each record of `check`'s aggregate whose stored row differs from what its last history row committed to (issue 21,
 * item 1): the same comparison as `GET …/history/verify`, in words, one line each.
 */
async function recordsDiffering(runner: QueryRunner, check: RowCheck, rows: readonly StoredHistoryRow[]): Promise<string[]> {
  const last = new Map<string, StoredHistoryRow>();
  for (const row of rows) if ((last.get(row.aggregateId)?.seq ?? -1) < row.seq) last.set(row.aggregateId, row);
  const lines: string[] = [];
  for (const record of await runner.manager.find(check.entity)) {
    const row = last.get(record.id);
    if (!row) continue;
    const differing = storedRowDiffering(row, { status: record.status, digest: check.projection.digest(record as never), labels: check.projection.labels });
    if (differing) lines.push(`Record ${record.id} in ${check.table}: ${differing.reason}.`);
  }
  return lines;
}
