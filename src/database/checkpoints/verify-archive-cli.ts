import { existsSync, readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { describeVerification, verifyCheckpoints } from './checkpoint-verify';
import { ed25519PublicKey } from './checkpoint-signing';
import { readCheckpoints } from './checkpoint-store';
import { verifyChains } from './chain-verify';
import { CHECKPOINTED_TABLES, type HistoryTableName, type Queryable, readAggregates, readHistoryRows, type StoredHistoryRow } from './history-rows';

/**
 * `npm run verify-archive -- <database> --public-key <file> [--schema <name>]` (issue 21, item 2;
 * docs/operations.md "An inspector's check of an archive"): an inspector's check of a copy of the whole database,
 * offline, with only the public key (`GET /checkpoints/key`). It opens a SQLite file or a postgres:// URL read-only,
 * with neither the service's configuration nor its signing key, checks every chain on its own and every signed
 * checkpoint, prints what it found in plain English, and exits 0 when all is valid, 1 when not (2 when it could not
 * check).
 */

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
async function open(args: Args): Promise<{ db: Queryable; close: () => Promise<void> }> {
  const postgres = /^postgres(ql)?:\/\//.test(args.database);
  if (!postgres && !existsSync(args.database)) throw new Error(`no such file: ${args.database}`);
  const dataSource = new DataSource(
    postgres
      ? { type: 'postgres', url: args.database, extra: args.schema ? { options: `-c search_path=${args.schema}` } : undefined }
      : { type: 'better-sqlite3', database: args.database, readonly: true },
  );
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  if (postgres) await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return {
    db: { query: <T>(sql: string, parameters?: unknown[]) => runner.query(sql, parameters) as Promise<T> },
    close: async () => {
      if (postgres) await runner.query('ROLLBACK');
      await runner.release();
      await dataSource.destroy();
    },
  };
}

/** Checks the archive; returns the exit code and prints the findings. */
export async function verifyArchive(argv: readonly string[], print: (line: string) => void): Promise<number> {
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
  const { db, close } = await open(args);
  try {
    const history = {} as Record<HistoryTableName, StoredHistoryRow[]>;
    let faults = 0;
    for (const table of CHECKPOINTED_TABLES) {
      history[table.table] = await readHistoryRows(db, table, { payload: true });
      const chainFaults = verifyChains(table, history[table.table], await readAggregates(db, table));
      faults += chainFaults.length;
      for (const f of chainFaults) {
        print(`Chain of ${f.aggregateId} in ${f.table} is broken at position ${f.position}${f.seq === null ? '' : ` (seq ${f.seq})`}: ${f.reason}.`);
      }
      const records = new Set(history[table.table].map((row) => row.aggregateId)).size;
      print(`${table.table}: ${history[table.table].length} row(s) in ${records} chain(s) checked, ${chainFaults.length} broken.`);
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

if (require.main === module) {
  // The findings are the tool's output, on stdout, one line each.
  verifyArchive(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`The archive could not be checked: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
