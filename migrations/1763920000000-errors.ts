import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, id, instant, integer, ref, text, varchar } from './columns';
import { createHistoryTable, dropHistoryTable } from './history-table';

/** The CD error register, its links and its hash-chained history (issue 6). */
export class Errors1763920000000 implements MigrationInterface {
  name = 'Errors1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'cd_error',
        columns: [
          id(),
          ref('authority_id'),
          varchar('status', 30),
          varchar('kind', 20, true),
          varchar('cause_code', 40, true),
          varchar('responsible_party', 30, true),
          bool(q, 'is_ip_related', false),
          text('report'),
          instant('discovered_at', true),
          instant('established_at', true),
          instant('report_due_at', true),
          instant('agreed_due_at', true),
          instant('reported_at', true),
          varchar('source_type', 40, true),
          ref('source_event_id', true),
          varchar('machine_version', 10),
          integer('version'),
          varchar('history_head', 64),
          instant('created_at'),
          instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_cd_error_authority_status', columnNames: ['authority_id', 'status'] }),
          new TableIndex({ name: 'ux_cd_error_source', columnNames: ['source_type', 'source_event_id'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cd_error_link',
        columns: [
          { ...ref('error_id'), isPrimary: true },
          { ...varchar('target_type', 20), isPrimary: true },
          { ...ref('target_id'), isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'ix_cd_error_link_target', columnNames: ['target_type', 'target_id'] })],
      }),
    );
    await createHistoryTable(q, 'cd_error_event', 'error_id');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropHistoryTable(q, 'cd_error_event');
    await q.dropTable('cd_error_link');
    await q.dropTable('cd_error');
  }
}
