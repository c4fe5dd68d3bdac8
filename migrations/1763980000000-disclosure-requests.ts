import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, id, instant, integer, ref, text, varchar } from './columns';
import { createHistoryTable, dropHistoryTable } from './history-table';

/** Disclosure requests to CSPs and their hash-chained history (issue 14; docs/architecture.md §6, §7.2). */
export class DisclosureRequests1763980000000 implements MigrationInterface {
  name = 'DisclosureRequests1763980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'disclosure_request',
        columns: [
          id(),
          ref('authority_id'),
          ref('application_id'),
          ref('csp_id'),
          varchar('status', 30),
          varchar('desired_status', 30, true),
          varchar('csp_status', 30, true),
          text('items'),
          varchar('csp_reference', 200, true),
          instant('sent_at', true),
          instant('cancelled_at', true),
          bool(q, 'csp_to_be_told', false),
          text('outcome'),
          varchar('machine_version', 10),
          integer('version'),
          varchar('history_head', 64),
          instant('created_at'),
          instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_disclosure_request_application', columnNames: ['application_id'] }),
          new TableIndex({ name: 'ix_disclosure_request_authority_status', columnNames: ['authority_id', 'status'] }),
        ],
      }),
    );
    await createHistoryTable(q, 'disclosure_request_event', 'request_id');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropHistoryTable(q, 'disclosure_request_event');
    await q.dropTable('disclosure_request');
  }
}
