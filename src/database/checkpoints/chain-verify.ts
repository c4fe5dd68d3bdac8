import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../hash-chain';
import { type CheckpointedTable, recomputeHash, type StoredHistoryRow } from './history-rows';

/**
 * Each chain's own verification, offline (docs/architecture.md §11, "Verification"; issue 21, item 2): what
 * `GET …/history/verify` checks, on rows read from a copy of the database, for `npm run verify-archive`. Positions
 * in sequence, each `prev_hash` linking, each payload matching its digest (or blanked under a recorded decision),
 * each row matching its hash, and the chain ending at the aggregate's version and `history_head`. The check of the
 * aggregate's row against its `row_digest` needs each feature's projection: verify-archive-cli.ts does it with
 * the projections src/verify-archive.ts gives it.
 */

export interface ChainFault {
  table: string;
  aggregateId: string;
  /** The row at fault, or null when the fault is the chain's end (rows missing at the end, or no record). */
  seq: number | null;
  position: number;
  reason: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The first fault of each chain of `table` (at most one per chain), in the order of the aggregates' ids. */
export function verifyChains(
  table: CheckpointedTable,
  rows: readonly StoredHistoryRow[],
  aggregates: readonly { id: string; version: number; historyHead: string }[],
): ChainFault[] {
  const chains = new Map<string, StoredHistoryRow[]>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) chains.set(row.aggregateId, [...(chains.get(row.aggregateId) ?? []), row]);
  const faults: ChainFault[] = [];
  const records = new Map(aggregates.map((a) => [a.id, a]));
  for (const id of [...new Set([...records.keys(), ...chains.keys()])].sort()) {
    const chain = chains.get(id) ?? [];
    const record = records.get(id);
    const fault = (seq: number | null, position: number, reason: string) => faults.push({ table: table.table, aggregateId: id, seq, position, reason });
    if (record === undefined) {
      fault(null, chain.length, `${chain.length} history row(s) for a record that ${table.aggregateTable} does not hold (the record was removed)`);
      continue;
    }
    let prev = GENESIS_HASH;
    let broken = false;
    for (const [index, row] of chain.entries()) {
      const reason =
        row.position !== index + 1
          ? `expected position ${index + 1}, found ${row.position} (row deleted or reordered)`
          : row.prevHash !== prev
            ? 'prev_hash does not link to the previous row (row deleted or reordered)'
            : row.payload !== null && sha256(row.payload) !== row.payloadDigest
              ? 'payload does not match its digest'
              : row.payload === null && row.payloadBlankedBy === null
                ? 'payload blanked without a retention decision'
                : recomputeHash(table.table, row) !== row.hash
                  ? 'row content does not match its hash (row altered)'
                  : null;
      if (reason !== null) {
        fault(row.seq, index + 1, reason);
        broken = true;
        break;
      }
      prev = row.hash;
    }
    if (!broken && (chain.length !== record.version || prev !== record.historyHead)) {
      fault(null, chain.length + 1, `the record is at version ${record.version} but the chain has ${chain.length} row(s) ending elsewhere (rows missing at the end)`);
    }
  }
  return faults;
}
