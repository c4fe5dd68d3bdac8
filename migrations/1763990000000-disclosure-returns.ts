import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, integer, ref, text, varchar } from './columns';

/**
 * Returns from CSPs, their checks and the records read from them (issue 15; docs/architecture.md §6;
 * docs/returns.md). The file chunks table has no entity: its bytes column is `bytea` on PostgreSQL and `blob`
 * on SQLite, which one entity decorator cannot say, and only `ReturnFileStore` reads or writes it.
 */
export class DisclosureReturns1763990000000 implements MigrationInterface {
  name = 'DisclosureReturns1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'disclosure_return',
        columns: [
          id(),
          ref('request_id'),
          ref('authority_id'),
          ref('application_id'),
          varchar('data_item_ref', 100),
          varchar('record_type', 20),
          varchar('format', 10),
          varchar('file_name', 255),
          varchar('content_type', 100),
          integer('size_bytes'),
          varchar('sha256', 64),
          varchar('delivery_id', 200),
          integer('sequence_number'),
          { name: 'last_sequence', type: 'boolean' },
          { name: 'nil', type: 'boolean' },
          { name: 'quarantined', type: 'boolean' },
          { name: 'after_end', type: 'boolean' },
          integer('row_count'),
          integer('clean_row_count'),
          varchar('time_zone', 64, true),
          ref('received_by'),
          instant('received_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_disclosure_return_file', columnNames: ['request_id', 'sha256'], isUnique: true }),
          new TableIndex({ name: 'ix_disclosure_return_application', columnNames: ['application_id'] }),
          new TableIndex({
            name: 'ux_disclosure_return_part',
            columnNames: ['request_id', 'data_item_ref', 'delivery_id', 'sequence_number'],
            isUnique: true,
          }),
        ],
      }),
    );
    const bytes = q.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.query(
      `CREATE TABLE disclosure_return_file_chunk (return_id varchar(36) NOT NULL, chunk_index integer NOT NULL, data ${bytes} NOT NULL, PRIMARY KEY (return_id, chunk_index))`,
    );
    await q.createTable(
      new Table({
        name: 'disclosure_return_check',
        columns: [
          id(),
          ref('return_id'),
          ref('request_id'),
          varchar('code', 40),
          integer('row_count'),
          text('row_numbers'),
          text('detail'),
          ref('outbox_event_id'),
          varchar('review_decision', 20, true),
          text('review_reason', true),
          ref('reviewed_by', true),
          instant('reviewed_at', true),
          instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_disclosure_return_check_request', columnNames: ['request_id'] }),
          new TableIndex({ name: 'ux_disclosure_return_check_code', columnNames: ['return_id', 'code'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'acquired_record',
        columns: [
          { ...ref('return_id'), isPrimary: true },
          { ...integer('row_number'), isPrimary: true },
          ref('request_id'),
          varchar('record_type', 20),
          varchar('identifier', 300, true),
          varchar('other_party', 300, true),
          varchar('at_utc', 24, true),
          varchar('until_utc', 24, true),
          varchar('source_offset', 6, true),
          varchar('local_time', 40, true),
          { ...integer('duration_seconds'), isNullable: true },
          varchar('event_type', 20, true),
          varchar('direction', 10, true),
          varchar('cell_id', 64, true),
          { ...integer('port'), isNullable: true },
          varchar('name', 200, true),
          varchar('address', 500, true),
          varchar('address_type', 20, true),
          varchar('flags', 200, true),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('acquired_record');
    await q.dropTable('disclosure_return_check');
    await q.query('DROP TABLE disclosure_return_file_chunk');
    await q.dropTable('disclosure_return');
  }
}
