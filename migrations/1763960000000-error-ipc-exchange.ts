import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { text } from './columns';

/**
 * The register's exchange with the IPC after an error is reported (docs/law.md §4.4): the initial
 * notification, the IPC's response, its request for submissions and the submissions made (IPA s.231(5)),
 * the determination, and the outcome of an operator-error investigation. One JSON column, null until the
 * first part is recorded; entries that already exist have none. Issue 13, parts 3 and 5.
 */
export class ErrorIpcExchange1763960000000 implements MigrationInterface {
  name = 'ErrorIpcExchange1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('cd_error', new TableColumn(text('ipc', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('cd_error', 'ipc');
  }
}
