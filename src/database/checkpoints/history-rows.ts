import { HashChain, type HistoryRow } from '../hash-chain';

/**
 * The history tables a checkpoint covers (issue 21, item 2; docs/architecture.md §11, "Signed checkpoints"), read
 * as stored, with raw SQL: the same reading serves the running service and `npm run verify-archive`, which opens a
 * copy of the database with no entity and no Nest. src/database imports no feature (docs/architecture.md §3), so
 * the tables are named here by their columns, as the migrations made them.
 */
export interface CheckpointedTable {
  /** The history table. */
  table: 'application_event' | 'cd_error_event' | 'disclosure_request_event' | 'security_event';
  /** Its aggregate-id column, and the key that id has in the hash (HashChain's `aggregateKey`). */
  aggregateColumn: string;
  aggregateKey: 'applicationId' | 'errorId' | 'requestId' | 'streamId';
  /** The aggregate's own table, whose `version` and `history_head` its chain must reach. */
  aggregateTable: string;
  /**
   * Covered from a migration after the first checkpoints (1764110000000-security-audit): its seq joins what a
   * checkpoint signs only once it is above 0, so the checkpoints signed before it existed verify as they were.
   */
  joinedLater?: true;
}

export const CHECKPOINTED_TABLES: readonly CheckpointedTable[] = [
  { table: 'application_event', aggregateColumn: 'application_id', aggregateKey: 'applicationId', aggregateTable: 'application' },
  { table: 'cd_error_event', aggregateColumn: 'error_id', aggregateKey: 'errorId', aggregateTable: 'cd_error' },
  { table: 'disclosure_request_event', aggregateColumn: 'request_id', aggregateKey: 'requestId', aggregateTable: 'disclosure_request' },
  // The security audit stream (issue 24, item 1): each authority's stream is a chain, security_stream its record.
  { table: 'security_event', aggregateColumn: 'stream_id', aggregateKey: 'streamId', aggregateTable: 'security_stream', joinedLater: true },
];

export type HistoryTableName = CheckpointedTable['table'];

/** One history row as stored (what the hash covers, and the hash). */
export interface StoredHistoryRow {
  seq: number;
  aggregateId: string;
  position: number;
  kind: string;
  fromState: string | null;
  toState: string;
  eventType: string | null;
  actorId: string;
  deciderId: string | null;
  /** The stored text (`simple-json`). */
  actorRoles: string;
  at: string;
  machineVersion: string;
  guardInputs: string | null;
  payload: string | null;
  payloadDigest: string;
  payloadBlankedBy: string | null;
  prevHash: string;
  hash: string;
  rowDigest: string | null;
}

/** What runs a query: a data source, an entity manager, or the archive tool's connection. */
export interface Queryable {
  query<T>(sql: string, parameters?: unknown[]): Promise<T>;
}

type AnyHistoryRow = HistoryRow<string> & Record<CheckpointedTable['aggregateKey'], string>;

const chains = new Map(
  CHECKPOINTED_TABLES.map((t) => [t.table, new HashChain<AnyHistoryRow>(t.table, t.aggregateKey, () => new Error('not used: nothing is appended here'))]),
);

/** The hash `row` must have, recomputed from its content exactly as HashChain computed it when it was appended. */
export function recomputeHash(table: HistoryTableName, row: StoredHistoryRow): string {
  const chain = chains.get(table);
  if (!chain) throw new Error(`${table} is not a checkpointed history table`);
  let actorRoles: string[];
  try {
    actorRoles = JSON.parse(row.actorRoles) as string[];
  } catch {
    // Unreadable roles cannot be what was hashed: a hash that can never match says the row was altered.
    return '';
  }
  return chain.hashOf(
    {
      position: row.position,
      kind: row.kind,
      fromState: row.fromState,
      toState: row.toState,
      eventType: row.eventType,
      actorId: row.actorId,
      deciderId: row.deciderId,
      actorRoles,
      at: new Date(row.at),
      machineVersion: row.machineVersion,
      guardInputs: row.guardInputs,
      payload: row.payload,
      payloadDigest: row.payloadDigest,
      prevHash: row.prevHash,
      rowDigest: row.rowDigest,
    },
    row.aggregateId,
  );
}

const COLUMNS = `seq, position, kind, from_state AS "fromState", to_state AS "toState", event_type AS "eventType",
  actor_id AS "actorId", decider_id AS "deciderId", actor_roles AS "actorRoles", at, machine_version AS "machineVersion",
  guard_inputs AS "guardInputs", payload_digest AS "payloadDigest", payload_blanked_by AS "payloadBlankedBy",
  prev_hash AS "prevHash", hash, row_digest AS "rowDigest"`;

/**
 * Every row of `table`, in `seq` order. The payload is not a hash input (its digest is), so checkpoint verification
 * leaves it unread (`payload` null); each chain's own verification reads it, to check it against its digest.
 */
export async function readHistoryRows(db: Queryable, table: CheckpointedTable, options: { payload: boolean }): Promise<StoredHistoryRow[]> {
  const payload = options.payload ? 'payload' : 'NULL AS payload';
  const rows = await db.query<StoredHistoryRow[]>(`SELECT ${table.aggregateColumn} AS "aggregateId", ${payload}, ${COLUMNS} FROM ${table.table} ORDER BY seq`);
  // PostgreSQL's integers arrive as numbers, SQLite's too; Number() keeps either honest.
  return rows.map((r) => ({ ...r, seq: Number(r.seq), position: Number(r.position) }));
}

/** Each aggregate of `table`: the version and head hash its stored row says its chain reached. */
export async function readAggregates(db: Queryable, table: CheckpointedTable): Promise<{ id: string; version: number; historyHead: string }[]> {
  const rows = await db.query<{ id: string; version: number | string; historyHead: string }[]>(
    `SELECT id, version, history_head AS "historyHead" FROM ${table.aggregateTable} ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}
