/**
 * An insider's consistent rewrite of one record's history chain: rows changed, then every hash and link recomputed
 * (as `HashChain.hashOf` does) and the record's `history_head` moved to match, so the chain's own check passes. What
 * is left to catch it is what these specs test: the signed checkpoints (issue 21, item 2) and the replay through the
 * production machine (issue 21, item 1).
 */
import { CHECKPOINTED_TABLES, type CheckpointedTable, recomputeHash, readHistoryRows, type StoredHistoryRow } from '../../src/database/checkpoints/history-rows';
import { withAppendOnlyTriggersOff } from './history-triggers';
import { rawSql } from './lifecycle-http';
import type { TestApp } from './test-app';

export type HistoryTable = CheckpointedTable['table'];

const tableOf = (name: HistoryTable): CheckpointedTable => {
  const table = CHECKPOINTED_TABLES.find((t) => t.table === name);
  if (!table) throw new Error(`no history table ${name}`);
  return table;
};

/** One record's history rows as stored, in position order. */
export async function chainRows(t: TestApp, name: HistoryTable, id: string): Promise<StoredHistoryRow[]> {
  const rows = await readHistoryRows(t.dataSource, tableOf(name), { payload: true });
  return rows.filter((row) => row.aggregateId === id).sort((a, b) => a.position - b.position);
}

/** The stored columns a rewrite may change (each a hash input but for the hash and link it recomputes). */
const COLUMNS: Readonly<Partial<Record<keyof StoredHistoryRow, string>>> = {
  kind: 'kind',
  fromState: 'from_state',
  toState: 'to_state',
  eventType: 'event_type',
  at: 'at',
  machineVersion: 'machine_version',
  guardInputs: 'guard_inputs',
  rowDigest: 'row_digest',
};

/**
 * Rewrites record `id`'s chain in `name`: each row changed by `change` (its changes to the columns above), every
 * hash and link after the first recomputed, and the record's head moved to the new last hash. Returns the rows as
 * rewritten.
 */
export async function rewriteChain(
  t: TestApp,
  name: HistoryTable,
  id: string,
  change: (row: StoredHistoryRow) => Partial<StoredHistoryRow>,
): Promise<StoredHistoryRow[]> {
  const table = tableOf(name);
  let prev: string | null = null;
  const rewritten = (await chainRows(t, name, id)).map((row) => {
    const changed: StoredHistoryRow = { ...row, ...change(row), prevHash: prev ?? row.prevHash };
    const hash = recomputeHash(name, changed);
    prev = hash;
    return { ...changed, hash };
  });
  await withAppendOnlyTriggersOff(t, name, async () => {
    for (const row of rewritten) {
      const columns = Object.entries(COLUMNS).map(([key, column]) => ({ column: String(column), value: row[key as keyof StoredHistoryRow] }));
      const set = [...columns.map((c, i) => `${c.column} = $${i + 1}`), `prev_hash = $${columns.length + 1}`, `hash = $${columns.length + 2}`].join(', ');
      await rawSql(t, `UPDATE ${name} SET ${set} WHERE seq = $${columns.length + 3}`, [...columns.map((c) => c.value), row.prevHash, row.hash, row.seq]);
    }
  });
  await rawSql(t, `UPDATE ${table.aggregateTable} SET history_head = $1 WHERE id = $2`, [rewritten[rewritten.length - 1].hash, id]);
  return rewritten;
}
