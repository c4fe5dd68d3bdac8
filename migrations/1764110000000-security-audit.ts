import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, integer, ref, text, varchar } from './columns';
import { appendOnlyTriggerStatements, dropAppendOnlyTriggerStatements, historyColumns, historyNoTruncateTriggers } from './history-table';
import { protectionDriver, protectionStatements, runStatements } from './protection-sql';

/**
 * The security audit stream as this migration makes it (issue 24, item 1): its history table, with `subject_id`
 * and `row_digest` frozen like every other column but the payload, and a blanking bound to a retention decision
 * about the stream. Frozen here, as every migration's facts are; migrations/protections.ts holds the same facts.
 */
export const SECURITY_EVENT_HISTORY = { table: 'security_event', aggregateColumn: 'stream_id', indexed: ['subject_id', 'row_digest'], recordType: 'security_stream' } as const;

/**
 * The security audit stream (issue 24, item 1; docs/security.md, "Security audit"): every refusal and every reading
 * of a record's content, one hash-chained stream per authority (`security_stream` holds each stream's version and
 * head, as a record's row does), append-only like the business history and apart from it. Signed checkpoints cover
 * it from now on: `history_checkpoint.security_event_seq`, 0 in the checkpoints made before (there were no events
 * then), which is why a zero there is left out of what is signed (src/database/checkpoints/checkpoint-signing.ts).
 */
export class SecurityAudit1764110000000 implements MigrationInterface {
  name = 'SecurityAudit1764110000000';

  async up(q: QueryRunner): Promise<void> {
    const h = SECURITY_EVENT_HISTORY;
    await q.createTable(
      new Table({
        name: 'security_stream',
        columns: [id(), integer('version'), varchar('history_head', 64)],
      }),
    );
    await q.createTable(
      new Table({
        name: h.table,
        columns: [...historyColumns(h.aggregateColumn), text('row_digest', true), ref('subject_id', true)],
        indices: [
          new TableIndex({ name: 'ux_security_event_position', columnNames: [h.aggregateColumn, 'position'], isUnique: true }),
          new TableIndex({ name: 'ix_security_event_subject', columnNames: ['subject_id'] }),
        ],
      }),
    );
    const driver = protectionDriver(q);
    await runStatements(q, appendOnlyTriggerStatements(driver, h.table, h.aggregateColumn, h.indexed, { recordType: h.recordType }));
    await runStatements(q, protectionStatements(historyNoTruncateTriggers(driver, h.table)));
    // Plain ALTER TABLE: TypeORM's addColumn rebuilds a SQLite table, which would drop the checkpoints' immutable triggers.
    await q.query('ALTER TABLE history_checkpoint ADD COLUMN security_event_seq integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    const driver = protectionDriver(q);
    const [covered] = (await q.query('SELECT COUNT(*) AS n FROM history_checkpoint WHERE security_event_seq > 0')) as { n: number | string }[];
    if (Number(covered.n) > 0) {
      throw new Error(`${covered.n} signed checkpoint(s) cover security events: the security audit migration cannot be undone without breaking their signatures.`);
    }
    await q.query('ALTER TABLE history_checkpoint DROP COLUMN security_event_seq');
    if (driver === 'postgres') {
      await q.query(`DROP TRIGGER IF EXISTS security_event_no_truncate ON security_event`);
      await q.query(`DROP FUNCTION IF EXISTS security_event_no_truncate()`);
    }
    await runStatements(q, dropAppendOnlyTriggerStatements(driver, SECURITY_EVENT_HISTORY.table));
    await q.dropTable(SECURITY_EVENT_HISTORY.table);
    await q.dropTable('security_stream');
  }
}
