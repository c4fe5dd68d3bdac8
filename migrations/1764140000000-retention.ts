import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, ref, text, varchar } from './columns';
import { createImmutableTriggers, dropImmutableTriggers } from './immutable-table';

/** The tables of retention and destruction that are never changed once written (migrations/protections.ts). */
export const RETENTION_IMMUTABLE_TABLES = ['legal_hold', 'legal_hold_release', 'destruction_certificate'] as const;

/**
 * Retention and destruction (issue 24, item 6; docs/retention.md): the review marks the job writes, legal holds and
 * their releases, destruction certificates, and on `retention_decision` the date a decision to retain sets for the
 * next review. The column is added with plain `ALTER TABLE … ADD COLUMN`: TypeORM's SQLite `addColumn` rebuilds the
 * table, which would drop its immutable triggers.
 */
export class Retention1764140000000 implements MigrationInterface {
  name = 'Retention1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE retention_decision ADD COLUMN review_again_at varchar(24)');
    await q.createTable(
      new Table({
        name: 'retention_review',
        columns: [id(), varchar('record_type', 30), ref('record_id'), ref('authority_id'), instant('closed_at'), instant('due_at'), instant('marked_at'), ref('decision_id', true)],
        indices: [
          new TableIndex({ name: 'ux_retention_review_due', columnNames: ['record_type', 'record_id', 'due_at'], isUnique: true }),
          new TableIndex({ name: 'ix_retention_review_authority', columnNames: ['authority_id', 'decision_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'legal_hold',
        columns: [id(), varchar('record_type', 30), ref('record_id'), ref('authority_id'), varchar('kind', 30), text('reason'), ref('placed_by'), instant('placed_at')],
        indices: [new TableIndex({ name: 'ix_legal_hold_record', columnNames: ['record_type', 'record_id'] })],
      }),
    );
    await q.createTable(new Table({ name: 'legal_hold_release', columns: [id('hold_id'), text('reason'), ref('released_by'), instant('released_at')] }));
    await q.createTable(
      new Table({
        name: 'destruction_certificate',
        columns: [
          id(),
          ref('decision_id'),
          varchar('record_type', 30),
          ref('record_id'),
          ref('authority_id'),
          text('deleted_fields'),
          ref('acquired_in_error_id', true),
          varchar('history_head', 64),
          ref('destroyed_by'),
          instant('destroyed_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_destruction_certificate_decision', columnNames: ['decision_id'], isUnique: true }),
          new TableIndex({ name: 'ix_destruction_certificate_record', columnNames: ['record_type', 'record_id'] }),
        ],
      }),
    );
    for (const table of RETENTION_IMMUTABLE_TABLES) await createImmutableTriggers(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of RETENTION_IMMUTABLE_TABLES) await dropImmutableTriggers(q, table);
    for (const table of ['destruction_certificate', 'legal_hold_release', 'legal_hold', 'retention_review']) await q.dropTable(table);
    await q.query('ALTER TABLE retention_decision DROP COLUMN review_again_at');
  }
}
