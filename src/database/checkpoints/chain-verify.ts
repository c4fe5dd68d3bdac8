import { chainBreak, type Replay, replayBreak } from '../hash-chain';
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

/** The first fault of each chain of `table` (at most one per chain), in the order of the aggregates' ids. */
export function verifyChains(
  table: CheckpointedTable,
  rows: readonly StoredHistoryRow[],
  aggregates: readonly { id: string; version: number; historyHead: string }[],
  /** The aggregate's replay through its production machine (issue 21, item 1), given by the archive tool's caller. */
  replay?: Replay,
): ChainFault[] {
  const chains = new Map<string, StoredHistoryRow[]>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const chain = chains.get(row.aggregateId);
    if (chain) chain.push(row);
    else chains.set(row.aggregateId, [row]);
  }
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
    const broken =
      chainBreak(chain, (row) => recomputeHash(table.table, row), { version: record.version, head: record.historyHead }) ??
      (replay ? replayBreak(chain, replay) : null);
    if (broken) fault(broken.seq, broken.position, broken.reason);
  }
  return faults;
}
