import type { MigrationInterface, QueryRunner } from 'typeorm';
import { historyNoTruncateTriggers } from './history-table';
import { protectionDriver, protectionStatements, runStatements } from './protection-sql';

/** The history tables (docs/architecture.md §11). */
export const HISTORY_TABLE_NAMES = ['application_event', 'cd_error_event', 'disclosure_request_event'] as const;

/**
 * History refuses TRUNCATE on PostgreSQL as it refuses UPDATE and DELETE (docs/architecture.md §11): the row
 * triggers never see a TRUNCATE, so until now one statement could empty a history table. SQLite has no TRUNCATE.
 */
export class HistoryNoTruncate1764070000000 implements MigrationInterface {
  name = 'HistoryNoTruncate1764070000000';

  async up(q: QueryRunner): Promise<void> {
    const driver = protectionDriver(q);
    for (const table of HISTORY_TABLE_NAMES) await runStatements(q, protectionStatements(historyNoTruncateTriggers(driver, table)));
  }

  async down(q: QueryRunner): Promise<void> {
    if (protectionDriver(q) !== 'postgres') return;
    for (const table of HISTORY_TABLE_NAMES) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
      await q.query(`DROP FUNCTION IF EXISTS ${table}_no_truncate()`);
    }
  }
}
