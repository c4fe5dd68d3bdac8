import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, ref, text } from './columns';
import { createImmutableTriggers, dropImmutableTriggers } from './immutable-table';

/**
 * Inspectors' grants (issue 24, item 3; docs/security.md, "Inspectors"): read-only access to one authority's records
 * made in a stated period, until an expiry, granted by that authority's administrator. Never changed or removed: the
 * immutable triggers (migrations/protections.ts); a grant ends by its expiry.
 */
export class InspectionGrants1764130000000 implements MigrationInterface {
  name = 'InspectionGrants1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inspection_grant',
        columns: [id(), ref('inspector_id'), ref('authority_id'), instant('period_from'), instant('period_to'), instant('expires_at'), ref('granted_by'), instant('granted_at'), text('reason')],
        indices: [new TableIndex({ name: 'ix_inspection_grant_inspector', columnNames: ['inspector_id', 'expires_at'] })],
      }),
    );
    await createImmutableTriggers(q, 'inspection_grant');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropImmutableTriggers(q, 'inspection_grant');
    await q.dropTable('inspection_grant');
  }
}
