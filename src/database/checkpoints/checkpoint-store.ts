import type { Checkpoint, CheckpointHeads } from './checkpoint-signing';
import { CHECKPOINTED_TABLES, type HistoryTableName, type Queryable } from './history-rows';

/**
 * `history_checkpoint` read and written with raw SQL (1764100000000-checkpoints; issue 21, item 2), so the service
 * and `npm run verify-archive`, which has no entities, read it the same way. Parameters are written `$1, $2, …`
 * and turned into `?` on SQLite.
 */

const SEQ_COLUMNS = CHECKPOINTED_TABLES.map((t) => `${t.table}_seq`);

interface CheckpointRow {
  id: number | string;
  made_at: string;
  reason: string;
  heads_digest: string;
  heads: string;
  prev_signature: string | null;
  key_id: string;
  signature: string;
  [seqColumn: string]: unknown;
}

function fromRow(row: CheckpointRow): Checkpoint {
  const seqs = Object.fromEntries(CHECKPOINTED_TABLES.map((t) => [t.table, Number(row[`${t.table}_seq`])])) as Record<HistoryTableName, number>;
  return {
    id: Number(row.id),
    madeAt: row.made_at,
    reason: row.reason === 'hourly' ? 'hourly' : 'rows',
    seqs,
    headsDigest: row.heads_digest,
    heads: row.heads,
    prevSignature: row.prev_signature,
    keyId: row.key_id,
    signature: row.signature,
  };
}

const SELECT = `SELECT id, made_at, reason, ${SEQ_COLUMNS.join(', ')}, heads_digest, heads, prev_signature, key_id, signature FROM history_checkpoint`;

/** Every checkpoint, in id order. */
export async function readCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  return (await db.query<CheckpointRow[]>(`${SELECT} ORDER BY id`)).map(fromRow);
}

/** The last checkpoint, or null before the first. */
export async function readLastCheckpoint(db: Queryable): Promise<Checkpoint | null> {
  const [row] = await db.query<CheckpointRow[]>(`${SELECT} ORDER BY id DESC LIMIT 1`);
  return row ? fromRow(row) : null;
}

/** Stores `checkpoint`; a second instance storing the same id fails on the primary key. */
export async function insertCheckpoint(db: Queryable, checkpoint: Checkpoint, postgres: boolean): Promise<void> {
  const columns = ['id', 'made_at', 'reason', ...SEQ_COLUMNS, 'heads_digest', 'heads', 'prev_signature', 'key_id', 'signature'];
  const values = [
    checkpoint.id,
    checkpoint.madeAt,
    checkpoint.reason,
    ...CHECKPOINTED_TABLES.map((t) => checkpoint.seqs[t.table]),
    checkpoint.headsDigest,
    checkpoint.heads,
    checkpoint.prevSignature,
    checkpoint.keyId,
    checkpoint.signature,
  ];
  const placeholders = values.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
  await db.query(`INSERT INTO history_checkpoint (${columns.join(', ')}) VALUES (${placeholders})`, values);
}

/** What the history holds beyond `previous`: per table the highest seq, the rows added, the oldest one's time, and the heads of the chains they changed. */
export interface Uncovered {
  seqs: Record<HistoryTableName, number>;
  rows: number;
  /** The `at` of the oldest row not yet covered, or null when every row is. */
  oldestAt: string | null;
  heads: CheckpointHeads;
}

/** Reads what a checkpoint after `previous` would cover: every history row with a seq above the previous checkpoint's. */
export async function readUncovered(db: Queryable, previous: Checkpoint | null): Promise<Uncovered> {
  const seqs = {} as Record<HistoryTableName, number>;
  const heads: CheckpointHeads = {};
  let rows = 0;
  let oldestAt: string | null = null;
  for (const t of CHECKPOINTED_TABLES) {
    const after = previous?.seqs[t.table] ?? 0;
    const added = await db.query<{ seq: number | string; aggregateId: string; hash: string; at: string }[]>(
      `SELECT seq, ${t.aggregateColumn} AS "aggregateId", hash, at FROM ${t.table} WHERE seq > ${Math.trunc(after)} ORDER BY seq`,
    );
    seqs[t.table] = added.length > 0 ? Number(added[added.length - 1].seq) : after;
    rows += added.length;
    if (added.length > 0) {
      // In seq order, so each chain's entry ends as its last row's hash: its head as of this checkpoint.
      const tableHeads: Record<string, string> = {};
      for (const row of added) tableHeads[row.aggregateId] = row.hash;
      heads[t.table] = tableHeads;
      if (oldestAt === null || Date.parse(added[0].at) < Date.parse(oldestAt)) oldestAt = added[0].at;
    }
  }
  return { seqs, rows, oldestAt, heads };
}
