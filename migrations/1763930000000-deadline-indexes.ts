import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** Indexes for the pollers' and need-to-know queries that do not lead with the authority (review of issue 4–6). */
const INDEXES: [string, string, string[]][] = [
  ['application', 'ix_application_status_expires', ['status', 'expires_at']],
  ['application', 'ix_application_written_record_due', ['written_record_due_at']],
  ['application', 'ix_application_ocda_view', ['route', 'submitted_for_authorisation_at']],
  ['application', 'ix_application_jc_view', ['judicial_approval_requested_at']],
  ['cd_error', 'ix_cd_error_due', ['status', 'report_due_at', 'agreed_due_at']],
];

export class DeadlineIndexes1763930000000 implements MigrationInterface {
  name = 'DeadlineIndexes1763930000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name);
  }
}
