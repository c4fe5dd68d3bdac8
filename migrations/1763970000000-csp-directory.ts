import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, id, instant, integer, text, varchar } from './columns';

/**
 * The national directory of communications service providers (issue 14, item 1): what each CSP answers,
 * how it returns it, the time zone of its files and the address its IP resolutions give. Code and ETSI
 * endpoint identifier are unique; a portal-only CSP has no endpoint identifier (NULLs are distinct in a
 * unique index on both drivers).
 */
export class CspDirectory1763970000000 implements MigrationInterface {
  name = 'CspDirectory1763970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'csp',
        columns: [
          id(),
          varchar('code', 40),
          varchar('name', 200),
          varchar('etsi_endpoint_id', 200, true),
          text('data_types'),
          text('identifier_kinds'),
          text('return_formats'),
          varchar('file_time_zone', 64),
          varchar('ip_resolution_address', 20, true),
          bool(q, 'portal_only', false),
          bool(q, 'active', true),
          integer('version'),
          instant('created_at'),
          instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_csp_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ux_csp_etsi_endpoint_id', columnNames: ['etsi_endpoint_id'], isUnique: true }),
          new TableIndex({ name: 'ix_csp_active_name', columnNames: ['active', 'name'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('csp');
  }
}
