import type { KeyObject } from 'node:crypto';
import { type Checkpoint, headsDigestOf, keyIdOf, signatureValid } from './checkpoint-signing';
import { CHECKPOINTED_TABLES, type HistoryTableName, recomputeHash, type StoredHistoryRow } from './history-rows';

/**
 * Verifies the signed checkpoints against the history tables' rows as stored (issue 21, item 2; docs/architecture.md
 * §11, "Signed checkpoints"). Pure: the rows and checkpoints are passed in, so the service's `GET /checkpoints/verify`
 * and the offline `npm run verify-archive` give the same answer.
 *
 * For each checkpoint in order: it follows the previous one (id, and the previous signature it signed), it was
 * signed by the public key, its heads match their digest; then, per history table, for each chain with rows in
 * (previous seq, this seq] and each chain the checkpoint signed, the rows of that range recompute from their content
 * (HashChain's hash) and link to the row before them, and the chain's head as of this seq — the hash of its last row
 * with seq ≤ the checkpoint's, recomputed from the stored row — is what was signed. Recomputing from the rows is
 * what catches a chain rewritten whole with consistent hashes: its rows agree with each other, not with the
 * signature.
 */

/** A table's range of seq a checkpoint covers: (previous checkpoint's seq, this one's]. */
export interface CoveredRange {
  table: HistoryTableName;
  from: number;
  to: number;
}

export interface NotYetCovered {
  table: HistoryTableName;
  from: number;
  to: number;
  rows: number;
}

export interface FirstFailingCheckpoint {
  checkpointId: number;
  madeAt: string;
  /** The history table at fault, or null when the checkpoint itself is (its signature, its link). */
  table: HistoryTableName | null;
  /** That table's seq range the checkpoint covers, [from, to]; null with `table`. */
  seqRange: [number, number] | null;
  /** The chain at fault, when one is. */
  aggregateId: string | null;
  reason: string;
  /** Every table's range the checkpoint covers. */
  covers: CoveredRange[];
}

export type CheckpointVerification =
  | { valid: true; checkpoints: number; notYetCovered: NotYetCovered[] }
  | { valid: false; checkpoints: number; firstFailing: FirstFailingCheckpoint; notYetCovered: NotYetCovered[] };

type History = Readonly<Record<HistoryTableName, readonly StoredHistoryRow[]>>;

/** A table's rows grouped by chain, each in seq order. */
function byChain(rows: readonly StoredHistoryRow[]): Map<string, StoredHistoryRow[]> {
  const chains = new Map<string, StoredHistoryRow[]>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const chain = chains.get(row.aggregateId) ?? [];
    chain.push(row);
    chains.set(row.aggregateId, chain);
  }
  return chains;
}

/** What is wrong with one chain as of a checkpoint, or null when it matches what was signed. */
function chainFault(
  table: HistoryTableName,
  chain: readonly StoredHistoryRow[],
  range: { after: number; upTo: number },
  signedHead: string | undefined,
): string | null {
  const upTo = chain.filter((row) => row.seq <= range.upTo);
  const inRange = upTo.filter((row) => row.seq > range.after);
  if (signedHead === undefined) {
    return `the chain has ${inRange.length} row(s) in this range that the checkpoint did not sign (rows inserted behind it)`;
  }
  if (inRange.length === 0) {
    return 'the checkpoint signed a head for this chain, but none of its rows in this range is left (rows deleted)';
  }
  for (const [index, row] of upTo.entries()) {
    if (row.seq <= range.after) continue;
    const before = index === 0 ? null : upTo[index - 1];
    if (row.position !== index + 1) return `its row at seq ${row.seq} is at position ${row.position} where ${index + 1} was due (rows deleted or reordered)`;
    if (before !== null && row.prevHash !== before.hash) return `its row at seq ${row.seq} does not link to the row before it (rows deleted or reordered)`;
    if (recomputeHash(table, row) !== row.hash) return `its row at seq ${row.seq} no longer matches its own hash (row altered)`;
  }
  const head = upTo[upTo.length - 1].hash;
  if (head !== signedHead) {
    return `its head as of seq ${range.upTo} is not the one the checkpoint signed: the chain was rewritten, or rows were removed, since it was signed`;
  }
  return null;
}

/** Verifies `checkpoints` (in id order) against `history` with `publicKey`; names the first failing checkpoint. */
export function verifyCheckpoints(publicKey: KeyObject, checkpoints: readonly Checkpoint[], history: History): CheckpointVerification {
  const keyId = keyIdOf(publicKey);
  const chains = Object.fromEntries(CHECKPOINTED_TABLES.map((t) => [t.table, byChain(history[t.table])])) as Record<HistoryTableName, Map<string, StoredHistoryRow[]>>;
  // Each table's rows in seq order, and how far the checkpoints so far have read them: each range is read once.
  const sorted = Object.fromEntries(CHECKPOINTED_TABLES.map((t) => [t.table, [...history[t.table]].sort((a, b) => a.seq - b.seq)])) as Record<HistoryTableName, StoredHistoryRow[]>;
  const cursor = Object.fromEntries(CHECKPOINTED_TABLES.map((t) => [t.table, 0])) as Record<HistoryTableName, number>;
  const covered = Object.fromEntries(CHECKPOINTED_TABLES.map((t) => [t.table, 0])) as Record<HistoryTableName, number>;
  const notYetCovered = (): NotYetCovered[] =>
    CHECKPOINTED_TABLES.flatMap((t) => {
      const rows = history[t.table].filter((row) => row.seq > covered[t.table]);
      return rows.length === 0 ? [] : [{ table: t.table, from: covered[t.table] + 1, to: rows.reduce((max, r) => Math.max(max, r.seq), 0), rows: rows.length }];
    });
  let previous: Checkpoint | null = null;
  for (const checkpoint of checkpoints) {
    const covers = CHECKPOINTED_TABLES.map((t) => ({ table: t.table, from: covered[t.table] + 1, to: checkpoint.seqs[t.table] }));
    const fail = (reason: string, table: HistoryTableName | null = null, aggregateId: string | null = null): CheckpointVerification => ({
      valid: false,
      checkpoints: checkpoints.length,
      firstFailing: {
        checkpointId: checkpoint.id,
        madeAt: checkpoint.madeAt,
        table,
        seqRange: table === null ? null : [covered[table] + 1, checkpoint.seqs[table]],
        aggregateId,
        reason,
        covers,
      },
      notYetCovered: notYetCovered(),
    });
    const expectedId = (previous?.id ?? 0) + 1;
    if (checkpoint.id !== expectedId) return fail(`checkpoint ${expectedId} is missing: checkpoint ${checkpoint.id} comes after ${previous === null ? 'none' : `checkpoint ${previous.id}`}`);
    if (checkpoint.keyId !== keyId) return fail(`it names the signing key ${checkpoint.keyId}, not the public key given (${keyId})`);
    if (!signatureValid(publicKey, checkpoint)) return fail('its signature does not verify with the public key: the checkpoint was altered or forged');
    if (checkpoint.prevSignature !== (previous?.signature ?? null)) return fail('it does not carry the previous checkpoint’s signature: a checkpoint was removed or replaced');
    if (headsDigestOf(checkpoint.heads) !== checkpoint.headsDigest) return fail('its heads do not match their digest');
    let heads: Partial<Record<HistoryTableName, Record<string, string>>>;
    try {
      heads = JSON.parse(checkpoint.heads) as typeof heads;
    } catch {
      return fail('its heads cannot be read');
    }
    for (const t of CHECKPOINTED_TABLES) {
      const range = { after: covered[t.table], upTo: checkpoint.seqs[t.table] };
      if (range.upTo < range.after) return fail(`its seq ${range.upTo} is below the previous checkpoint’s ${range.after}`, t.table);
      const signed = heads[t.table] ?? {};
      const changed = new Set<string>();
      while (cursor[t.table] < sorted[t.table].length && sorted[t.table][cursor[t.table]].seq <= range.upTo) {
        const row = sorted[t.table][cursor[t.table]++];
        if (row.seq > range.after) changed.add(row.aggregateId);
      }
      for (const aggregateId of [...changed, ...Object.keys(signed).filter((id) => !changed.has(id)).sort()]) {
        const fault = chainFault(t.table, chains[t.table].get(aggregateId) ?? [], range, signed[aggregateId]);
        if (fault !== null) return fail(fault, t.table, aggregateId);
      }
    }
    for (const t of CHECKPOINTED_TABLES) covered[t.table] = checkpoint.seqs[t.table];
    previous = checkpoint;
  }
  return { valid: true, checkpoints: checkpoints.length, notYetCovered: notYetCovered() };
}

/** The verification in plain English, one line per finding (the archive tool prints it; the API returns the object). */
export function describeVerification(result: CheckpointVerification): string[] {
  const pending = result.notYetCovered.map((n) => `${n.rows} row(s) of ${n.table} (seq ${n.from} to ${n.to}) are not yet covered by a checkpoint.`);
  if (result.valid) return [`All ${result.checkpoints} checkpoint(s) verify: signatures, links and every chain head they signed.`, ...pending];
  const f = result.firstFailing;
  const where = f.table === null ? '' : ` on ${f.table}${f.seqRange ? `, seq ${f.seqRange[0]} to ${f.seqRange[1]}` : ''}${f.aggregateId ? `, the chain of ${f.aggregateId}` : ''}`;
  return [`Checkpoint ${f.checkpointId} (made ${f.madeAt}) fails${where}: ${f.reason}.`, ...pending];
}
