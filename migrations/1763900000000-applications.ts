import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { bool, id, instant, integer, ref, text, varchar } from './columns';
import { createHistoryTable, dropHistoryTable } from './history-table';

/** Applications, their team, URN counters and the append-only, hash-chained history (issue 4). */
export class Applications1763900000000 implements MigrationInterface {
  name = 'Applications1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('authority', new TableColumn(ref('spoc_authority_id', true)));
    await q.createTable(
      new Table({
        name: 'application',
        columns: [
          id(),
          varchar('urn', 40),
          ref('authority_id'),
          ref('applicant_id'),
          ref('spoc_id', true),
          ref('granted_by_id', true),
          varchar('route', 10, true),
          varchar('status', 30),
          varchar('machine_version', 10),
          integer('version'),
          text('form'),
          text('spoc_section', true),
          text('decision', true),
          bool(q, 'oral_grant', false),
          instant('written_record_due_at', true),
          instant('valid_from', true),
          instant('expires_at', true),
          ref('renewal_of', true),
          instant('submitted_for_authorisation_at', true),
          instant('judicial_approval_requested_at', true),
          varchar('history_head', 64),
          instant('created_at'),
          instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_application_urn', columnNames: ['urn'], isUnique: true }),
          new TableIndex({ name: 'ix_application_authority_status', columnNames: ['authority_id', 'status'] }),
          new TableIndex({ name: 'ix_application_applicant', columnNames: ['applicant_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'application_team_member',
        columns: [{ ...ref('application_id'), isPrimary: true }, { ...ref('user_id'), isPrimary: true }],
        indices: [new TableIndex({ name: 'ix_application_team_member_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'urn_counter',
        columns: [{ ...ref('authority_id'), isPrimary: true }, { ...integer('year'), isPrimary: true }, integer('last_value')],
      }),
    );
    await createHistoryTable(q, 'application_event', 'application_id');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropHistoryTable(q, 'application_event');
    for (const table of ['urn_counter', 'application_team_member', 'application']) {
      await q.dropTable(table);
    }
    await q.dropColumn('authority', 'spoc_authority_id');
  }
}
