import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceAppendOnlyTriggers } from './history-table';

/**
 * The history tables as this migration leaves their triggers (issue 21, item 1): each with `row_digest` frozen beside
 * its indexed columns, and every blanking still bound to a retention decision about the record
 * (1764080000000-retention-decisions). Frozen here, as every migration's facts are; migrations/protections.ts holds
 * the same facts as what must now be in force.
 */
export const ROW_DIGEST_HISTORY = [
  { table: 'application_event', aggregateColumn: 'application_id', indexed: ['reason_code', 'row_digest'], recordType: 'application' },
  { table: 'cd_error_event', aggregateColumn: 'error_id', indexed: ['row_digest'], recordType: 'cd_error' },
  { table: 'disclosure_request_event', aggregateColumn: 'request_id', indexed: ['row_digest'], recordType: 'disclosure_request' },
] as const;

/** The indexed columns before this migration, to put the triggers back as they were. */
const BEFORE: Readonly<Record<string, readonly string[]>> = { application_event: ['reason_code'], cd_error_event: [], disclosure_request_event: [] };

/**
 * Verify binds the current row (issue 21, item 1; docs/architecture.md §11): every history row written from now on
 * keeps, in `row_digest`, a digest of each field of its aggregate's row as the write left it, so `/history/verify`
 * can name a field edited in the aggregate's row alone. The column is a hash input and, like every other column
 * but the payload, frozen by the append-only triggers. Rows written before keep NULL and their hashes.
 */
export class RowDigests1764090000000 implements MigrationInterface {
  name = 'RowDigests1764090000000';

  async up(q: QueryRunner): Promise<void> {
    for (const h of ROW_DIGEST_HISTORY) {
      // Plain ALTER TABLE on both drivers: TypeORM's addColumn rebuilds a SQLite table, which would drop the
      // history's append-only triggers (as 1764030000000-statistics explains). The triggers then freeze it too.
      await q.query(`ALTER TABLE ${h.table} ADD COLUMN row_digest text`);
      await replaceAppendOnlyTriggers(q, h.table, h.aggregateColumn, h.indexed, { recordType: h.recordType });
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // A row digest, once written, is a hash input of its row: dropping the column would break every chain holding
    // one, so the migration is not undone while any row has one (as 1764030000000-statistics does for reason_code).
    for (const h of ROW_DIGEST_HISTORY) {
      const [given] = (await q.query(`SELECT COUNT(*) AS n FROM ${h.table} WHERE row_digest IS NOT NULL`)) as { n: number | string }[];
      if (Number(given.n) > 0) {
        throw new Error(`${given.n} row(s) of ${h.table} carry a row digest, a hash input: the row-digests migration cannot be undone without breaking their chains.`);
      }
    }
    for (const h of ROW_DIGEST_HISTORY) {
      await replaceAppendOnlyTriggers(q, h.table, h.aggregateColumn, BEFORE[h.table], { recordType: h.recordType });
      await q.query(`ALTER TABLE ${h.table} DROP COLUMN row_digest`);
    }
  }
}
